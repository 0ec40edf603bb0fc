/**
 * `recomputeSubmission`: re-runs the pipeline from a bundle's normalized records (records.jsonl)
 * and settings (settings.json) with the pinned method and factor versions, and compares EXACTLY
 * (decimal strings, digit for digit) every per-row result, every ledger value and every disclosure
 * value with what the bundle states; re-checks the mass balance, the credit shares (no lot's credit
 * claimed above 100 %, no double claim) and the no-stacking rule. Returns every difference and
 * violation found.
 *
 * Memory stays bounded for a million records: the records are read and run in chunks, line by line
 * from the entry bytes; totals are accumulated exactly across chunks (exact sums are order-free, so
 * the totals equal those of one run over all records).
 */
import { plain } from "../quantities/decimal";
import type { FactorRegistry } from "../factors/registry";
import type { Taxonomy } from "../taxonomy";
import { canonicalJsonLine } from "../bundle/canonical-json";
import { ENTRY } from "../bundle/manifest";
import { DISCLOSURE_NAMES } from "../bundle/bundle";
import { detectDoubleClaims, type CreditClaim, type CreditPathway } from "../methods/attribution";
import { RECORD_KINDS, ROW_COMPUTED, buildLedgers, exactSum, rowIssues, rowLines, runPipeline, type Dataset, type LineCode, type LineTotal, type PipelineSettings, type RecordKind } from "../pipeline";
import { disclosuresFromTotals, disclosuresJson, ledgersJson, rowRef, settingsFromJson, type RunDisclosures } from "./serialize";

export type FindingType = "difference" | "violation" | "error";

export interface RecomputeFinding {
  type: FindingType;
  /** The bundle entry the finding is about. */
  entry: string;
  /** The record, e.g. "dispositions#12". */
  ref?: string;
  /** JSON path within the entry, e.g. "scope3.scope3.cat4" or "lines[0].value". */
  path?: string;
  stored?: string;
  recomputed?: string;
  /** The rule, for violations: "mass balance", "credit shares", "no stacking", "one claim per lot". */
  rule?: string;
  message: string;
}

export interface RecomputeOptions {
  /** The registry of the pinned factor library versions (or, for diff-method, of other versions). */
  registry: FactorRegistry;
  taxonomy?: Taxonomy;
  /** Overrides of the bundle's settings (diff-method: another GWP set, factor year...). */
  settingsOverride?: Partial<PipelineSettings>;
  /** Names the bundle in claims (default "this-bundle"). */
  label?: string;
  /** Records per pipeline run (default 65,536). */
  chunkRows?: number;
  /** Stop listing per-row differences after this many (the count goes on; default 1,000). */
  maxRowFindings?: number;
}

export interface RecomputeReport {
  ok: boolean;
  findings: RecomputeFinding[];
  rows: number;
  rowsDiffering: number;
  /** Rows the recompute rejected although the bundle lists them as computed. */
  rowsRejected: number;
  /** Credit claims found in the records (for cross-bundle checks). */
  claims: CreditClaim[];
  settings: PipelineSettings;
  totals: LineTotal[];
  recomputed: { ledgers: { inventory: unknown; materialFlow: unknown; avoided: unknown }; disclosures: Record<string, unknown> };
  disclosures: RunDisclosures;
}

const decoder = () => new TextDecoder("utf-8", { fatal: true });

/** Bytes of whole lines decoded at once by `jsonLinesOf`. */
const BLOCK_BYTES = 1 << 20;

/**
 * The lines of a .jsonl entry as text (without LF), one at a time, straight from its bytes. Lines are
 * decoded in blocks of about 1 MiB of whole lines; a block that does not decode, or that holds the
 * byte 0xEF (a byte-order mark at the start of a line is dropped when a line is decoded alone), is
 * decoded line by line, so the texts and any error are those of decoding each line on its own.
 */
