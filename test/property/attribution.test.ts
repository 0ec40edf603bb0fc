/** Property tests of attribution: shares never exceed 100 %; stacking and double claims independent of order. */
import fc from "fast-check";
import { Dec, ONE, ZERO } from "../../src/engine/quantities/decimal";
import { attempt } from "../../src/engine/issues/issue";
import { checkContractShares, creditShare, detectDoubleClaims, detectStacking, STAGES, type CreditClaim, type ValueChainStage } from "../../src/engine/methods/attribution";

const share = fc.integer({ min: 0, max: 100 }).map((n) => new Dec(n).div(100));
const stage = fc.constantFrom(...STAGES);

describe("attribution properties", () => {
  it("shares granted to all stages never exceed 100 % (reuse and recycling)", () => {
    fc.assert(
      fc.property(fc.dictionary(stage, share, { maxKeys: 4 }), fc.constantFrom("reuse", "recycling" as const), share, (contract, pathway, A) => {
        const grant = () => STAGES.reduce((t, s) => t.plus(creditShare(s as ValueChainStage, pathway, { A, contractShares: contract }).share), ZERO);
        const sum = Object.values(contract).reduce((t, v) => t.plus(v), ZERO);
        const o = attempt(grant);
        if (sum.gt(ONE)) expect(o.ok ? "" : o.issue.code).toBe("RULE_VIOLATION");
        else {
          expect(o.ok).toBe(true);
          if (o.ok) expect(o.value.lte(ONE)).toBe(true);
        }
        // without a contract the stages' claimable shares sum to exactly 100 % (reuse) or 100 % incl. the reserved A (recycling)
        const free = STAGES.reduce((t, s) => t.plus(creditShare(s as ValueChainStage, pathway, { A }).share), ZERO);
        expect(free.eq(ONE)).toBe(true);
      }),
    );
  });
  it("checkContractShares flags exactly the lots whose shares sum above 100 %", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ lotId: fc.constantFrom("L1", "L2", "L3"), actor: fc.constantFrom("A", "B", "C"), share }), { maxLength: 8 }), (rows) => {
        const r = checkContractShares(rows);
        const totals = new Map<string, Dec>();
        for (const x of rows) totals.set(x.lotId, (totals.get(x.lotId) ?? ZERO).plus(x.share));
        const over = [...totals.values()].some((t) => t.gt(ONE));
        expect(r.ok).toBe(!over && r.issues.length === 0);
        if (over) expect(r.issues.length).toBeGreaterThan(0);
      }),
    );
  });
  const claimArb = fc.record({
    submissionId: fc.constantFrom("S1", "S2"),
    claimant: fc.constantFrom("Refurb", "ITAD", "Recycler"),
    lotId: fc.constantFrom("L1", "L2", "L3"),
    pathway: fc.constantFrom("reuse", "refurbish", "recycling" as const),
    period: fc.constantFrom("2025", "2026"),
  }) as fc.Arbitrary<CreditClaim>;
  it("stacking and double-claim detection do not depend on claim order", () => {
    fc.assert(
      fc.property(fc.array(claimArb, { maxLength: 10 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([a, b]) => {
        expect(detectStacking(b)).toEqual(detectStacking(a));
        expect(detectDoubleClaims(b)).toEqual(detectDoubleClaims(a));
      }),
    );
  });
  it("no stacking: every lot-period with both families is reported, and only those", () => {
    fc.assert(
      fc.property(fc.array(claimArb, { maxLength: 10 }), (claims) => {
        const fams = new Map<string, Set<string>>();
        for (const c of claims) {
          const k = `${c.lotId}|${c.period}`;
          fams.set(k, (fams.get(k) ?? new Set()).add(c.pathway === "recycling" ? "rec" : "reuse"));
        }
        const expected = [...fams].filter(([, s]) => s.size > 1).map(([k]) => k).sort();
        expect(detectStacking(claims).map((c) => `${c.lotId}|${c.period}`).sort()).toEqual(expected);
      }),
    );
  });
});
