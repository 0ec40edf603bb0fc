/**
 * An amount with a unit, converted exactly.
 *
 * A Quantity keeps its amount as an exact ratio numerator/denominator of finite
 * decimals. Converting multiplies the numerator by the source unit's base factor
 * and the denominator by the target's, so no digit is lost however many times a
 * quantity is converted; the single division happens when `.value` is read.
 */
import { Dec, ONE, toDec } from "./decimal";
import { findUnit, toBaseFactor, unitsOf, type Dimension, type UnitDef } from "./units";
import { fail } from "../issues/issue";
import { suggest } from "../issues/suggest";
import { UNITS } from "./units";

export class Quantity {
  private constructor(
    private readonly numerator: Dec,
    private readonly denominator: Dec,
    readonly unit: UnitDef,
  ) {}

  static of(amount: Dec | number | string, unit: string | UnitDef, argument = "unit"): Quantity {
    const u = typeof unit === "string" ? requireUnit(unit, argument) : unit;
    const d = toDec(amount);
    if (d === null) fail("NOT_A_NUMBER", { argument: "amount", value: String(amount), expected: `a number in ${u.symbol}` });
    return new Quantity(d, ONE, u);
  }

  get dimension(): Dimension {
    return this.unit.dimension;
  }

  /** The amount in this quantity's unit (one division, at the configured precision; exact when it terminates). */
  get value(): Dec {
    return this.denominator.eq(ONE) ? this.numerator : this.numerator.div(this.denominator);
  }

  /** Converts to another unit of the same dimension, exactly. */
  to(target: string | UnitDef, argument = "unit"): Quantity {
    const t = typeof target === "string" ? requireUnit(target, argument) : target;
    if (t.dimension !== this.unit.dimension) {
      fail("INCOMPATIBLE_UNITS", { argument, from: this.unit.symbol, to: t.symbol });
    }
    if (t.symbol === this.unit.symbol) return this;
    return new Quantity(this.numerator.times(toBaseFactor(this.unit)), this.denominator.times(toBaseFactor(t)), t);
  }

  /** Value in `target` units (shorthand for `.to(target).value`). */
  in(target: string | UnitDef): Dec {
    return this.to(target).value;
  }

  toString(): string {
    return `${this.value.toFixed()} ${this.unit.symbol}`;
  }
}

/** Resolves a unit by symbol or alias, failing with UNKNOWN_UNIT and near matches. */
export function requireUnit(text: string, argument = "unit", dimension?: Dimension): UnitDef {
  const u = findUnit(text);
  const pool = dimension ? unitsOf(dimension) : UNITS;
  if (!u || (dimension && u.dimension !== dimension)) {
    const names = pool.flatMap((p) => [p.symbol, ...p.aliases]);
    fail(
      "UNKNOWN_UNIT",
      { argument, value: text, expected: pool.map((p) => p.symbol).join(", ") },
      suggest(text, names).map((s) => findUnit(s)?.symbol ?? s).filter((s, i, a) => a.indexOf(s) === i),
    );
  }
  return u;
}

/** Converts an amount between two units exactly (convenience over Quantity). */
export function convert(amount: Dec | number | string, from: string, to: string): Dec {
  return Quantity.of(amount, from, "from").to(to, "to").value;
}

/** Transport activity in t.km from a mass and a distance, exact. */
export function tonneKm(mass: Quantity, distance: Quantity): Dec {
  return mass.in("t").times(distance.in("km"));
}
