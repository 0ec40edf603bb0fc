import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { avoidedLedger, entryFromReuse, entryFromSplit } from "../../../../src/engine/ledgers/avoided";
import { reuseCredit } from "../../../../src/engine/methods/reuse";
import { recyclingCredit } from "../../../../src/engine/methods/recycling";

const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);
const reuse = (lotId: string) =>
  reuseCredit({ lotId, units: 2, efNew: 100, lifetimeExtendedYears: 2, lifetimeNewYears: 4, refurbishmentKg: 1, partsKg: 0, extraLogisticsKg: 0, powerDeltaKw: 0, testRecord: "T", dataBearing: false });
const recycle = (lotId: string, material: string) => recyclingCredit({ material, lotId, outputMass: 10, virginFactor: 2, recyclingFactor: 1, A: "0.5", certificate: "C" });

describe("avoided ledger", () => {
  it("totals by pathway and by lot; recycling rows carry the (1 - A) share", () => {
    const l = avoidedLedger([
      entryFromReuse(reuse("L1"), { period: "2025" }),
      entryFromSplit(recycle("L2", "AL"), { period: "2025" }),
      entryFromSplit(recycle("L2", "FE"), { period: "2025" }),
    ]);
    expect(plain(l.total.value)).toBe("58"); // 2 x 24 + 5 + 5
    expect(l.byPathway.map((p) => [p.pathway, plain(p.total), p.rows])).toEqual([["recycling", "10", 2], ["reuse", "48", 1]]);
    expect(l.byLot.map((x) => [x.lotId, plain(x.total)])).toEqual([["L1", "48"], ["L2", "10"]]);
    expect(l.total.ledger).toBe("avoided");
  });
  it("rejects a lot with a reuse and a recycling row in one period (CREDIT_STACKING)", () => {
    const o = attempt(() => avoidedLedger([entryFromReuse(reuse("L1"), { period: "2025" }), entryFromSplit(recycle("L1", "AL"), { period: "2025" })]));
    expect(code(o)).toBe("CREDIT_STACKING");
  });
  it("a row needs a lot id", () => {
    const r = reuseCredit({ units: 1, efNew: 1, lifetimeExtendedYears: 1, lifetimeNewYears: 1, refurbishmentKg: 0, partsKg: 0, extraLogisticsKg: 0, powerDeltaKw: 0, testRecord: "T", dataBearing: false });
    expect(code(attempt(() => entryFromReuse(r, { period: "2025" })))).toBe("MISSING_INPUT");
    expect(entryFromReuse(r, { period: "2025", lotId: "L7" }).lotId).toBe("L7");
  });
});
