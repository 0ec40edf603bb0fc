/**
 * Properties of the exact allocation (method-brief §4.3): parts sum exactly to the total for any
 * weights, with or without a quantum; permutation invariance; zero weights get zero; each part is
 * within one quantum of its exact share.
 */
import fc from "fast-check";
import { Dec, ZERO, plain } from "../../src/engine/quantities/decimal";
import { allocateExact } from "../../src/engine/methods/allocation";

const decimalString = (maxInt: number, maxDp: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: maxDp }), fc.integer({ min: 0, max: 10 ** maxDp - 1 })).map(([i, dp, f]) => (dp === 0 ? String(i) : `${i}.${String(f % 10 ** dp).padStart(dp, "0")}`));
const weightsArb = fc.array(decimalString(100000, 6), { minLength: 1, maxLength: 25 }).filter((ws) => ws.some((w) => !new Dec(w).isZero()));
const totalArb = decimalString(10_000_000, 6);

const sumOf = (a: ReturnType<typeof allocateExact>) => a.parts.reduce((s, p) => s.plus(p.value), ZERO);

describe("allocateExact properties", () => {
  it("parts always sum exactly to the total (default quantum)", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (t, ws) => {
        expect(plain(sumOf(allocateExact(t, ws)))).toBe(plain(new Dec(t)));
      }),
      { numRuns: 300 },
    );
  });
  it("parts always sum exactly to the total with a quantum, and are multiples of it", () => {
    fc.assert(
      fc.property(decimalString(10_000_000, 3), weightsArb, fc.constantFrom("0.001", "0.0005", "0.000001"), (t, ws, q) => {
        const a = allocateExact(t, ws, { quantum: q });
        expect(plain(sumOf(a))).toBe(plain(new Dec(t)));
        for (const p of a.parts) expect(p.value.mod(q).isZero()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it("each part is within one quantum of its exact share; zero weights get zero", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (t, ws) => {
        const a = allocateExact(t, ws, { quantum: "0.000001" });
        const W = ws.reduce((s, w) => s.plus(w), ZERO);
        a.parts.forEach((p, i) => {
          const exact = new Dec(t).times(ws[i]!).div(W);
          expect(p.value.minus(exact).abs().lte("0.000001")).toBe(true);
          if (new Dec(ws[i]!).isZero()) expect(p.value.isZero()).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
  it("permutation invariance: same multiset of (weight, value); same value per key when weights are distinct", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, fc.integer({ min: 0, max: 1000 }), fc.constantFrom(undefined, "0.01"), (t, ws, seed, q) => {
        const parts = ws.map((w, i) => ({ key: `k${i}`, weight: w }));
        const shuffled = [...parts].sort((a, b) => ((a.key.length * 31 + seed * (parseInt(a.key.slice(1)) + 7)) % 97) - ((b.key.length * 31 + seed * (parseInt(b.key.slice(1)) + 7)) % 97));
        const opts = q ? { quantum: q } : {};
        const tt = q ? new Dec(t).toDecimalPlaces(2).toFixed() : t;
        const a = allocateExact(tt, parts, opts);
        const b = allocateExact(tt, shuffled, opts);
        const pairs = (x: typeof a) => x.parts.map((p) => `${plain(p.weight)}|${plain(p.value)}`).sort();
        expect(pairs(b)).toEqual(pairs(a));
        const distinct = new Set(ws.map((w) => plain(new Dec(w)))).size === ws.length;
        if (distinct) {
          const byKey = new Map(a.parts.map((p) => [p.key, plain(p.value)]));
          for (const p of b.parts) expect(plain(p.value)).toBe(byKey.get(p.key));
        }
      }),
      { numRuns: 200 },
    );
  });
  it("linearity: scaling all weights by a positive factor changes nothing", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, fc.integer({ min: 1, max: 1000 }), (t, ws, k) => {
        const a = allocateExact(t, ws);
        const b = allocateExact(t, ws.map((w) => new Dec(w).times(k)));
        expect(b.parts.map((p) => plain(p.value))).toEqual(a.parts.map((p) => plain(p.value)));
      }),
      { numRuns: 150 },
    );
  });
});
