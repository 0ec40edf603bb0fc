/**
 * `runPipeline(dataset, context)`: validate -> resolve factors -> calculate -> aggregate
 * (explain is on demand: `explainRow`).
 *
 * Rows are processed in batches per record kind; for each row the stages run in order
 * (validate, then resolve through the run's caches, then the kernel). Every row ends
 * computed or rejected with at least one issue; rows in = computed + rejected, always.
 */
import { disclosuresFromTotals } from "./disclosures";
import type { Dec } from "../quantities/decimal";
import type { FactorRegistry } from "../factors/registry";
import type { Taxonomy } from "../taxonomy";
import { IssueError, attempt, type Issue } from "../issues/issue";
import { resolveGwp, type GwpInput } from "../methods/common/gwp";
import { resolveAllocation, type AllocationChoice } from "../methods/cff";
import { detectStacking, detectDoubleClaims, type ClaimConflict, type CreditClaim, type CreditPathway } from "../methods/attribution";
import type { GhgDisclosure, MaterialFlowLedger as MaterialFlowDisclosure } from "../ledgers";
import { FactorCache } from "./factor-cache";
import { Probes } from "./probes";
import { KERNELS, RowFailure, type KernelEnv } from "./calculators";
import { LineCodes, LineStore, ROW_COMPUTED, ROW_REJECTED, type LineCode } from "./lines";
import { buildLedgers, sumByCodeWithDqi, type LineDataQuality, type Ledgers, type LineTotal } from "./aggregate";
import { reportingYearOf, unpackDqi, type DqiContext } from "./dqi";
import type { DqiScores } from "../methods/data-quality";
import type { Classification } from "../taxonomy";
import { RECORD_KINDS, validateRecord, type Dataset, type NumLike, type RecordKind, type RowIssue } from "./records";

export interface PipelineSettings {
  /** Reporting period, e.g. "2025" (claims and disclosures carry it). */
  reportingPeriod: string;
  /** GWP set for single-gas factors and refrigerants: "AR4", "AR5" (default), "AR6" or custom. */
  gwpSet?: GwpInput;
  /** Factor edition year (default: the method's preferred library edition). */
  factorYear?: number;
  /** Allocation of recycling credits: cut-off, avoided-burden, 50-50, or cff with `allocationA` (default 50-50). */
  allocation?: AllocationChoice;
  allocationA?: NumLike;
  /** Reuse displacement rate DR for rows that do not state one (default: the method default 0.5, flagged). */
  displacementRate?: NumLike;
  /** The reporting organisation: recycling credits on certificates claimed by someone else are not counted. */
  claimant?: string;
  /** Transport boundary reported in the inventory (the other is a memo line). Default WTW. */
  transportBoundary?: "WTW" | "TTW";
  /** Rows per batch (default 8192). */
  batchSize?: number;
  /** Site mass balance for the material-flow disclosures (GRI 306-3/4/5, ESRS E5-5); without it they are not built. */
  massBalance?: { scope?: string; received: NumLike; stockChange: NumLike; measuredLoss?: NumLike; tolerance?: NumLike };
  /** Called after each batch with rows done and rows in total (progress bars, memory sampling). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Country (ISO alpha-2) of the reporting sites: the activity region DQI geography compares factor regions
   * with (electricity rows use their own grid region). Without it, geography of a library factor is 4 (unknown).
   */
  region?: string;
  /** Scope 3 category 3 lines: electricity T&D and upstream (GB from DESNZ; elsewhere with a row's loss rate or upstream factor), fuel WTT. Default true. */
  category3?: boolean;
  /** End-of-life (Scope 3 category 5) lines for every waste-treatment disposition with this factor set (default: only rows that ask, by treatmentFactor or treatmentFactorSet). */
  endOfLifeFactorSet?: "desnz" | "epa";
}

export interface PipelineContext {
  registry: FactorRegistry;
  taxonomy?: Taxonomy;
  settings: PipelineSettings;
}

export interface PipelineCounts {
  rowsIn: number;
  rowsComputed: number;
  rowsRejected: number;
  byKind: Record<RecordKind, { in: number; computed: number; rejected: number }>;
  lines: number;
  /** Distinct factor choices resolved (method probes + direct factor look-ups). */
  factorResolutions: number;
}

export interface ValidationReport {
  /** Every rejected row with its issues (at least one per rejected row), in input order per kind. */
  rejected: RowIssue[];
  /** Findings that do not reject a row (a credit withheld for missing evidence...). */
  warnings: RowIssue[];
  /** Lots whose credits conflict (reuse and recycling on one lot, several exclusive claims). */
  conflicts: ClaimConflict[];
}

