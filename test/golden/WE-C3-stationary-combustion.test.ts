/**
 * WE-C3 (DERIVED [D] from [V2] EPA Hub factors): stationary combustion, AR5 and AR6.
 * The shipped EPA Hub 2025 values equal the worked example's factors (53.06 kg CO2, 1.0 g CH4, 0.1 g N2O per
 * mmBtu; 10.21 kg CO2, 0.41 g CH4, 0.08 g N2O per US gallon of distillate No. 2).
 */
import { plain } from "../../src/engine/quantities/decimal";
import { fuelCombustion } from "../../src/engine/methods/fuel";
import { bundledRegistry } from "../../src/bundled/libraries";
import { bundledTaxonomy } from "../../src/bundled/taxonomy";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();

describe("WE-C3a natural gas, 1,000 MMBtu", () => {
  const quantity = { amount: 1000, unit: "MMBtu" };
  it("AR5: 53,114.5 kg CO2e (CO2 53,060; CH4 1.0; N2O 0.1 kg)", () => {
    const r = fuelCombustion({ quantity, factor: "epa.stationary.natural-gas.co2.per-mmbtu" }, { registry, gwp: "AR5" });
    expect(plain(r.scope1.value)).toBe("53114.5");
    expect(plain(r.gases!.CO2!)).toBe("53060");
    expect(plain(r.gases!.CH4!)).toBe("1");
    expect(plain(r.gases!.N2O!)).toBe("0.1");
    expect(r.wtt).toBeNull();
    expect(r.scope1.trace.factors.map((f) => f.id)).toEqual([
      "epa.stationary.natural-gas.co2.per-mmbtu",
      "epa.stationary.natural-gas.ch4.per-mmbtu",
      "epa.stationary.natural-gas.n2o.per-mmbtu",
    ]);
  });
  it("AR6 (CH4 fossil 29.8, N2O 273): 53,117.1 kg CO2e — via the taxonomy carrier", () => {
    const r = fuelCombustion({ quantity, carrier: "natural-gas", factorSet: "epa" }, { registry, taxonomy, gwp: "AR6" });
    expect(plain(r.scope1.value)).toBe("53117.1");
    expect(r.scope1.trace.notes.some((n) => /29\.8/.test(n))).toBe(true);
  });
});

describe("WE-C3b distillate fuel oil No. 2, 1,000 US gallons", () => {
  const quantity = { amount: 1000, unit: "US gal" };
  it("AR5: 10,242.68 kg CO2e", () => {
    const r = fuelCombustion({ quantity, factor: "epa.stationary.distillate-fuel-oil-no-2.co2.per-us-gal" }, { registry, gwp: "AR5" });
    expect(plain(r.scope1.value)).toBe("10242.68");
  });
  it("AR6: 10,244.058 kg CO2e", () => {
    const r = fuelCombustion({ quantity, carrier: "diesel", factorSet: "epa" }, { registry, taxonomy, gwp: "AR6" });
    expect(plain(r.scope1.value)).toBe("10244.058");
  });
  it("the same fuel in litres converts exactly to US gallons", () => {
    const r = fuelCombustion({ quantity: { amount: "3785.411784", unit: "L" }, factor: "epa.stationary.distillate-fuel-oil-no-2.co2.per-us-gal" }, { registry, gwp: "AR5" });
    expect(plain(r.scope1.value)).toBe("10242.68");
  });
});
