import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import {
  MappingChecker,
  applyMapping,
  detectHeaderRow,
  excelSerialToIso,
  exportTemplate,
  importTemplate,
  normaliseHeader,
  parseDateCell,
  parseNumberCell,
  phraseMatcher,
  suggestMapping,
  taxonomyPort,
  type MappingTemplate,
  type QuantityValue,
} from "../../../../src/engine/mapping";
import { plain } from "../../../../src/engine";
import { fixture } from "./csv";

const taxonomy = taxonomyPort(bundledTaxonomy());

describe("header row detection", () => {
  it("skips titles, notes and blank rows", () => {
    const rows = [
      ["Quarterly e-waste report", "", "", ""],
      ["Prepared by ops", "", "", ""],
      ["", "", "", ""],
      ["Asset Tag", "Net Wt", "Disposition", "Date"],
      ["A1", 12, "Recycled", "2024-01-03"],
      ["A2", 3.5, "Resold", "2024-01-04"],
    ];
    expect(detectHeaderRow(rows).index).toBe(3);
  });
  it("prefers the header over the first data row even when the data is all text", () => {
    const rows = [
      ["ID", "Description", "Disposition"],
      ["X-1", "Laptop", "Recycled"],
      ["X-2", "Monitor", "Resold"],
    ];
    expect(detectHeaderRow(rows).index).toBe(0);
  });
  it("finds the header of both fixtures", () => {
    expect(detectHeaderRow(fixture("itad-asset-log.csv")).index).toBe(3);
    expect(detectHeaderRow(fixture("collector-log-de.csv", ";")).index).toBe(2);
  });
});

describe("units from headers and cells", () => {
  it.each([
    ["Wt (lbs)", "wt", "lb"],
    ["Gross weight kg", "gross weight", "kg"],
    ["Gewicht [t]", "gewicht", "t"],
    ["Weight in tonnes", "weight", "t"],
    ["Miles", "miles", "mi"],
    ["Distance (km)", "distance", "km"],
    ["kWh Usage", "usage", "kWh"],
    ["Usage (MWh)", "usage", "MWh"],
    ["Therms", "therms", "therm"],
    ["Serial #", "serial no", undefined],
    ["Net Wt", "net wt", undefined],
  ])("%s -> base '%s', unit %s", (header, base, unit) => {
    const h = normaliseHeader(header);
    expect(h.base).toBe(base);
    expect(h.unit?.symbol).toBe(unit);
  });

  it("reads units and decimal commas inside cells", () => {
    const a = parseNumberCell("12.5 kg")!;
    expect([plain(a.amount), a.unit?.symbol]).toEqual(["12.5", "kg"]);
    const b = parseNumberCell("1.234,5 lbs")!;
    expect([plain(b.amount), b.unit?.symbol]).toEqual(["1234.5", "lb"]);
    expect(plain(parseNumberCell("0,125", true)!.amount)).toBe("0.125");
    expect(plain(parseNumberCell("1,250")!.amount)).toBe("1250");
    expect(parseNumberCell("12 parsecs")).toMatchObject({ unitText: "parsecs" });
    expect(parseNumberCell("n/a")).toBeNull();
  });

  it("suggests the unit column's dimension from its values", () => {
    const rows = [
      ["Item", "Amount", "UOM"],
      ["Laptop", 3.2, "kg"],
      ["Monitor", 7, "lbs"],
      ["Server", 20, "kg"],
    ];
    const s = suggestMapping(rows);
    expect(s.columns.map((c) => c.field)).toEqual(["description", expect.anything(), "massUnit"]);
  });
});

describe("dates", () => {
  it("reads Excel serials and text dates in any common order", () => {
    expect(excelSerialToIso(45366)).toBe("2024-03-15");
    expect(excelSerialToIso(45351)).toBe("2024-02-29");
    expect(parseDateCell("15.03.2024")).toBe("2024-03-15");
    expect(parseDateCell("03/15/2024")).toBe("2024-03-15");
    expect(parseDateCell("04/05/2024", "dmy")).toBe("2024-05-04");
    expect(parseDateCell("15 Mar 2024")).toBe("2024-03-15");
    expect(parseDateCell("Mar 15, 2024")).toBe("2024-03-15");
    expect(parseDateCell("2024-02-30")).toBeNull();
  });
});

describe("taxonomy value matching", () => {
  it("whole text 1.0; a phrase inside it lower; conflicting phrases flagged low", () => {
    const match = phraseMatcher((_, t) => ({ resold: "REUSE-DEVICE", shred: "RECYCLE", "sent to recycler": "SENT-DOWNSTREAM" })[t.toLowerCase()] ?? null);
    expect(match("disposition", "Resold")).toEqual({ id: "REUSE-DEVICE", confidence: 1, via: "Resold" });
    expect(match("disposition", "Resold - Grade B")).toEqual({ id: "REUSE-DEVICE", confidence: 0.7, via: "resold" });
    expect(match("disposition", "Sent to recycler for shred")).toMatchObject({ id: "SENT-DOWNSTREAM", confidence: 0.45 });
    expect(match("disposition", "Wiederverwendung")).toBeNull();
  });
});

