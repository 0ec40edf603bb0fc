/**
 * Proves that every factor of ember-2025 equals its cell in the vendored Ember/CO2.js files.
 * The CSV and JSON are parsed here independently of the importer; rows are found by the key in `sourceRow`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Dec } from "../../src/engine/quantities/decimal";
import { FactorsFileSchema, LibraryMetaSchema, type Factor } from "../../src/engine/factors/schema";
import { parseCsv as readCsv } from "../helpers/csv";

const ROOT = join(__dirname, "..", "..");
const LIB_DIR = join(ROOT, "data", "factors", "ember-2025", "1.0.0");
const CSV_PATH = join(ROOT, "data", "sources", "ember", "average-intensities.csv");
const JSON_PATH = join(ROOT, "data", "sources", "ember", "average-intensities.json");

interface EmberRow {
  line: number;
  key: string;
  iso3: string;
  name: string;
  year: string;
  value: string;
}

function loadRows(): Map<string, EmberRow> {
  const [header, ...records] = readCsv(readFileSync(CSV_PATH, "utf8"));
  expect(header).toEqual(["key", "iso3_country_code", "country_or_region", "data_year", "emissions_intensity_gco2e_per_kwh"]);
  const byKey = new Map<string, EmberRow>();
  records.forEach((r, i) => {
    if (r.length === 1 && r[0] === "") return;
    const [key, iso3, name, year, value] = r.map((c) => c.trim());
    if (key === undefined || iso3 === undefined || name === undefined || year === undefined || value === undefined) {
      throw new Error(`short row at line ${i + 2}`);
    }
    byKey.set(key, { line: i + 2, key, iso3, name, year, value });
  });
  return byKey;
}

/** The JSON's numbers as written (text, not floats), by entry key. */
function loadJsonValues(): Map<string, { year: string; value: string; iso3: string }> {
  const text = readFileSync(JSON_PATH, "utf8");
  const out = new Map<string, { year: string; value: string; iso3: string }>();
  const re = /"([^"]+)"\s*:\s*\{([^{}]*)\}/g;
  for (const m of text.matchAll(re)) {
    const inner = m[2] ?? "";
    const value = /"emissions_intensity_gco2_per_kwh"\s*:\s*([-0-9.eE+]+)/.exec(inner)?.[1];
    const year = /"year"\s*:\s*(\d+)/.exec(inner)?.[1];
    const iso3 = /"country_code"\s*:\s*"([^"]*)"/.exec(inner)?.[1];
    if (m[1] && value && year && iso3 !== undefined) out.set(m[1], { value, year, iso3 });
  }
  return out;
}

const rows = loadRows();
const jsonValues = loadJsonValues();
const factorsBytes = readFileSync(join(LIB_DIR, "factors.json"));
const factors: Factor[] = FactorsFileSchema.parse(JSON.parse(factorsBytes.toString("utf8")));
const library = LibraryMetaSchema.parse(JSON.parse(readFileSync(join(LIB_DIR, "library.json"), "utf8")));

function rowOf(f: Factor): EmberRow | undefined {
  const key = /^key (.+) \(CSV line (\d+)\)$/.exec(f.sourceRow)?.[1];
  return key === undefined ? undefined : rows.get(key);
}

/** Every mismatch between shipped factors and the source; empty when the data are right. */
function mismatches(list: readonly Factor[]): string[] {
  const problems: string[] = [];
  for (const f of list) {
    const row = rowOf(f);
    if (!row) {
      problems.push(`${f.id}: source row '${f.sourceRow}' not found`);
      continue;
    }
    if (f.value !== row.value || !new Dec(f.value).eq(new Dec(row.value))) problems.push(`${f.id}: value ${f.value} != cell ${row.value}`);
    if (String(f.year) !== row.year) problems.push(`${f.id}: year ${f.year} != ${row.year}`);
    if (row.iso3) {
      if (f.id !== `ember.electricity.${row.iso3.toLowerCase()}`) problems.push(`${f.id}: id does not match ISO3 ${row.iso3}`);
      if (!/^[A-Z]{2}$/.test(f.region)) problems.push(`${f.id}: region ${f.region} is not ISO alpha-2`);
      if (!f.notes?.includes(`alpha-3: ${row.iso3}`)) problems.push(`${f.id}: notes lack the ISO3 code`);
    } else if (!f.id.startsWith("ember.electricity.region.") || !/^[A-Z0-9-]+$/.test(f.region) || /^[A-Z]{2}$/.test(f.region)) {
      problems.push(`${f.id}: aggregate id/region malformed (${f.region})`);
    }
    if (f.unit !== "g CO2e/kWh" || f.numeratorUnit !== "g CO2e" || f.activityUnit !== "kWh" || f.gas !== "CO2e") {
      problems.push(`${f.id}: units/gas`);
    }
    if (f.boundary !== "lifecycle") problems.push(`${f.id}: boundary ${f.boundary}`);
  }
  return problems;
}

