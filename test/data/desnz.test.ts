/**
 * Data test of the DESNZ libraries: every shipped factor is checked against its row of the vendored raw
 * flat-file CSV, found by the DESNZ ID. The CSV is parsed here independently of the importer, and the
 * expected mappings (unit, gas, boundary) are restated here, so a mapping slip in the importer shows up.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { FactorsFileSchema, LibraryMetaSchema, type Factor, type LibraryMeta } from "../../src/engine/factors/schema";
import { Dec } from "../../src/engine/quantities/decimal";
import { parseCsv } from "../helpers/csv";

const ROOT = resolve(__dirname, "..", "..");

interface Edition {
  libraryId: string;
  year: number;
  csv: string;
  valueColumn: string;
}

const EDITIONS: readonly Edition[] = [
  { libraryId: "desnz-2025", year: 2025, csv: "data/sources/desnz/ghg-conversion-factors-2025-flat-file-v1.0.csv", valueColumn: "GHG Conversion Factor 2025" },
  { libraryId: "desnz-2024", year: 2024, csv: "data/sources/desnz/ghg-conversion-factors-2024-flat-file-v1.1.csv", valueColumn: "GHG Conversion Factor 2024" },
];

type Row = Record<string, string>;

function readRows(relPath: string): Row[] {
  const [header, ...body] = parseCsv(readFileSync(join(ROOT, relPath), "utf8"));
  if (!header) throw new Error(`${relPath} is empty`);
  return body
    .filter((cells) => cells.some((c) => c !== ""))
    .map((cells) => Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ""])));
}

const col = (row: Row, name: string): string => {
  const v = row[name];
  if (v === undefined) throw new Error(`no column ${name}`);
  return v;
};

// What the library should contain, restated from the brief rather than taken from the importer.
const IN_SCOPE = (row: Row): boolean => {
  const l1 = col(row, "Level 1");
  const uom = col(row, "UOM");
  switch (l1) {
    case "Freighting goods":
    case "WTT- delivery vehs & freight":
      return uom === "tonne.km";
    case "WTT- heat and steam":
      return col(row, "Level 2").trim() === "WTT- district heat & steam distribution";
    case "Fuels":
    case "WTT- fuels":
    case "UK electricity":
    case "Transmission and distribution":
    case "WTT- UK electricity":
    case "Waste disposal":
    case "Material use":
    case "Refrigerant & other":
      return true;
    default:
      return false;
  }
};

const UNIT_OF: Record<string, string> = {
  "tonne.km": "t.km",
  litres: "L",
  tonnes: "t",
  kWh: "kWh",
  "kWh (Net CV)": "kWh (Net CV)",
  "kWh (Gross CV)": "kWh (Gross CV)",
  "cubic metres": "m3",
  kg: "kg",
};

const GAS_OF: Record<string, Factor["gas"]> = {
  "kg CO2e": "CO2e",
  "kg CO2e of CO2 per unit": "CO2e-CO2",
  "kg CO2e of CH4 per unit": "CO2e-CH4",
  "kg CO2e of N2O per unit": "CO2e-N2O",
};

function expectedBoundary(row: Row): Factor["boundary"] {
  const l1 = col(row, "Level 1");
  if (l1.startsWith("WTT-")) return "WTT";
  const map: Record<string, Factor["boundary"]> = {
    "Freighting goods": "TTW",
    Fuels: "TTW",
    "UK electricity": "generation",
    "Transmission and distribution": "T&D",
    "Waste disposal": "end-of-life",
    "Material use": "cradle-to-gate",
    "Refrigerant & other": "direct",
  };
  const b = map[l1];
  if (!b) throw new Error(`no boundary for ${l1}`);
  return b;
}

/** Everything that is wrong with one factor compared with its source row (empty when it is right). */
function problemsOf(f: Factor, byId: Map<string, Row>, ed: Edition): string[] {
  const row = byId.get(f.sourceRow);
  if (!row) return [`${f.id}: no source row ${f.sourceRow}`];
  const p: string[] = [];
  const cell = col(row, ed.valueColumn).trim();
  if (cell === "") p.push(`${f.id}: source cell is blank (no factor) but a value is shipped`);
  else {
    if (!new Dec(f.value).eq(new Dec(cell))) p.push(`${f.id}: value ${f.value} != source ${cell}`);
    if (f.value !== cell) p.push(`${f.id}: value string '${f.value}' is not the source text '${cell}'`);
  }
  if (!IN_SCOPE(row)) p.push(`${f.id}: row ${f.sourceRow} is outside the imported sections`);
  const l1 = col(row, "Level 1");
  if (f.sourceTable !== `${l1} (flat file 'Factors by Category')`) p.push(`${f.id}: sourceTable ${f.sourceTable}`);
  const category = ["Level 1", "Level 2", "Level 3", "Level 4", "Column Text"].map((c) => col(row, c).trim()).filter((t) => t !== "");
  if (JSON.stringify(f.category) !== JSON.stringify(category)) p.push(`${f.id}: category ${JSON.stringify(f.category)}`);
  for (const part of category) if (!f.label.includes(part)) p.push(`${f.id}: label lacks '${part}'`);
  const unit = UNIT_OF[col(row, "UOM")];
  if (f.activityUnit !== unit) p.push(`${f.id}: activityUnit ${f.activityUnit} for UOM ${col(row, "UOM")}`);
  if (f.unit !== `kg CO2e/${unit}`) p.push(`${f.id}: unit ${f.unit}`);
  if (f.numeratorUnit !== "kg CO2e") p.push(`${f.id}: numeratorUnit ${f.numeratorUnit}`);
  const gas = GAS_OF[col(row, "GHG/Unit")];
  if (f.gas !== gas) p.push(`${f.id}: gas ${f.gas} for ${col(row, "GHG/Unit")}`);
  const gasSuffix = gas === "CO2e" ? null : `.${(gas ?? "").toLowerCase()}`;
  if (gasSuffix ? !f.id.endsWith(gasSuffix) : /\.co2e-(co2|ch4|n2o)$/.test(f.id)) p.push(`${f.id}: id does not name gas ${gas}`);
  if (f.boundary !== expectedBoundary(row)) p.push(`${f.id}: boundary ${f.boundary}`);
  if (f.scope !== col(row, "Scope").trim()) p.push(`${f.id}: scope ${f.scope}`);
  if (f.year !== ed.year) p.push(`${f.id}: year ${f.year}`);
  if (f.region !== "GB") p.push(`${f.id}: region ${f.region}`);
  if (!f.id.startsWith("desnz.")) p.push(`${f.id}: id prefix`);
  return p;
}

