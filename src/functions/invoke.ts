/**
 * The one wrapper between Excel (or the formula evaluator) and the function
 * implementations: argument checks, coercion per Excel rules, omitted optionals,
 * error values as inputs, broadcasting over ranges, options, and the
 * conversion of results and problems to cells. Never throws for a call's
 * content: an unexpected exception becomes #VALUE! with a message and is logged.
 */
import { Dec, IssueError, issue, isDecimalLiteral, plain, suggest, type Trace } from "../engine";
import { errorFromIssue, excelError, isExcelError, numberCell, readError, type CellValue, type ExcelError } from "./excel-values";
import type { Args, ElementOutput, Evaluated, FunctionContext, FunctionSpec, OptionSpec, ParamSpec, RangeValue, Scalar, TableOutput } from "./registry";

/** An exact result value: numbers stay Dec until the Excel edge. */
export type OutValue = Dec | string | boolean | ExcelError;

export interface Invocation {
  readonly name: string;
  /** "scalar" when every broadcast argument was a single value; "array" otherwise (and for tables). */
  readonly shape: "scalar" | "array";
  /** A single value, or rows for arrays and tables. */
  readonly value: OutValue | OutValue[][];
  /** Unit of the result (of every element, when they agree). */
  readonly unit: string | null;
  /** The trace of the call, or of each element. */
  readonly traces: Trace | null | Array<Array<Trace | null>>;
}

const BROADCAST: ReadonlySet<ParamSpec["kind"]> = new Set(["number", "integer", "text", "boolean", "any"]);

/** Normalises one raw input cell: JS numbers and Decs to Dec, "" and undefined to null, error objects to ExcelError. */
export function normaliseCell(v: unknown): RangeValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Dec) return v;
  if (typeof v === "number") return Number.isFinite(v) ? new Dec(String(v)) : excelError("#NUM!", "not a finite number", "NOT_FINITE");
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v;
  const err = readError(v);
  if (err) return err;
  return excelError("#VALUE!", `unsupported value ${describe(v)}`, "NOT_A_VALUE");
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "(empty)";
  if (v instanceof Dec) return plain(v);
  if (typeof v === "string") return `"${v}"`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const err = readError(v);
  if (err) return err.excelError;
  if (typeof v === "object") return Array.isArray(v) ? "a range" : "an object";
  return String(v);
}

function isMatrix(v: unknown): v is unknown[][] {
  return Array.isArray(v) && v.every((r) => Array.isArray(r));
}

/** A raw argument as rows (a scalar is 1×1; a flat list is one row). */
function asRows(v: unknown): unknown[][] {
  if (isMatrix(v)) return v;
  if (Array.isArray(v)) return [v];
  return [[v]];
}

function shapeOf(rows: unknown[][]): [number, number] {
  return [rows.length, rows.reduce((m, r) => Math.max(m, r.length), 0)];
}

function expectedOf(p: ParamSpec): string {
  switch (p.kind) {
    case "number":
      return p.unit ? `a number in ${p.unit}` : "a number";
    case "integer":
      return p.unit ? `a whole number (${p.unit})` : "a whole number";
    case "boolean":
      return "TRUE or FALSE";
    case "text":
      return p.values && p.values.length > 0 && p.values.length <= 12 ? `one of ${p.values.join(", ")}` : `text (${p.description.replace(/\.$/, "")})`;
    default:
      return p.description.replace(/\.$/, "");
  }
}

class ArgError extends Error {
  constructor(readonly error: ExcelError) {
    super(error.message);
  }
}

function inputError(code: Parameters<typeof issue>[0], params: Record<string, string>, suggestions?: readonly string[]): never {
  throw new ArgError(errorFromIssue(issue(code, params, suggestions)));
}

