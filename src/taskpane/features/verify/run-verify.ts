/**
 * Verify: a verifier opens a submission bundle. The step checks it as `esg verify` does — container,
 * every hash, the signature and whether its key is trusted, the manifest and counts, the pinned
 * method and factor library versions (`verifyBundleStructure`) — recomputes every per-row result,
 * ledger and disclosure value from records.jsonl and settings.json with the pinned libraries and
 * re-checks the mass balance, credit shares and no-stacking (`recomputeSubmission`), then compares
 * each per-row result of the bundle with the result cells of the open workbook's results table.
 * Differences become findings, exportable in the findings file format (docs/verification.md).
 */
import {
  ENTRY,
  FINDINGS_FORMAT,
  FactorRegistry,
  FindingsFileSchema,
  METHOD,
  RECORD_KINDS,
  ROW_COMPUTED,
  bundleJson,
  bundleLines,
  exactSum,
  pemToDer,
  plain,
  publicKeyFingerprint,
  recomputeSubmission,
  rowLines,
  runPipeline,
  settingsFromJson,
  anySheetKindOf,
  toDec,
  verifyBundleStructure,
  Dec,
  type Dataset,
  type Finding,
  type FindingsFile,
  type LineCode,
  type MappingTemplate,
  type Manifest,
  type PipelineSettings,
  type RecomputeReport,
  type RecordKind,
  type StructureReport,
  type TrustedKey,
} from "../../../engine";
import { bundledLibraries } from "../../../bundled/libraries";
import type { CellValue, WorkbookGateway } from "../../../office/gateway";
import { browserCrypto } from "../../crypto-browser";
import { services } from "../../services";
import { tableName } from "../calculate/run-calculation";

/** Trusted keys from pasted text: PEM public keys and/or 64-hex fingerprints (colons allowed). */
export function parseTrusted(text: string, label = "pasted"): { keys: TrustedKey[]; problems: string[] } {
  const keys: TrustedKey[] = [];
  const problems: string[] = [];
  const pems = text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
  for (const pem of pems) {
    if (/PRIVATE KEY/.test(pem)) {
      problems.push("a PRIVATE key was pasted: a verifier needs only the public key (and the private key should not leave its holder)");
      continue;
    }
    const fp = publicKeyFingerprint(pem, browserCrypto);
    if (fp) keys.push({ fingerprint: fp, name: label });
    else problems.push(pemToDer(pem, "PUBLIC KEY") ? "a public key that is not Ed25519 was ignored" : "a PEM block that is not a public key was ignored");
  }
  const rest = text.replace(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, " ");
  for (const token of rest.split(/[\s,;]+/).filter(Boolean)) {
    const fp = token.toLowerCase().replace(/:/g, "");
    if (/^[0-9a-f]{64}$/.test(fp)) keys.push({ fingerprint: fp, name: "fingerprint" });
    else problems.push(`'${token.slice(0, 20)}${token.length > 20 ? "…" : ""}' is neither a fingerprint (64 hex digits) nor a PEM public key`);
  }
  return { keys, problems };
}

/** The registry of the factor library versions a bundle pins (null when one is not bundled with this engine). */
function registryFor(manifest: Manifest): FactorRegistry | null {
  const all = bundledLibraries();
  const libs = manifest.factorLibraries.map((l) => all.find((x) => x.meta.id === l.id && x.meta.version === l.version));
  if (libs.some((l) => !l)) return null;
  const list = libs as NonNullable<(typeof libs)[number]>[];
  return new FactorRegistry(list, list.map((l) => l.meta.id));
}

export const COMPARED_COLUMNS = ["Inventory kg CO2e", "Avoided kg CO2e", "Material flow kg"] as const;
export type ComparedColumn = (typeof COMPARED_COLUMNS)[number];

/** One difference between the bundle and the open workbook (or the recompute). */
export interface RowFinding {
  ref: string;
  sheet: string;
  /** Sheet row. */
  row: number;
  column: ComparedColumn | "Status";
  /** What the bundle states (exact decimal), "" when nothing. */
  bundle: string;
  /** What the workbook's results table holds, "" when nothing. */
  workbook: string;
  /** What the recompute gives (exact decimal), "" when nothing. */
  recomputed: string;
  message: string;
}

