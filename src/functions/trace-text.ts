/**
 * A trace as readable rows (what ESG.TRACE spills and `esg eval` prints):
 * the result first, then the method clause, the steps, the inputs, the factors
 * with source, year and licence, notes and flags.
 */
import { plain, type Dec, type Trace } from "../engine";

export type TraceRow = [string, string];

export function traceRows(call: string, value: Dec | string | boolean, unit: string | null, trace: Trace | null): TraceRow[] {
  const shown = typeof value === "string" ? value : typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : plain(value);
  const rows: TraceRow[] = [[call, `= ${shown}${unit ? ` ${unit}` : ""}`]];
  if (!trace) return rows;
  const m = trace.method;
  rows.push(["method", `${m.id} ${m.version}: ${m.name}`]);
  if (m.clause) rows.push(["clause", m.clause]);
  for (const s of trace.steps) rows.push([`step: ${s.label}`, `${s.formula} = ${s.value} ${s.unit}`.trim()]);
  for (const i of trace.inputs) {
    rows.push([`input: ${i.name}`, `${i.value}${i.unit ? ` ${i.unit}` : ""} (${i.origin}${i.note ? `; ${i.note}` : ""})`]);
  }
  for (const f of trace.factors) {
    const where = f.userSupplied ? "supplied by the user" : `${f.source}; ${f.table}; ${f.region} ${f.year}; GWP ${f.gwpBasis}; ${f.library}@${f.libraryVersion}; ${f.licence}`;
    rows.push([`factor: ${f.id}`, `${f.value} ${f.unit} (${where})${f.proxyFor ? `; proxy for ${f.proxyFor}` : ""}`]);
  }
  for (const n of trace.notes) rows.push(["note", n]);
  for (const fl of trace.flags) rows.push(["flag", fl]);
  return rows;
}
