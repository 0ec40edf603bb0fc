/**
 * Shared plumbing of the avoided-impact, attribution and ledger methods (helper M2):
 * the method identity written into traces, decimal arguments with their origin,
 * and "a factor id or a number" arguments converted exactly to the unit a
 * formula needs. Nothing here computes a credit.
 */
import { Dec, ONE, ZERO, toDec } from "../quantities/decimal";
import { findUnit } from "../quantities/units";
import { fail } from "../issues/issue";
import { traceOfFactor, userFactor, type FactorQuery, type FactorRegistry } from "../factors/registry";
import type { Result, TraceBuilder, TraceFactor, TraceMethod } from "../trace/trace";

export const METHOD_ID = "SERI-EVC-METHOD";
export const METHOD_VERSION = "0.1.0-draft";

export function methodOf(name: string, clause: string): TraceMethod {
  return { id: METHOD_ID, version: METHOD_VERSION, name, clause };
}

/** A number as Excel, a sheet or a caller gives it. */
export type NumberLike = Dec | number | string;

/**
 * A factor given by id (looked up in the registry passed in), by id with a scope,
 * or as a number (the trace marks it user-supplied).
 */
export type FactorArg = NumberLike | { id: string; region?: string | null; year?: number | null };

/** Parses a required decimal argument; fails NOT_A_NUMBER / MISSING_INPUT. */
export function decArg(value: NumberLike | null | undefined, argument: string, expected: string): Dec {
  if (value === undefined || value === null || value === "") fail("MISSING_INPUT", { argument, expected });
  const d = toDec(value);
  if (d === null) fail("NOT_A_NUMBER", { argument, value: String(value), expected });
  return d;
}

/** A decimal argument that must be >= 0. */
export function nonNegative(value: NumberLike | null | undefined, argument: string, expected: string): Dec {
  const d = decArg(value, argument, expected);
  if (d.isNegative()) fail("NEGATIVE_NOT_ALLOWED", { argument, value: d.toFixed(), expected });
  return d;
}

/** A decimal argument in [0, 1] (a share, rate or allocation factor). */
export function fraction(value: NumberLike | null | undefined, argument: string): Dec {
  const d = decArg(value, argument, "a fraction between 0 and 1");
  if (d.lt(ZERO) || d.gt(ONE)) fail("OUT_OF_RANGE", { argument, value: d.toFixed(), expected: "a fraction between 0 and 1" });
  return d;
}

/** An optional argument with a documented default, recorded as entered or defaulted. */
export function withDefault(
  value: NumberLike | null | undefined,
  fallback: string,
): { raw: NumberLike; origin: "entered" | "defaulted" } {
  return value === undefined || value === null || value === "" ? { raw: fallback, origin: "defaulted" } : { raw: value, origin: "entered" };
}

const NUMERATOR_TO_KG_CO2E: Record<string, string> = {
  "kg CO2e": "1",
  "t CO2e": "1000",
  "g CO2e": "0.001",
  "kg CO2": "1",
  "t CO2": "1000",
};

/** A factor resolved to the unit a formula uses, with its trace entry. */
export interface FactorValue {
  value: Dec;
  /** The unit of `value` after conversion (e.g. "kg CO2e/kg"). */
  unit: string;
  trace: TraceFactor;
  /** Multiplier applied to the published value to reach `unit` (1 when none). */
  conversion: Dec;
}

function isRefObject(arg: FactorArg): arg is { id: string; region?: string | null; year?: number | null } {
  return typeof arg === "object" && arg !== null && !(arg instanceof Dec) && "id" in arg;
}

/**
 * Resolves a factor argument to kg CO2e per `perUnit` (a unit symbol of the quantities table,
 * or "unit" for per-item factors). A number is taken as already in kg CO2e per `perUnit`.
 * Library factors are converted exactly from their numerator and activity units
 * (t CO2e/short ton -> kg CO2e/kg; kg CO2e/kWh -> kg CO2e/MJ ...).
 */
export function resolveFactor(
  arg: FactorArg | null | undefined,
  name: string,
  perUnit: string,
  registry?: FactorRegistry,
  query: FactorQuery = {},
): FactorValue {
  const unit = `kg CO2e/${perUnit}`;
  if (arg === undefined || arg === null || arg === "") fail("MISSING_INPUT", { argument: name, expected: `a factor id or a number in ${unit}` });
  const isNumber = arg instanceof Dec || typeof arg === "number" || (typeof arg === "string" && toDec(arg) !== null);
  if (isNumber) {
    const u = userFactor(arg as NumberLike, unit, name);
    return { value: u.value, unit, trace: u.trace, conversion: ONE };
  }
  const id = isRefObject(arg) ? arg.id : String(arg);
  const q: FactorQuery = isRefObject(arg) ? { region: arg.region ?? query.region, year: arg.year ?? query.year } : query;
  if (!registry) fail("MISSING_INPUT", { argument: `${name} registry`, expected: `a factor registry to look up '${id}', or a number in ${unit}` });
  const resolved = registry.get(id, q);
  const f = resolved.loaded.factor;
  const numerator = NUMERATOR_TO_KG_CO2E[f.numeratorUnit];
  if (numerator === undefined || (f.gas !== "CO2e" && f.gas !== "CO2")) {
    fail("INCOMPATIBLE_UNITS", { argument: name, from: f.unit, to: unit });
  }
  const conversion = new Dec(numerator).times(activityConversion(f.activityUnit, perUnit, name, f.unit, unit));
  return { value: resolved.value.times(conversion), unit, trace: traceOfFactor(resolved), conversion };
}

/** How many `from` activity units are in one `to` unit (so value-per-from x result = value-per-to). */
function activityConversion(from: string, to: string, argument: string, fromText: string, toText: string): Dec {
  if (from === to) return ONE;
  const a = findUnit(from);
  const b = findUnit(to);
  if (!a || !b || a.dimension !== b.dimension) fail("INCOMPATIBLE_UNITS", { argument, from: fromText, to: toText });
  // value per `from` -> value per `to`: multiply by (to in base) / (from in base).
  return new Dec(b.toBase).div(new Dec(a.toBase));
}

/** Records a resolved factor (and its conversion, when there is one) in a trace. */
export function traceFactorUse(tb: TraceBuilder, name: string, f: FactorValue): void {
  tb.factor(f.trace);
  if (!f.conversion.eq(ONE)) {
    tb.step(`${name} in ${f.unit}`, `${f.trace.value} ${f.trace.unit} x ${f.conversion.toFixed()}`, f.value, f.unit);
  }
}

/** Mass argument converted exactly to kg. */
export function massKg(amount: NumberLike | null | undefined, unit: string, argument: string): Dec {
  const d = nonNegative(amount, argument, `a mass in ${unit}`);
  const u = findUnit(unit);
  if (!u || u.dimension !== "mass") fail("UNKNOWN_UNIT", { argument: `${argument} unit`, value: unit, expected: "kg, t, g, lb, short ton" });
  return d.times(new Dec(u.toBase));
}

/**
 * A result of the avoided-emissions ledger. The `ledger` tag makes it a type error (and a
 * runtime RULE_VIOLATION) to pass one where an inventory line is expected: no netting.
 */
export type AvoidedResult = Result & { readonly ledger: "avoided" };

export function asAvoided(r: Result): AvoidedResult {
  return { ...r, ledger: "avoided" };
}
