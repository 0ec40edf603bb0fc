/**
 * Calculate: check every row, build the records, run the pipeline in batches (the
 * browser paints between them and Cancel is honoured), write the per-row results table
 * beside the inputs (=ESG.* formulas by default) and the summary sheet.
 */
import { toExcelNumber, Dec, type MappingTemplate } from "../../../engine";
import { columnLetters } from "../../../office/a1";
import type { CellValue, WorkbookGateway } from "../../../office/gateway";
import { buildLedgers, exactSum, runPipeline, ROW_COMPUTED, type Ledgers, type LineTotal, type PipelineOutput, type Dataset } from "../../../engine";
import { nextFrame, services } from "../../services";
import { runCheck } from "../check/run-check";
import { pipelineSettings, type EsgSettings } from "../settings/settings";
import { Cancelled, sourceOfTemplate } from "../source";
import { buildDataset, type SheetKind } from "./dataset";
import { summaryTables, writeSummary } from "./summary";
import { lineOf } from "../../messages";

export type Phase = "read" | "calculate" | "write" | "summary" | "done";

export interface CalcOptions {
  mode: "formulas" | "values";
  /** Records per pipeline batch (default 2000). */
  batch?: number;
  onProgress?: (fraction: number, phase: Phase) => void;
  cancelled?: () => boolean;
}

export interface CalcResult {
  kind: SheetKind;
  counts: { read: number; ready: number; rejected: number; computed: number; pipelineRejected: number };
  ledgers: Ledgers;
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

function mergeTotals(outs: readonly PipelineOutput[]): LineTotal[] {
  const by = new Map<string, LineTotal & { parts: Dec[] }>();
  for (const o of outs)
    for (const tl of o.totals) {
      const e = by.get(tl.code.id) ?? { code: tl.code, value: new Dec(0), count: 0, parts: [] };
      e.parts.push(tl.value);
      e.count += tl.count;
      by.set(tl.code.id, e);
    }
  return [...by.values()].map((e) => ({ code: e.code, value: exactSum(e.parts), count: e.count }));
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

export async function runCalculation(gateway: WorkbookGateway, template: MappingTemplate, settings: EsgSettings, options: CalcOptions): Promise<CalcResult> {
  const t0 = now();
  const source = sourceOfTemplate(template);
  if (!source) throw new Error("The mapping names no sheet or table.");
  const progress = options.onProgress ?? (() => {});
  const check = (): void => {
    if (options.cancelled?.()) throw new Cancelled();
  };
  const { registry, taxonomy } = services();

  // 1. Read and check (0 - 35 %).
  const run = await runCheck(gateway, source, template, { onProgress: (d, t) => progress(0.35 * (t === 0 ? 1 : d / t), "read"), ...(options.cancelled ? { cancelled: options.cancelled } : {}) });
  const t1 = now();
  const built = buildDataset(run.report.records, { template, firstColumn: run.extent.firstColumn, settings, taxonomy, registry });
  const records = (built.dataset[built.kind] ?? []) as unknown[];

  // 2. Pipeline in batches (35 - 75 %).
  const batch = Math.max(1, options.batch ?? 2000);
  const context = { registry, taxonomy, settings: pipelineSettings(settings) };
  const outs: PipelineOutput[] = [];
  for (let start = 0; start < records.length; start += batch) {
    check();
    const slice = records.slice(start, start + batch);
    outs.push(runPipeline({ [built.kind]: slice } as Dataset, context));
    progress(0.35 + 0.4 * (Math.min(records.length, start + batch) / records.length), "calculate");
    await nextFrame();
  }
  const ledgers = buildLedgers(mergeTotals(outs));
  const t2 = now();

  // 3. Per-row results beside the inputs (75 - 90 %).
  check();
  progress(0.75, "write");
  const rejectedBy = new Map<number, string>();
  for (const p of run.report.problems) if (p.severity === "error" && !rejectedBy.has(p.row)) rejectedBy.set(p.row, lineOf(p.issue));
  const pipelineIssue = outs.map((o) => {
    const m = new Map<number, string>();
    for (const r of o.report.rejected) if (!m.has(r.index)) m.set(r.index, lineOf(r.issue));
    return m;
  });
  const planBy = new Map(built.plans.map((p) => [p.row, p]));
  const firstData = run.headerRow + 1;
  const lastRow = run.extent.firstRow + run.extent.rowCount - 1;
  const rows: CellValue[][] = [];
  let computed = 0;
  let pipelineRejected = 0;
  const sumLines = (o: PipelineOutput, g: number, pred: (ledger: string, inTotal: boolean) => boolean): Dec | null => {
    const parts: Dec[] = [];
    for (let l = o.firstLine[g]!; l < o.firstLine[g]! + o.lineCount[g]!; l++) {
      const code = o.codes[o.lines.code[l]!]!;
      if (pred(code.ledger, code.inTotal)) parts.push(o.lines.value[l]!);
    }
    return parts.length === 0 ? null : exactSum(parts);
  };
  for (let r = firstData; r <= lastRow; r++) {
    const plan = planBy.get(r);
    if (!plan) {
      rows.push([r, "rejected", "", "", "", rejectedBy.get(r) ?? "Not read"]);
      continue;
    }
    const o = outs[Math.floor(plan.record / batch)]!;
    const local = plan.record % batch;
    const g = o.offsets[built.kind] + local;
    if (o.status[g] !== ROW_COMPUTED) {
      if (plan.first) pipelineRejected++;
      rows.push([r, "rejected", "", "", "", pipelineIssue[Math.floor(plan.record / batch)]!.get(local) ?? "Rejected by the calculation"]);
      continue;
    }
    if (plan.first) computed++;
    const inv = sumLines(o, g, (ledger, inTotal) => ledger === "inventory" && inTotal);
    const avoided = sumLines(o, g, (ledger, inTotal) => ledger === "avoided" && inTotal);
    const flow = sumLines(o, g, (ledger) => ledger === "materialFlow");
    const num = (d: Dec | null): CellValue => (d === null ? "" : toExcelNumber(d));
    let inventoryCell: CellValue = plan.first ? num(inv) : "";
    let note = "";
    if (built.kind === "shipments") note = plan.first ? `Shipment total ${inv ? toExcelNumber(inv) : 0} kg CO2e (all legs)` : "Leg of the shipment above";
    if (options.mode === "formulas" && plan.formula) inventoryCell = plan.formula;
    rows.push([r, "computed", inventoryCell, plan.first ? num(avoided) : "", plan.first ? num(flow) : "", note]);
  }
  const sheet = run.extent.sheet;
  const topLeft = `${columnLetters(run.extent.firstColumn + template.columns.length + 1)}${run.headerRow}`;
  const written = await gateway.writeTable({ sheet, topLeft, name: tableName(sheet), header: RESULT_HEADER, rows, mode: options.mode });
  const t3 = now();

  // 4. Summary sheet (90 - 100 %).
  check();
  progress(0.9, "summary");
  const tables = summaryTables(ledgers, taxonomy, settings, { read: run.report.counts.read, computed, rejected: run.report.counts.rejected + pipelineRejected });
  const summary = await writeSummary(gateway, tables);
  const t4 = now();
  progress(1, "done");
  return {
    kind: built.kind,
    counts: { ...run.report.counts, computed, pipelineRejected },
    ledgers,
    resultsTable: { name: written.name, sheet: written.sheet, address: written.address },
    summarySheet: summary.sheet,
    charts: summary.charts,
    timings: { read: t1 - t0, calculate: t2 - t1, write: t3 - t2, summary: t4 - t3, total: t4 - t0 },
  };
}
