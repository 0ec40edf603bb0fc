/**
 * Evaluates a parsed formula exactly: numbers are Dec from literal to result
 * (converted to JS numbers only at the output edge, `toExcelNumber`); arrays
 * broadcast as in Excel; errors are values that propagate per element. ESG.*
 * calls go through the same wrapper as Excel's custom functions. Cell
 * references are read through an injected CellResolver.
 */
import { Dec, formatDec, plain } from "../../engine";
import { excelError, isExcelError, type ExcelError } from "../excel-values";
import { normaliseCell, parseNumberText, type Invocation } from "../invoke";
import { callPositional, findFunction, NAMESPACE, suggestFunctions } from "../catalogue";
import type { FunctionContext } from "../registry";
import { parseFormula, type BinaryOp, type Node, type RangeRef } from "./parser";
import { BUILTINS, builtinNames } from "./builtins";

/** A scalar while evaluating: null is an empty cell. */
export type Scalar = Dec | string | boolean | null | ExcelError;
export type Matrix = Scalar[][];
export type Value = Scalar | Matrix;

/** Reads cells for references. Values as Excel holds them: numbers, text, booleans, null (empty), errors. */
export interface CellResolver {
  /** The rows × columns of the range (a single cell is 1×1). */
  resolve(ref: RangeRef): unknown[][];
}

/** A formula that cannot be evaluated: unknown function or name, missing workbook, wrong number of arguments. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly formula: string,
  ) {
    super(`${message} (at position ${position + 1})`);
    this.name = "FormulaError";
  }
}

/** One ESG call made while evaluating, with its depth (0 = the outermost). */
export interface CallRecord {
  readonly name: string;
  readonly depth: number;
  readonly position: number;
  readonly invocation: Invocation;
}

export interface EvaluateOptions {
  readonly context: FunctionContext;
  readonly cells?: CellResolver;
}

export interface FormulaResult {
  readonly value: Value;
  /** Every ESG call in evaluation order. */
  readonly calls: readonly CallRecord[];
  /** The ESG call the whole formula is, when it is one (for unit and trace). */
  readonly root: CallRecord | null;
}

export function isMatrix(v: Value): v is Matrix {
  return Array.isArray(v);
}

/** Evaluates a formula as typed in Excel. Throws ParseError / FormulaError; calculation problems are error values. */
export function evaluateFormula(formula: string, options: EvaluateOptions): FormulaResult {
  const ast = parseFormula(formula);
  const calls: CallRecord[] = [];
  const ev = new Evaluator(formula, options, calls);
  const value = ev.eval(ast, 0);
  const root = ast.kind === "call" ? (calls.find((c) => c.depth === 0 && c.position === ast.pos) ?? null) : null;
  return { value: simplify(value), calls, root };
}

/** A 1×1 matrix is a scalar. */
export function simplify(v: Value): Value {
  return isMatrix(v) && v.length === 1 && v[0]!.length === 1 ? v[0]![0]! : v;
}

export class Evaluator {
  constructor(
    readonly formula: string,
    readonly options: EvaluateOptions,
    private readonly calls: CallRecord[],
  ) {}

  fail(message: string, pos: number): never {
    throw new FormulaError(message, pos, this.formula);
  }

  eval(node: Node, depth: number): Value {
    switch (node.kind) {
      case "number":
        return new Dec(node.text);
      case "string":
        return node.value;
      case "bool":
        return node.value;
      case "error":
        return excelError(node.value as ExcelError["excelError"], `${node.value} in the formula`);
      case "array":
        return node.rows.map((r) => r.map((e) => this.eval(e, depth) as Scalar));
      case "ref":
        return this.reference(node.ref, node.pos);
      case "name":
        return this.fail(`Unknown name '${node.name}' (Excel shows #NAME?): names and tables are not supported; use a cell reference or a value`, node.pos);
      case "unary": {
        const v = this.eval(node.arg, depth);
        return map1(v, (x) => {
          const n = toNumber(x);
          return isExcelError(n) ? n : node.op === "-" ? n.negated() : n;
        });
      }
      case "percent":
        return map1(this.eval(node.arg, depth), (x) => {
          const n = toNumber(x);
          return isExcelError(n) ? n : n.div(100);
        });
      case "binary":
        return map2(this.eval(node.left, depth), this.eval(node.right, depth), (a, b) => binary(node.op, a, b));
      case "call":
        return this.call(node, depth);
    }
  }

