/**
 * The catalogue of ESG.* functions: every spec, looked up by name. `functions.ts`
 * exposes them to Excel; the formula evaluator (`esg eval`, the workbench and
 * `esg recompute`) calls the same specs through the same wrapper.
 */
import { suggest } from "../engine";
import { excelError, isExcelError } from "./excel-values";
import { invoke, type Invocation, type OutValue } from "./invoke";
import { buildRegistry, type FunctionContext, type FunctionSpec, type TableSpec } from "./registry";
import { FACTORS_FN, FACTOR_FN, METHOD_FN } from "./specs/core";
import { METHOD_SPECS } from "./specs/methods";
import { traceRows } from "./trace-text";

export { FACTOR_FIELDS } from "./specs/core";

/** The namespace of the add-in's functions. */
export const NAMESPACE = "ESG";

export const TRACE_FN: TableSpec = {
  name: "TRACE",
  shape: "table",
  description: "Spills how one call of an ESG function is computed: result, method clause, steps, inputs, factors with source and year, notes and flags.",
  params: [
    { name: "function_name", kind: "text", description: 'Name of the function to explain, e.g. "TRANSPORT_CO2" (with or without "ESG.").' },
    { name: "args", kind: "rest", optional: true, description: "The arguments of that call, in the same order as in the function itself (single values, not ranges)." },
  ],
  columns: ["what", "detail"],
  errors: ["UNKNOWN_FUNCTION", "NOT_A_SINGLE_VALUE"],
  examples: [{ formula: '=ESG.TRACE("FACTOR", "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw")', result: "rows: the value, method, input, factor with source, table, region, year and licence" }],
  run: (a, ctx) => {
    const name = a.text("function_name");
    const spec = findFunction(name);
    if (!spec || spec.name === "TRACE") return unknownFunction(name);
    const args = a.rest("args");
    const inv = callPositional(spec, args, ctx);
    const call = `ESG.${spec.name}(${args.map(showArg).join(", ")})`;
    if (inv.shape === "array" && spec.shape === "element") {
      return excelError("#VALUE!", `args: ESG.TRACE explains one call; give single values (e.g. A2, not A2:A100).`, "NOT_A_SINGLE_VALUE");
    }
    if (spec.shape === "table") {
      return { rows: [[call, "returns a table (see the function's help page)"]] };
    }
    const v = inv.value as OutValue;
    if (isExcelError(v)) return { rows: [[call, `= ${v.excelError}`], ["message", v.message], ["code", v.code]] };
    return { rows: traceRows(call, v, inv.unit, inv.traces as Parameters<typeof traceRows>[3]) };
  },
};

function showArg(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) {
    const rows = v.every((r) => Array.isArray(r)) ? (v as unknown[][]) : [v];
    if (rows.length === 1 && rows[0]!.length === 1) return showArg(rows[0]![0]);
    return `{${rows.map((r) => r.map(showArg).join(",")).join(";")}}`;
  }
  if (typeof v === "string") return `"${v.replace(/"/g, '""')}"`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isExcelError(v)) return v.excelError;
  return String(v);
}

function unknownFunction(name: string) {
  const names = [...FUNCTIONS.keys()];
  const s = suggest(stripNamespace(name), names).map((n) => `ESG.${n}`);
  return excelError("#VALUE!", `function_name: unknown function '${name}'.${s.length > 0 ? ` Did you mean ${s.join(", ")}?` : ""}`, "UNKNOWN_FUNCTION");
}

export const ALL_SPECS: readonly FunctionSpec[] = [METHOD_FN, FACTOR_FN, FACTORS_FN, ...METHOD_SPECS, TRACE_FN];

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = buildRegistry(ALL_SPECS);

/** "ESG.TRANSPORT_CO2", "esg.transport_co2", "_xldudf_ESG_TRANSPORT_CO2", "TRANSPORT_CO2" -> "TRANSPORT_CO2". */
export function stripNamespace(name: string): string {
  const n = name.trim().toUpperCase();
  if (n.startsWith("_XLDUDF_ESG_")) return n.slice("_XLDUDF_ESG_".length);
  if (n.startsWith(`${NAMESPACE}.`)) return n.slice(NAMESPACE.length + 1);
  return n;
}

export function findFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(stripNamespace(name));
}

/** Suggestions for an unknown function name, as they would be typed ("ESG.TRANSPORT_CO2"). */
export function suggestFunctions(name: string): string[] {
  return suggest(stripNamespace(name), [...FUNCTIONS.keys()]).map((n) => `${NAMESPACE}.${n}`);
}

/**
 * Calls a function with its arguments in formula order (as typed in a cell): the parameters,
 * then any number of option arguments, which are packed into the repeating `options` argument.
 */
export function callPositional(spec: FunctionSpec, args: readonly unknown[], ctx: FunctionContext): Invocation {
  const n = spec.params.length;
  const hasOptions = spec.options !== undefined && spec.options.length > 0;
  const packed = hasOptions && args.length > n ? [...args.slice(0, n), args.slice(n)] : [...args];
  return invoke(spec, packed, ctx);
}