export interface WorkbookComparison {
  /** Sheets whose results table was compared, with the table name. */
  tables: Array<{ sheet: string; table: string; found: boolean }>;
  rowsCompared: number;
  /** Cells holding a formula the host did not evaluate (not compared). */
  notEvaluated: number;
  findings: RowFinding[];
  notes: string[];
}

export interface VerifyOutcome {
  fileName: string;
  sha256: string;
  size: number;
  structure: StructureReport;
  /** Whether the recompute ran, and why not. */
  recomputeStatus: { status: "pass" | "fail" | "not-run"; detail: string };
  recompute: RecomputeReport | null;
  comparison: WorkbookComparison | null;
  /** Rule checks from the recompute: mass balance, credit shares, no stacking, one claim per lot. */
  rules: Array<{ rule: string; ok: boolean; messages: string[] }>;
  ok: boolean;
}

const RULES = ["mass balance", "credit shares", "no stacking", "one claim per lot"];
const DAMAGE = ["ARCHIVE_REFUSED", "ENTRY_DAMAGED", "MISSING_ENTRY", "HASH_MISMATCH", "ENTRY_INVALID", "MANIFEST_INVALID", "SUMS_MALFORMED", "COUNT_MISMATCH"];

interface RowSums {
  inventory: Dec | null;
  avoided: Dec | null;
  flow: Dec | null;
}

/** The three per-row sums the results table shows (same predicates as the Calculate step). */
function sums(lines: ReadonlyArray<{ code: Pick<LineCode, "ledger" | "inTotal">; value: Dec }>): RowSums {
  const pick = (pred: (l: Pick<LineCode, "ledger" | "inTotal">) => boolean) => {
    const parts = lines.filter((l) => pred(l.code)).map((l) => l.value);
    return parts.length ? exactSum(parts) : null;
  };
  return {
    inventory: pick((c) => c.ledger === "inventory" && c.inTotal),
    avoided: pick((c) => c.ledger === "avoided" && c.inTotal),
    flow: pick((c) => c.ledger === "materialFlow"),
  };
}

const cellText = (v: CellValue | undefined): string => (v === undefined || v === "" ? "" : typeof v === "number" ? String(v) : String(v));

/**
 * Equal within the precision of an Excel number. A cell holding one ESG call holds the exact value
 * rounded to 15 significant digits; a formula adding several calls adds doubles, which can move the
 * last few bits. 1e-12 relative allows that (about a thousand units in the last place) and nothing a
 * person would type: any edit to a result cell is reported.
 */
export function sameNumber(exact: Dec | null, cell: CellValue | undefined): boolean {
  if (exact === null) return cell === undefined || cell === "";
  if (typeof cell !== "number") return false;
  const a = exact.toNumber();
  const tolerance = 1e-12 * Math.max(Math.abs(a), Math.abs(cell));
  return Math.abs(a - cell) <= tolerance;
}

/** Reads a results table into sheet row -> cells (Row, Status, Inventory, Avoided, Material flow, Note). */
async function readResultsTable(gateway: WorkbookGateway, table: string): Promise<Map<number, CellValue[]>> {
  const rows = new Map<number, CellValue[]>();
  let header = true;
  for await (const block of gateway.readRows({ table })) {
    for (const r of block.values) {
      if (header) {
        header = false;
        continue;
      }
      if (typeof r[0] === "number") rows.set(r[0], r);
    }
  }
  return rows;
}

