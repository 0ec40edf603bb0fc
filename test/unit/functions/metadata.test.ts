/**
 * Generates the custom-function metadata from the JSDoc of src/functions/functions.ts (as the build does)
 * and checks the catalogue: every function present, documented parameters, no errors, not volatile, helpUrl.
 */
import { join } from "node:path";
import { ALL_SPECS, excelParamNames } from "../../../src/functions";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

interface Param {
  name: string;
  description?: string;
  type: string;
  optional?: boolean;
  dimensionality?: string;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Param[];
  options?: { volatile?: boolean; stream?: boolean };
}

/** Functions implemented so far, with their parameter names in order. */
const CATALOGUE: Record<string, string[]> = {
  METHOD: [],
  FACTOR: ["factor_id", "field", "region", "year"],
  FACTORS: ["query", "limit", "headers"],
  TRACE: ["function_name", "args"],
  TRANSPORT_CO2: ["mass_kg", "distance_km", "mode", "options"],
  ELECTRICITY_CO2: ["energy_kwh", "region", "options"],
  FUEL_CO2: ["quantity", "unit", "fuel", "options"],
  REFRIGERANT_CO2: ["mass_kg", "gas", "options"],
  EOL_CO2: ["key_or_material", "mass_kg", "treatment", "options"],
  CLASSIFY: ["description", "field"],
  CATEGORY: ["key", "field"],
  ALLOCATE: ["total", "weights", "options"],
  CREDIT_SHARE: ["stage", "pathway", "options"],
  RECYCLING_CO2: ["material", "mass_kg", "virgin_factor", "recycling_factor", "options"],
  EMBODIED_CO2: ["key", "options"],
  REUSE_CO2: ["key", "units", "displacement_rate", "options"],
  CFF: ["Ev", "Erecycled", "ErecEoL", "Ev_star", "R1", "R2", "A", "Qsin_Qp", "Qsout_Qp", "options"],
  AVOIDED_CO2: ["key", "quantity", "pathway", "options"],
};

let fns: Fn[] = [];
let errors: string[] = [];

beforeAll(async () => {
  const out = await generateCustomFunctionsMetadata([join(__dirname, "..", "..", "..", "src", "functions", "functions.ts")], false);
  errors = out.errors;
  fns = JSON.parse(out.metadataJson).functions;
});

describe("custom-function metadata", () => {
  it("generates without errors", () => {
    expect(errors).toEqual([]);
  });
  it("has every catalogue function with its documented parameters in order", () => {
    for (const [id, params] of Object.entries(CATALOGUE)) {
      const fn = fns.find((f) => f.id === id);
      expect(fn).toBeDefined();
      expect(fn!.parameters.map((p) => p.name)).toEqual(params);
      for (const p of fn!.parameters) expect(p.description && p.description.length > 5).toBeTruthy();
    }
  });
  it("matches the registry: same functions, parameter names, optional flags, matrix parameters, repeating options", () => {
    expect(fns.map((f) => f.id).sort()).toEqual(ALL_SPECS.map((s) => s.name).sort());
    expect(Object.keys(CATALOGUE).sort()).toEqual(ALL_SPECS.map((s) => s.name).sort());
    for (const spec of ALL_SPECS) {
      const fn = fns.find((f) => f.id === spec.name)!;
      expect(fn.parameters.map((p) => p.name)).toEqual(excelParamNames(spec));
      spec.params.forEach((p, i) => {
        const m = fn.parameters[i]!;
        expect({ name: p.name, optional: Boolean(m.optional) }).toEqual({ name: p.name, optional: Boolean(p.optional) });
        // One call per range: every parameter is a matrix of type any, so the wrapper coerces and broadcasts.
        expect(m.dimensionality).toBe("matrix");
        expect(m.type).toBe("any");
        if (p.unit) expect(m.description).toContain(p.unit);
      });
      if (spec.options && spec.options.length > 0) {
        const o = fn.parameters[fn.parameters.length - 1] as Param & { repeating?: boolean };
        expect(o.repeating).toBe(true);
        for (const opt of spec.options) expect(o.description).toContain(`${opt.name}=`);
      }
    }
  });
  it("gives each function a description and a helpUrl, and none is volatile or streaming", () => {
    expect(fns.length).toBeGreaterThanOrEqual(Object.keys(CATALOGUE).length);
    for (const fn of fns) {
      expect(fn.description && fn.description.length > 10).toBeTruthy();
      expect(fn.helpUrl).toMatch(new RegExp(`^https://localhost:3000/help/${fn.id}\\.html$`));
      expect(fn.options?.volatile).not.toBe(true);
      expect(fn.options?.stream).not.toBe(true);
      // Names that parse as cell references (CO2, E5) or macros are forbidden.
      expect(fn.id).not.toMatch(/^[A-Z]{1,3}[0-9]+$/);
      expect(fn.id).toMatch(/^[A-Z][A-Z0-9_.]{2,}$/);
    }
  });
});
