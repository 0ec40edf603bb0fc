/**
 * The ESG functions declared as data (HyperFormula style). Each entry names its
 * parameters with their kind, unit and whether they are optional, and gives an
 * implementation over plain, already-coerced scalars. One wrapper
 * (`invoke.ts`) does everything Excel-specific: argument checks, coercion,
 * error propagation, broadcasting over ranges and the conversion back to cells.
 */
import type { Dec, FactorRegistry, Taxonomy, Trace } from "../engine";
import type { ExcelError } from "./excel-values";

/**
 * number / integer: a Dec (numbers, numeric text, TRUE/FALSE as 1/0);
 * text: trimmed text (numbers become their text);
 * boolean: TRUE/FALSE (numbers: non-zero is TRUE; text "TRUE"/"FALSE");
 * any: a Dec for numbers, text otherwise (e.g. "a factor id or a number");
 * range: the whole 2-D range, not broadcast;
 * rest: the remaining raw arguments (TRACE only).
 */
export type ParamKind = "number" | "integer" | "text" | "boolean" | "any" | "range" | "rest";

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  /** Unit the number is read in (shown in help and messages). */
  readonly unit?: string;
  readonly optional?: boolean;
  /** What the value means; shown in Insert Function (the unit is appended when given). */
  readonly description: string;
  /** What an omitted optional means (for the help page). */
  readonly default?: string;
  /** Allowed values of a text parameter (checked case-insensitively; "did you mean" on a near miss). */
  readonly values?: readonly string[];
  /** For numbers: the value must be >= 0. */
  readonly nonNegative?: boolean;
}

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  /** Allowed values (case-insensitive); the canonical spelling is passed on. */
  readonly values?: readonly string[];
  readonly default?: string;
}

/** A scalar after coercion. `null` is an omitted optional (or an empty optional cell). */
export type Scalar = Dec | string | boolean | null;
/** A value inside a range argument. */
export type RangeValue = Dec | string | boolean | null | ExcelError;

/** What an element-wise implementation returns: an engine Result or a plain value, or an Excel error. */
export interface Evaluated {
  readonly value: Dec | string | boolean;
  readonly unit?: string;
  readonly trace?: Trace;
}
export type ElementOutput = Evaluated | ExcelError;

/** What a table implementation returns: rows to spill. */
export interface TableOutput {
  readonly rows: ReadonlyArray<ReadonlyArray<Dec | string | boolean | ExcelError>>;
  readonly unit?: string;
  readonly trace?: Trace;
}

export interface FunctionContext {
  readonly registry: FactorRegistry;
  /** The taxonomy (modes, carriers, refrigerants, UNU-KEYs, dispositions, stages). */
  readonly taxonomy?: Taxonomy;
  /** Where unexpected exceptions are logged (they also become #VALUE! with a message). */
  readonly log?: (message: string) => void;
}

/** Typed access to the coerced arguments of one call (or one element of a broadcast call). */
export interface Args {
  num(name: string): Dec;
  optNum(name: string): Dec | null;
  text(name: string): string;
  optText(name: string): string | null;
  bool(name: string): boolean;
  optBool(name: string): boolean | null;
  /** An "any" argument: a Dec for numbers, trimmed text, TRUE/FALSE, or null when omitted. */
  any(name: string): Dec | string | boolean | null;
  range(name: string): RangeValue[][];
  rest(name: string): unknown[];
  /** A name=value option, canonical value, or null when not given. */
  option(name: string): string | null;
  readonly options: ReadonlyMap<string, string>;
}

export interface Example {
  readonly formula: string;
  /** The exact result as `esg eval` prints it. */
  readonly result: string;
  readonly note?: string;
}

interface BaseSpec {
  /** Id without namespace, upper case: "TRANSPORT_CO2". */
  readonly name: string;
  /** One sentence for Insert Function. */
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** name=value options accepted in the repeating last parameter `options`. */
  readonly options?: readonly OptionSpec[];
  /** Method card file name under docs/methods (without .md). */
  readonly methodCard?: string;
  readonly examples?: readonly Example[];
  /** Issue codes this function can return, for the help page. */
  readonly errors?: readonly string[];
}

export interface ElementSpec extends BaseSpec {
  /** Broadcast over ranges: one result per element. */
  readonly shape: "element";
  readonly result: "number" | "text" | "any";
  /** Unit of the result, for the help page. */
  readonly resultUnit?: string;
  run(args: Args, ctx: FunctionContext): ElementOutput;
  /**
   * Optional value-only fast path for a spilled call whose traces are not kept (the Excel adapter):
   * called once per call, it returns a per-element function that gives the value, or null to let
   * `run` compute that element. It must give exactly the value `run` gives (same Dec, same unit);
   * it exists so that what is constant over a range (a mode, a region, a factor) is resolved once.
   */
  prepare?(ctx: FunctionContext, options: ReadonlyMap<string, string>): (args: Args) => Evaluated | null;
}

export interface TableSpec extends BaseSpec {
  /** Arguments are single values; the result is a table that spills. */
  readonly shape: "table";
  /** Column headings of the table, for the help page. */
  readonly columns?: readonly string[];
  run(args: Args, ctx: FunctionContext): TableOutput | ExcelError;
}

export type FunctionSpec = ElementSpec | TableSpec;

/** The parameter names Excel sees, in order (options last). */
export function excelParamNames(spec: FunctionSpec): string[] {
  return [...spec.params.map((p) => p.name), ...(spec.options && spec.options.length > 0 ? ["options"] : [])];
}

/** Builds the lookup table of a list of specs; rejects duplicates and bad names at startup. */
export function buildRegistry(specs: readonly FunctionSpec[]): ReadonlyMap<string, FunctionSpec> {
  const map = new Map<string, FunctionSpec>();
  for (const s of specs) {
    if (!/^[A-Z][A-Z0-9_]{2,}$/.test(s.name) || /^[A-Z]{1,3}[0-9]+$/.test(s.name)) throw new Error(`bad function name ${s.name}`);
    if (map.has(s.name)) throw new Error(`function ${s.name} declared twice`);
    let seenOptional = false;
    for (const p of s.params) {
      if (p.optional) seenOptional = true;
      else if (seenOptional && p.kind !== "rest") throw new Error(`${s.name}: required parameter ${p.name} after an optional one`);
    }
    map.set(s.name, s);
  }
  return map;
}
