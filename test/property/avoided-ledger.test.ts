/** Property tests of the avoided ledger, GHG totals and DQI aggregation: totals = sums; order independence; no netting. */
import fc from "fast-check";
import { Dec, ZERO } from "../../src/engine/quantities/decimal";
import { avoidedLedger, type AvoidedEntry } from "../../src/engine/ledgers/avoided";
import { ghgDisclosure } from "../../src/engine/ledgers/ghg";
import { aggregateDqi, dqiScores } from "../../src/engine/methods/data-quality";

const value = fc.integer({ min: -100000, max: 1000000 }).map((n) => new Dec(n).div(100));
const entry = fc.record({ lotId: fc.constantFrom("L1", "L2", "L3", "L4"), value, material: fc.constantFrom("AL", "FE") }).map(
  ({ lotId, value: v, material }): AvoidedEntry => ({
    ledger: "avoided",
    lotId,
    // lots L1/L2 are reuse lots, L3/L4 recycling lots: never stacked
    pathway: lotId === "L1" || lotId === "L2" ? "reuse" : "recycling",
    period: "2025",
    value: v,
    label: `${lotId} ${material}`,
    trace: { method: { id: "t", version: "t", name: "t", clause: "t" }, inputs: [], factors: [], steps: [], notes: [], flags: [] },
  }),
);

describe("avoided ledger properties", () => {
  it("total = sum of rows = sum by pathway = sum by lot, in any order", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([a, b]) => {
        const l = avoidedLedger(a);
        const sum = a.reduce((t, e) => t.plus(e.value), ZERO);
        expect(l.total.value.eq(sum)).toBe(true);
        expect(l.byPathway.reduce((t, p) => t.plus(p.total), ZERO).eq(sum)).toBe(true);
        expect(l.byLot.reduce((t, p) => t.plus(p.total), ZERO).eq(sum)).toBe(true);
        const m = avoidedLedger(b);
        expect(m.byLot).toEqual(l.byLot);
        expect(m.total.value.eq(l.total.value)).toBe(true);
        expect(m.total.trace).toEqual(l.total.trace);
      }),
    );
  });
  it("GHG totals never change when an avoided ledger is shown beside them", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), fc.array(entry, { maxLength: 6 }), (s1, rows) => {
        const input = { scope1: s1.map((v, i) => ({ label: `s1-${i}`, value: v })), scope2LocationBased: [], scope2MarketBased: [] };
        const without = ghgDisclosure(input);
        const withAvoided = ghgDisclosure({ ...input, avoided: avoidedLedger(rows) });
        expect(withAvoided.inventory.totalLocationBased.value.eq(without.inventory.totalLocationBased.value)).toBe(true);
        expect(withAvoided.inventory.totalLocationBased.value.eq(s1.reduce((t, v) => t.plus(v), ZERO))).toBe(true);
      }),
    );
  });
  it("DQI weighted averages stay in [1, 4] and do not change when all weights are scaled", () => {
    const score = fc.constantFrom(1, 2, 3, 4);
    const line = fc.record({ weight: fc.integer({ min: 1, max: 100000 }), scores: fc.record({ technology: score, time: score, geography: score, completeness: score, reliability: score }).map(dqiScores) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 1000 }), (lines, k) => {
        const a = aggregateDqi(lines, "mass");
        const b = aggregateDqi(lines.map((l) => ({ ...l, weight: l.weight * k })), "mass");
        for (const key of Object.keys(a.averages) as Array<keyof typeof a.averages>) {
          expect(a.averages[key].gte(1) && a.averages[key].lte(4)).toBe(true);
          expect(b.averages[key].eq(a.averages[key])).toBe(true);
        }
      }),
    );
  });
});
