/**
 * How a cell's value was made: the cell's `=ESG.*` formula is evaluated again by the
 * same evaluator as `esg eval` (cells it references are read through the gateway), and
 * the outermost ESG call's trace is turned into a readable account plus the full trace.
 */
import { Dec, plain, toExcelNumber, type Trace, type TraceFactor, type TraceInput } from "../../../engine";
import { isExcelError, traceRows, type TraceRow } from "../../../functions";
import { evaluateFormula, parseFormula, type CellResolver, type Node, type RangeRef } from "../../../functions/formula";
import { rangeAddress, quoteSheet } from "../../../office/a1";
import type { CellInfo, WorkbookGateway } from "../../../office/gateway";
import { services } from "../../services";

export interface Explanation {
  cell: CellInfo;
  /** The ESG function of the outermost call, e.g. "EOL_CO2". */
  fn: string;
  sentence: string;
  value: string;
  unit: string | null;
  inputs: TraceInput[];
  factors: TraceFactor[];
  clause: string;
  method: string;
  flags: string[];
  trace: TraceRow[];
  recompute: { matches: boolean; recomputed: string; current: string };
}

export type InspectOutcome = { kind: "explained"; explanation: Explanation } | { kind: "not-esg"; cell: CellInfo } | { kind: "error"; cell: CellInfo; message: string };

function collectRefs(node: unknown, out: RangeRef[]): void {
  if (node === null || typeof node !== "object") return;
  const n = node as Node;
  if (n.kind === "ref") {
    out.push(n.ref);
    return;
  }
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) v.forEach((x) => (Array.isArray(x) ? x.forEach((y) => collectRefs(y, out)) : collectRefs(x, out)));
    else if (typeof v === "object") collectRefs(v, out);
  }
}

const refKey = (sheet: string, r: RangeRef) => `${sheet.toLowerCase()}|${r.start.row},${r.start.col}:${r.end.row},${r.end.col}`;

/** Reads every range the formula references, then gives a synchronous resolver over them. */
async function prefetch(gateway: WorkbookGateway, formula: string, sheet: string): Promise<CellResolver> {
  const refs: RangeRef[] = [];
  collectRefs(parseFormula(formula), refs);
  const values = new Map<string, unknown[][]>();
  for (const r of refs) {
    const s = r.sheet ?? sheet;
    const address = rangeAddress({ start: { row: r.start.row + 1, column: r.start.col + 1 }, end: { row: r.end.row + 1, column: r.end.col + 1 } });
    const rows: unknown[][] = [];
    for await (const b of gateway.readRows({ sheet: s, address })) rows.push(...b.values);
    values.set(refKey(s, r), rows.map((row) => row.map((v) => (v === "" ? null : v))));
  }
  return { resolve: (r) => values.get(refKey(r.sheet ?? sheet, r)) ?? [[null]] };
}

function shown(v: unknown): string {
  if (v instanceof Dec) return plain(v);
  if (isExcelError(v)) return v.excelError;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v ?? "");
}

function sentenceOf(fn: string, value: string, unit: string | null, trace: Trace | null): string {
  const what = trace ? trace.method.name : fn;
  const factor = trace?.factors[0];
  const inputs = (trace?.inputs ?? []).filter((i) => i.origin !== "defaulted").slice(0, 3).map((i) => `${i.name} ${i.value}${i.unit ? ` ${i.unit}` : ""}`);
  const by = factor ? ` using ${factor.userSupplied ? "a factor you supplied" : `${factor.source} (${factor.year})`} at ${factor.value} ${factor.unit}` : "";
  return `${what}: ${inputs.join(", ")}${by} gives ${value}${unit ? ` ${unit}` : ""}.`;
}

/** Explains the selected (or given) cell. */
export async function inspectCell(gateway: WorkbookGateway, address?: string): Promise<InspectOutcome> {
  let cell: CellInfo;
  if (address) cell = await gateway.readCell(address);
  else {
    const sel = await gateway.readSelection();
    cell = { sheet: sel.sheet, address: sel.address.includes(":") ? `${quoteSheet(sel.sheet)}!${sel.address.split("!").pop()!.split(":")[0]}` : sel.address, value: sel.value, formula: sel.formula };
  }
  const formula = typeof cell.formula === "string" ? cell.formula : "";
  if (!formula.startsWith("=") || !/ESG\.|_xldudf_ESG_/i.test(formula)) return { kind: "not-esg", cell };
  try {
    const cells = await prefetch(gateway, formula, cell.sheet);
    const result = evaluateFormula(formula, { context: services().functionContext, cells });
    const root = result.root ?? result.calls.find((c) => c.depth === 0) ?? result.calls[0] ?? null;
    if (!root) return { kind: "error", cell, message: "The formula makes no ESG call." };
    const inv = root.invocation;
    const trace = inv.traces !== null && !Array.isArray(inv.traces) ? inv.traces : null;
    const top = Array.isArray(result.value) ? result.value[0]?.[0] : result.value;
    const value = shown(top);
    const recomputedNumber = top instanceof Dec ? toExcelNumber(top) : null;
    const current = shown(cell.value);
    const matches = recomputedNumber !== null ? typeof cell.value === "number" && cell.value === recomputedNumber : current === value;
    const explanation: Explanation = {
      cell,
      fn: root.name,
      sentence: sentenceOf(root.name, value, inv.unit, trace),
      value,
      unit: inv.unit,
      inputs: trace?.inputs ?? [],
      factors: trace?.factors ?? [],
      clause: trace?.method.clause ?? "",
      method: trace ? `${trace.method.id} ${trace.method.version}` : "",
      flags: trace?.flags ?? [],
      trace: traceRows(`ESG.${root.name}`, top instanceof Dec || typeof top === "string" || typeof top === "boolean" ? top : value, inv.unit, trace),
      recompute: { matches, recomputed: recomputedNumber !== null ? String(recomputedNumber) : value, current },
    };
    return { kind: "explained", explanation };
  } catch (e) {
    return { kind: "error", cell, message: e instanceof Error ? e.message : String(e) };
  }
}
