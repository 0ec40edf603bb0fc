/**
 * Exact-only arithmetic for the value-only fast paths: a product or sum is returned only when
 * Decimal computes it without rounding (the digits fit in the configured precision), so the
 * result is the exact real value whatever the order of operations, and therefore identical to
 * the engine's. Otherwise null, and the caller lets the engine compute the element.
 */
import { Dec } from "../../engine";

const PRECISION = Dec.precision;

/** Position of the lowest significant digit (10^k) of a non-zero decimal. */
function low(d: Dec): number {
  return d.e - d.sd() + 1;
}

export function exactTimes(a: Dec, b: Dec): Dec | null {
  if (!a.isFinite() || !b.isFinite()) return null;
  if (a.isZero() || b.isZero()) return a.times(b);
  return a.sd() + b.sd() <= PRECISION ? a.times(b) : null;
}

export function exactPlus(a: Dec, b: Dec): Dec | null {
  if (!a.isFinite() || !b.isFinite()) return null;
  if (a.isZero() || b.isZero()) return a.plus(b);
  // Digits from the lowest significant position to one above the highest (a carry).
  const span = Math.max(a.e, b.e) + 1 - Math.min(low(a), low(b)) + 1;
  return span <= PRECISION ? a.plus(b) : null;
}

/** x / 10^n, always exact in decimal (only the exponent changes) unless it underflows. */
export function shift(x: Dec, n: number): Dec {
  return x.div(new Dec(10).pow(n));
}
