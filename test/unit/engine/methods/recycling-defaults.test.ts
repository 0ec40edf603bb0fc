import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { recyclingCredit } from "../../../../src/engine/methods/recycling";
import {
  DEFAULT_RECYCLING_ALLOCATION,
  RECYCLING_DEFAULT_MATERIALS,
  defaultRecyclingFactors,
  recyclingMaterialNames,
} from "../../../../src/engine/methods/recycling-defaults";
import * as methods from "../../../../src/engine/methods";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { FactorRegistry } from "../../../../src/engine/factors/registry";

const issueOf = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue);
const AL = "desnz.material.metal.metal-aluminium-cans-and-foil-excl-forming";
const FE = "desnz.material.metal.metal-steel-cans";

describe("default recycling factors (DESNZ primary / closed-loop pair) [P]", () => {
  it("maps common spellings and fraction codes to the same pair", () => {
    for (const name of ["aluminium", "Aluminum", "AL", " alu ", "aluminium scrap"]) {
      const d = defaultRecyclingFactors(name);
      expect(d.material).toBe("aluminium");
      expect(d.virginFactorId).toBe(`${AL}.primary-material-production.t.cradle-to-gate`);
      expect(d.recyclingFactorId).toBe(`${AL}.closed-loop-source.t.cradle-to-gate`);
    }
    for (const name of ["steel", "FE", "ferrous", "Ferrous metals", "iron"]) expect(defaultRecyclingFactors(name).virginFactorId).toBe(`${FE}.primary-material-production.t.cradle-to-gate`);
    expect(defaultRecyclingFactors("scrap metal").material).toBe("scrap-metal");
    expect(defaultRecyclingFactors("Scrap_Metal").material).toBe("scrap-metal");
    expect(defaultRecyclingFactors("PLA-MIX").material).toBe("plastics");
    expect(defaultRecyclingFactors("plastic").material).toBe("plastics");
    expect(defaultRecyclingFactors("PET").recyclingFactorId).toBe("desnz.material.plastic.plastics-pet-incl-forming.closed-loop-source.t.cradle-to-gate");
    expect(defaultRecyclingFactors("GLS-OTH").material).toBe("glass");
    expect(defaultRecyclingFactors("cardboard").virginFactorId).toBe("desnz.material.paper.paper-and-board-board.primary-material-production.t.cradle-to-gate");
    // The DESNZ row name itself is accepted too.
    expect(defaultRecyclingFactors("metal-aluminium-cans-and-foil-excl-forming").material).toBe("aluminium");
  });
  it("flags the closed-loop row as a proxy for ErecEoL and carries material-specific proxy notes", () => {
    const d = defaultRecyclingFactors("AL");
    expect(d.recyclingProxyFor).toContain("ErecEoL");
    expect(d.recyclingProxyFor).toContain("proxy [P]");
    expect(d.notes[0]).toContain("cans and foil");
    expect(defaultRecyclingFactors("PP").notes).toEqual([]);
  });
  it("every default pair exists in the shipped libraries (2024 and 2025)", () => {
    const reg = bundledRegistry();
    for (const m of RECYCLING_DEFAULT_MATERIALS) {
      const d = defaultRecyclingFactors(m, reg);
      for (const id of [d.virginFactorId, d.recyclingFactorId]) {
        expect(reg.get(id, { year: 2025 }).loaded.factor.unit).toBe("kg CO2e/t");
        expect(reg.get(id, { year: 2024 }).loaded.factor.unit).toBe("kg CO2e/t");
      }
    }
  });
  it("a known material without a pair is FACTOR_NOT_PUBLISHED and says to pass the factors as numbers", () => {
    for (const name of ["copper", "CU", "PCB-HG", "BAT-LIION", "PLA-BFR", "ABS"]) {
      const i = issueOf(attempt(() => defaultRecyclingFactors(name)))!;
      expect(i.code).toBe("FACTOR_NOT_PUBLISHED");
      expect(i.kind).toBe("missing");
      expect(i.message).toContain("pass the virgin and recycling factors as numbers in kg CO2e/kg");
    }
    expect(issueOf(attempt(() => defaultRecyclingFactors("BAT-LIION")))!.message).toContain("no closed-loop source");
  });
  it("an unknown material is UNKNOWN_ID with did-you-mean", () => {
    const i = issueOf(attempt(() => defaultRecyclingFactors("alumnium")))!;
    expect(i.code).toBe("UNKNOWN_ID");
    expect(i.kind).toBe("input");
    expect(i.message).toBe("material: unknown recycling material 'alumnium'. Did you mean 'aluminium', 'aluminum'?");
    expect(issueOf(attempt(() => defaultRecyclingFactors("")))!.code).toBe("UNKNOWN_ID");
    expect(issueOf(attempt(() => defaultRecyclingFactors("ferous")))!.suggestions).toContain("ferrous");
  });
  it("with a registry, fails when a default id is not loaded", () => {
    const empty = new FactorRegistry([]);
    expect(issueOf(attempt(() => defaultRecyclingFactors("AL", empty)))!.code).toBe("UNKNOWN_FACTOR");
  });
  it("the default allocation is the pipeline's 50-50; the helper is exported from the methods index", () => {
    expect(DEFAULT_RECYCLING_ALLOCATION).toBe("50-50");
    expect(methods.defaultRecyclingFactors).toBe(defaultRecyclingFactors);
    expect(recyclingMaterialNames()).toContain("aluminum");
  });
  it("golden: 1 t aluminium and 1 t steel with the DESNZ 2025 defaults", () => {
    const reg = bundledRegistry();
    const al = defaultRecyclingFactors("aluminium", reg);
    const c = recyclingCredit({ material: "aluminium", outputMass: 1000, virginFactor: al.virginFactorId, recyclingFactor: al.recyclingFactorId, allocation: DEFAULT_RECYCLING_ALLOCATION, certificate: "COR-1", registry: reg, factorQuery: { year: 2025 } });
    expect(plain(c.gross.value)).toBe("8120.82341"); // 1000 x (9.11590131 - 0.9950779)
    expect(plain(c.eolShare.value)).toBe("4060.411705");
    const fe = defaultRecyclingFactors("steel", reg);
    const s = recyclingCredit({ material: "steel", outputMass: 1000, virginFactor: fe.virginFactorId, recyclingFactor: fe.recyclingFactorId, allocation: "cut-off", certificate: "COR-1", registry: reg, factorQuery: { year: 2025 } });
    expect(plain(s.gross.value)).toBe("1040"); // 1000 x (2.86390131 - 1.82390131)
    expect(plain(s.eolShare.value)).toBe("0");
  });
});
