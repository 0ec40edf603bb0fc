/** WE-R2 ESRS E1-6 §52 totals (worked-examples.md, DERIVED); avoided emissions beside, never inside. */
import { plain } from "../../src/engine/quantities/decimal";
import { ghgDisclosure } from "../../src/engine/ledgers/ghg";
import { avoidedLedger, entryFromReuse, entryFromSplit } from "../../src/engine/ledgers/avoided";
import { reuseCredit } from "../../src/engine/methods/reuse";
import { recyclingCredit } from "../../src/engine/methods/recycling";

describe("WE-R2 ESRS E1-6 §52 totals", () => {
  const reuse = reuseCredit({
    lotId: "LOT-LAPTOPS", units: 1000, efNew: 250, displacementRate: "0.8", lifetimeExtendedYears: 2, lifetimeNewYears: 4,
    refurbishmentKg: 5, partsKg: 8, extraLogisticsKg: 3, powerDeltaKw: "0.005", hoursPerYear: 2000, gridFactor: "0.4",
    testRecord: "T-1", dataBearing: true, sanitizationRecord: "S-1",
  });
  const recycling = recyclingCredit({ material: "AL", lotId: "LOT-AL", outputMass: 100, massUnit: "t", virginFactor: 8, recyclingFactor: "0.5", A: "0.2", certificate: "COR-1" });
  const avoided = avoidedLedger([entryFromReuse(reuse, { period: "2025" }), entryFromSplit(recycling, { period: "2025" })]);

  const d = ghgDisclosure({
    scope1: [
      { label: "WE-C3a natural gas (AR5)", value: "53114.5" },
      { label: "WE-C3b diesel (AR5)", value: "10242.68" },
    ],
    scope2LocationBased: [{ label: "WE-C4 location-based", value: "480000" }],
    scope2MarketBased: [{ label: "WE-C4 market-based", value: "405000" }],
    scope3: { 4: [{ label: "WE-B8 chain WTW", value: "597.6" }] },
    avoided,
  });

  it("Scope 1 = 63,357.18 kg", () => expect(plain(d.inventory.scope1.value)).toBe("63357.18"));
  it("total location-based 543,954.78 kg = 543.95478 t", () => {
    expect(plain(d.inventory.totalLocationBased.value)).toBe("543954.78");
    expect(plain(d.inventory.totalLocationBased.value.div(1000))).toBe("543.95478");
  });
  it("total market-based 468,954.78 kg", () => expect(plain(d.inventory.totalMarketBased.value)).toBe("468954.78"));
  it("avoided emissions (WE-D4 600,000 + WE-D5 76,000) are beside the totals, not in them", () => {
    expect(plain(d.avoidedBeside!.total)).toBe("676000");
    expect(d.avoidedBeside!.ledger).toBe("avoided");
    expect(plain(d.inventory.totalLocationBased.value)).toBe("543954.78");
  });
  it("Scope 3 category 4 shown by name", () => {
    expect(d.inventory.scope3.byCategory.map((c) => [c.category, c.name, plain(c.total.value)])).toEqual([[4, "Upstream transportation and distribution", "597.6"]]);
  });
});
