/** `esg eval "<formula>"`: evaluates a formula exactly as typed in Excel, with the add-in's ESG functions. */
import { Dec, plain, type FactorRegistry, type Trace } from "../../engine";
import { ALL_SPECS, excelParamNames, isExcelError, type ExcelError } from "../../functions";
import { evaluateFormula, FormulaError, ParseError, displayValue, isMatrix, type Scalar, type Value } from "../../functions/formula";
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { parseArgs, UsageError, type CliIo } from "../io";

export const EVAL_HELP = `esg eval "<formula>" [--json]
  Evaluates a formula exactly as typed in Excel (leading = optional; ESG.NAME or _xldudf_ESG_NAME;
  SUM, MIN, MAX, ROUND, IF, IFERROR, CONVERT; array constants {1,2;3,4}) and prints the value,
  or an aligned table for a spilled result. --json prints {value, unit, trace}.
  esg eval --list lists the ESG functions with their arguments.
  Example: esg eval '=ESG.FACTOR("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw")'`;

/** JSON form of a value: numbers as exact decimal strings would lose type, so numbers are JSON numbers at Excel's 15 digits plus `exact`. */
function jsonScalar(v: Scalar): unknown {
  if (v === null) return null;
  if (v instanceof Dec) return Number(displayValue(v));
  if (isExcelError(v)) return { error: v.excelError, message: v.message, code: v.code };
  return v;
}

function exactScalar(v: Scalar): string | null {
  return v instanceof Dec ? plain(v) : null;
}

function errorsIn(v: Value): ExcelError[] {
  const cells = isMatrix(v) ? v.flat() : [v];
  return cells.filter((c): c is ExcelError => isExcelError(c));
}

function alignedTable(rows: Scalar[][]): string {
  const text = rows.map((r) => r.map(displayValue));
  const widths = text[0]!.map((_, j) => Math.max(...text.map((r) => (r[j] ?? "").length)));
  // Numbers right-aligned, everything else left-aligned, as Excel shows them.
  return rows
    .map((r, i) => r.map((c, j) => (c instanceof Dec ? text[i]![j]!.padStart(widths[j]!) : text[i]![j]!.padEnd(widths[j]!))).join("  ").trimEnd())
    .join("\n");
}

export function evalCommand(argv: readonly string[], registry: FactorRegistry, io: CliIo): number {
  const { positional, flags } = parseArgs(argv, ["json", "list"]);
  if (flags.has("list")) {
    for (const s of ALL_SPECS) io.out(`ESG.${s.name}(${excelParamNames(s).map((n, i) => (s.params[i]?.optional || n === "options" ? `[${n}]` : n)).join(", ")})  ${s.description}`);
    return 0;
  }
  const formula = positional.join(" ").trim();
  if (!formula) throw new UsageError(`esg eval needs a formula, e.g. esg eval '=ESG.FACTOR("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw")'`);
  let result;
  try {
    result = evaluateFormula(formula, { context: { registry, taxonomy: bundledTaxonomy(), log: (m) => io.err(m) } });
  } catch (err) {
    if (err instanceof ParseError) {
      io.err(`Formula error: ${err.message}\n${err.pointer()}`);
      return 2;
    }
    if (err instanceof FormulaError) {
      io.err(`Formula error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const { value, root, calls } = result;
  const errors = errorsIn(value);
  if (flags.has("json")) {
    const call = root ?? calls.find((c) => c.depth === 0) ?? calls[0] ?? null;
    const traces = call?.invocation.traces ?? null;
    const out = {
      value: isMatrix(value) ? value.map((r) => r.map(jsonScalar)) : jsonScalar(value),
      exact: isMatrix(value) ? value.map((r) => r.map(exactScalar)) : exactScalar(value),
      unit: root ? root.invocation.unit : null,
      trace: traces as Trace | null | Array<Array<Trace | null>>,
      ...(call && call !== root ? { traceOf: `ESG.${call.name}` } : {}),
    };
    io.out(JSON.stringify(out, null, 2));
    if (errors.length > 0) for (const e of uniqueErrors(errors)) io.err(`${e.excelError} ${e.message}`.trim());
    return errors.length > 0 ? 1 : 0;
  }
  if (isMatrix(value)) {
    io.out(alignedTable(value));
    if (root?.invocation.unit) io.out(`(${root.invocation.unit})`);
  } else if (!isExcelError(value)) {
    io.out(`${displayValue(value)}${root?.invocation.unit && value instanceof Dec ? ` ${root.invocation.unit}` : ""}`);
  }
  if (errors.length > 0) {
    for (const e of uniqueErrors(errors)) io.err(`${e.excelError} ${e.message}`.trim());
    return 1;
  }
  return 0;
}

function uniqueErrors(errors: ExcelError[]): ExcelError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.excelError} ${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
