/**
 * WE-C4 (DERIVED [D]): Scope 2 location-based vs market-based.
 * 1,200,000 kWh; grid 0.40 kg CO2e/kWh; 300,000 kWh covered by retired EACs (factor 0); residual mix 0.45.
 */
import { plain } from "../../src/engine/quantities/decimal";
import { electricityLocationBased, electricityMarketBased } from "../../src/engine/methods/electricity";

describe("WE-C4 Scope 2", () => {
  const energy = { amount: 1200000, unit: "kWh" };
  it("location-based 480,000 kg CO2e", () => {
    const r = electricityLocationBased({ energy, region: "0.40" });
    expect(plain(r.scope2.value)).toBe("480000");
    expect(r.scope2.trace.factors[0]!.userSupplied).toBe(true);
  });
  it("market-based 405,000 kg CO2e = 300,000 x 0 + 900,000 x 0.45", () => {
    const r = electricityMarketBased({ energy, instruments: [{ label: "retired EACs", energy: { amount: 300000, unit: "kWh" } }], residualMix: "0.45" });
    expect(plain(r.scope2.value)).toBe("405000");
    const remainder = r.scope2.trace.steps.find((s) => s.label === "uncovered energy = total - covered");
    expect(remainder?.value).toBe("900000");
    expect(r.scope2.trace.inputs.find((i) => i.name === "instruments[0].factor")?.origin).toBe("defaulted");
  });
  it("the same in MWh gives the same figures", () => {
    const r = electricityMarketBased({ energy: { amount: 1200, unit: "MWh" }, instruments: [{ energy: { amount: 300, unit: "MWh" }, factor: 0 }], residualMix: 0.45 });
    expect(plain(r.scope2.value)).toBe("405000");
  });
});
