/**
 * Loading and validating a factor library. Libraries are passed in (from the
 * bundled JSON, a file, or a verifier's copy); the engine never imports data.
 */
import { Dec } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { FactorsFileSchema, LibraryMetaSchema, type Factor, type LibraryMeta } from "./schema";

/** A factor with its library and its value parsed once. */
export interface LoadedFactor {
  readonly factor: Factor;
  readonly library: LibraryMeta;
  readonly value: Dec;
}

export interface FactorLibrary {
  readonly meta: LibraryMeta;
  readonly factors: readonly LoadedFactor[];
}

export interface LoadOptions {
  /** Exact text of factors.json, to check against meta.dataSha256 with `sha256`. */
  factorsText?: string;
  /** A SHA-256 function (hex digest of UTF-8 text), passed in because the engine has no crypto of its own. */
  sha256?: (text: string) => string;
}

function describeZodError(err: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** Validates a library's metadata and factors and parses every value once. */
export function loadLibrary(rawMeta: unknown, rawFactors: unknown, options: LoadOptions = {}): FactorLibrary {
  const metaParse = LibraryMetaSchema.safeParse(rawMeta);
  const libName = typeof rawMeta === "object" && rawMeta && "id" in rawMeta ? String((rawMeta as { id: unknown }).id) : "?";
  if (!metaParse.success) fail("LIBRARY_INVALID", { library: libName, detail: describeZodError(metaParse.error) });
  const meta = metaParse.data;
  const factorsParse = FactorsFileSchema.safeParse(rawFactors);
  if (!factorsParse.success) fail("LIBRARY_INVALID", { library: meta.id, detail: describeZodError(factorsParse.error) });
  if (factorsParse.data.length !== meta.factorCount) {
    fail("LIBRARY_INVALID", { library: meta.id, detail: `factorCount ${meta.factorCount} but ${factorsParse.data.length} factors` });
  }
  if (options.factorsText !== undefined && options.sha256) {
    const actual = options.sha256(options.factorsText);
    if (actual !== meta.dataSha256) fail("LIBRARY_HASH_MISMATCH", { library: meta.id, expected: meta.dataSha256, actual });
  }
  const factors = factorsParse.data.map((factor) => ({ factor, library: meta, value: new Dec(factor.value) }));
  return { meta, factors };
}

/** "desnz-2025@1.0.0" */
export function libraryRef(meta: Pick<LibraryMeta, "id" | "version">): string {
  return `${meta.id}@${meta.version}`;
}