describe("mapping template", () => {
  const s = suggestMapping(fixture("itad-asset-log.csv"), { taxonomy, source: { sheet: "Assets" } });

  it("round-trips through JSON unchanged", () => {
    const text = exportTemplate(s.template);
    const back = importTemplate(text);
    expect(back.ok).toBe(true);
    expect(back.ok && back.value).toEqual(s.template);
    expect(exportTemplate((back as { value: MappingTemplate }).value)).toBe(text);
  });

  it("refuses other versions, invalid JSON, unknown fields, bad units and a field mapped twice", () => {
    const t = JSON.parse(exportTemplate(s.template)) as MappingTemplate;
    expect(importTemplate({ ...t, version: 2 })).toMatchObject({ ok: false, issue: { code: "MAPPING_TEMPLATE_VERSION" } });
    expect(importTemplate("{not json")).toMatchObject({ ok: false, issue: { code: "MAPPING_TEMPLATE_INVALID" } });
    expect(importTemplate({ ...t, columns: [{ ...t.columns[0]!, field: "colour" }] })).toMatchObject({ ok: false, issue: { code: "MAPPING_TEMPLATE_INVALID" } });
    expect(importTemplate({ ...t, columns: t.columns.map((c) => (c.field === "mass" ? { ...c, unit: "km" } : c)) })).toMatchObject({ ok: false, issue: { code: "INCOMPATIBLE_UNITS" } });
    expect(importTemplate({ ...t, columns: t.columns.map((c) => (c.index === 1 ? { ...c, field: "assetId" as const } : c)) })).toMatchObject({
      ok: false,
      issue: { code: "MAPPING_FIELD_TWICE" },
    });
  });
});

describe("check", () => {
  const rows = [
    ["Disposal log", "", "", "", ""],
    ["Asset Tag", "Wt (lbs)", "Disposition", "Date Processed", "Country"],
    ["A-1", 12.5, "Resold", "03/15/2024", "US"],
    ["A-2", "3,5 kg", "Recycled", "03/16/2024", "US"],
    ["A-3", "heavy", "Recycled", "03/16/2024", "US"],
    ["", "", "", "", ""],
    ["A-4", -2, "Landfill", "03/17/2024", "US"],
    ["A-5", 4, "Recycled (shred)", "13/13/2024", "US"],
    ["A-1", 2, "Gone fishing", "03/18/2024", "XX"],
    ["A-6", 5, "Resold - grade B", "03/18/2024", "DE"],
    ["A-7", "", "Resold", "03/18/2024", "DE"],
    ["Total", 28.5, "", "", ""],
  ];
  const s = suggestMapping(rows, { taxonomy });
  const report = applyMapping(s.template, rows, { taxonomy });

  it("maps as expected, with mass required", () => {
    expect(s.template.headerRow).toBe(2);
    expect(s.template.columns.map((c) => c.field)).toEqual(["assetId", "mass", "disposition", "date", "country"]);
    expect(s.template.required).toEqual(["mass"]);
  });

  it("counts: read = ready + rejected, and every rejected row has a reason", () => {
    expect(report.counts).toEqual({ read: 10, ready: 3, rejected: 7, flagged: 1 });
    expect(report.counts.read).toBe(report.counts.ready + report.counts.rejected);
    for (const r of report.rejectedRows) expect(report.problems.some((p) => p.row === r && p.severity === "error")).toBe(true);
    expect(report.records.map((r) => r.row)).toEqual([3, 4, 10]);
  });

  it("problems by row and column with codes and hints", () => {
    const codes = report.problems.map((p) => [p.row, p.column ?? null, p.issue.code, p.severity]);
    expect(codes).toEqual([
      [5, 1, "NOT_A_NUMBER", "error"],
      [6, null, "MAPPING_ROW_EMPTY", "error"],
      [7, 1, "NEGATIVE_NOT_ALLOWED", "error"],
      [8, 3, "MAPPING_BAD_DATE", "error"],
      [9, 0, "MAPPING_DUPLICATE_ID", "warning"],
      [9, 2, "MAPPING_VALUE_UNCLASSIFIED", "error"],
      [9, 4, "MAPPING_BAD_COUNTRY", "warning"],
      [10, 2, "MAPPING_LOW_CONFIDENCE", "warning"],
      [11, 1, "MISSING_INPUT", "error"],
      [12, null, "MAPPING_TOTAL_ROW", "error"],
    ]);
    for (const p of report.problems) expect(p.issue.hint.length).toBeGreaterThan(10);
  });

  it("normalises values: units from header or cell, dates to ISO, classes to ids", () => {
    const [a1, a2] = report.records;
    expect(a1!.fields.mass).toMatchObject({ unit: "lb", unitFrom: "column" });
    expect(plain((a1!.fields.mass as QuantityValue).amount)).toBe("12.5");
    expect(a2!.fields.mass).toMatchObject({ unit: "kg", unitFrom: "cell" });
    expect(plain((a2!.fields.mass as QuantityValue).amount)).toBe("3.5");
    expect(a1!.fields.date).toBe("2024-03-15");
    expect(a1!.fields.disposition).toEqual({ id: "REUSE-DEVICE", raw: "Resold", confidence: 1, via: "taxonomy" });
  });

  it("value overrides settle unclassified values; the checker also works block by block", () => {
    const t: MappingTemplate = { ...s.template, valueOverrides: [{ field: "disposition", from: "gone fishing", to: "LANDFILL" }] };
    const checker = new MappingChecker(t, { taxonomy });
    const data = rows.slice(2);
    checker.push(data.slice(0, 4), 3);
    checker.push(data.slice(4), 7);
    const r = checker.report();
    expect(r.counts.read).toBe(10);
    expect(r.problems.find((p) => p.row === 9 && p.column === 2)).toBeUndefined();
    expect(r.counts).toEqual({ read: 10, ready: 4, rejected: 6, flagged: 2 });
  });
});
