/** WE-D5 Reuse credit with life extension and use-phase penalty (worked-examples.md, DERIVED). */
import { plain } from "../../src/engine/quantities/decimal";
import { reuseCredit } from "../../src/engine/methods/reuse";

describe("WE-D5 reuse credit, 1,000 refurbished laptops", () => {
  const c = reuseCredit({
    pathway: "refurbish",
    units: 1000,
    efNew: "250",
    displacementRate: "0.8",
    lifetimeExtendedYears: 2,
    lifetimeNewYears: 4,
    refurbishmentKg: 5,
    partsKg: 8,
    extraLogisticsKg: 3,
    powerDeltaKw: "0.005",
    hoursPerYear: 2000,
    gridFactor: "0.4",
    testRecord: "TEST-2025-001",
    dataBearing: true,
    sanitizationRecord: "NIST-PURGE-2025-001",
  });
  const step = (label: string) => c.perUnit.trace.steps.find((s) => s.label === label)?.value;

  it("LEF = 0.5 and dE_use = 0.005 x 2,000 x 2 x 0.4 = 8 kg/unit", () => {
    expect(step("LEF life-extension factor")).toBe("0.5");
    expect(step("use-phase difference dE_use")).toBe("8");
  });
  it("per unit 0.8 x 0.5 x 250 - 5 - 8 - 3 - 8 = 76 kg CO2e", () => {
    expect(plain(c.perUnit.value)).toBe("76");
    expect(c.perUnit.unit).toBe("kg CO2e/unit");
  });
  it("total 76,000 kg CO2e", () => {
    expect(plain(c.total.value)).toBe("76000");
    expect(c.total.unit).toBe("kg CO2e");
  });
  it("sensitivity: DR 0.25 -> 7.25, DR 0.5 -> 38.5, DR 1.0 -> 101 kg/unit", () => {
    expect(plain(c.sensitivity.low.result.value)).toBe("7.25");
    expect(plain(c.sensitivity.central.result.value)).toBe("38.5");
    expect(plain(c.sensitivity.high.result.value)).toBe("101");
    expect(plain(c.sensitivityTotal.low.result.value)).toBe("7250");
    expect(plain(c.sensitivityTotal.high.result.value)).toBe("101000");
  });
  it("DR 0.8 without displacement evidence is flagged as an assumption", () => {
    expect(c.perUnit.trace.flags.some((f) => /assumption/.test(f))).toBe(true);
  });
});