/** The simplest search a user would do: every word of the query appears in the label. */
function searchByLabel(factors: readonly Factor[], query: string): Factor[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return factors.filter((f) => words.every((w) => f.label.toLowerCase().includes(w)));
}

// Counts per Level 1 (imported rows / blank rows skipped); the two editions have the same row layout.
const SECTION_COUNTS: Record<string, { imported: number; blank: number }> = {
  "Freighting goods": { imported: 508, blank: 108 },
  "WTT- delivery vehs & freight": { imported: 127, blank: 27 },
  Fuels: { imported: 468, blank: 4 },
  "WTT- fuels": { imported: 114, blank: 4 },
  "UK electricity": { imported: 4, blank: 0 },
  "Transmission and distribution": { imported: 8, blank: 0 },
  "WTT- UK electricity": { imported: 2, blank: 0 },
  "WTT- heat and steam": { imported: 1, blank: 0 },
  "Waste disposal": { imported: 134, blank: 160 },
  "Material use": { imported: 70, blank: 98 },
  "Refrigerant & other": { imported: 359, blank: 139 },
};
const TOTAL = Object.values(SECTION_COUNTS).reduce((n, c) => n + c.imported, 0);
const TOTAL_BLANK = Object.values(SECTION_COUNTS).reduce((n, c) => n + c.blank, 0);

interface Loaded {
  ed: Edition;
  meta: LibraryMeta;
  factors: Factor[];
  factorsBytes: Buffer;
  rows: Row[];
  byId: Map<string, Row>;
}

function load(ed: Edition): Loaded {
  const dir = join(ROOT, "data", "factors", ed.libraryId, "1.0.0");
  const factorsBytes = readFileSync(join(dir, "factors.json"));
  const meta = LibraryMetaSchema.parse(JSON.parse(readFileSync(join(dir, "library.json"), "utf8")));
  const factors = FactorsFileSchema.parse(JSON.parse(factorsBytes.toString("utf8")));
  const rows = readRows(ed.csv);
  const byId = new Map<string, Row>();
  for (const r of rows) {
    const id = col(r, "ID");
    if (byId.has(id)) throw new Error(`duplicate DESNZ ID ${id}`);
    byId.set(id, r);
  }
  return { ed, meta, factors, factorsBytes, rows, byId };
}

const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");
const LIBS = new Map(EDITIONS.map((ed) => [ed.libraryId, load(ed)]));
const lib = (id: string): Loaded => {
  const l = LIBS.get(id);
  if (!l) throw new Error(id);
  return l;
};
const byFactorId = (l: Loaded, id: string): Factor => {
  const f = l.factors.find((x) => x.id === id);
  if (!f) throw new Error(`${l.ed.libraryId} has no ${id}`);
  return f;
};