/** Per-row stated and recomputed sums, and the line codes, from one pipeline run over records.jsonl. */
function perRow(entries: ReadonlyMap<string, Uint8Array>, settings: PipelineSettings, registry: FactorRegistry): { stated: Map<string, RowSums>; recomputed: Map<string, RowSums>; kinds: Map<string, { kind: RecordKind; row: number }> } {
  const records = (bundleLines(entries, ENTRY.records) ?? []) as Array<{ kind: RecordKind; row: number; ref: string; record: unknown }>;
  const ds: Record<RecordKind, unknown[]> = Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as Record<RecordKind, unknown[]>;
  const where = records.filter((r) => (RECORD_KINDS as readonly string[]).includes(r.kind)).map((r) => ({ ...r, index: ds[r.kind].push(r.record) - 1 }));
  const run = { ...settings };
  delete run.massBalance;
  const out = runPipeline(ds as Dataset, { registry, taxonomy: services().taxonomy, settings: run });
  const codes = new Map(out.codes.map((c) => [c.id, c]));
  const recomputed = new Map<string, RowSums>();
  const kinds = new Map<string, { kind: RecordKind; row: number }>();
  for (const w of where) {
    kinds.set(w.ref, { kind: w.kind, row: w.row });
    if (out.status[out.offsets[w.kind] + w.index] !== ROW_COMPUTED) continue;
    recomputed.set(w.ref, sums(rowLines(out, w.kind, w.index).map((l) => ({ code: l.code, value: l.value }))));
  }
  const stated = new Map<string, RowSums>();
  for (const r of (bundleLines(entries, ENTRY.results) ?? []) as Array<{ ref?: string; lines?: Array<{ code?: string; value?: string }> }>) {
    if (typeof r.ref !== "string") continue;
    const lines = (r.lines ?? []).flatMap((l) => {
      if (typeof l.code !== "string" || typeof l.value !== "string") return [];
      const known = codes.get(l.code);
      const ledger = (known?.ledger ?? l.code.split("/")[0]) as LineCode["ledger"];
      const value = toDec(l.value);
      return value ? [{ code: { ledger, inTotal: known?.inTotal ?? true }, value }] : [];
    });
    stated.set(r.ref, sums(lines));
  }
  return { stated, recomputed, kinds };
}

/** Compares the bundle's per-row results with the open workbook's results tables. */
async function compareWithWorkbook(gateway: WorkbookGateway, entries: ReadonlyMap<string, Uint8Array>, per: ReturnType<typeof perRow>): Promise<WorkbookComparison> {
  const comparison: WorkbookComparison = { tables: [], rowsCompared: 0, notEvaluated: 0, findings: [], notes: [] };
  const mapping = bundleJson(entries, ENTRY.mapping) as { sheets?: Record<string, unknown> } | null;
  const sheets = mapping && typeof mapping === "object" && mapping.sheets && typeof mapping.sheets === "object" ? Object.entries(mapping.sheets) : [];
  if (sheets.length === 0) {
    comparison.notes.push("mapping.json names no sheets: nothing to compare with the workbook.");
    return comparison;
  }
  const byKind = new Map<RecordKind, string[]>();
  for (const [sheet, t] of sheets) {
    // mapping.json holds the template in canonical JSON (fractional confidences became decimal strings), so
    // only the mapped fields are read here: they decide the sheet's kind, as in datasetFromAnySheet.
    const columns = (t as { columns?: unknown } | null)?.columns;
    if (!Array.isArray(columns)) {
      comparison.notes.push(`the mapping of sheet '${sheet}' has no columns`);
      continue;
    }
    const kind = anySheetKindOf({ columns: columns.map((c: { field?: unknown }) => ({ field: typeof c?.field === "string" ? c.field : null })) } as unknown as MappingTemplate) as RecordKind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), sheet]);
  }
  const tables = new Set((await gateway.listTables()).map((t) => t.name));
  const fmt = (d: Dec | null | undefined) => (d === null || d === undefined ? "" : plain(d));
  for (const [kind, list] of byKind) {
    if (list.length > 1) {
      comparison.notes.push(`sheets ${list.map((s) => `'${s}'`).join(", ")} hold the same kind of records (${kind}); their rows cannot be told apart, so they are not compared.`);
      continue;
    }
    const sheet = list[0]!;
    const table = tableName(sheet);
    const found = tables.has(table);
    comparison.tables.push({ sheet, table, found });
    if (!found) {
      comparison.notes.push(`the open workbook has no results table ${table} (sheet '${sheet}'): Calculate in the workbook to compare.`);
      continue;
    }
    const cells = await readResultsTable(gateway, table);
    const seen = new Set<number>();
    for (const [ref, k] of per.kinds) {
      if (k.kind !== kind) continue;
      const stated = per.stated.get(ref);
      if (!stated) continue;
      seen.add(k.row);
      const rec = per.recomputed.get(ref) ?? null;
      const row = cells.get(k.row);
      const base = { ref, sheet, row: k.row };
      if (!row || row[1] !== "computed") {
        comparison.findings.push({ ...base, column: "Status", bundle: "computed", workbook: row ? cellText(row[1]) : "absent", recomputed: rec ? "computed" : "rejected", message: `${ref}: the bundle has a result; the workbook's results table ${row ? `says '${cellText(row[1])}'` : "has no row"} ${row?.[5] ? `(${cellText(row[5])})` : ""}`.trim() });
        continue;
      }
      comparison.rowsCompared++;
      const values: Array<[ComparedColumn, Dec | null, Dec | null, CellValue | undefined]> = [
        ["Inventory kg CO2e", stated.inventory, rec?.inventory ?? null, row[2]],
        ["Avoided kg CO2e", stated.avoided, rec?.avoided ?? null, row[3]],
        ["Material flow kg", stated.flow, rec?.flow ?? null, row[4]],
      ];
      for (const [column, s, r, cell] of values) {
        if (typeof cell === "string" && cell.startsWith("=")) {
          comparison.notEvaluated++;
          continue;
        }
        if (!sameNumber(s, cell)) {
          comparison.findings.push({ ...base, column, bundle: fmt(s), workbook: cellText(cell), recomputed: rec ? fmt(r) : "rejected", message: `${ref} ${column}: bundle ${fmt(s) || "nothing"}, workbook ${cellText(cell) || "nothing"}, recomputed ${rec ? fmt(r) || "nothing" : "rejected"}` });
        }
      }
    }
    for (const [r, row] of cells) {
      if (row[1] === "computed" && !seen.has(r) && typeof row[2] === "number") {
        const ref = `${kind}#${r}`;
        comparison.findings.push({ ref, sheet, row: r, column: "Status", bundle: "", workbook: "computed", recomputed: "", message: `${ref}: the workbook has a computed result the bundle does not contain` });
      }
    }
  }
  return comparison;
}

