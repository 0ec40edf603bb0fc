/**
 * Shared helpers of the inventory methods: the method reference every trace
 * carries, and argument readers that turn loose inputs into Decimals and
 * Quantities (or fail with a catalogue issue).
 */
import { METHOD } from "../../method-pins";
import { Dec, toDec } from "../../quantities/decimal";
import { Quantity } from "../../quantities/quantity";
import { requireUnit } from "../../quantities/quantity";
import { findUnit, type Dimension } from "../../quantities/units";
import { fail } from "../../issues/issue";
import { TraceBuilder, type InputOrigin, type TraceMethod } from "../../trace/trace";

/** A number as the engine accepts it at its edges: a Dec, a JS number or a decimal string. */
export type Num = Dec | number | string;

/** An amount with its unit, e.g. `{ amount: 12, unit: "t" }`. */
export interface Amount {
  amount: Num;
  unit: string;
}

/** The method reference of a trace (method id and version come from the pinned method). */
export function methodRef(name: string, clause: string): TraceMethod {
  return { id: METHOD.id, version: METHOD.version, name, clause };
}

export function newTrace(name: string, clause: string): TraceBuilder {
  return new TraceBuilder(methodRef(name, clause));
}

/** Reads a number; fails NOT_A_NUMBER, or NEGATIVE_NOT_ALLOWED unless negatives are allowed. */
export function decArg(value: unknown, argument: string, expected: string, options: { allowNegative?: boolean } = {}): Dec {
  if (value === undefined || value === null || value === "") fail("MISSING_INPUT", { argument, expected });
  const d = toDec(value);
  if (d === null) fail("NOT_A_NUMBER", { argument, value: String(value), expected });
  if (!options.allowNegative && d.isNegative() && !d.isZero()) {
    fail("NEGATIVE_NOT_ALLOWED", { argument, value: d.toFixed(), expected });
  }
  return d;
}

/** Reads an amount with a unit of the given dimension (non-negative unless allowed). */
export function amountArg(value: Amount | undefined, dimension: Dimension, argument: string, options: { allowNegative?: boolean } = {}): Quantity {
  if (value === undefined || value === null) fail("MISSING_INPUT", { argument, expected: `an amount with a ${dimension} unit` });
  const unit = requireUnit(String(value.unit ?? ""), `${argument}.unit`, dimension);
  const amount = decArg(value.amount, `${argument}.amount`, `a ${dimension} in ${unit.symbol}`, options);
  return Quantity.of(amount, unit, `${argument}.unit`);
}

/** Records an amount input in a trace. */
export function traceAmount(trace: TraceBuilder, name: string, q: Quantity, origin: InputOrigin = "entered", note?: string): void {
  trace.input(name, q.value, origin, q.unit.symbol, note);
}

/** Reads an amount whose unit may be of any of the listed dimensions (e.g. fuel in L, kg or kWh). */
export function amountOfDimensions(value: Amount | undefined, dimensions: readonly Dimension[], argument: string): Quantity {
  if (value === undefined || value === null) fail("MISSING_INPUT", { argument, expected: `an amount in a ${dimensions.join(", ")} unit` });
  const u = findUnit(String(value.unit ?? ""));
  const dimension = u && dimensions.includes(u.dimension) ? u.dimension : dimensions[0]!;
  return amountArg(value, dimension, argument);
}
