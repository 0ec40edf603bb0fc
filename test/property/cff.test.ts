/** Property tests of the CFF: named allocations equal the CFF at their A; the algebraic limit cases of method brief §5.4. */
import fc from "fast-check";
import { Dec, ONE } from "../../src/engine/quantities/decimal";
import { cffMaterial, circularFootprint, type CffInput } from "../../src/engine/methods/cff";
import { recyclingCredit } from "../../src/engine/methods/recycling";

const frac = fc.integer({ min: 0, max: 1000 }).map((n) => new Dec(n).div(1000));
const amount = fc.integer({ min: 0, max: 200000 }).map((n) => new Dec(n).div(1000));
const ratio = fc.integer({ min: 1, max: 1500 }).map((n) => new Dec(n).div(1000));

const params = fc.record({
  R1: frac, R2: frac, R3f: frac,
  Ev: amount, EvStar: amount, Erec: amount, ErecEoL: amount, EER: amount, ED: amount,
  qsinOverQp: ratio, qsoutOverQp: ratio,
  LHV: fc.integer({ min: 0, max: 50 }).map((n) => new Dec(n)),
  XERheat: frac, XERelec: frac,
  ESEheat: amount.map((x) => x.div(100)), ESEelec: amount.map((x) => x.div(100)),
}).map(({ R3f, ...p }) => ({ ...p, R3: ONE.minus(p.R2).times(R3f) }) as CffInput & Record<string, Dec>);

describe("CFF properties", () => {
  it("cut-off / avoided-burden / 50-50 equal the CFF at A = 1 / 0 / 0.5", () => {
    fc.assert(
      fc.property(params, (p) => {
        expect(circularFootprint({ ...p, allocation: "cut-off" }).total.value.eq(circularFootprint({ ...p, A: 1 }).total.value)).toBe(true);
        expect(circularFootprint({ ...p, allocation: "50-50" }).total.value.eq(circularFootprint({ ...p, A: "0.5" }).total.value)).toBe(true);
        const q1 = { ...p, qsinOverQp: ONE };
        expect(circularFootprint({ ...q1, allocation: "avoided-burden" }).total.value.eq(circularFootprint({ ...q1, A: 0 }).total.value)).toBe(true);
      }),
    );
  });

  it("A = 1: Material = (1 - R1) Ev + R1 Erec (no end-of-life credit)", () => {
    fc.assert(
      fc.property(params, (p) => {
        const m = cffMaterial({ ...p, allocation: "cut-off" }).value;
        const R1 = p.R1 as Dec;
        expect(m.eq(ONE.minus(R1).times(p.Ev as Dec).plus(R1.times(p.Erec as Dec)))).toBe(true);
      }),
    );
  });

  it("A = 0, Qsin/Qp = 1: Material = Ev + R2 (ErecEoL - E*v Qsout/Qp)", () => {
    fc.assert(
      fc.property(params, (p) => {
        const m = cffMaterial({ ...p, allocation: "avoided-burden", qsinOverQp: 1 }).value;
        const expected = (p.Ev as Dec).plus((p.R2 as Dec).times((p.ErecEoL as Dec).minus((p.EvStar as Dec).times(p.qsoutOverQp as Dec))));
        expect(m.eq(expected)).toBe(true);
      }),
    );
  });

  it("the total is the sum of its terms, and the material term is linear in A", () => {
    fc.assert(
      fc.property(params, frac, (p, A) => {
        const r = circularFootprint({ ...p, A });
        expect(r.total.value.eq(r.material.value.plus(r.energy.value).plus(r.disposal.value))).toBe(true);
        const m0 = cffMaterial({ ...p, A: 0 }).value;
        const m1 = cffMaterial({ ...p, A: 1 }).value;
        expect(r.material.value.eq(m0.plus(A.times(m1.minus(m0))))).toBe(true);
      }),
    );
  });

  it("recycling credit: EoL share + reserved share = gross; gross scales linearly with mass", () => {
    fc.assert(
      fc.property(amount, amount, amount, frac, fc.integer({ min: 1, max: 50 }), (M, ev, erec, A, k) => {
        const run = (m: Dec) => recyclingCredit({ material: "X", outputMass: m, virginFactor: ev, recyclingFactor: erec, A, certificate: "C" });
        const c = run(M);
        expect(c.eolShare.value.plus(c.reservedToUser.value).eq(c.gross.value)).toBe(true);
        expect(run(M.times(k)).gross.value.eq(c.gross.value.times(k))).toBe(true);
      }),
    );
  });
});
