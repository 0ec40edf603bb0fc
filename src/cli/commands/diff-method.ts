/**
 * `esg diff-method <bundle.zip> [--libraries id@version,...] [--gwp AR6] [--factor-year 2024] [--json]`:
 * recomputes a bundle's records under other factor library versions or settings and reports what
 * changes and by how much, per ledger line and total (absolute and %).
 */
import { FactorRegistry, METHOD, diffMethod, readBundle, type GwpInput, type PipelineSettings } from "../../engine";
import { bundledLibraries } from "../../bundled/libraries";
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { nodeCrypto, nodeInflateRaw } from "../crypto-node";
import { parseArgs, table, UsageError, type CliIo } from "../io";
import { readBundleFile } from "./verify";

export const DIFF_METHOD_HELP = `esg diff-method <bundle.zip> [--libraries desnz-2024@1.0.0,...] [--gwp AR4|AR5|AR6] [--factor-year N] [--json]
  Recomputes the bundle's records under other factor library versions (only those libraries are loaded)
  and/or settings, and lists every ledger line and total that changes: stated, recomputed, change, %.`;

/** A registry of the bundled libraries named "id@version" (in that order of preference); fails on one not bundled. */
export function registryFor(refs: readonly string[]): FactorRegistry {
  const all = bundledLibraries();
  const libs = refs.map((ref) => {
    const [id, version] = ref.split("@");
    const lib = all.find((l) => l.meta.id === id && (version === undefined || l.meta.version === version));
    if (!lib) throw new UsageError(`factor library ${ref} is not bundled with this engine (bundled: ${all.map((l) => `${l.meta.id}@${l.meta.version}`).join(", ")})`);
    return lib;
  });
  return new FactorRegistry(libs, libs.map((l) => l.meta.id));
}

export function diffMethodCommand(argv: readonly string[], io: CliIo): number {
  const { positional, flags } = parseArgs(argv, ["json"]);
  const file = positional[0];
  if (!file) throw new UsageError("esg diff-method needs a bundle file");
  const read = readBundle(readBundleFile(file), { crypto: nodeCrypto, trustedKeys: [], inflateRaw: nodeInflateRaw });
  const damage = read.problems.filter((p) => p.code !== "UNKNOWN_KEY");
  if (damage.length || !read.manifest) {
    io.err(`${file} does not pass its integrity checks:\n${damage.map((p) => `  ${p.entry}: ${p.code}: ${p.message}`).join("\n")}`);
    return 1;
  }
  const libsFlag = flags.get("libraries");
  if (libsFlag === true) throw new UsageError("--libraries needs a list, e.g. desnz-2024@1.0.0,epa-hub-2025@1.0.0");
  const libs = libsFlag ? libsFlag.split(",").map((s) => s.trim()).filter(Boolean) : read.manifest.factorLibraries.map((l) => `${l.id}@${l.version}`);
  const override: Partial<PipelineSettings> = {};
  const gwp = flags.get("gwp");
  if (gwp !== undefined) {
    if (gwp === true || !/^AR[456]$/i.test(gwp)) throw new UsageError("--gwp must be AR4, AR5 or AR6");
    override.gwpSet = gwp.toUpperCase() as GwpInput;
  }
  const year = flags.get("factor-year");
  if (year !== undefined) {
    if (year === true || !/^\d{4}$/.test(year)) throw new UsageError("--factor-year must be a year");
    override.factorYear = Number(year);
  }
  const d = diffMethod(read.entries, { registry: registryFor(libs), taxonomy: bundledTaxonomy(), settingsOverride: override });
  const what = `${libs.join(", ")}${override.gwpSet ? `, GWP ${override.gwpSet}` : ""}${override.factorYear ? `, factor year ${override.factorYear}` : ""}`;
  if (flags.has("json")) {
    io.out(JSON.stringify({ bundle: file, under: { libraries: libs, settings: override }, pinned: read.manifest.factorLibraries, method: METHOD.id, ...d }, null, 2));
    return 0;
  }
  io.out(`${file}: recomputed under ${what}`);
  io.out(`${d.rows} rows; ${d.rowsChanged} rows change${d.rowsRejected ? `; ${d.rowsRejected} rows no longer compute` : ""}`);
  if (d.changes.length === 0) io.out("no ledger line or total changes");
  else io.out(table(["ledger", "line", "unit", "stated", "recomputed", "change", "%"], d.changes.map((c) => [c.ledger, c.line, c.unit, c.stated, c.recomputed, c.change, c.percent === null ? "n/a" : `${Number(c.percent).toFixed(2)} %`]), 70));
  for (const n of d.notes) io.out(`note: ${n}`);
  return 0;
}
