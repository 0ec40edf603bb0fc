/**
 * The one Decimal configuration of the engine.
 *
 * Every quantity is a `Dec` from the moment it enters the engine. Precision is
 * far above what any published factor needs, so multiplication and addition of
 * the decimal strings we ship are exact; only a division whose quotient does not
 * terminate is rounded, at the 50th significant digit, half-even.
 */
import Decimal from "decimal.js";

export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
  modulo: Decimal.ROUND_DOWN,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** Strict decimal literal: optional sign, digits, optional fraction, optional exponent. */
const DECIMAL_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when `text` is a plain decimal literal that `toDec` accepts. */
export function isDecimalLiteral(text: string): boolean {
  return DECIMAL_LITERAL.test(text.trim());
}

/**
 * Converts a JS number or decimal string to a Dec without passing through binary
 * floating point for strings. Numbers are read through their shortest round-trip
 * string (what Excel shows), so 0.1 becomes exactly 0.1.
 * Returns null for anything that is not a finite decimal.
 */
export function toDec(input: unknown): Dec | null {
  if (input instanceof Dec) return input;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return null;
    return new Dec(String(input));
  }
  if (typeof input === "string") {
    const text = input.trim();
    if (!DECIMAL_LITERAL.test(text)) return null;
    return new Dec(text);
  }
  if (Decimal.isDecimal(input)) return new Dec((input as Decimal).toString());
  return null;
}

/** Named rounding policies applied only at the edges (cell, display, export). */
export const ROUNDING_POLICIES = {
  /** Excel stores IEEE doubles: 15 significant digits survive a round trip. */
  excelCell: { significantDigits: 15 },
  /** Human display in the taskpane and CLI tables. */
  display: { significantDigits: 10 },
  /** Exports (bundle, CSV) keep the exact value. */
  exact: { significantDigits: 0 },
} as const;
export type RoundingPolicyName = keyof typeof ROUNDING_POLICIES;

/** Rounds a value under a named policy and returns its plain decimal string. */
export function formatDec(value: Dec, policy: RoundingPolicyName = "exact"): string {
  const digits = ROUNDING_POLICIES[policy].significantDigits;
  const rounded = digits > 0 ? value.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN) : value;
  return plain(rounded);
}

/** Plain (non-exponent) string without trailing zeros: "597.6", "-0.00012". */
export function plain(value: Dec): string {
  if (value.isZero()) return "0";
  return value.toFixed();
}

/** The edge where a Dec becomes a JS number for Excel. */
export function toExcelNumber(value: Dec): number {
  return Number(formatDec(value, "excelCell"));
}

/** Exact sum of a list of Decs. */
export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
