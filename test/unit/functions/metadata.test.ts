/**
 * Generates the custom-function metadata from the JSDoc of src/functions/functions.ts (as the build does)
 * and checks the catalogue: every function present, documented parameters, no errors, not volatile, helpUrl.
 */
import { join } from "node:path";
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