export function* jsonLineTextsOf(bytes: Uint8Array | undefined): Iterable<string> {
  if (!bytes) return;
  const d = decoder();
  let start = 0;
  while (start < bytes.length) {
    let stop = bytes.length;
    if (start + BLOCK_BYTES < bytes.length) {
      const nl = bytes.lastIndexOf(10, start + BLOCK_BYTES);
      stop = nl >= start ? nl + 1 : bytes.indexOf(10, start + BLOCK_BYTES) + 1 || bytes.length;
    }
    const block = bytes.subarray(start, stop);
    let text: string | null = null;
    if (block.indexOf(0xef) < 0) {
      try {
        text = d.decode(block);
      } catch {
        text = null;
      }
    }
    if (text === null) {
      let s = start;
      while (s < stop) {
        let end = bytes.indexOf(10, s);
        if (end < 0 || end > stop) end = stop;
        yield d.decode(bytes.subarray(s, end));
        s = end + 1;
      }
    } else {
      let pos = 0;
      while (pos < text.length) {
        let end = text.indexOf("\n", pos);
        if (end < 0) end = text.length;
        yield text.slice(pos, end);
        pos = end + 1;
      }
    }
    start = stop;
  }
}

/** The values of a .jsonl entry, one at a time, straight from its bytes (each line decoded and parsed on its own terms; see `jsonLineTextsOf`). */
export function* jsonLinesOf(bytes: Uint8Array | undefined): Iterable<unknown> {
  for (const line of jsonLineTextsOf(bytes)) yield JSON.parse(line);
}

function jsonOf(bytes: Uint8Array | undefined): unknown {
  return bytes ? (JSON.parse(decoder().decode(bytes)) as unknown) : null;
}

/** Leaf-by-leaf differences of two JSON values (paths like "scope3.total.value"). */
export function jsonDifferences(stored: unknown, recomputed: unknown, path = "", out: Array<{ path: string; stored: string; recomputed: string }> = [], limit = 200): typeof out {
  if (out.length >= limit) return out;
  const leaf = (v: unknown) => v === null || typeof v !== "object";
  if (leaf(stored) || leaf(recomputed)) {
    if (JSON.stringify(stored) !== JSON.stringify(recomputed)) out.push({ path: path || "(root)", stored: JSON.stringify(stored) ?? "absent", recomputed: JSON.stringify(recomputed) ?? "absent" });
    return out;
  }
  if (Array.isArray(stored) !== Array.isArray(recomputed)) {
    out.push({ path: path || "(root)", stored: Array.isArray(stored) ? "a list" : "an object", recomputed: Array.isArray(recomputed) ? "a list" : "an object" });
    return out;
  }
  const s = stored as Record<string, unknown>;
  const r = recomputed as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(s), ...Object.keys(r)])].sort();
  for (const k of keys) {
    const p = Array.isArray(stored) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    if (!(k in s)) out.push({ path: p, stored: "absent", recomputed: JSON.stringify(r[k]) });
    else if (!(k in r)) out.push({ path: p, stored: JSON.stringify(s[k]), recomputed: "absent" });
    else jsonDifferences(s[k], r[k], p, out, limit);
    if (out.length >= limit) break;
  }
  return out;
}

/** The canonical JSON form of a value (Decimals as strings), parsed back: what a bundle entry holds. */
function asStored(v: unknown): unknown {
  return JSON.parse(canonicalJsonLine(v)) as unknown;
}

interface StoredResult {
  ref?: string;
  lines?: Array<{ code?: string; value?: string; unit?: string }>;
}

function claimPathway(code: string): CreditPathway | null {
  if (code === "avoided/recycling/eol-share") return "recycling";
  const m = /^avoided\/reuse\/(.+)$/.exec(code);
  return m ? (m[1] as CreditPathway) : null;
}

