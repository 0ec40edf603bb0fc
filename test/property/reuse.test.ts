/** Property tests of the reuse credit: no credit without evidence; linear scaling; DR monotone. */
import fc from "fast-check";
import { Dec } from "../../src/engine/quantities/decimal";
import { attempt } from "../../src/engine/issues/issue";
import { reuseCredit, type ReuseCreditInput } from "../../src/engine/methods/reuse";

const amount = fc.integer({ min: 0, max: 100000 }).map((n) => new Dec(n).div(100));
const years = fc.integer({ min: 1, max: 120 }).map((n) => new Dec(n).div(10));
// L_new from values whose reciprocal terminates, so LEF and everything after it is exact and the
// scaling identities hold digit for digit (a non-terminating LEF is rounded at 50 significant digits).
const newLifetime = fc.constantFrom("0.5", "1", "2", "2.5", "4", "5", "8", "10").map((s) => new Dec(s));
const input = fc.record({
  efNew: amount, lifetimeExtendedYears: years, lifetimeNewYears: newLifetime,
  refurbishmentKg: amount, partsKg: amount, extraLogisticsKg: amount,
  powerDeltaKw: fc.integer({ min: -50, max: 50 }).map((n) => new Dec(n).div(1000)),
  hoursPerYear: fc.integer({ min: 0, max: 8760 }), gridFactor: amount.map((x) => x.div(1000)),
  units: fc.integer({ min: 0, max: 5000 }),
  dataBearing: fc.boolean(),
}).map((r) => ({ ...r, testRecord: "T", sanitizationRecord: "S" }) as ReuseCreditInput);

describe("reuse credit properties", () => {
  it("no credit without its evidence field: test record always, sanitization when data-bearing, evidence for DR = 1", () => {
    fc.assert(
      fc.property(input, (i) => {
        const noTest = attempt(() => reuseCredit({ ...i, testRecord: undefined }));
        expect(noTest.ok ? "" : noTest.issue.code).toBe("CREDIT_EVIDENCE_MISSING");
        const noSan = attempt(() => reuseCredit({ ...i, sanitizationRecord: undefined }));
        if (i.dataBearing) expect(noSan.ok ? "" : noSan.issue.code).toBe("CREDIT_EVIDENCE_MISSING");
        else expect(noSan.ok).toBe(true);
        const dr1 = attempt(() => reuseCredit({ ...i, displacementRate: 1 }));
        expect(dr1.ok ? "" : dr1.issue.code).toBe("CREDIT_EVIDENCE_MISSING");
      }),
    );
  });
  it("total = per unit x units, and k times the units gives k times the total", () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 20 }), (i, k) => {
        const c = reuseCredit(i);
        expect(c.total.value.eq(c.perUnit.value.times(c.units))).toBe(true);
        const scaled = reuseCredit({ ...i, units: c.units.times(k) });
        expect(scaled.total.value.eq(c.total.value.times(k))).toBe(true);
      }),
    );
  });
  it("sensitivity: low <= central <= high, each equal to the credit at that DR", () => {
    fc.assert(
      fc.property(input, (i) => {
        const c = reuseCredit(i);
        expect(c.sensitivity.low.result.value.lte(c.sensitivity.central.result.value)).toBe(true);
        expect(c.sensitivity.central.result.value.lte(c.sensitivity.high.result.value)).toBe(true);
        expect(reuseCredit({ ...i, displacementRate: "0.25" }).perUnit.value.eq(c.sensitivity.low.result.value)).toBe(true);
        expect(c.sensitivity.central.result.value.eq(reuseCredit(i).perUnit.value)).toBe(true);
      }),
    );
  });
});
