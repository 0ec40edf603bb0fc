/**
 * The structural part of `esg verify`: everything that can be checked without recomputing —
 * container, hashes, signature and signer, manifest and counts (via `readBundle`), and that the
 * method and factor library versions the bundle pins are ones this engine knows (same id, version
 * and data hash). Recomputing results and ledgers from the normalized records is the pipeline's part.
 */
import { readBundle, type BundleProblem, type BundleReadResult, type ReadOptions } from "./bundle";
import { ENTRY } from "./manifest";

export interface KnownVersions {
  methods: ReadonlyArray<{ id: string; version: string }>;
  libraries: ReadonlyArray<{ id: string; version: string; dataSha256: string }>;
}

export type CheckStatus = "pass" | "fail" | "not-run";

export interface VerificationCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface StructureReport extends BundleReadResult {
  ok: boolean;
  checks: VerificationCheck[];
}

export type VersionProblemCode = "UNKNOWN_METHOD" | "UNKNOWN_LIBRARY";

/** Reads a bundle and checks it against the method and libraries this engine knows. */
export function verifyBundleStructure(bytes: Uint8Array, options: ReadOptions & { known: KnownVersions }): StructureReport {
  const read = readBundle(bytes, options);
  const problems: BundleProblem[] = [...read.problems];
  const versionProblems: string[] = [];
  if (read.manifest) {
    const m = read.manifest;
    if (!options.known.methods.some((k) => k.id === m.method.id && k.version === m.method.version)) {
      versionProblems.push(`method ${m.method.id} ${m.method.version} is not known to this engine`);
    }
    for (const lib of m.factorLibraries) {
      const k = options.known.libraries.find((x) => x.id === lib.id && x.version === lib.version);
      if (!k) versionProblems.push(`factor library ${lib.id}@${lib.version} is not known to this engine`);
      else if (k.dataSha256 !== lib.dataSha256) versionProblems.push(`factor library ${lib.id}@${lib.version}: the bundle pins data ${lib.dataSha256}, this engine has ${k.dataSha256}`);
    }
  }
  for (const v of versionProblems) problems.push({ entry: ENTRY.manifest, code: "MANIFEST_INVALID", message: v });
  const has = (...codes: string[]) => read.problems.filter((p) => codes.includes(p.code));
  const check = (name: string, failing: ReadonlyArray<BundleProblem | string>, passDetail: string, notRun = false): VerificationCheck => ({
    name,
    status: notRun ? "not-run" : failing.length ? "fail" : "pass",
    detail: notRun ? passDetail : failing.length ? failing.map((p) => (typeof p === "string" ? p : p.message)).join("; ") : passDetail,
  });
  const refused = has("ARCHIVE_REFUSED").length > 0;
  const signatureFailures: Array<BundleProblem | string> = has("SIGNATURE_INVALID", "KEY_INVALID");
  if (!signatureFailures.length && !read.signer?.signatureValid) signatureFailures.push("no signature could be checked (signer.pub.pem, SHA256SUMS or SHA256SUMS.sig missing)");
  const checks: VerificationCheck[] = [
    check("archive", has("ARCHIVE_REFUSED", "ENTRY_DAMAGED", "NOT_CANONICAL"), refused ? "" : `${read.entries.size} entries, canonical container, CRC-32 checked`),
    check("entries", has("MISSING_ENTRY", "EXTRA_ENTRY", "SUMS_MALFORMED"), "every entry of bundle format 1.0 present and listed in SHA256SUMS", refused),
    check("hashes", has("HASH_MISMATCH"), "every entry matches its SHA-256 in SHA256SUMS", refused),
    check("signature", signatureFailures, `Ed25519 signature of SHA256SUMS valid (key ${read.signer?.fingerprint ?? "?"})`, refused),
    check("signer", read.signer ? has("UNKNOWN_KEY") : ["no signer key to check"], `key ${read.signer?.fingerprint ?? "?"}${read.signer?.name ? ` (${read.signer.name})` : ""} is trusted`, refused),
    check("manifest", [...has("MANIFEST_INVALID", "ENTRY_INVALID", "COUNT_MISMATCH")], "manifest valid; JSON entries canonical; counts reconcile", refused),
    check("versions", versionProblems, read.manifest ? `method ${read.manifest.method.id} ${read.manifest.method.version} and ${read.manifest.factorLibraries.length} factor libraries known` : "no manifest", refused || !read.manifest),
  ];
  return { ...read, problems, checks, ok: problems.length === 0 };
}
