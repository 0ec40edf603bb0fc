/**
 * Properties of the inventory methods: totals are sums of parts (chain = legs + hubs; WTW = TTW + WTT;
 * Scope 1 = sum of gases; market-based = instruments + remainder), results are linear in the activity
 * quantity, facility allocations sum to the site totals, and chain totals do not depend on element order.
 */
import fc from "fast-check";
import { Dec, ZERO, plain } from "../../src/engine/quantities/decimal";
import { transportChain, transportLeg, type ChainElement } from "../../src/engine/methods/transport";
import { fuelCombustion } from "../../src/engine/methods/fuel";
import { electricityMarketBased } from "../../src/engine/methods/electricity";
import { endOfLifeEmissions } from "../../src/engine/methods/end-of-life";
import { allocateFacilityEmissions } from "../../src/engine/methods/allocation";
import { bundledRegistry } from "../../src/bundled/libraries";
import { bundledTaxonomy } from "../../src/bundled/taxonomy";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const amount = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Dec(n).div(1000).toFixed());
const intensity = fc.integer({ min: 0, max: 100000 }).map((n) => new Dec(n).div(100000).toFixed());

const legArb = fc.tuple(amount, amount, intensity, intensity).map(([m, d, a, b]): ChainElement => {
  const [lo, hi] = new Dec(a).lte(b) ? [a, b] : [b, a];
  return { kind: "leg", mass: { amount: m, unit: "t" }, distance: { amount: d, unit: "km" }, wtwIntensity: hi, ttwIntensity: lo };
});
const hubArb = fc.tuple(amount, intensity, intensity).map(([m, a, b]): ChainElement => {
  const [lo, hi] = new Dec(a).lte(b) ? [a, b] : [b, a];
  return { kind: "hub", massHandled: { amount: m, unit: "kg" }, hocWtw: hi, hocTtw: lo };
});

describe("transport", () => {
  it("chain totals are the sums of the elements; WTT = WTW - TTW; order does not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(legArb, hubArb), { minLength: 1, maxLength: 8 }), (els) => {
        const c = transportChain(els);
        const sumW = c.elements.reduce((s, e) => s.plus(e.wtw!.value), ZERO);
        const sumT = c.elements.reduce((s, e) => s.plus(e.ttw!.value), ZERO);
        expect(plain(c.wtw!.value)).toBe(plain(sumW));
        expect(plain(c.ttw!.value)).toBe(plain(sumT));
        expect(plain(c.wtt!.value)).toBe(plain(sumW.minus(sumT)));
        const r = transportChain([...els].reverse());
        expect(plain(r.wtw!.value)).toBe(plain(c.wtw!.value));
      }),
      { numRuns: 100 },
    );
  });
  it("a leg is linear in mass (library DESNZ factors)", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 50 }), (m, k) => {
        const one = transportLeg({ mass: { amount: m, unit: "t" }, distance: { amount: 250, unit: "km" }, mode: "rail.freight" }, { registry, taxonomy });
        const many = transportLeg({ mass: { amount: new Dec(m).times(k).toFixed(), unit: "t" }, distance: { amount: 250, unit: "km" }, mode: "rail.freight" }, { registry, taxonomy });
        expect(plain(many.wtw!.value)).toBe(plain(one.wtw!.value.times(k)));
        expect(plain(one.wtw!.value)).toBe(plain(one.ttw!.value.plus(one.wtt!.value)));
      }),
      { numRuns: 60 },
    );
  });
});

describe("fuel, electricity, end-of-life", () => {
  it("Scope 1 = sum of the characterised gases and is linear in quantity", () => {
    fc.assert(
      fc.property(amount, fc.constantFrom("AR4", "AR5", "AR6"), (q, gwp) => {
        const r = fuelCombustion({ quantity: { amount: q, unit: "MMBtu" }, factor: "epa.stationary.natural-gas.co2.per-mmbtu" }, { registry, taxonomy, gwp });
        const g = r.gases!;
        const set = { AR4: [25, 298], AR5: [28, 265], AR6: ["29.8", 273] }[gwp]!;
        expect(plain(r.scope1.value)).toBe(plain(g.CO2!.plus(g.CH4!.times(set[0]!)).plus(g.N2O!.times(set[1]!))));
        expect(plain(r.scope1.value)).toBe(plain(new Dec(q).times(plain(fuelCombustion({ quantity: { amount: 1, unit: "MMBtu" }, factor: "epa.stationary.natural-gas.co2.per-mmbtu" }, { registry, taxonomy, gwp }).scope1.value))));
      }),
      { numRuns: 60 },
    );
  });
  it("market-based = sum over instruments + remainder x residual mix", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, intensity), { maxLength: 5 }), amount, intensity, (insts, extra, rm) => {
        const covered = insts.reduce((s, [e]) => s.plus(e), ZERO);
        const total = covered.plus(extra);
        const r = electricityMarketBased({ energy: { amount: total.toFixed(), unit: "kWh" }, instruments: insts.map(([e, f]) => ({ energy: { amount: e, unit: "kWh" }, factor: f })), residualMix: rm });
        const expected = insts.reduce((s, [e, f]) => s.plus(new Dec(e).times(f)), ZERO).plus(new Dec(extra).times(rm));
        expect(plain(r.scope2.value)).toBe(plain(expected));
      }),
      { numRuns: 100 },
    );
  });
  it("end-of-life is linear in mass", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 20 }), (m, k) => {
        const a = endOfLifeEmissions({ mass: { amount: m, unit: "t" }, treatment: "landfill", unuKey: "0309" }, { registry, taxonomy });
        const b = endOfLifeEmissions({ mass: { amount: new Dec(m).times(k).toFixed(), unit: "t" }, treatment: "landfill", unuKey: "0309" }, { registry, taxonomy });
        expect(plain(b.value)).toBe(plain(a.value.times(k)));
      }),
      { numRuns: 60 },
    );
  });
  it("facility allocation: clients' totals sum exactly to the site totals", () => {
    fc.assert(
      fc.property(amount, amount, amount, fc.array(amount, { minLength: 1, maxLength: 12 }).filter((ms) => ms.some((m) => !new Dec(m).isZero())), (s1, lb, mb, masses) => {
        const r = allocateFacilityEmissions({ scope1: s1, scope2LocationBased: lb, scope2MarketBased: mb, clients: masses.map((m, i) => ({ key: `c${i}`, receivedMass: { amount: m, unit: "t" } })) });
        expect(plain(r.clients.reduce((s, c) => s.plus(c.totalLocationBased.value), ZERO))).toBe(plain(new Dec(s1).plus(lb)));
        expect(plain(r.clients.reduce((s, c) => s.plus(c.totalMarketBased.value), ZERO))).toBe(plain(new Dec(s1).plus(mb)));
      }),
      { numRuns: 100 },
    );
  });
});