describe.each(EDITIONS.map((e) => e.libraryId))("%s", (libraryId) => {
  const l = lib(libraryId);

  test("library.json and factors.json validate and agree", () => {
    expect(l.meta.id).toBe(libraryId);
    expect(l.meta.year).toBe(l.ed.year);
    expect(l.meta.factorCount).toBe(l.factors.length);
    expect(l.meta.dataSha256).toBe(sha256(l.factorsBytes));
    expect(l.meta.gwpBasis).toBe("AR5");
    expect(l.meta.licence.id).toBe("OGL-UK-3.0");
    expect(l.meta.attribution).toContain("Contains public sector information licensed under the Open Government Licence v3.0.");
    expect(l.meta.attribution).toContain(`DESNZ (${l.ed.year})`);
    expect(l.meta.importer).toBe("scripts/import-desnz.mjs");
  });

  test("source files are the vendored bytes", () => {
    expect(l.meta.sourceFiles.map((s) => s.path)).toEqual([l.ed.csv]);
    for (const s of l.meta.sourceFiles) expect(sha256(readFileSync(join(ROOT, s.path)))).toBe(s.sha256);
  });

  test("every factor equals its source row", () => {
    const problems = l.factors.flatMap((f) => problemsOf(f, l.byId, l.ed));
    expect(problems).toEqual([]);
  });

  test("every in-scope row with a value is shipped once, and blank rows are not", () => {
    const expected = l.rows.filter((r) => IN_SCOPE(r) && col(r, l.ed.valueColumn).trim() !== "").map((r) => col(r, "ID"));
    const shipped = l.factors.map((f) => f.sourceRow);
    expect(new Set(shipped).size).toBe(shipped.length);
    expect([...shipped].sort()).toEqual([...expected].sort());
    expect(new Set(l.factors.map((f) => f.id)).size).toBe(l.factors.length);
  });

  test("counts per section, and the blank count is recorded in the caveats", () => {
    expect(l.factors.length).toBe(TOTAL);
    const counted: Record<string, { imported: number; blank: number }> = {};
    for (const r of l.rows.filter(IN_SCOPE)) {
      const c = (counted[col(r, "Level 1")] ??= { imported: 0, blank: 0 });
      if (col(r, l.ed.valueColumn).trim() === "") c.blank++;
      else c.imported++;
    }
    expect(counted).toEqual(SECTION_COUNTS);
    const shippedPerSection: Record<string, number> = {};
    for (const f of l.factors) {
      const l1 = f.category[0] ?? "";
      shippedPerSection[l1] = (shippedPerSection[l1] ?? 0) + 1;
    }
    expect(shippedPerSection).toEqual(Object.fromEntries(Object.entries(SECTION_COUNTS).map(([k, v]) => [k, v.imported])));
    expect(l.meta.caveats.join(" ")).toContain(`${TOTAL_BLANK} blank rows were skipped`);
  });

  test("every factor records its unit and the library its GWP basis", () => {
    for (const f of l.factors) {
      expect(f.unit.length).toBeGreaterThan(0);
      expect(f.activityUnit.length).toBeGreaterThan(0);
      expect(f.numeratorUnit).toBe("kg CO2e");
    }
    expect(l.meta.gwpNote).toMatch(/AR5/);
    // DESNZ's own words on the refrigerant GWPs are kept with those factors.
    for (const f of l.factors.filter((x) => x.category[0] === "Refrigerant & other")) expect(f.notes).toMatch(/AR5.*AR4, AR6/);
  });

  test("the search 'HGV average laden' finds the all-HGV TTW and WTT factors by label", () => {
    const hits = searchByLabel(l.factors, "HGV average laden").map((f) => f.id);
    expect(hits).toContain("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw");
    expect(hits).toContain("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.wtt");
  });
});