/** Coerces one cell to a parameter's kind, per Excel's rules. Returns null for an empty cell. */
export function coerce(p: ParamSpec, cell: RangeValue): Scalar {
  if (isExcelError(cell)) throw new ArgError(cell);
  if (cell === null || cell === "" || (typeof cell === "string" && cell.trim() === "")) return null;
  switch (p.kind) {
    case "number":
    case "integer": {
      let d: Dec | null = null;
      if (cell instanceof Dec) d = cell;
      else if (typeof cell === "boolean") d = new Dec(cell ? 1 : 0);
      else d = parseNumberText(cell);
      if (d === null) inputError("NOT_A_NUMBER", { argument: p.name, value: describeValue(cell), expected: expectedOf(p) });
      if (p.kind === "integer" && !d.isInteger()) inputError("NOT_A_NUMBER", { argument: p.name, value: plain(d), expected: expectedOf(p) });
      if (p.nonNegative && d.isNegative()) inputError("NEGATIVE_NOT_ALLOWED", { argument: p.name, value: plain(d), expected: `${expectedOf(p)}, zero or more` });
      return d;
    }
    case "boolean": {
      if (typeof cell === "boolean") return cell;
      if (cell instanceof Dec) return !cell.isZero();
      const t = cell.trim().toUpperCase();
      if (t === "TRUE") return true;
      if (t === "FALSE") return false;
      return inputError("INVALID_OPTION", { argument: p.name, value: cell, expected: "TRUE or FALSE" });
    }
    case "text": {
      const t = cell instanceof Dec ? plain(cell) : typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : cell.trim();
      if (p.values && p.values.length > 0) {
        const hit = p.values.find((v) => v.toLowerCase() === t.toLowerCase());
        if (!hit) inputError("INVALID_OPTION", { argument: p.name, value: t, expected: `${p.values.join(", ")}${didYouMean(t, p.values)}` });
        return hit;
      }
      return t;
    }
    case "any":
      return cell instanceof Dec || typeof cell === "boolean" ? cell : cell.trim();
    default:
      return null;
  }
}

function describeValue(v: RangeValue): string {
  return v instanceof Dec ? plain(v) : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

function didYouMean(value: string, candidates: readonly string[]): string {
  const s = suggest(value, candidates);
  return s.length > 0 ? ` (did you mean ${s.map((x) => `'${x}'`).join(", ")}?)` : "";
}

/** Numeric text as Excel reads it in arithmetic: "12.5", " 3 ", "1e3", "50%". */
export function parseNumberText(text: string): Dec | null {
  const t = text.trim();
  if (isDecimalLiteral(t)) return new Dec(t);
  if (t.endsWith("%") && isDecimalLiteral(t.slice(0, -1))) return new Dec(t.slice(0, -1).trim()).div(100);
  return null;
}

/** Parses the repeating `options` argument: "name=value" items, or "name","value" pairs (Bloomberg style). */
export function parseOptions(specs: readonly OptionSpec[], raw: unknown): Map<string, string> {
  const items: string[] = [];
  const flat = raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw.flat(2) : [raw];
  for (const x of flat) {
    const c = normaliseCell(x);
    if (isExcelError(c)) throw new ArgError(c);
    if (c === null) continue;
    const t = describeValue(c).trim();
    if (t !== "") items.push(t);
  }
  const out = new Map<string, string>();
  const names = specs.map((s) => s.name);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const eq = item.indexOf("=");
    let name: string;
    let value: string;
    if (eq >= 0) {
      name = item.slice(0, eq).trim();
      value = item.slice(eq + 1).trim();
    } else {
      name = item;
      const next = items[i + 1];
      if (next === undefined || (next.includes("=") && specs.some((s) => s.name.toLowerCase() === next.slice(0, next.indexOf("=")).trim().toLowerCase()))) {
        inputError("INVALID_OPTION", { argument: "options", value: item, expected: `name=value pairs such as "${optionExample(specs)}"` });
      }
      value = next.trim();
      i++;
    }
    const spec = specs.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!spec) {
      inputError("INVALID_OPTION", { argument: "options", value: name, expected: `an option name: ${names.length > 0 ? names.join(", ") : "(this function takes no options)"}${didYouMean(name, names)}` });
    }
    if (out.has(spec.name)) inputError("INVALID_OPTION", { argument: `options ${spec.name}`, value: `${spec.name}=${value}`, expected: `${spec.name} given once` });
    if (spec.values) {
      const hit = spec.values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (!hit) inputError("INVALID_OPTION", { argument: `options ${spec.name}`, value, expected: `${spec.values.join(", ")}${didYouMean(value, spec.values)}` });
      value = hit;
    }
    if (value === "") inputError("INVALID_OPTION", { argument: `options ${spec.name}`, value: "", expected: spec.values ? spec.values.join(", ") : "a value" });
    out.set(spec.name, value);
  }
  return out;
}