/** Re-runs the bundle's records and compares everything exactly; see the module comment. */
export function recomputeSubmission(entries: ReadonlyMap<string, Uint8Array>, options: RecomputeOptions): RecomputeReport {
  const findings: RecomputeFinding[] = [];
  const maxRow = options.maxRowFindings ?? 1000;
  let settings: PipelineSettings;
  try {
    settings = { ...settingsFromJson(jsonOf(entries.get(ENTRY.settings))), ...options.settingsOverride };
  } catch (e) {
    findings.push({ type: "error", entry: ENTRY.settings, message: `cannot read the run settings: ${e instanceof Error ? e.message : String(e)}` });
    return emptyReport(findings, { reportingPeriod: "" });
  }
  const chunkRows = Math.max(1, options.chunkRows ?? 65_536);
  const runSettings: PipelineSettings = { ...settings };
  delete runSettings.massBalance;
  const claimant = settings.claimant ?? "reporter";
  const label = options.label ?? "this-bundle";

  const acc = new Map<string, { code: LineCode; value: ReturnType<typeof exactSum>; count: number }>();
  const claims: CreditClaim[] = [];
  let rows = 0;
  let rowsDiffering = 0;
  let rowsRejected = 0;
  // results.jsonl as text: a stored line equal to the canonical line of the recomputed result needs
  // no parsing (it states exactly the recomputed values); any other line is parsed and compared field
  // by field, which names the difference.
  const results = jsonLineTextsOf(entries.get(ENTRY.results))[Symbol.iterator]();
  let listed = 0;
  const rowFinding = (f: RecomputeFinding) => {
    if (listed++ < maxRow) findings.push(f);
  };

  const runChunk = (chunk: Array<{ kind: RecordKind; ref: string; record: unknown }>) => {
    const ds: Record<RecordKind, unknown[]> = { shipments: [], electricity: [], fuels: [], refrigerants: [], dispositions: [], outputs: [] };
    const where = chunk.map((c) => ({ kind: c.kind, ref: c.ref, record: c.record, index: ds[c.kind].push(c.record) - 1 }));
    const out = runPipeline(ds as Dataset, { registry: options.registry, ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}), settings: runSettings });
    for (const t of out.totals) {
      const a = acc.get(t.code.id);
      if (a) {
        a.value = exactSum([a.value, t.value]);
        a.count += t.count;
      } else acc.set(t.code.id, { code: t.code, value: t.value, count: t.count });
    }
    for (const w of where) {
      rows++;
      const next = results.next();
      const g = out.offsets[w.kind] + w.index;
      const lines = out.status[g] === ROW_COMPUTED ? rowLines(out, w.kind, w.index) : null;
      const same = !next.done && lines !== null && next.value === canonicalJsonLine({ lines: lines.map((l) => ({ code: l.code.id, unit: l.code.unit, value: l.value })), ref: w.ref });
      const stored = (next.done || same ? null : JSON.parse(next.value)) as StoredResult | null;
      const diffs: string[] = [];
      if (!same && !stored) diffs.push("no result line in results.jsonl");
      else if (!same && stored!.ref !== w.ref) diffs.push(`results.jsonl has ${String(stored!.ref)} where records.jsonl has ${w.ref} (order or reference differs)`);
      if (lines === null) {
        rowsRejected++;
        const why = rowIssues(out, w.kind, w.index).map((i) => `${i.field ? `${i.field}: ` : ""}${i.issue.code} ${i.issue.message}`).join("; ");
        rowFinding({ type: "difference", entry: ENTRY.results, ref: w.ref, message: `${w.ref}: the bundle lists it as computed, the recompute rejects it (${why})` });
        rowsDiffering++;
        continue;
      }
      const storedLines = stored?.lines ?? [];
      const n = Math.max(lines.length, storedLines.length);
      let first: { path: string; stored: string; recomputed: string } | null = null;
      for (let i = 0; i < n; i++) {
        const r = lines[i];
        const s = storedLines[i];
        const rv = r && !same ? plain(r.value) : undefined;
        // Equal text: every stored line is the recomputed one (nothing to compare field by field).
        if (!same && (!r || !s || s.code !== r.code.id || s.value !== rv || s.unit !== r.code.unit)) {
          diffs.push(`line ${i + 1}: stored ${s ? `${String(s.code)} = ${String(s.value)} ${String(s.unit)}` : "nothing"}, recomputed ${r ? `${r.code.id} = ${rv} ${r.code.unit}` : "nothing"}`);
          first ??= { path: `lines[${i}].value`, stored: s ? String(s.value) : "absent", recomputed: rv ?? "absent" };
        }
        if (r) {
          const pathway = claimPathway(r.code.id);
          const lot = (w.record as { lotId?: unknown }).lotId;
          if (pathway && typeof lot === "string" && lot !== "") claims.push({ submissionId: label, claimant, lotId: lot, pathway, period: settings.reportingPeriod });
        }
      }
      if (diffs.length) {
        rowsDiffering++;
        rowFinding({ type: "difference", entry: ENTRY.results, ref: w.ref, ...(first ?? {}), message: `${w.ref}: ${diffs.join("; ")}` });
      }
    }
  };

  let chunk: Array<{ kind: RecordKind; ref: string; record: unknown }> = [];
  try {
    for (const line of jsonLinesOf(entries.get(ENTRY.records))) {
      const l = line as { kind?: unknown; row?: unknown; ref?: unknown; record?: unknown };
      const kind = l.kind as RecordKind;
      if (!(RECORD_KINDS as readonly string[]).includes(String(kind))) {
        findings.push({ type: "error", entry: ENTRY.records, message: `record ${rows + chunk.length + 1}: unknown kind ${JSON.stringify(l.kind)}` });
        continue;
      }
      chunk.push({ kind, ref: typeof l.ref === "string" ? l.ref : rowRef(kind, String(l.row)), record: l.record });
      if (chunk.length >= chunkRows) {
        runChunk(chunk);
        chunk = [];
      }
    }
    if (chunk.length) runChunk(chunk);
  } catch (e) {
    findings.push({ type: "error", entry: ENTRY.records, message: `cannot recompute: ${e instanceof Error ? e.message : String(e)}` });
  }
  const extra = results.next();
  if (!extra.done && JSON.parse(extra.value) !== undefined) findings.push({ type: "difference", entry: ENTRY.results, message: "results.jsonl holds more lines than records.jsonl" });

  const totals: LineTotal[] = [...acc.values()].map((a) => ({ code: a.code, value: a.value, count: a.count })).sort((a, b) => (a.code.id < b.code.id ? -1 : a.code.id > b.code.id ? 1 : 0));
  const ledgers = buildLedgers(totals);
  const disclosures = disclosuresFromTotals(totals, settings, options.taxonomy);
  const lj = ledgersJson(ledgers, totals, disclosures.materialFlow);
  const dj = disclosuresJson(disclosures);
  const recomputedLedgers = { inventory: asStored(lj.inventory), materialFlow: asStored(lj.materialFlow), avoided: asStored(lj.avoided) };
  const recomputedDisclosures: Record<string, unknown> = {};
  for (const [k, name] of Object.entries(DISCLOSURE_NAMES)) recomputedDisclosures[name] = asStored(dj[k as keyof typeof dj]);

  const compare = (entry: string, stored: unknown, recomputed: unknown) => {
    for (const d of jsonDifferences(stored, recomputed)) findings.push({ type: "difference", entry, path: d.path, stored: d.stored, recomputed: d.recomputed, message: `${entry} ${d.path}: stored ${d.stored}, recomputed ${d.recomputed}` });
  };
  try {
    compare(ENTRY.ledgerInventory, jsonOf(entries.get(ENTRY.ledgerInventory)), recomputedLedgers.inventory);
    compare(ENTRY.ledgerMaterialFlow, jsonOf(entries.get(ENTRY.ledgerMaterialFlow)), recomputedLedgers.materialFlow);
    compare(ENTRY.ledgerAvoided, jsonOf(entries.get(ENTRY.ledgerAvoided)), recomputedLedgers.avoided);
    compare(ENTRY.disclosures, jsonOf(entries.get(ENTRY.disclosures)), recomputedDisclosures);
  } catch (e) {
    findings.push({ type: "error", entry: ENTRY.disclosures, message: `cannot read a ledger or the disclosures: ${e instanceof Error ? e.message : String(e)}` });
  }

  // Rules: mass balance, credit shares, one claim per lot, no stacking.
  const mb = disclosures.materialFlow?.massBalance;
  if (mb && !mb.withinTolerance)
    findings.push({ type: "violation", entry: ENTRY.ledgerMaterialFlow, rule: "mass balance", message: `mass balance does not close: gap ${plain(mb.gap)} kg = ${plain(mb.gapPercent.toDecimalPlaces(4))} % of received, tolerance ${plain(mb.tolerancePercent)} %` });
  for (const c of detectDoubleClaims(claims)) {
    const rule = c.kind === "stacking" ? "no stacking" : c.kind === "shares-exceed-100" ? "credit shares" : "one claim per lot (credit shares above 100 %)";
    findings.push({ type: "violation", entry: ENTRY.records, rule, message: `lot ${c.lotId}: ${c.issue.code}: ${c.issue.message}` });
  }
  const ok = findings.length === 0 && rowsDiffering === 0;
  return { ok, findings, rows, rowsDiffering, rowsRejected, claims, settings, totals, recomputed: { ledgers: recomputedLedgers, disclosures: recomputedDisclosures }, disclosures };
}

function emptyReport(findings: RecomputeFinding[], settings: PipelineSettings): RecomputeReport {
  return {
    ok: false,
    findings,
    rows: 0,
    rowsDiffering: 0,
    rowsRejected: 0,
    claims: [],
    settings,
    totals: [],
    recomputed: { ledgers: { inventory: null, materialFlow: null, avoided: null }, disclosures: {} },
    disclosures: { ghg: null, materialFlow: null, issues: [] },
  };
}
