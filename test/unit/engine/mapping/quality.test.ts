/**
 * Mapping quality on two realistic layouts, without any user correction: the
 * suggested field must be right for at least 90 % of the columns of each.
 */
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { suggestMapping, taxonomyPort, type FieldId } from "../../../../src/engine/mapping";
import { fixture } from "./csv";

const taxonomy = taxonomyPort(bundledTaxonomy());

interface Expectation {
  file: string;
  separator: string;
  headerRow: number;
  fields: Array<FieldId | null>;
  units: Partial<Record<number, string>>;
}

const LAYOUTS: Record<string, Expectation> = {
  "ITAD asset disposition log (US, lbs, title rows)": {
    file: "itad-asset-log.csv",
    separator: ",",
    headerRow: 4,
    fields: ["assetId", "serialNumber", "description", "manufacturer", "model", "category", "quantity", "mass", "disposition", "date", "vendor", "certificateId", "dataBearing", "sanitizationMethod", "testResult"],
    units: { 7: "lb" },
  },
  "German collector log (tonnes, km, decimal commas)": {
    file: "collector-log-de.csv",
    separator: ";",
    headerRow: 3,
    fields: ["assetId", "description", "manufacturer", "quantity", "mass", "disposition", "date", "vendor", "country", "distance", "mode", "lotId", "evidenceRef", null],
    units: { 4: "t", 9: "km" },
  },
};

describe("mapping suggestions on realistic layouts", () => {
  for (const [name, e] of Object.entries(LAYOUTS)) {
    it(`${name}: >= 90 % of columns right without correction`, () => {
      const rows = fixture(e.file, e.separator);
      const s = suggestMapping(rows, { taxonomy });
      expect(s.template.headerRow).toBe(e.headerRow);
      const got = s.columns.map((c) => c.field);
      const right = e.fields.filter((f, i) => got[i] === f).length;
      const share = right / e.fields.length;
      const wrong = e.fields.flatMap((f, i) => (got[i] === f ? [] : [`${s.columns[i]!.header}: expected ${f}, got ${got[i]}`]));
      console.log(`${name}: ${right}/${e.fields.length} columns right (${(share * 100).toFixed(1)} %)${wrong.length ? `; wrong: ${wrong.join("; ")}` : ""}`);
      expect(share).toBeGreaterThanOrEqual(0.9);
      for (const [i, unit] of Object.entries(e.units)) expect(s.columns[Number(i)]!.unit).toBe(unit);
    });
  }

  it("flags free-text values it cannot classify confidently", () => {
    const s = suggestMapping(fixture("collector-log-de.csv", ";"), { taxonomy });
    const disposition = s.columns.find((c) => c.field === "disposition")!;
    const byRaw = Object.fromEntries(disposition.values!.map((v) => [v.raw, v]));
    expect(byRaw["Recycling"]).toMatchObject({ id: "RECYCLE", confidence: 1, review: false });
    expect(byRaw["Refurbished"]).toMatchObject({ id: "REUSE-DEVICE", review: false });
    expect(byRaw["Wiederverwendung"]).toMatchObject({ id: null, review: true });
    const mode = s.columns.find((c) => c.field === "mode")!;
    expect(mode.values!.find((v) => v.raw === "Truck")).toMatchObject({ id: "road.hgv", review: false });
    expect(mode.values!.find((v) => v.raw === "LKW")).toMatchObject({ id: null, review: true });
  });
});