/** Verifies a bundle's bytes and compares it with the open workbook. */
export async function verifyBundle(gateway: WorkbookGateway, bytes: Uint8Array, fileName: string, trustedKeys: readonly TrustedKey[]): Promise<VerifyOutcome> {
  const known = { methods: [{ id: METHOD.id, version: METHOD.version }], libraries: METHOD.libraries };
  const structure = verifyBundleStructure(bytes, { crypto: browserCrypto, trustedKeys, known });
  const sha256 = browserCrypto.sha256(bytes);
  const damaged = structure.problems.some((p) => DAMAGE.includes(p.code) && !/not known to this engine|pins data/.test(p.message));
  let recompute: RecomputeReport | null = null;
  let recomputeStatus: VerifyOutcome["recomputeStatus"] = { status: "not-run", detail: "not run: the bundle does not pass its integrity checks" };
  let comparison: WorkbookComparison | null = null;
  const registry = structure.manifest ? registryFor(structure.manifest) : null;
  if (!damaged && structure.manifest && !registry) recomputeStatus = { status: "not-run", detail: "not run: a pinned factor library version is not bundled with this engine" };
  if (!damaged && structure.manifest && registry) {
    recompute = recomputeSubmission(structure.entries, { registry, taxonomy: services().taxonomy, label: fileName });
    const violations = recompute.findings.filter((f) => f.type === "violation").length;
    const ledgerDiffs = recompute.findings.filter((f) => f.type === "difference" && f.entry !== ENTRY.results).length;
    recomputeStatus = recompute.ok
      ? { status: "pass", detail: `${recompute.rows} rows: every result, ledger and disclosure value equal; mass balance, credit shares and no-stacking hold` }
      : { status: "fail", detail: `${recompute.rowsDiffering} of ${recompute.rows} rows differ; ${ledgerDiffs} ledger/disclosure values differ; ${violations} rule violation(s)` };
    try {
      const per = perRow(structure.entries, settingsFromJson(bundleJson(structure.entries, ENTRY.settings)), registry);
      comparison = await compareWithWorkbook(gateway, structure.entries, per);
    } catch (e) {
      comparison = { tables: [], rowsCompared: 0, notEvaluated: 0, findings: [], notes: [`the comparison with the workbook could not run: ${e instanceof Error ? e.message : String(e)}`] };
    }
  }
  const rules = RULES.map((rule) => {
    const messages = (recompute?.findings ?? []).filter((f) => f.type === "violation" && f.rule === rule).map((f) => f.message);
    return { rule, ok: recompute !== null && messages.length === 0, messages };
  });
  const ok = structure.ok && recomputeStatus.status === "pass" && (comparison?.findings.length ?? 0) === 0;
  return { fileName, sha256, size: bytes.length, structure, recomputeStatus, recompute, comparison, rules, ok };
}