export interface PipelineOutput {
  /** The dataset as passed in (kept by reference; explainRow reads its records). */
  readonly dataset: Dataset;
  readonly context: PipelineContext;
  /** Global row index of the first record of each kind (kinds in RECORD_KINDS order). */
  readonly offsets: Record<RecordKind, number>;
  /** Per global row: ROW_COMPUTED or ROW_REJECTED. */
  readonly status: Uint8Array;
  /** Per global row: index of its first line and number of lines. */
  readonly firstLine: Int32Array;
  readonly lineCount: Uint16Array;
  readonly lines: LineStore;
  readonly codes: readonly LineCode[];
  readonly totals: LineTotal[];
  readonly ledgers: Ledgers;
  readonly report: ValidationReport;
  readonly counts: PipelineCounts;
  /** Disclosures built by the ledgers module from the run's totals (null when not buildable; see `disclosureIssues`). */
  readonly disclosures: {
    ghg: GhgDisclosure | null;
    materialFlow: MaterialFlowDisclosure | null;
  };
  readonly disclosureIssues: Issue[];
  /** Per global row: the row's own (activity data) DQI scores, packed (dqi.ts; 0 for rejected rows). Per line: `lines.dqi`. */
  readonly rowDqi: Uint16Array;
  /** Data quality per output line (line code): `aggregateDqi`, emission- or mass-weighted, exact; sorted by code id. */
  readonly dataQuality: LineDataQuality[];
}

/** One line of one row, in plain terms. */
export interface RowLine {
  code: LineCode;
  value: Dec;
}

/** The DQI context of a run's settings. */
export function dqiContext(s: PipelineSettings): DqiContext {
  return { reportingYear: reportingYearOf(s.reportingPeriod), region: s.region !== undefined && s.region.trim() !== "" ? s.region.trim().toUpperCase() : null };
}

export function runPipeline(dataset: Dataset, context: PipelineContext): PipelineOutput {
  const s = context.settings;
  const gwp = resolveGwp(s.gwpSet).set;
  const dq = dqiContext(s);
  const cache = new FactorCache(context.registry, gwp, s.factorYear, dq);
  const probes = new Probes(
    {
      registry: context.registry,
      ...(context.taxonomy ? { taxonomy: context.taxonomy } : {}),
      ...(s.factorYear !== undefined ? { year: s.factorYear } : {}),
      ...(s.gwpSet !== undefined ? { gwp: s.gwpSet } : {}),
      boundary: s.transportBoundary ?? "WTW",
    },
    dq,
  );
  const classified = new Map<string, Classification | null>();
  const codes = new LineCodes();
  const offsets = {} as Record<RecordKind, number>;
  let total = 0;
  for (const k of RECORD_KINDS) {
    offsets[k] = total;
    total += dataset[k]?.length ?? 0;
  }
  const lines = new LineStore(Math.max(1024, Math.ceil(total * 1.6)));
  const status = new Uint8Array(total);
  const firstLine = new Int32Array(total);
  const lineCount = new Uint16Array(total);
  const rowDqi = new Uint16Array(total);
  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const claimLots: string[] = [];
  const claimPathways: CreditPathway[] = [];
  const allocationCache = new Map<string, { ok: true; A: Dec } | { ok: false; issue: Issue }>();

  const env: KernelEnv = {
    cache,
    codes,
    lines,
    taxonomy: context.taxonomy,
    probes,
    settings: {
      reportingPeriod: s.reportingPeriod,
      ...(s.displacementRate !== undefined ? { displacementRate: s.displacementRate } : {}),
      claimant: s.claimant ?? "reporter",
      transportBoundary: s.transportBoundary ?? "WTW",
      category3: s.category3 !== false,
      ...(s.endOfLifeFactorSet !== undefined ? { endOfLifeFactorSet: s.endOfLifeFactorSet } : {}),
      ...(dq.region !== null ? { region: dq.region } : {}),
    },
    dq,
    rowDqi,
    ...(context.taxonomy
      ? {
          classify(text: string) {
            let c = classified.get(text);
            if (c === undefined) {
              c = context.taxonomy!.classify(text);
              classified.set(text, c);
            }
            return c;
          },
        }
      : {}),
    allocationA(recordA) {
      const key = recordA === undefined || recordA === "" ? "" : String(recordA);
      let r = allocationCache.get(key);
      if (r === undefined) {
        const choice: AllocationChoice = key !== "" ? "cff" : (s.allocation ?? (s.allocationA !== undefined ? "cff" : "50-50"));
        const out = attempt(() => resolveAllocation(choice, key !== "" ? recordA : s.allocationA));
        r = out.ok ? { ok: true, A: out.value.A } : { ok: false, issue: out.issue };
        allocationCache.set(key, r);
      }
      return r;
    },
    warn(kind, index, row, field, iss) {
      warnings.push({ kind, row, index, field, stage: "calculate", issue: iss });
    },
    claim(lotId, pathway) {
      claimLots.push(lotId);
      claimPathways.push(pathway);
    },
  };

  const byKind = {} as PipelineCounts["byKind"];
  let computed = 0;
  let rejectedRows = 0;
  const batch = Math.max(1, s.batchSize ?? 8192);
  for (const kind of RECORD_KINDS) {
    const list = dataset[kind] ?? [];
    const kernel = KERNELS[kind];
    const base = offsets[kind];
    let kComputed = 0;
    let kRejected = 0;
    for (let start = 0; start < list.length; start += batch) {
      const end = Math.min(list.length, start + batch);
      for (let i = start; i < end; i++) {
        const g = base + i;
        const v = validateRecord(kind, list[i], i);
        if (!v.ok) {
          for (const x of v.issues) rejected.push(x);
          status[g] = ROW_REJECTED;
          kRejected++;
          continue;
        }
        const from = lines.length;
        try {
          (kernel as (r: unknown, g: number, env: KernelEnv, i: number) => void)(v.record, g, env, i);
          status[g] = ROW_COMPUTED;
          firstLine[g] = from;
          lineCount[g] = lines.length - from;
          kComputed++;
        } catch (e) {
          lines.truncate(from);
          const row = v.record.row;
          if (e instanceof RowFailure) rejected.push({ kind, row, index: i, field: e.field, stage: e.stage, issue: e.issue });
          else if (e instanceof IssueError) rejected.push({ kind, row, index: i, field: String(e.issue.params.argument ?? ""), stage: "calculate", issue: e.issue });
          else throw e;
          status[g] = ROW_REJECTED;
          rowDqi[g] = 0;
          kRejected++;
        }
      }
      s.onProgress?.(base + end, total);
    }
    byKind[kind] = { in: list.length, computed: kComputed, rejected: kRejected };
    computed += kComputed;
    rejectedRows += kRejected;
  }

  const { totals, dataQuality } = sumByCodeWithDqi(lines, codes);
  const ledgers = buildLedgers(totals);
  // Only lots claimed more than once can conflict; the attribution checks see just those.
  const seen = new Map<string, number>();
  for (const lot of claimLots) seen.set(lot, (seen.get(lot) ?? 0) + 1);
  const claims: CreditClaim[] = [];
  for (let i = 0; i < claimLots.length; i++) {
    if (seen.get(claimLots[i]!)! > 1) claims.push({ submissionId: "this-run", claimant: env.settings.claimant, lotId: claimLots[i]!, pathway: claimPathways[i]!, period: s.reportingPeriod });
  }
  const conflicts = claims.length === 0 ? [] : [...detectStacking(claims), ...detectDoubleClaims(claims).filter((c) => c.kind !== "stacking")];
  const built = disclosuresFromTotals(totals, s, context.taxonomy);
  return {
    dataset,
    context,
    disclosures: { ghg: built.ghg, materialFlow: built.materialFlow },
    disclosureIssues: built.issues,
    offsets,
    status,
    firstLine,
    lineCount,
    lines,
    codes: codes.list,
    totals,
    ledgers,
    report: { rejected, warnings, conflicts },
    counts: { rowsIn: total, rowsComputed: computed, rowsRejected: rejectedRows, byKind, lines: lines.length, factorResolutions: probes.count + cache.resolutions },
    rowDqi,
    dataQuality,
  };
}

