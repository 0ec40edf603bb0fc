import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { ghgDisclosure } from "../../../../src/engine/ledgers/ghg";
import { recyclingCredit } from "../../../../src/engine/methods/recycling";

const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);
const credit = recyclingCredit({ material: "AL", lotId: "L", outputMass: 1, virginFactor: 8, recyclingFactor: 1, A: 0, certificate: "C" });

describe("GHG disclosure: no netting", () => {
  it("an avoided result cannot be an inventory line (type error and RULE_VIOLATION)", () => {
    const o = attempt(() =>
      ghgDisclosure({
        // @ts-expect-error an avoided-ledger result is not an inventory line
        scope1: [credit.eolShare],
        scope2LocationBased: [],
        scope2MarketBased: [],
      }),
    );
    expect(code(o)).toBe("RULE_VIOLATION");
    expect(o.ok ? "" : o.issue.message).toMatch(/SERI-EVC-ATTR-1/);
  });
  it("no output field combines inventory and avoided figures", () => {
    const d = ghgDisclosure({ scope1: [{ label: "a", value: 10 }], scope2LocationBased: [], scope2MarketBased: [] });
    expect(Object.keys(d).sort()).toEqual(["avoidedBeside", "inventory", "notes"]);
    expect(d.avoidedBeside).toBeNull();
  });
});

describe("GHG disclosure: totals", () => {
  it("converts t CO2e lines to kg and accepts method Results", () => {
    const d = ghgDisclosure({
      scope1: [{ label: "boiler", value: "1.5", unit: "t CO2e" }],
      scope2LocationBased: [],
      scope2MarketBased: [],
      scope3: { 12: [{ label: "eol", value: "2" }], 5: [{ label: "waste", value: "3" }] },
    });
    expect(plain(d.inventory.scope1.value)).toBe("1500");
    expect(d.inventory.scope3.byCategory.map((c) => c.category)).toEqual([5, 12]);
    expect(plain(d.inventory.totalLocationBased.value)).toBe("1505");
    expect(plain(d.inventory.totalMarketBased.value)).toBe("1505");
  });
  it("a unit that is not CO2e mass, or an unknown category, is an issue", () => {
    expect(code(attempt(() => ghgDisclosure({ scope1: [{ label: "x", value: 1, unit: "kWh" }], scope2LocationBased: [], scope2MarketBased: [] })))).toBe("INCOMPATIBLE_UNITS");
    expect(code(attempt(() => ghgDisclosure({ scope1: [], scope2LocationBased: [], scope2MarketBased: [], scope3: { 16: [] } })))).toBe("OUT_OF_RANGE");
  });
});
