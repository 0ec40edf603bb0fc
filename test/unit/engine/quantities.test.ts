import fc from "fast-check";
import { Dec, toDec, plain, formatDec, toExcelNumber } from "../../../src/engine/quantities/decimal";
import { Quantity, convert, requireUnit, tonneKm } from "../../../src/engine/quantities/quantity";
import { UNITS, findUnit, type Dimension } from "../../../src/engine/quantities/units";
import { IssueError } from "../../../src/engine/issues/issue";

function issueCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof IssueError) return e.issue.code;
    throw e;
  }
  return undefined;
}

describe("Decimal configuration", () => {
  it("reads numbers through their shortest string, so 0.1 + 0.2 is exactly 0.3", () => {
    expect(plain(toDec(0.1)!.plus(toDec(0.2)!))).toBe("0.3");
  });
  it("rejects non-numbers and non-finite values", () => {
    expect(toDec("12 kg")).toBeNull();
    expect(toDec(Number.NaN)).toBeNull();
    expect(toDec(Infinity)).toBeNull();
    expect(toDec("")).toBeNull();
    expect(toDec(null)).toBeNull();
    expect(plain(toDec("  -1.50e2 ")!)).toBe("-150");
  });
  it("rounds only at the edges under named policies", () => {
    const third = new Dec(1).div(3);
    expect(formatDec(third, "display")).toBe("0.3333333333");
    expect(toExcelNumber(third)).toBe(0.333333333333333);
    expect(formatDec(new Dec("2.5"), "exact")).toBe("2.5");
  });
});

describe("units", () => {
  it("has the units the issue lists", () => {
    const want: Record<Dimension, string[]> = {
      mass: ["kg", "t", "g", "lb", "short ton"],
      distance: ["km", "mi", "nmi"],
      energy: ["kWh", "MWh", "GJ", "MJ", "MMBtu", "therm"],
      volume: ["L", "m3", "US gal", "UK gal"],
      transport: ["t.km", "short ton-mile"],
    };
    for (const [dim, symbols] of Object.entries(want)) {
      for (const s of symbols) expect(findUnit(s)?.dimension).toBe(dim);
    }
  });
  it("knows common spellings in sheets", () => {
    expect(findUnit("lbs")?.symbol).toBe("lb");
    expect(findUnit("Tonnes")?.symbol).toBe("t");
    expect(findUnit("tonne.km")?.symbol).toBe("t.km");
    expect(findUnit("ton-miles")?.symbol).toBe("short ton-mile");
    expect(findUnit("Miles")?.symbol).toBe("mi");
  });
  it("uses the exact definitional constants", () => {
    expect(plain(convert("1", "lb", "kg"))).toBe("0.45359237");
    expect(plain(convert("1", "short ton", "kg"))).toBe("907.18474");
    expect(plain(convert("1", "mi", "km"))).toBe("1.609344");
    expect(plain(convert("1", "nmi", "km"))).toBe("1.852");
    expect(plain(convert("1", "US gal", "L"))).toBe("3.785411784");
    expect(plain(convert("1", "UK gal", "L"))).toBe("4.54609");
    expect(plain(convert("1", "MWh", "kWh"))).toBe("1000");
    expect(plain(convert("1", "GJ", "kWh"))).toBe(new Dec(1000).div("3.6").toFixed());
    expect(plain(convert("1", "MMBtu", "GJ"))).toBe("1.05505585262");
    expect(plain(convert("1", "therm", "MJ"))).toBe("105.505585262");
    expect(plain(convert("1", "short ton-mile", "t.km"))).toBe("1.45997231821056");
    expect(plain(convert("1", "m3", "L"))).toBe("1000");
  });
  it("WE-B9: EPA truck 0.211 kg CO2 per short ton-mile is 0.14452329 kg per t.km", () => {
    const perTkm = new Dec("0.211").div(convert("1", "short ton-mile", "t.km"));
    expect(perTkm.toSignificantDigits(8).toFixed()).toBe("0.14452329");
  });
  it("short ton-mile equals short ton x mile", () => {
    const tkm = tonneKm(Quantity.of(1, "short ton"), Quantity.of(1, "mi"));
    expect(plain(tkm)).toBe(plain(convert(1, "short ton-mile", "t.km")));
  });
  it("refuses unknown units with near matches, and cross-dimension conversions", () => {
    expect(issueCode(() => requireUnit("kgg"))).toBe("UNKNOWN_UNIT");
    try {
      requireUnit("kilogramz");
    } catch (e) {
      expect((e as IssueError).issue.suggestions).toContain("kg");
    }
    expect(issueCode(() => convert(1, "kg", "km"))).toBe("INCOMPATIBLE_UNITS");
    expect(issueCode(() => Quantity.of("abc", "kg"))).toBe("NOT_A_NUMBER");
  });
});

describe("property: conversions round-trip exactly", () => {
  const decimalArb = fc
    .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 12 }))
    .map(([n, scale]) => new Dec(n.toString()).div(new Dec(10).pow(scale)));
  const dims: Dimension[] = ["mass", "distance", "energy", "volume", "transport"];
  const pairArb = fc.constantFrom(...dims).chain((dim) => {
    const us = UNITS.filter((u) => u.dimension === dim);
    return fc.tuple(fc.constantFrom(...us), fc.constantFrom(...us), fc.constantFrom(...us));
  });

  it("a -> b -> a returns the input digit for digit", () => {
    fc.assert(
      fc.property(decimalArb, pairArb, (x, [a, b]) => {
        const back = Quantity.of(x, a).to(b).to(a).value;
        return back.eq(x);
      }),
      { numRuns: 2000 },
    );
  });
  it("a -> b -> c equals a -> c exactly", () => {
    fc.assert(
      fc.property(decimalArb, pairArb, (x, [a, b, c]) => Quantity.of(x, a).to(b).to(c).value.eq(Quantity.of(x, a).to(c).value)),
      { numRuns: 2000 },
    );
  });
  it("conversion is linear: convert(x + y) = convert(x) + convert(y) when the quotients terminate", () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, fc.constantFrom(...UNITS.filter((u) => u.dimension === "mass")), (x, y, u) => {
        const lhs = Quantity.of(x.plus(y), u).in("kg");
        const rhs = Quantity.of(x, u).in("kg").plus(Quantity.of(y, u).in("kg"));
        return lhs.eq(rhs);
      }),
      { numRuns: 1000 },
    );
  });
});
