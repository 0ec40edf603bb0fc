/** Property tests of the material-flow ledger: totals = sums; linear scaling; order independence. */
import fc from "fast-check";
import { Dec } from "../../src/engine/quantities/decimal";
import { DISPOSITION_CODES, materialFlowLedger, type OutboundRecord } from "../../src/engine/ledgers/material-flow";

const rec = fc.record({
  stream: fc.constantFrom("Ferrous", "PCB", "Plastics", "Residue"),
  mass: fc.integer({ min: 0, max: 100000 }).map((n) => new Dec(n).div(10)),
  hazardous: fc.boolean(),
  onsite: fc.boolean(),
  disposition: fc.constantFrom(...DISPOSITION_CODES),
  evidence: fc.constant("C"),
}) as fc.Arbitrary<OutboundRecord>;
const records = fc.array(rec, { minLength: 1, maxLength: 15 });
const stock = fc.integer({ min: -1000, max: 1000 });
const run = (outbound: OutboundRecord[], stockChange: number | Dec, k: Dec = new Dec(1)) => {
  const total = outbound.reduce((t, r) => t.plus(r.mass as Dec), new Dec(0));
  return materialFlowLedger({ received: total.plus(stockChange).abs().times(k), stockChange: new Dec(stockChange).times(k), outbound: outbound.map((r) => ({ ...r, mass: (r.mass as Dec).times(k) })), reportUnit: "kg", tolerance: 1 });
};

describe("material-flow properties", () => {
  it("totals are sums of their lines", () => {
    fc.assert(
      fc.property(records, stock, (rs, s) => {
        const l = run(rs, s);
        const g4 = l.gri306_4;
        const g5 = l.gri306_5;
        expect(g4.total.eq(g4.preparationForReuse.total.plus(g4.recycling.total).plus(g4.otherRecovery.total))).toBe(true);
        expect(g4.total.eq(g4.hazardous.plus(g4.nonHazardous))).toBe(true);
        expect(g4.total.eq(g4.onsite.plus(g4.offsite))).toBe(true);
        expect(g5.total.eq(g5.incinerationWithEnergyRecovery.total.plus(g5.incinerationWithoutEnergyRecovery.total).plus(g5.landfilling.total).plus(g5.otherDisposal.total))).toBe(true);
        const e = l.esrsE5_5;
        // every waste kg is in exactly one place
        expect(e.p37a_totalGenerated.eq(g4.total.plus(g5.total).plus(l.unresolved.total))).toBe(true);
        expect(e.p37a_totalGenerated.eq(e.p37b_diverted.total.plus(e.p37c_directed.total).plus(l.unresolved.total))).toBe(true);
        expect(e.p37d_nonRecycled.total.eq(e.p37a_totalGenerated.minus(g4.recycling.total))).toBe(true);
        expect(e.p39_hazardous.eq(l.gri306_3.hazardous)).toBe(true);
        expect(l.massBalance.outbound.eq(Object.values(l.byDisposition).reduce((t, s) => t.plus(s.total), new Dec(0)))).toBe(true);
      }),
    );
  });
  it("scaling every mass by k scales every figure by k and leaves the percentages", () => {
    fc.assert(
      fc.property(records, stock, fc.integer({ min: 1, max: 1000 }), (rs, s, k) => {
        const a = run(rs, s);
        const b = run(rs, s, new Dec(k));
        expect(b.gri306_4.total.eq(a.gri306_4.total.times(k))).toBe(true);
        expect(b.esrsE5_5.p37c_directed.total.eq(a.esrsE5_5.p37c_directed.total.times(k))).toBe(true);
        expect(b.massBalance.gap.eq(a.massBalance.gap.times(k))).toBe(true);
        expect(b.rates.recoveryPercent.eq(a.rates.recoveryPercent)).toBe(true);
        expect(b.esrsE5_5.p37d_nonRecycled.percent.eq(a.esrsE5_5.p37d_nonRecycled.percent)).toBe(true);
      }),
    );
  });
  it("record order does not change any figure", () => {
    fc.assert(
      fc.property(records.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), stock, ([a, b], s) => {
        const x = run(a, s);
        const y = run(b, s);
        expect(y.gri306_4).toEqual(x.gri306_4);
        expect(y.gri306_5).toEqual(x.gri306_5);
        expect(y.esrsE5_5).toEqual(x.esrsE5_5);
        expect(y.rates).toEqual(x.rates);
        expect(y.massBalance).toEqual(x.massBalance);
      }),
    );
  });
});