function optionExample(specs: readonly OptionSpec[]): string {
  const s = specs[0];
  return s ? `${s.name}=${s.values?.[0] ?? s.default ?? "value"}` : "name=value";
}

class ArgReader implements Args {
  constructor(
    private readonly fn: string,
    private readonly scalars: ReadonlyMap<string, Scalar>,
    private readonly ranges: ReadonlyMap<string, RangeValue[][]>,
    private readonly rests: ReadonlyMap<string, unknown[]>,
    readonly options: ReadonlyMap<string, string>,
  ) {}
  private get(name: string): Scalar {
    if (!this.scalars.has(name)) throw new Error(`${this.fn}: no parameter ${name}`);
    return this.scalars.get(name) ?? null;
  }
  num(name: string): Dec {
    const v = this.optNum(name);
    if (v === null) throw new Error(`${this.fn}: ${name} is not a required number`);
    return v;
  }
  optNum(name: string): Dec | null {
    const v = this.get(name);
    if (v !== null && !(v instanceof Dec)) throw new Error(`${this.fn}: ${name} is not a number parameter`);
    return v;
  }
  text(name: string): string {
    const v = this.optText(name);
    if (v === null) throw new Error(`${this.fn}: ${name} is not a required text`);
    return v;
  }
  optText(name: string): string | null {
    const v = this.get(name);
    if (v !== null && typeof v !== "string") throw new Error(`${this.fn}: ${name} is not a text parameter`);
    return v;
  }
  bool(name: string): boolean {
    const v = this.optBool(name);
    if (v === null) throw new Error(`${this.fn}: ${name} is not a required boolean`);
    return v;
  }
  optBool(name: string): boolean | null {
    const v = this.get(name);
    if (v !== null && typeof v !== "boolean") throw new Error(`${this.fn}: ${name} is not a boolean parameter`);
    return v;
  }
  any(name: string): Dec | string | boolean | null {
    return this.get(name);
  }
  range(name: string): RangeValue[][] {
    const r = this.ranges.get(name);
    if (!r) throw new Error(`${this.fn}: ${name} is not a range parameter`);
    return r;
  }
  rest(name: string): unknown[] {
    return this.rests.get(name) ?? [];
  }
  option(name: string): string | null {
    return this.options.get(name) ?? null;
  }
}

function unexpected(spec: FunctionSpec, err: unknown, ctx: FunctionContext): ExcelError {
  const text = err instanceof Error ? err.message : String(err);
  ctx.log?.(`ESG.${spec.name}: unexpected error: ${err instanceof Error && err.stack ? err.stack : text}`);
  return excelError("#VALUE!", `ESG.${spec.name} could not compute this: ${text}. Please report it with the formula.`, "INTERNAL");
}

/** Runs the implementation once, turning issues and exceptions into error values. */
function guarded<T>(spec: FunctionSpec, ctx: FunctionContext, run: () => T | ExcelError): T | ExcelError {
  try {
    return run();
  } catch (err) {
    if (err instanceof ArgError) return err.error;
    if (err instanceof IssueError) return errorFromIssue(err.issue);
    return unexpected(spec, err, ctx);
  }
}

export interface InvokeOptions {
  /**
   * Keep the trace of every element of a spilled result (default true). Excel only shows values,
   * so its adapter passes false: the traces of a 100,000-row call then die young instead of
   * being held to the end of the call (most of the cost of a large range is garbage collection).
   */
  readonly keepTraces?: boolean;
}

/**
 * Calls a function the way Excel does: `rawArgs` are in parameter order (options as the last,
 * repeating argument); each is a scalar, a 2-D range, or null/undefined when omitted.
 */
