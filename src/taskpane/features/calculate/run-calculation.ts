/**
 * Calculate: check every row of each mapped sheet, build the records, run the pipeline ONCE over
 * the records of all the sheets together (so the ledgers, the mass balance, the credit checks and
 * the disclosures are over the whole workbook, as `esg run` and a submission bundle compute them),
 * write each sheet's per-row results table beside its inputs (=ESG.* formulas by default) and one
 * summary sheet.
 */
import { toExcelNumber, exactSum, mergeDatasets, runPipeline, ROW_COMPUTED, type Dec, type Issue, type Ledgers, type MappingTemplate, type PipelineOutput, type RecordKind } from "../../../engine";
import { columnLetters } from "../../../office/a1";
import type { CellValue, WorkbookGateway } from "../../../office/gateway";
import { nextFrame, services } from "../../services";
import { runCheck, type CheckRun } from "../check/run-check";
import { pipelineSettings, type EsgSettings } from "../settings/settings";
import { Cancelled, sourceOfTemplate } from "../source";
import { buildDataset, formulaOf, type BuiltDataset, type SheetKind } from "./dataset";
import { summaryTables, writeSummary } from "./summary";
import { lineOf } from "../../messages";

export type Phase = "read" | "calculate" | "write" | "summary" | "done";

export interface CalcOptions {
  mode: "formulas" | "values";
  onProgress?: (fraction: number, phase: Phase) => void;
  cancelled?: () => boolean;
}

/** Counts of sheet rows (a shipment's legs are rows of it): read = computed + rejected + pipelineRejected. */
export interface SheetCounts {
  read: number;
  ready: number;
  /** Rejected by the mapping checks. */
  rejected: number;
  /** Rows whose record the pipeline computed. */
  computed: number;
  /** Rows whose record the pipeline rejected. */
  pipelineRejected: number;
}

export interface SheetResult {
  sheet: string;
  kind: SheetKind;
  counts: SheetCounts;
  resultsTable: { name: string; sheet: string; address: string };
}

export interface CalcResult {
  /** The kind of the first sheet (the only one in a single-sheet run). */
  kind: SheetKind;
  /** Summed over the sheets. */
  counts: SheetCounts & { flagged: number };
  ledgers: Ledgers;
  /** The whole run (disclosures, totals), over every sheet calculated. */
  output: PipelineOutput;
  /** The templates calculated (Submit bundles the same sheets). */
  templates: MappingTemplate[];
  sheets: SheetResult[];
  /** The first sheet's results table. */
  resultsTable: { name: string; sheet: string; address: string };
  summarySheet: string;
  charts: number;
  timings: Record<"read" | "calculate" | "write" | "summary" | "total", number>;
}

export const RESULT_HEADER = ["Row", "Status", "Inventory kg CO2e", "Avoided kg CO2e", "Material flow kg", "Note"];

