import { plain } from "../../../../src/engine/quantities/decimal";
import { endOfLifeEmissions } from "../../../../src/engine/methods/end-of-life";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { codeOf } from "./inv-helpers";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const ctx = { registry, taxonomy, year: 2025 };
const t2 = { amount: 2, unit: "t" };

describe("endOfLifeEmissions", () => {
  it("DESNZ by UNU-KEY through the crosswalk (0303 laptops -> small WEEE), per tonne", () => {
    const r = endOfLifeEmissions({ mass: t2, treatment: "landfill", unuKey: "0303" }, ctx);
    expect(plain(r.value)).toBe("17.96622"); // 2 x 8.98311
    expect(r.trace.inputs.find((i) => i.name === "desnzClass")).toMatchObject({ value: "small", origin: "mapped" });
  });
  it("DESNZ recycling and combustion are transport-only: the trace says so", () => {
    const r = endOfLifeEmissions({ mass: t2, treatment: "recycling", desnzClass: "weee-mixed" }, ctx);
    expect(plain(r.value)).toBe("9.37136");
    expect(r.trace.notes.some((n) => /only the transport/.test(n))).toBe(true);
  });
  it("dispositions from the taxonomy map to treatments (energy recovery burns the waste)", () => {
    const r = endOfLifeEmissions({ mass: t2, treatment: "waste to energy", desnzClass: "large" }, ctx);
    expect(r.trace.inputs.find((i) => i.name === "treatment")).toMatchObject({ value: "combustion", origin: "mapped" });
  });
  it("EPA by UNU-KEY (0303 -> portable electronic devices), short tons converted exactly", () => {
    const r = endOfLifeEmissions({ mass: { amount: "907.18474", unit: "kg" }, treatment: "combustion", factorSet: "epa", unuKey: "0303" }, ctx);
    expect(plain(r.value)).toBe("890");
  });
  it("no published factor -> FACTOR_NOT_PUBLISHED, never zero", () => {
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "combustion", desnzClass: "batteries" }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "reuse", desnzClass: "small" }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "recycling", factorSet: "epa", epaMaterial: "crt-displays" }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "other-disposal", factorSet: "epa", unuKey: "0303" }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
  });
  it("credits are refused: a WARM net factor is not an inventory factor", () => {
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "recycling", factor: "warm.mixed-electronics.recycling.per-short-ton" }, ctx))).toMatch(/RULE_VIOLATION|UNKNOWN_FACTOR/);
    const warmId = [...registry.ids()].find((id) => id.startsWith("warm.mixed-electronics.recycling"))!;
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "recycling", factor: warmId }, { registry }))).toBe("RULE_VIOLATION");
  });
  it("error paths", () => {
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "" }, ctx))).toBe("MISSING_INPUT");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "teleport" }, ctx))).toBe("UNKNOWN_ID");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "teleport" }, { registry }))).toBe("INVALID_OPTION");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "stock", desnzClass: "small" }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill" }, ctx))).toBe("MISSING_INPUT");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill", factorSet: "epa" }, ctx))).toBe("MISSING_INPUT");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill", desnzClass: "huge" }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill", factorSet: "epa", epaMaterial: "toasters" }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill", unuKey: "9999" }, ctx))).toBe("UNKNOWN_ID");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill", unuKey: "0303" }, { registry }))).toBe("MISSING_INPUT");
    expect(codeOf(() => endOfLifeEmissions({ mass: { amount: 1, unit: "L" }, treatment: "landfill", desnzClass: "small" }, ctx))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => endOfLifeEmissions({ mass: t2, treatment: "landfill", factor: { value: 1, unit: "kg CO2e/kWh" } }, ctx))).toBe("INCOMPATIBLE_UNITS");
  });
});
