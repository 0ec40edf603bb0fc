/**
 * WE-V3 Materiality screen (worked-examples.md, DERIVED): total reported inventory 1,000 t CO2e,
 * materiality 5 % -> threshold 50 t; misstatements +20 t and +18 t aggregate to 38 t = 3.8 %, not
 * material; a further +15 t gives 53 t = 5.3 %, material. Misstatements are aggregated, not tested
 * one by one (each of 20, 18 and 15 t is below 50 t on its own).
 */
import { draftStatement, evaluateFindings, FindingsFileSchema, percent, type FindingsFile } from "../../src/engine";

function file(misstatementsTonnes: string[]): FindingsFile {
  return FindingsFileSchema.parse({
    findingsFormat: "1.0",
    engagement: { organization: "Acme Recycling", reportingPeriod: "FY2025", criteria: "SERI-EVC-METHOD 0.1.0-draft" },
    assurance: "reasonable",
    materialityThreshold: "0.05",
    inventoryTotalKgCo2e: "1000000",
    findings: misstatementsTonnes.map((t, i) => ({
      id: `F${i + 1}`,
      recordRef: `shipments#${i + 2}`,
      lineItem: "Scope 3 category 4",
      misstatementKgCo2e: String(Number(t) * 1000),
      kind: "factual",
      corrected: false,
    })),
  });
}

describe("WE-V3 materiality screen", () => {
  it("+20 t and +18 t: 38 t = 3.8 % of 1,000 t, below the 50 t threshold: not material", () => {
    const e = evaluateFindings(file(["20", "18"]));
    expect(e.total.thresholdKgCo2e).toBe("50000");
    expect(e.total.grossKgCo2e).toBe("38000");
    expect(e.total.netKgCo2e).toBe("38000");
    expect(e.total.ratio).toBe("0.038");
    expect(percent(e.total.ratio!)).toBe("3.8 %");
    expect(e.total.material).toBe(false);
    expect(e.material).toBe(false);
  });
  it("a further +15 t: 53 t = 5.3 %: material — though every single misstatement is below the threshold", () => {
    const e = evaluateFindings(file(["20", "18", "15"]));
    expect(e.total.grossKgCo2e).toBe("53000");
    expect(e.total.ratio).toBe("0.053");
    expect(percent(e.total.ratio!)).toBe("5.3 %");
    expect(e.total.material).toBe(true);
    expect(e.material).toBe(true);
    expect(draftStatement(file(["20", "18", "15"]), e)).toMatch(/Qualified opinion: In our opinion, except for the effects/);
  });
});