/** The name of the per-row results table of a sheet. */
export function tableName(sheet: string): string {
  return `ESG_Results_${sheet.replace(/[^A-Za-z0-9_]/g, "_")}`.slice(0, 250);
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** One mapped sheet, read, checked and turned into records. */
export interface PreparedSheet {
  template: MappingTemplate;
  run: CheckRun;
  built: BuiltDataset;
}

/** Reads, checks and builds the records of each template's sheet (progress 0 - 1 over all of them). */
export async function prepareSheets(
  gateway: WorkbookGateway,
  templates: readonly MappingTemplate[],
  settings: EsgSettings,
  options: { onProgress?: (fraction: number) => void; cancelled?: () => boolean; keepRows?: boolean } = {},
): Promise<PreparedSheet[]> {
  const { registry, taxonomy } = services();
  const out: PreparedSheet[] = [];
  for (let i = 0; i < templates.length; i++) {
    const template = templates[i]!;
    const source = sourceOfTemplate(template);
    if (!source) throw new Error("The mapping names no sheet or table.");
    const run = await runCheck(gateway, source, template, {
      onProgress: (d, t) => options.onProgress?.((i + (t === 0 ? 1 : d / t)) / templates.length),
      ...(options.cancelled ? { cancelled: options.cancelled } : {}),
      ...(options.keepRows ? { keepRows: true } : {}),
    });
    const built = buildDataset(run.report.records, { template, firstColumn: run.extent.firstColumn, settings, taxonomy, registry });
    out.push({ template, run, built });
  }
  return out;
}

/** Where each sheet's records start in the merged dataset, by kind (sheets in order). */
export function kindOffsets(prepared: readonly PreparedSheet[]): Array<Partial<Record<RecordKind, number>>> {
  const seen: Partial<Record<RecordKind, number>> = {};
  return prepared.map((p) => {
    const at: Partial<Record<RecordKind, number>> = {};
    for (const [k, v] of Object.entries(p.built.dataset) as Array<[RecordKind, unknown[] | undefined]>) {
      at[k] = seen[k] ?? 0;
      seen[k] = (seen[k] ?? 0) + (v?.length ?? 0);
    }
    return at;
  });
}

/** The sheets' records as one dataset and one pipeline run over them. */
export function runAll(prepared: readonly PreparedSheet[], settings: EsgSettings): PipelineOutput {
  const { registry, taxonomy } = services();
  return runPipeline(mergeDatasets(prepared.map((p) => p.built.dataset)), { registry, taxonomy, settings: pipelineSettings(settings) });
}

/** Calculates one mapped sheet, or several together (one pipeline run, one summary). */
export async function runCalculation(gateway: WorkbookGateway, templates: MappingTemplate | readonly MappingTemplate[], settings: EsgSettings, options: CalcOptions): Promise<CalcResult> {
  const list = Array.isArray(templates) ? (templates as readonly MappingTemplate[]) : [templates as MappingTemplate];
  if (list.length === 0) throw new Error("No confirmed mapping to calculate.");
  const t0 = now();
  const progress = options.onProgress ?? (() => {});
  const check = (): void => {
    if (options.cancelled?.()) throw new Cancelled();
  };
  const { taxonomy } = services();

  // 1. Read and check every sheet (0 - 35 %).
  const prepared = await prepareSheets(gateway, list, settings, { onProgress: (f) => progress(0.35 * f, "read"), ...(options.cancelled ? { cancelled: options.cancelled } : {}) });
  const t1 = now();

  // 2. One pipeline run over all the records (35 - 75 %).
  check();
  progress(0.4, "calculate");
  await nextFrame();
  const out = runAll(prepared, settings);
  progress(0.75, "calculate");
  await nextFrame();
  const t2 = now();

  // 3. Per-row results beside each sheet's inputs (75 - 90 %).
  check();
  progress(0.76, "write");
  const pipelineIssue = new Map<string, Issue>();
  for (const r of out.report.rejected) if (!pipelineIssue.has(`${r.kind}|${r.index}`)) pipelineIssue.set(`${r.kind}|${r.index}`, r.issue);
  const offsets = kindOffsets(prepared);
  const codeIds = (g: number, pred: (ledger: string, inTotal: boolean) => boolean): { value: Dec | null; codes: Set<string> } => {
    const parts: Dec[] = [];
    const codes = new Set<string>();
    for (let l = out.firstLine[g]!; l < out.firstLine[g]! + out.lineCount[g]!; l++) {
      const code = out.codes[out.lines.code[l]!]!;
      if (pred(code.ledger, code.inTotal)) {
        parts.push(out.lines.value[l]!);
        codes.add(code.id);
      }
    }
    return { value: parts.length === 0 ? null : exactSum(parts), codes };
  };
  const num = (d: Dec | null): CellValue => (d === null ? "" : toExcelNumber(d));
  const sheets: SheetResult[] = [];
  for (let s = 0; s < prepared.length; s++) {
    const { template, run, built } = prepared[s]!;
    const kind = built.kind as RecordKind;
    const rejectedBy = new Map<number, string>();
    for (const p of run.report.problems) if (p.severity === "error" && !rejectedBy.has(p.row)) rejectedBy.set(p.row, lineOf(p.issue));
    const planBy = new Map(built.plans.map((p) => [p.row, p]));
    const firstData = run.headerRow + 1;
    const lastRow = run.extent.firstRow + run.extent.rowCount - 1;
    const rows: CellValue[][] = [];
    let computed = 0;
    let pipelineRejected = 0;
    for (let r = firstData; r <= lastRow; r++) {
      const plan = planBy.get(r);
      if (!plan) {
        rows.push([r, "rejected", "", "", "", rejectedBy.get(r) ?? "Not read"]);
        continue;
      }
      const index = (offsets[s]![kind] ?? 0) + plan.record;
      const g = out.offsets[kind] + index;
      if (out.status[g] !== ROW_COMPUTED) {
        pipelineRejected++;
        const why = pipelineIssue.get(`${kind}|${index}`);
        rows.push([r, "rejected", "", "", "", why ? lineOf(why) : "Rejected by the calculation"]);
        continue;
      }
      computed++;
      if (!plan.first) {
        rows.push([r, "computed", "", "", "", `Leg of the shipment on row ${plan.firstRow} (in its total)`]);
        continue;
      }
      const inv = codeIds(g, (ledger, inTotal) => ledger === "inventory" && inTotal);
      const avoided = codeIds(g, (ledger, inTotal) => ledger === "avoided" && inTotal);
      const flow = codeIds(g, (ledger) => ledger === "materialFlow");
      let inventoryCell = num(inv.value);
      let avoidedCell = num(avoided.value);
      if (options.mode === "formulas") {
        inventoryCell = formulaOf(plan.terms, inv.codes) ?? inventoryCell;
        avoidedCell = formulaOf(plan.terms, avoided.codes) ?? avoidedCell;
      }
      const legs = built.kind === "shipments" ? plan.terms.length : 0;
      const note = legs > 1 ? `Shipment total, ${legs} legs` : "";
      rows.push([r, "computed", inventoryCell, avoidedCell, num(flow.value), note]);
    }
    const sheet = run.extent.sheet;
    const topLeft = `${columnLetters(run.extent.firstColumn + template.columns.length + 1)}${run.headerRow}`;
    check();
    const written = await gateway.writeTable({ sheet, topLeft, name: tableName(sheet), header: RESULT_HEADER, rows, mode: options.mode });
    sheets.push({ sheet, kind: built.kind, counts: { ...run.report.counts, computed, pipelineRejected }, resultsTable: { name: written.name, sheet: written.sheet, address: written.address } });
    progress(0.76 + (0.14 * (s + 1)) / prepared.length, "write");
    await nextFrame();
  }
  const t3 = now();

  // 4. Summary sheet (90 - 100 %).
  check();
  progress(0.9, "summary");
  const sum = (k: keyof SheetCounts) => sheets.reduce((n, x) => n + x.counts[k], 0);
  const counts = { read: sum("read"), ready: sum("ready"), rejected: sum("rejected"), computed: sum("computed"), pipelineRejected: sum("pipelineRejected"), flagged: prepared.reduce((n, p) => n + p.run.report.counts.flagged, 0) };
  const tables = summaryTables(out, taxonomy, settings, { read: counts.read, computed: counts.computed, rejected: counts.rejected + counts.pipelineRejected, sheets: sheets.map((x) => `${x.sheet} (${x.kind})`) });
  const summary = await writeSummary(gateway, tables);
  const t4 = now();
  progress(1, "done");
  return {
    kind: sheets[0]!.kind,
    counts,
    ledgers: out.ledgers,
    output: out,
    templates: [...list],
    sheets,
    resultsTable: sheets[0]!.resultsTable,
    summarySheet: summary.sheet,
    charts: summary.charts,
    timings: { read: t1 - t0, calculate: t2 - t1, write: t3 - t2, summary: t4 - t3, total: t4 - t0 },
  };
}