/** The DQI scores of each line of one row (kind + index), decoded from the run's typed arrays (cheap; explainRow says why). */
export function rowLineDqi(out: PipelineOutput, kind: RecordKind, index: number): Array<{ code: LineCode; scores: DqiScores | null }> {
  const g = out.offsets[kind] + index;
  if (out.status[g] !== ROW_COMPUTED) return [];
  const res: Array<{ code: LineCode; scores: DqiScores | null }> = [];
  for (let l = out.firstLine[g]!; l < out.firstLine[g]! + out.lineCount[g]!; l++) res.push({ code: out.codes[out.lines.code[l]!]!, scores: unpackDqi(out.lines.dqi[l]!) });
  return res;
}

/** The kind and position of a global row index. */
export function locateRow(out: PipelineOutput, globalRow: number): { kind: RecordKind; index: number } {
  let found: RecordKind = RECORD_KINDS[0];
  for (const k of RECORD_KINDS) if (out.offsets[k] <= globalRow && (out.dataset[k]?.length ?? 0) > globalRow - out.offsets[k]) found = k;
  return { kind: found, index: globalRow - out.offsets[found] };
}

/** The lines of one row (kind + index within its list). */
export function rowLines(out: PipelineOutput, kind: RecordKind, index: number): RowLine[] {
  const g = out.offsets[kind] + index;
  if (out.status[g] !== ROW_COMPUTED) return [];
  const res: RowLine[] = [];
  for (let l = out.firstLine[g]!; l < out.firstLine[g]! + out.lineCount[g]!; l++) res.push({ code: out.codes[out.lines.code[l]!]!, value: out.lines.value[l]! });
  return res;
}

/** Rows rejected for the given row (kind + index). */
export function rowIssues(out: PipelineOutput, kind: RecordKind, index: number): RowIssue[] {
  return out.report.rejected.filter((r) => r.kind === kind && r.index === index);
}