describe("spot values", () => {
  const cases: Array<[string, string, string]> = [
    ["desnz-2025", "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw", "0.10163"],
    ["desnz-2025", "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.wtt", "0.02359"],
    ["desnz-2025", "desnz.electricity.uk.kwh.generation", "0.17700"],
    ["desnz-2025", "desnz.electricity.uk.kwh.t-and-d", "0.01853"],
    ["desnz-2025", "desnz.electricity.uk.kwh.wtt-generation", "0.04590"],
    ["desnz-2025", "desnz.electricity.uk.kwh.wtt-t-and-d", "0.00397"],
    ["desnz-2025", "desnz.waste.electrical-items.weee-mixed.landfill.t.end-of-life", "8.98311"],
    ["desnz-2025", "desnz.waste.electrical-items.weee-mixed.combustion.t.end-of-life", "4.68568"],
    ["desnz-2025", "desnz.freight.cargo-ship.container-ship.average.t.km.ttw", "0.01612"],
    ["desnz-2025", "desnz.freight.rail.freight-train.t.km.ttw", "0.02779"],
    ["desnz-2025", "desnz.freight.freight-flights.long-haul-to-from-uk.without-rf.t.km.ttw", "0.53130"],
    ["desnz-2025", "desnz.fuels.liquid-fuels.diesel-average-biofuel-blend.l.ttw", "2.57082"],
    ["desnz-2025", "desnz.material.electrical-items.electrical-items-it.primary-material-production.t.cradle-to-gate", "24865.47556"],
    ["desnz-2025", "desnz.refrigerant.kyoto-protocol-products.hfc-134a.kyoto-only.kg.direct", "1300.00000"],
    ["desnz-2024", "desnz.electricity.uk.kwh.generation", "0.20705"],
    ["desnz-2024", "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw", "0.09752"],
    ["desnz-2024", "desnz.waste.electrical-items.weee-mixed.landfill.t.end-of-life", "8.88386"],
    ["desnz-2024", "desnz.waste.electrical-items.weee-mixed.combustion.t.end-of-life", "6.41061"],
  ];
  test.each(cases)("%s %s = %s", (libraryId, id, value) => {
    expect(byFactorId(lib(libraryId), id).value).toBe(value);
  });

  test("gas split rows are separate factors of the same row meaning", () => {
    const l = lib("desnz-2025");
    const stem = "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw";
    expect(byFactorId(l, `${stem}.co2e-co2`)).toMatchObject({ gas: "CO2e-CO2", value: "0.10012", sourceRow: "27_304_3140_14_2" });
    expect(byFactorId(l, `${stem}.co2e-ch4`)).toMatchObject({ gas: "CO2e-CH4", value: "0.00002" });
    expect(byFactorId(l, `${stem}.co2e-n2o`)).toMatchObject({ gas: "CO2e-N2O", value: "0.00149" });
  });
});

describe("across editions", () => {
  test("the same DESNZ row has the same factor id in 2025 and 2024", () => {
    const a = new Map(lib("desnz-2025").factors.map((f) => [f.sourceRow, f.id]));
    const b = new Map(lib("desnz-2024").factors.map((f) => [f.sourceRow, f.id]));
    const mismatches = [...a].filter(([row, id]) => b.has(row) && b.get(row) !== id);
    expect(mismatches).toEqual([]);
    expect([...a.keys()].filter((row) => b.has(row)).length).toBe(TOTAL);
  });

  test("the renamed waste route keeps its id and each edition's own label", () => {
    const id = "desnz.waste.electrical-items.weee-mixed.combustion.t.end-of-life";
    expect(byFactorId(lib("desnz-2025"), id).label).toContain("Incineration with Energy Recovery");
    expect(byFactorId(lib("desnz-2024"), id).label).toContain("Combustion");
  });
});

describe("the checks catch wrong data", () => {
  const l = lib("desnz-2025");
  const f = byFactorId(l, "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw");

  test("a changed value", () => {
    const wrong = { ...f, value: new Dec(f.value).plus("0.00001").toFixed() };
    expect(problemsOf(wrong, l.byId, l.ed).join()).toMatch(/value/);
  });

  test("a value with different digits but equal meaning is still reported as not copied", () => {
    expect(problemsOf({ ...f, value: "0.10163000" }, l.byId, l.ed).join()).toMatch(/not the source text/);
  });

  test("a wrong gas, unit, boundary or row", () => {
    expect(problemsOf({ ...f, gas: "CO2e-CO2" }, l.byId, l.ed).join()).toMatch(/gas/);
    expect(problemsOf({ ...f, activityUnit: "km" }, l.byId, l.ed).join()).toMatch(/activityUnit/);
    expect(problemsOf({ ...f, boundary: "WTW" }, l.byId, l.ed).join()).toMatch(/boundary/);
    expect(problemsOf({ ...f, sourceRow: "27_304_3139_14_1" }, l.byId, l.ed).join()).toMatch(/value|category/);
    expect(problemsOf({ ...f, sourceRow: "no-such-row" }, l.byId, l.ed).join()).toMatch(/no source row/);
  });

  test("a value shipped for a blank (no factor) cell", () => {
    // 27_304_3137_14_1 is All HGVs, 0% Laden, tonne.km: DESNZ publishes no factor.
    expect(col(l.byId.get("27_304_3137_14_1") ?? {}, l.ed.valueColumn)).toBe("");
    expect(problemsOf({ ...f, sourceRow: "27_304_3137_14_1", value: "0" }, l.byId, l.ed).join()).toMatch(/blank/);
  });

  test("a changed byte of factors.json breaks the hash", () => {
    const bytes = Buffer.from(l.factorsBytes);
    const i = bytes.indexOf(Buffer.from("0.10163"));
    bytes[i + 6] = "4".charCodeAt(0);
    expect(sha256(bytes)).not.toBe(l.meta.dataSha256);
  });
});