/** The findings of a verification in the findings file format 1.0 (docs/verification.md). */
export function findingsFileOf(o: VerifyOutcome, options: { verifier?: string; assurance?: "limited" | "reasonable"; materiality?: string } = {}): FindingsFile {
  const m = o.structure.manifest;
  const findings: Finding[] = [];
  let n = 0;
  const id = () => `F-${String(++n).padStart(3, "0")}`;
  const misstatement = (stated: string, recomputed: string): string => {
    const a = toDec(stated || "0");
    const b = toDec(recomputed || "0");
    return a && b ? plain(a.minus(b)) : "0";
  };
  for (const f of o.recompute?.findings ?? []) {
    if (f.type !== "difference" || f.entry !== ENTRY.results || !f.ref) continue;
    findings.push({ id: id(), recordRef: f.ref, lineItem: "Per-row result (recompute)", misstatementKgCo2e: misstatement(f.stored ?? "0", f.recomputed ?? "0"), kind: "factual", corrected: false, note: f.message });
  }
  for (const f of o.comparison?.findings ?? []) {
    const inventory = f.column === "Inventory kg CO2e";
    findings.push({
      id: id(),
      recordRef: f.ref,
      lineItem: inventory ? "Inventory (per-row, location-based)" : f.column === "Status" ? "Per-row result present" : `${f.column} (not an inventory misstatement)`,
      // Reported (the bundle) minus correct (the recompute); the workbook's value is in the note.
      misstatementKgCo2e: inventory && f.recomputed !== "rejected" ? misstatement(f.bundle, f.recomputed) : "0",
      kind: "factual",
      corrected: false,
      note: `workbook vs bundle: ${f.message} (sheet '${f.sheet}', row ${f.row})`,
    });
  }
  for (const p of o.structure.problems) findings.push({ id: id(), recordRef: p.entry, lineItem: "Bundle integrity", misstatementKgCo2e: "0", kind: "factual", corrected: false, note: `${p.code}: ${p.message}` });
  for (const f of o.recompute?.findings ?? []) {
    if (f.type === "violation" || (f.type === "difference" && f.entry !== ENTRY.results)) findings.push({ id: id(), recordRef: f.ref ?? f.entry, lineItem: f.rule ?? f.entry, misstatementKgCo2e: "0", kind: "factual", corrected: false, note: f.message });
  }
  const inv = o.structure.entries.size ? (bundleJson(o.structure.entries, ENTRY.ledgerInventory) as { totalLocationBased?: unknown } | null) : null;
  const total = typeof inv?.totalLocationBased === "string" && !inv.totalLocationBased.startsWith("-") ? inv.totalLocationBased : undefined;
  const file: FindingsFile = {
    findingsFormat: FINDINGS_FORMAT,
    engagement: {
      organization: m?.organization.name ?? "(unknown: the manifest did not read)",
      reportingPeriod: m ? `${m.reportingPeriod.start}..${m.reportingPeriod.end}` : "(unknown)",
      ...(options.verifier?.trim() ? { verifier: options.verifier.trim() } : {}),
      ...(m ? { criteria: `${m.method.id} ${m.method.version}` } : {}),
      bundleSha256: o.sha256,
    },
    assurance: options.assurance ?? "limited",
    materialityThreshold: options.materiality ?? "0.05",
    ...(total !== undefined ? { inventoryTotalKgCo2e: total } : {}),
    findings,
  };
  return FindingsFileSchema.parse(file);
}
