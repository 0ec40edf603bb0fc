import { plain } from "../../../../src/engine/quantities/decimal";
import { refrigerantRelease } from "../../../../src/engine/methods/refrigerant";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { codeOf } from "./inv-helpers";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();

describe("refrigerantRelease", () => {
  it("released mass x GWP of the gas in the chosen set (blend: mass-weighted)", () => {
    const ar5 = refrigerantRelease({ gas: "R410A", released: { amount: 2, unit: "kg" } }, { taxonomy });
    expect(plain(ar5.emitted.value)).toBe("3847"); // 2 x (0.5 x 677 + 0.5 x 3170)
    const ar6 = refrigerantRelease({ gas: "r-410a", released: { amount: 2, unit: "kg" } }, { taxonomy, gwp: "AR6" });
    expect(plain(ar6.emitted.value)).toBe("4511"); // 2 x (0.5 x 771 + 0.5 x 3740)
    expect(ar5.emitted.trace.inputs.find((i) => i.name === "gas")).toMatchObject({ value: "r-410a", origin: "mapped" });
  });
  it("charge - recovered when the release was not measured; recovered is reported, not emitted", () => {
    const r = refrigerantRelease({ gwp: 1000, charge: { amount: 1, unit: "kg" }, recovered: { amount: 800, unit: "g" } });
    expect(plain(r.releasedMass.value)).toBe("0.2");
    expect(plain(r.emitted.value)).toBe("200");
    expect(plain(r.recoveredMass!.value)).toBe("0.8");
    expect(plain(r.recoveredCo2eNotEmitted!.value)).toBe("800");
  });
  it("never negative: recovered above charge gives 0 and a flag", () => {
    const r = refrigerantRelease({ gwp: 1000, charge: { amount: 1, unit: "kg" }, recovered: { amount: "1.2", unit: "kg" } });
    expect(plain(r.emitted.value)).toBe("0");
    expect(r.emitted.trace.flags.some((f) => /exceeds the charge/.test(f))).toBe(true);
  });
  it("a library GWP factor is used as published", () => {
    const r = refrigerantRelease({ gwpFactor: "desnz.refrigerant.blends.r410a.kyoto-only.kg.direct", released: { amount: 1, unit: "kg" } }, { registry, year: 2025 });
    expect(plain(r.emitted.value)).toBe("1924");
  });
  it("error paths", () => {
    const kg = { amount: 1, unit: "kg" };
    expect(codeOf(() => refrigerantRelease({ released: kg }))).toBe("MISSING_INPUT");
    expect(codeOf(() => refrigerantRelease({ gas: "r-410a", gwp: 1, released: kg }, { taxonomy }))).toBe("INVALID_OPTION");
    expect(codeOf(() => refrigerantRelease({ gas: "r-410a", released: kg }))).toBe("MISSING_INPUT");
    expect(codeOf(() => refrigerantRelease({ gas: "unobtainium", released: kg }, { taxonomy }))).toBe("UNKNOWN_ID");
    expect(codeOf(() => refrigerantRelease({ gas: "r-410a", released: kg }, { taxonomy, gwp: { CH4: 1, N2O: 1 } }))).toBe("INVALID_OPTION");
    expect(codeOf(() => refrigerantRelease({ gas: "r-410a", released: kg }, { taxonomy, gwp: "AR2" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => refrigerantRelease({ gwp: 1 }))).toBe("MISSING_INPUT");
    expect(codeOf(() => refrigerantRelease({ gwp: 1, charge: kg }))).toBe("MISSING_INPUT");
    expect(codeOf(() => refrigerantRelease({ gwp: 1, released: { amount: -1, unit: "kg" } }))).toBe("NEGATIVE_NOT_ALLOWED");
    expect(codeOf(() => refrigerantRelease({ gwpFactor: "desnz.freight.rail.freight-train.t.km.ttw", released: kg }, { registry }))).toBe("INCOMPATIBLE_UNITS");
    expect(codeOf(() => refrigerantRelease({ gwpFactor: "desnz.refrigerant.blends.r410a.kyoto-only.kg.direct", released: kg }))).toBe("MISSING_INPUT");
  });
});