  reference(ref: RangeRef, pos: number): Value {
    const cells = this.options.cells;
    if (!cells) this.fail(`Cell reference '${ref.text}' needs a workbook; outside one, type the values instead`, pos);
    const raw = cells.resolve(ref);
    return raw.map((r) => r.map((c) => normaliseCell(c)));
  }

  /** Evaluates the arguments of a call; omitted arguments are null. */
  args(node: Extract<Node, { kind: "call" }>, depth: number): Value[] {
    return node.args.map((a) => (a === null ? null : this.eval(a, depth + 1)));
  }

  call(node: Extract<Node, { kind: "call" }>, depth: number): Value {
    const raw = node.name;
    const upper = raw.toUpperCase();
    const isEsg = upper.startsWith(`${NAMESPACE}.`) || upper.startsWith(`_XLDUDF_${NAMESPACE}_`);
    if (isEsg) {
      const spec = findFunction(raw);
      if (!spec) {
        const s = suggestFunctions(raw);
        this.fail(`Unknown function '${raw}'.${s.length > 0 ? ` Did you mean ${s.join(", ")}?` : ""} Run 'esg eval --list' for the list`, node.pos);
      }
      const maxArgs = spec.options && spec.options.length > 0 ? Infinity : spec.params.some((p) => p.kind === "rest") ? Infinity : spec.params.length;
      if (node.args.length > maxArgs) {
        this.fail(`${NAMESPACE}.${spec.name} takes at most ${maxArgs} argument${maxArgs === 1 ? "" : "s"}, got ${node.args.length}`, node.pos);
      }
      const args = this.args(node, depth).map(toRaw);
      const inv = callPositional(spec, args, this.options.context);
      this.calls.push({ name: spec.name, depth, position: node.pos, invocation: inv });
      return fromInvocation(inv);
    }
    const name = upper.replace(/^_XL(FN|WS)\./, "");
    const builtin = BUILTINS[name];
    if (!builtin) {
      const esg = findFunction(name);
      const s = esg ? [`${NAMESPACE}.${esg.name}`] : [...suggestFunctions(name), ...builtinSuggestions(name)];
      this.fail(`Unknown function '${raw}'.${s.length > 0 ? ` Did you mean ${s.slice(0, 3).join(", ")}?` : ""} Supported: ${NAMESPACE}.* and ${builtinNames().join(", ")}`, node.pos);
    }
    if (node.args.length < builtin.min || node.args.length > builtin.max) {
      const range = builtin.min === builtin.max ? `${builtin.min}` : builtin.max === Infinity ? `at least ${builtin.min}` : `${builtin.min} to ${builtin.max}`;
      this.fail(`${name} takes ${range} argument${builtin.max === 1 ? "" : "s"}, got ${node.args.length}`, node.pos);
    }
    return builtin.run(node, this, depth);
  }
}

function builtinSuggestions(name: string): string[] {
  return builtinNames().filter((b) => b.startsWith(name.slice(0, 2)));
}

/** Evaluator values in the form the wrapper accepts (Dec numbers, null for empty, 2-D arrays). */
function toRaw(v: Value): unknown {
  return v;
}

/** An invocation's exact value in evaluator form. */
export function fromInvocation(inv: Invocation): Value {
  const v = inv.value;
  if (Array.isArray(v)) return v.map((r) => r.map((x) => x as Scalar));
  return v as Scalar;
}

/** Number coercion in arithmetic (Excel): empty is 0, TRUE is 1, numeric text is read, other text is #VALUE!. */
export function toNumber(v: Scalar): Dec | ExcelError {
  if (v === null) return new Dec(0);
  if (v instanceof Dec) return v;
  if (typeof v === "boolean") return new Dec(v ? 1 : 0);
  if (isExcelError(v)) return v;
  const d = parseNumberText(v);
  return d ?? excelError("#VALUE!", `'${v}' is not a number`, "NOT_A_NUMBER");
}

