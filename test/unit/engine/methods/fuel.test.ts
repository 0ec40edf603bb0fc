import { Dec, plain } from "../../../../src/engine/quantities/decimal";
import { fuelCombustion } from "../../../../src/engine/methods/fuel";
import { GWP_SETS, resolveGwp } from "../../../../src/engine/methods/common/gwp";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { codeOf } from "./inv-helpers";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const ctx = { registry, taxonomy };

describe("fuelCombustion", () => {
  it("DESNZ CO2e factor used as published (AR5, not re-characterised), WTT as a separate line", () => {
    const r = fuelCombustion({ quantity: { amount: 1000, unit: "kWh" }, carrier: "natural-gas" }, { ...ctx, gwp: "AR6", year: 2025 });
    expect(plain(r.scope1.value)).toBe("182.96");
    expect(plain(r.wtt!.value)).toBe("30.21");
    expect(r.gases).toBeNull();
    expect(r.scope1.trace.notes.some((n) => /not re-characterised/.test(n))).toBe(true);
    expect(r.scope1.trace.notes.some((n) => /Gross CV/.test(n))).toBe(true);
    expect(r.wtt!.trace.method.name).toMatch(/Scope 3 category 3/);
  });
  it("quantity in MMBtu converts exactly to the factor's kWh", () => {
    const r = fuelCombustion({ quantity: { amount: 1, unit: "MMBtu" }, factor: "desnz.fuels.gaseous-fuels.natural-gas.kwh-gross-cv.ttw" }, { ...ctx, year: 2025 });
    // 1 MMBtu = 1055.05585262 MJ = 293.07107017222... kWh
    expect(r.scope1.value.eq(new Dec("1055.05585262").div("3.6").times("0.18296"))).toBe(true);
    expect(r.wtt).not.toBeNull();
  });
  it("per-scf EPA factors with a quantity in m3 (exact cubic-foot conversion)", () => {
    const r = fuelCombustion({ quantity: { amount: "28.316846592", unit: "L" }, factor: "epa.stationary.natural-gas.co2.per-scf" }, { registry });
    expect(plain(r.gases!.CO2!)).toBe("0.05444");
  });
  it("user per-gas numbers are characterised like library ones", () => {
    const r = fuelCombustion(
      { quantity: { amount: 1000, unit: "MMBtu" }, factor: [{ value: "53.06", unit: "kg CO2/MMBtu" }, { value: 1, unit: "g CH4/MMBtu" }, { value: "0.1", unit: "g N2O/MMBtu" }] },
      { gwp: { CH4: 28, N2O: 265 } },
    );
    expect(plain(r.scope1.value)).toBe("53114.5");
    expect(r.scope1.trace.factors.every((f) => f.userSupplied)).toBe(true);
  });
  it("a bare number is kg CO2e per unit of the quantity", () => {
    const r = fuelCombustion({ quantity: { amount: 10, unit: "L" }, factor: "2.5" });
    expect(plain(r.scope1.value)).toBe("25");
    expect(r.wtt).toBeNull();
  });
  it("error paths", () => {
    const q = { amount: 1, unit: "MMBtu" };
    expect(codeOf(() => fuelCombustion({ quantity: q }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => fuelCombustion({ quantity: q, carrier: "plutonium" }, ctx))).toBe("UNKNOWN_ID");
    expect(codeOf(() => fuelCombustion({ quantity: q, carrier: "natural-gas" }, { registry }))).toBe("MISSING_INPUT");
    expect(codeOf(() => fuelCombustion({ quantity: q, factor: "epa.stationary.natural-gas.co2.per-mmbtu" }, {}))).toBe("MISSING_INPUT");
    expect(codeOf(() => fuelCombustion({ quantity: { amount: 1, unit: "L" }, factor: "epa.stationary.natural-gas.co2.per-mmbtu" }, { registry }))).toBe("INCOMPATIBLE_UNITS");
    expect(codeOf(() => fuelCombustion({ quantity: q, factor: "epa.stationary.natural-gas.co2.per-mmbtu" }, { registry, gwp: "AR9" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => fuelCombustion({ quantity: q, factor: "desnz.fuels.gaseous-fuels.natural-gas.kwh-gross-cv.wtt" }, ctx))).toBe("RULE_VIOLATION");
    expect(codeOf(() => fuelCombustion({ quantity: { amount: 1, unit: "kWh" }, factor: "desnz.fuels.gaseous-fuels.natural-gas.kwh-gross-cv.ttw", wttFactor: "desnz.fuels.gaseous-fuels.natural-gas.kwh-gross-cv.ttw" }, ctx))).toBe("RULE_VIOLATION");
    expect(codeOf(() => fuelCombustion({ quantity: q, factor: { value: 1, unit: "kg CO2e" } }))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => fuelCombustion({ quantity: q, factor: { value: 1, unit: "kg SF6/MMBtu" } }))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => fuelCombustion({ quantity: q, factor: -1 }))).toBe("NEGATIVE_NOT_ALLOWED");
    expect(codeOf(() => fuelCombustion({ quantity: { amount: 1, unit: "km" }, factor: 1 }))).toBe("UNKNOWN_UNIT");
  });
});

describe("GWP sets", () => {
  it("built-in constants equal the taxonomy values the methods use when a taxonomy is given", () => {
    const pairs: Array<[string, string, "AR4" | "AR5" | "AR6"]> = [["AR4", "ch4", "AR4"], ["AR5", "ch4", "AR5"], ["AR6", "ch4-fossil", "AR6"], ["AR6-non-fossil-CH4", "ch4-non-fossil", "AR6"]];
    for (const [set, ch4, report] of pairs) {
      expect(GWP_SETS[set]!.CH4.eq(taxonomy.gwp(ch4, report).value)).toBe(true);
      expect(GWP_SETS[set]!.N2O.eq(taxonomy.gwp("n2o", report).value)).toBe(true);
    }
  });
  it("defaults to AR5 and reads names case-insensitively", () => {
    expect(resolveGwp(undefined)).toMatchObject({ defaulted: true, set: { id: "AR5" } });
    expect(resolveGwp("ar6").set.id).toBe("AR6");
    expect(codeOf(() => resolveGwp({ CH4: "x", N2O: 1 }))).toBe("NOT_A_NUMBER");
  });
});