export function invoke(spec: FunctionSpec, rawArgs: readonly unknown[], ctx: FunctionContext, options: InvokeOptions = {}): Invocation {
  const fail = (e: ExcelError): Invocation => ({ name: spec.name, shape: "scalar", value: e, unit: null, traces: null });
  try {
    return invokeInner(spec, rawArgs, ctx, options.keepTraces !== false);
  } catch (err) {
    if (err instanceof ArgError) return fail(err.error);
    if (err instanceof IssueError) return fail(errorFromIssue(err.issue));
    return fail(unexpected(spec, err, ctx));
  }
}

function invokeInner(spec: FunctionSpec, rawArgs: readonly unknown[], ctx: FunctionContext, keepTraces: boolean): Invocation {
  const hasOptions = spec.options !== undefined && spec.options.length > 0;
  const declared = spec.params.length + (hasOptions ? 1 : 0);
  const restParam = spec.params.find((p) => p.kind === "rest");
  if (!restParam && rawArgs.length > declared) {
    const extra = rawArgs.slice(declared).filter((a) => a !== null && a !== undefined && !(Array.isArray(a) && a.length === 0));
    if (extra.length > 0) {
      throw new ArgError(excelError("#VALUE!", `ESG.${spec.name} takes at most ${declared} argument${declared === 1 ? "" : "s"} (${paramList(spec)}); got ${rawArgs.length}.`, "TOO_MANY_ARGUMENTS"));
    }
  }
  const options = hasOptions ? parseOptions(spec.options!, rawArgs[spec.params.length]) : new Map<string, string>();

  // Non-broadcast parameters: ranges and rest.
  const ranges = new Map<string, RangeValue[][]>();
  const rests = new Map<string, unknown[]>();
  spec.params.forEach((p, i) => {
    if (p.kind === "range") {
      const raw = rawArgs[i];
      if (raw === null || raw === undefined) {
        if (!p.optional) inputError("MISSING_INPUT", { argument: p.name, expected: p.description.replace(/\.$/, "") });
        ranges.set(p.name, []);
      } else ranges.set(p.name, asRows(raw).map((r) => r.map(normaliseCell)));
    } else if (p.kind === "rest") rests.set(p.name, rawArgs.slice(i));
  });

  // Broadcast parameters: shapes.
  const bparams = spec.params.map((p, i) => ({ p, i })).filter(({ p }) => BROADCAST.has(p.kind));
  const grids = bparams.map(({ p, i }) => {
    const raw = rawArgs[i];
    if (raw === null || raw === undefined) {
      if (!p.optional) inputError("MISSING_INPUT", { argument: p.name, expected: expectedOf(p) });
      return { p, rows: [[null]] as unknown[][], omitted: true };
    }
    return { p, rows: asRows(raw), omitted: false };
  });
  const shapes = grids.map((g) => shapeOf(g.rows));
  for (const [k, [r, c]] of shapes.entries()) {
    if (r === 0 || c === 0) inputError("MISSING_INPUT", { argument: grids[k]!.p.name, expected: `${expectedOf(grids[k]!.p)} (the range is empty)` });
  }
  const rows = Math.max(1, ...shapes.map((s) => s[0]));
  const cols = Math.max(1, ...shapes.map((s) => s[1]));
  const isArray = rows > 1 || cols > 1;

  if (spec.shape === "table" && isArray) {
    const k = shapes.findIndex(([r, c]) => r > 1 || c > 1);
    const [r, c] = shapes[k]!;
    throw new ArgError(excelError("#VALUE!", `${grids[k]!.p.name}: expected a single value, not a ${r}×${c} range (ESG.${spec.name} returns a table for one call).`, "NOT_A_SINGLE_VALUE"));
  }

  const element = (i: number, j: number): { scalars: Map<string, Scalar> } | ExcelError => {
    const scalars = new Map<string, Scalar>();
    for (let k = 0; k < grids.length; k++) {
      const g = grids[k]!;
      const [r, c] = shapes[k]!;
      const ri = r === 1 ? 0 : i;
      const ci = c === 1 ? 0 : j;
      if (ri >= r || ci >= c) {
        return excelError("#N/A", `${g.p.name}: the range is ${r}×${c} but the result is ${rows}×${cols}; no value at row ${i + 1}, column ${j + 1}.`, "SHAPE_MISMATCH");
      }
      const cell = normaliseCell(g.rows[ri]![ci]);
      if (isExcelError(cell)) return cell;
      let v: Scalar;
      try {
        v = coerce(g.p, cell);
      } catch (err) {
        if (err instanceof ArgError) return err.error;
        throw err;
      }
      if (v === null && !g.p.optional) {
        return errorFromIssue(issue("MISSING_INPUT", { argument: g.p.name, expected: expectedOf(g.p) }));
      }
      scalars.set(g.p.name, v);
    }
    return { scalars };
  };

  if (spec.shape === "table") {
    const el = element(0, 0);
    if (isExcelError(el)) return { name: spec.name, shape: "scalar", value: el, unit: null, traces: null };
    const args = new ArgReader(spec.name, el.scalars, ranges, rests, options);
    const out = guarded<TableOutput>(spec, ctx, () => spec.run(args, ctx));
    if (isExcelError(out)) return { name: spec.name, shape: "scalar", value: out, unit: null, traces: null };
    const width = out.rows.reduce((m, r) => Math.max(m, r.length), 0);
    // Pad ragged rows: Excel needs a rectangle.
    const table = out.rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => "")] as OutValue[]);
    return { name: spec.name, shape: "array", value: table, unit: out.unit ?? null, traces: out.trace ?? null };
  }

  // Value-only fast path (constant parts resolved once per call), when nobody reads the traces.
  let fast: ((args: Args) => Evaluated | null) | null = null;
  if (isArray && !keepTraces && spec.prepare) {
    try {
      fast = spec.prepare(ctx, options);
    } catch {
      fast = null;
    }
  }

  const runElement = (i: number, j: number): { value: OutValue; unit: string | null; trace: Trace | null } => {
    const el = element(i, j);
    if (isExcelError(el)) return { value: el, unit: null, trace: null };
    const args = new ArgReader(spec.name, el.scalars, ranges, rests, options);
    if (fast) {
      let quick: Evaluated | null = null;
      try {
        quick = fast(args);
      } catch {
        quick = null;
      }
      if (quick) return { value: quick.value, unit: quick.unit ?? null, trace: null };
    }
    const out = guarded<ElementOutput>(spec, ctx, () => spec.run(args, ctx));
    if (isExcelError(out)) return { value: out, unit: null, trace: null };
    if (spec.result === "number" && !(out.value instanceof Dec)) {
      return { value: unexpected(spec, new Error(`expected a number, got ${describe(out.value)}`), ctx), unit: null, trace: null };
    }
    return { value: out.value, unit: out.unit ?? null, trace: out.trace ?? null };
  };

  if (!isArray) {
    const r = runElement(0, 0);
    return { name: spec.name, shape: "scalar", value: r.value, unit: r.unit, traces: r.trace };
  }
  const values: OutValue[][] = [];
  const traces: Array<Array<Trace | null>> = [];
  const units = new Set<string>();
  for (let i = 0; i < rows; i++) {
    const vr: OutValue[] = [];
    const tr: Array<Trace | null> = [];
    for (let j = 0; j < cols; j++) {
      const r = runElement(i, j);
      vr.push(r.value);
      tr.push(keepTraces ? r.trace : null);
      if (r.unit) units.add(r.unit);
    }
    values.push(vr);
    traces.push(tr);
  }
  return { name: spec.name, shape: "array", value: values, unit: units.size === 1 ? [...units][0]! : null, traces };
}

function paramList(spec: FunctionSpec): string {
  const names = spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  if (spec.options && spec.options.length > 0) names.push("[options...]");
  return names.join(", ");
}

/** An exact value at the Excel edge. */
export function toCell(v: OutValue): CellValue {
  if (v instanceof Dec) return numberCell(v);
  return v;
}

/** The invocation as Excel cells: a scalar or rows. */
export function toCells(inv: Invocation): CellValue | CellValue[][] {
  if (inv.shape === "scalar" && !Array.isArray(inv.value)) return toCell(inv.value as OutValue);
  return (inv.value as OutValue[][]).map((r) => r.map(toCell));
}