/** Text of a value for & (Excel general format: up to 15 significant digits). */
export function toText(v: Scalar): string | ExcelError {
  if (v === null) return "";
  if (isExcelError(v)) return v;
  if (v instanceof Dec) return formatDec(v, "excelCell");
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

function typeRank(v: Dec | string | boolean): number {
  return v instanceof Dec ? 0 : typeof v === "string" ? 1 : 2;
}

function compare(a: Scalar, b: Scalar): number | ExcelError {
  if (isExcelError(a)) return a;
  if (isExcelError(b)) return b;
  // An empty cell compares as 0, "" or FALSE, whichever the other side is.
  const blank = (other: Scalar): Dec | string | boolean => (other instanceof Dec ? new Dec(0) : typeof other === "boolean" ? false : "");
  const x = a === null ? blank(b) : a;
  const y = b === null ? blank(a) : b;
  const ra = typeRank(x);
  const rb = typeRank(y);
  if (ra !== rb) return ra - rb;
  if (x instanceof Dec) return x.comparedTo(y as Dec);
  if (typeof x === "string") {
    const p = x.toUpperCase();
    const q = (y as string).toUpperCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y as boolean);
}

export function binary(op: BinaryOp, a: Scalar, b: Scalar): Scalar {
  switch (op) {
    case "&": {
      const x = toText(a);
      if (isExcelError(x)) return x;
      const y = toText(b);
      return isExcelError(y) ? y : x + y;
    }
    case "=":
    case "<>":
    case "<":
    case ">":
    case "<=":
    case ">=": {
      const c = compare(a, b);
      if (isExcelError(c)) return c;
      return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
    }
    default: {
      const x = toNumber(a);
      if (isExcelError(x)) return x;
      const y = toNumber(b);
      if (isExcelError(y)) return y;
      switch (op) {
        case "+":
          return x.plus(y);
        case "-":
          return x.minus(y);
        case "*":
          return x.times(y);
        case "/":
          return y.isZero() ? excelError("#DIV/0!", "division by zero", "DIV0") : x.div(y);
        case "^": {
          if (x.isZero() && y.isZero()) return excelError("#NUM!", "0^0 is undefined", "NUM");
          if (x.isZero() && y.isNegative()) return excelError("#DIV/0!", "0 to a negative power", "DIV0");
          if (x.isNegative() && !y.isInteger()) return excelError("#NUM!", "a negative number to a fractional power", "NUM");
          const r = x.pow(y);
          return r.isFinite() ? r : excelError("#NUM!", "the result is too large", "NUM");
        }
      }
    }
  }
}

/** Applies f to every element (or to the scalar). */
export function map1(v: Value, f: (x: Scalar) => Scalar): Value {
  return isMatrix(v) ? v.map((r) => r.map(f)) : f(v);
}

/** Excel broadcasting: 1×N, N×1 and 1×1 stretch; elements outside a smaller array are #N/A. */
export function broadcast(values: readonly Value[], f: (xs: Scalar[]) => Scalar): Value {
  if (!values.some(isMatrix)) return f(values as Scalar[]);
  const shapes = values.map((v) => (isMatrix(v) ? [v.length, v[0]?.length ?? 0] : [1, 1]) as [number, number]);
  const rows = Math.max(...shapes.map((s) => s[0]));
  const cols = Math.max(...shapes.map((s) => s[1]));
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: Scalar[] = [];
    for (let j = 0; j < cols; j++) {
      let missing = false;
      const xs = values.map((v, k) => {
        if (!isMatrix(v)) return v;
        const [r, c] = shapes[k]!;
        const ri = r === 1 ? 0 : i;
        const ci = c === 1 ? 0 : j;
        if (ri >= r || ci >= c) {
          missing = true;
          return null;
        }
        return v[ri]![ci] ?? null;
      });
      row.push(missing ? excelError("#N/A", `arrays of different sizes: no value at row ${i + 1}, column ${j + 1}`, "SHAPE_MISMATCH") : f(xs));
    }
    out.push(row);
  }
  return out;
}

export function map2(a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar): Value {
  return broadcast([a, b], ([x, y]) => f(x!, y!));
}

/** Display text of an exact value (CLI): numbers at Excel's 15 significant digits. */
export function displayValue(v: Scalar): string {
  if (v === null) return "";
  if (isExcelError(v)) return v.excelError;
  if (v instanceof Dec) return plain(new Dec(formatDec(v, "excelCell")));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}