describe("ember-2025 library", () => {
  it("validates and has one factor per source row (209 countries + 13 aggregates)", () => {
    expect(rows.size).toBe(222);
    expect(factors).toHaveLength(222);
    expect(library.factorCount).toBe(222);
    expect(factors.filter((f) => f.category[2] === "Country")).toHaveLength(209);
    expect(factors.filter((f) => f.id.startsWith("ember.electricity.region."))).toHaveLength(13);
    const referenced = factors.map((f) => rowOf(f)?.key);
    expect(new Set(referenced).size).toBe(222);
    expect([...rows.keys()].sort()).toEqual([...referenced].sort());
  });

  it("records the hash of factors.json and of each vendored source file", () => {
    expect(library.dataSha256).toBe(createHash("sha256").update(factorsBytes).digest("hex"));
    expect(library.sourceFiles.map((s) => s.path).sort()).toEqual([
      "data/sources/ember/average-intensities.csv",
      "data/sources/ember/average-intensities.json",
    ]);
    for (const s of library.sourceFiles) {
      expect(createHash("sha256").update(readFileSync(join(ROOT, s.path))).digest("hex")).toBe(s.sha256);
    }
  });

  it("every factor equals its source cell exactly", () => {
    expect(mismatches(factors)).toEqual([]);
  });

  it("the CSV agrees with the upstream JSON for every row", () => {
    expect(jsonValues.size).toBe(222);
    for (const row of rows.values()) {
      const j = jsonValues.get(row.key);
      expect(j).toBeDefined();
      expect(new Dec(j?.value ?? "NaN").eq(new Dec(row.value))).toBe(true);
      expect(j?.year).toBe(row.year);
      expect(j?.iso3).toBe(row.iso3);
    }
  });

  it("catches a wrong value, year or region", () => {
    const first = factors.find((f) => f.region === "DE");
    if (!first) throw new Error("DE missing");
    expect(mismatches([{ ...first, value: "342.07" }])).toHaveLength(1);
    expect(mismatches([{ ...first, year: 2023 }])).toHaveLength(1);
    expect(mismatches([{ ...first, region: "DEU" }])).toHaveLength(1);
    expect(mismatches([{ ...first, sourceRow: "key XYZ (CSV line 1)" }])).toHaveLength(1);
  });

  it("maps countries to distinct ISO alpha-2 regions", () => {
    const countries = factors.filter((f) => f.category[2] === "Country");
    expect(new Set(countries.map((f) => f.region)).size).toBe(countries.length);
  });

  it.each([
    ["DE", "ember.electricity.deu", "342.06", 2024],
    ["FR", "ember.electricity.fra", "44.18", 2024],
    ["US", "ember.electricity.usa", "383.55", 2024],
    ["GB", "ember.electricity.gbr", "215.79", 2024],
    ["IN", "ember.electricity.ind", "708.96", 2024],
    ["XK", "ember.electricity.xkx", "958.72", 2024],
    ["WORLD", "ember.electricity.region.world", "472.94", 2024],
    ["EU27", "ember.electricity.region.eu", "213.02", 2024],
    ["AFRICA", "ember.electricity.region.africa", "545.09", 2024],
  ])("spot check %s", (region, id, value, year) => {
    const f = factors.filter((x) => x.region === region);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ id, value, year, unit: "g CO2e/kWh", boundary: "lifecycle" });
  });

  it("records unit and GWP basis, licence and notice", () => {
    expect(library.gwpBasis).toBe("mixed");
    expect(library.gwpNote).toMatch(/100-year/);
    for (const f of factors) expect(f.unit).toBe("g CO2e/kWh");
    expect(library.licence.id).toBe("CC-BY-SA-4.0");
    expect(library.attribution).toMatch(/Ember/);
    const notice = readFileSync(join(LIB_DIR, "NOTICE.md"), "utf8");
    expect(notice).toMatch(/CC BY 4\.0/);
    expect(notice).toMatch(/CC BY-SA 4\.0/);
    expect(notice).toMatch(/creativecommons\.org\/licenses\/by-sa\/4\.0/);
    expect(notice).toMatch(/CO2\.js/);
    expect(readdirSync(LIB_DIR).sort()).toEqual(["NOTICE.md", "factors.json", "library.json"]);
    expect(existsSync(join(ROOT, "data", "sources", "ember", "PROVENANCE.md"))).toBe(true);
  });

  it("keeps its data in its own files, under a licence distinct from the code and from Boavizta's", () => {
    expect(library.licence.id).not.toMatch(/MIT/i);
    const factorsRoot = join(ROOT, "data", "factors");
    for (const lib of readdirSync(factorsRoot)) {
      if (lib.startsWith("ember-")) continue;
      for (const version of readdirSync(join(factorsRoot, lib))) {
        const dir = join(factorsRoot, lib, version);
        const metaPath = join(dir, "library.json");
        if (!existsSync(metaPath)) continue;
        const meta = JSON.parse(readFileSync(metaPath, "utf8")) as { licence?: { id?: string } };
        if (lib.startsWith("boavizta-")) expect(meta.licence?.id).not.toBe(library.licence.id);
        const other = readFileSync(join(dir, "factors.json"), "utf8");
        expect(other.includes('"id": "ember.')).toBe(false);
      }
    }
  });
});
