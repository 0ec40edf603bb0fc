/**
 * Data test of the EPA GHG Emission Factors Hub 2025 library (data/factors/epa-hub-2025/1.0.0).
 * Every shipped factor is traced back to its cell in the vendored raw files under data/sources/epa-hub/, parsed
 * here independently of the importer, and compared as decimals.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Dec } from "../../src/engine/quantities/decimal";
import { FactorsFileSchema, LibraryMetaSchema, type Factor } from "../../src/engine/factors/schema";
import { parseCsvWithLines, type CsvRecord } from "../helpers/csv";

const ROOT = resolve(__dirname, "..", "..");
const LIB_DIR = join(ROOT, "data", "factors", "epa-hub-2025", "1.0.0");
const SRC_DIR = join(ROOT, "data", "sources", "epa-hub");
const SHEET = "ghg-emission-factors-hub-2025_full-sheet.csv";

const sourceText = new Map<string, string>();
function source(name: string): string {
  let t = sourceText.get(name);
  if (t === undefined) {
    t = readFileSync(join(SRC_DIR, name), "utf8");
    sourceText.set(name, t);
  }
  return t;
}
const parsed = new Map<string, CsvRecord[]>();
function records(name: string): CsvRecord[] {
  let r = parsed.get(name);
  if (!r) {
    r = parseCsvWithLines(source(name));
    parsed.set(name, r);
  }
  return r;
}

/** The cell a source reference "file:L<line>:<column>" points at; column is a header name or, for the whole sheet, a letter. */
function cellAt(ref: string): string | undefined {
  const m = /^([^:]+):L(\d+):([A-Za-z0-9_]+)$/.exec(ref);
  if (!m) return undefined;
  const [, file = "", lineText = "", column = ""] = m;
  const recs = records(file);
  const rec = recs.find((r) => r.line === Number(lineText));
  if (!rec) return undefined;
  if (file === SHEET) {
    if (!/^[A-Z]$/.test(column)) return undefined;
    return rec.cells[column.charCodeAt(0) - 65];
  }
  const header = recs[0]?.cells ?? [];
  const idx = header.indexOf(column);
  return idx < 0 ? undefined : rec.cells[idx];
}
function recordOf(ref: string): { file: string; rec: CsvRecord; header: string[] } | undefined {
  const m = /^([^:]+):L(\d+):/.exec(ref);
  if (!m) return undefined;
  const file = m[1] ?? "";
  const recs = records(file);
  const rec = recs.find((r) => r.line === Number(m[2]));
  return rec ? { file, rec, header: recs[0]?.cells ?? [] } : undefined;
}

/** "2,602" -> 2602, " 4.1% " -> 0.041; undefined for blank, NA or text. */
function sourceDecimal(cell: string | undefined): InstanceType<typeof Dec> | undefined {
  if (cell === undefined) return undefined;
  let t = cell.trim().replace(/,/g, "");
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1);
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  const d = new Dec(t);
  return percent ? d.div(100) : d;
}

const UNIT_OF: Record<string, string> = {
  gallon: "US gal",
  scf: "scf",
  "short ton": "short ton",
  "vehicle-mile": "vehicle.mi",
  "short ton-mile": "short ton-mile",
  "passenger-mile": "passenger.mi",
};

/** Checks one factor against its source cell and the columns around it; returns the problem or null. */
function checkFactor(f: Factor): string | null {
  const cell = cellAt(f.sourceRow);
  const expected = sourceDecimal(cell);
  if (!expected) return `${f.id}: source cell '${cell}' at ${f.sourceRow} is not a number`;
  if (!new Dec(f.value).eq(expected)) return `${f.id}: value ${f.value} != source ${cell} (${f.sourceRow})`;
  if (f.unit !== `${f.numeratorUnit}/${f.activityUnit}`) return `${f.id}: unit ${f.unit} is not numerator/activity`;
  if (!f.notes?.includes("GWP basis")) return `${f.id}: notes do not state the GWP basis`;
  const at = recordOf(f.sourceRow);
  if (!at) return `${f.id}: no record for ${f.sourceRow}`;
  const column = f.sourceRow.split(":")[2] ?? "";
  const get = (h: string): string => at.rec.cells[at.header.indexOf(h)] ?? "";
  // Gas and numerator follow from the source column; activity unit from the row's unit column.
  const gasCol = /^(co2|ch4|n2o)_(kg|g)_per_(mmbtu|unit)$/.exec(column) ?? /^(?:total_output|nonbaseload)_(co2|ch4|n2o)_lb_per_mwh$/.exec(column);
  if (gasCol) {
    const gas = (gasCol[1] ?? "").toUpperCase();
    if (f.gas !== gas) return `${f.id}: gas ${f.gas} but column ${column}`;
    const mass = column.endsWith("_lb_per_mwh") ? "lb" : gasCol[2];
    if (f.numeratorUnit !== `${mass} ${gas}`) return `${f.id}: numerator ${f.numeratorUnit} but column ${column}`;
    if (column.endsWith("_lb_per_mwh") && f.activityUnit !== "MWh") return `${f.id}: activity ${f.activityUnit}`;
    if (column.endsWith("_per_mmbtu") && f.activityUnit !== "MMBtu") return `${f.id}: activity ${f.activityUnit}`;
    if (column.endsWith("_per_unit") && f.activityUnit !== UNIT_OF[get("unit")]) return `${f.id}: activity ${f.activityUnit} but unit '${get("unit")}'`;
  }
  if (at.file.startsWith("table9_")) {
    if (f.gas !== "CO2e" || f.numeratorUnit !== "t CO2e" || f.activityUnit !== "short ton") return `${f.id}: Table 9 units`;
    if (!f.id.startsWith("epa.waste.") || f.boundary !== "end-of-life") return `${f.id}: Table 9 id/boundary`;
  }
  if (at.file.startsWith("table6_")) {
    const acr = get("egrid_subregion");
    if (f.region !== (acr === "US Average" ? "US" : acr)) return `${f.id}: region ${f.region} but row ${acr}`;
    if ((f.scope === "Scope 2") !== column.startsWith("total_output")) return `${f.id}: scope ${f.scope} for ${column}`;
  }
  if (at.file.startsWith("table1_") && column.endsWith("_per_unit") && !(f.notes ?? "").includes(`${get("heat_content_hhv")} ${get("heat_content_unit")}`)) {
    return `${f.id}: heat content not in notes`;
  }
  if (at.file === SHEET) {
    const gas = /\.(co2|ch4|n2o)\.per-/.exec(f.id)?.[1];
    const sheetGasCol: Record<string, string> = { co2: "D", ch4: "E", n2o: "F" };
    if (gas && sheetGasCol[gas] !== column) return `${f.id}: gas ${gas} read from column ${column}`;
    if (f.id.startsWith("epa.travel.")) {
      const unit = at.rec.cells[6]?.trim() ?? "";
      if (f.activityUnit !== UNIT_OF[unit]) return `${f.id}: activity ${f.activityUnit} but sheet unit '${unit}'`;
    }
  }
  return null;
}

const library: unknown = JSON.parse(readFileSync(join(LIB_DIR, "library.json"), "utf8"));
const factorsBytes = readFileSync(join(LIB_DIR, "factors.json"));
const factors = FactorsFileSchema.parse(JSON.parse(factorsBytes.toString("utf8")));
const meta = LibraryMetaSchema.parse(library);
const sha256 = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");
const byIdRegion = (id: string, region = "US"): Factor => {
  const f = factors.find((x) => x.id === id && x.region === region);
  if (!f) throw new Error(`no factor ${id} ${region}`);
  return f;
};

describe("epa-hub-2025 library files", () => {
  it("library.json and factors.json validate against the schema", () => {
    expect(LibraryMetaSchema.safeParse(library).success).toBe(true);
    expect(FactorsFileSchema.safeParse(JSON.parse(factorsBytes.toString("utf8"))).success).toBe(true);
    expect(meta.id).toBe("epa-hub-2025");
    expect(meta.version).toBe("1.0.0");
  });

  it("dataSha256 and factorCount describe factors.json", () => {
    expect(meta.dataSha256).toBe(sha256(factorsBytes));
    expect(meta.factorCount).toBe(factors.length);
    expect(sha256(Buffer.concat([factorsBytes, Buffer.from(" ")]))).not.toBe(meta.dataSha256);
  });

  it("source file hashes match the vendored files", () => {
    expect(meta.sourceFiles.map((s) => s.path).sort()).toEqual(
      [
        SHEET,
        "table1_stationary_combustion.csv",
        "table2_mobile_combustion_co2.csv",
        "table6_electricity_egrid2023_subregions.csv",
        "table8_upstream_downstream_transportation.csv",
        "table9_waste_scope3_cat5_cat12.csv",
      ].map((n) => `data/sources/epa-hub/${n}`),
    );
    for (const s of meta.sourceFiles) expect(sha256(readFileSync(join(ROOT, s.path)))).toBe(s.sha256);
  });

  it("records the GWP basis for the library and each factor", () => {
    expect(meta.gwpBasis).toBe("mixed");
    expect(meta.gwpNote).toMatch(/AR5/);
    expect(meta.gwpNote).toMatch(/AR4/);
    for (const f of factors) {
      if (["CO2", "CH4", "N2O"].includes(f.gas)) expect(f.notes).toMatch(/GWP basis: none applied/);
      else expect(f.notes).toMatch(f.id.startsWith("epa.waste.") ? /GWP basis: IPCC AR4/ : /GWP basis: IPCC AR5/);
    }
  });
});

describe("epa-hub-2025 factors equal their source cells", () => {
  it("every factor matches its cell, unit, gas and region", () => {
    const problems = factors.map(checkFactor).filter((p): p is string => p !== null);
    expect(problems).toEqual([]);
  });

  it("the check catches a wrong value, a wrong row and a wrong unit", () => {
    const f = byIdRegion("epa.stationary.natural-gas.co2.per-mmbtu");
    expect(checkFactor(f)).toBeNull();
    expect(checkFactor({ ...f, value: "53.07" })).toMatch(/!= source/);
    expect(checkFactor({ ...f, sourceRow: f.sourceRow.replace(":L19:", ":L20:") })).toMatch(/!= source/);
    expect(checkFactor({ ...f, activityUnit: "scf", unit: "kg CO2/scf" })).toMatch(/activity/);
    expect(checkFactor({ ...f, gas: "CH4" })).toMatch(/gas/);
    const e = byIdRegion("epa.electricity.egrid2023.total-output.co2", "RFCE");
    expect(checkFactor({ ...e, region: "RFCW" })).toMatch(/region/);
  });

  it("ships exactly one factor per non-blank value cell of the table CSVs", () => {
    const valueCols: Record<string, RegExp> = {
      "table1_stationary_combustion.csv": /^(co2|ch4|n2o)_(kg|g)_per_(mmbtu|unit)$/,
      "table2_mobile_combustion_co2.csv": /^co2_kg_per_unit$/,
      "table6_electricity_egrid2023_subregions.csv": /_lb_per_mwh$/,
      "table8_upstream_downstream_transportation.csv": /_per_unit$/,
      "table9_waste_scope3_cat5_cat12.csv": /_mtco2e_per_short_ton$/,
    };
    const shipped = new Set(factors.map((f) => f.sourceRow));
    for (const [file, pattern] of Object.entries(valueCols)) {
      const [header, ...rows] = records(file).filter((r) => r.cells.length > 1);
      const cols = (header?.cells ?? []).filter((h) => pattern.test(h));
      for (const r of rows) {
        for (const c of cols) {
          const cell = r.cells[header?.cells.indexOf(c) ?? -1] ?? "";
          const ref = `${file}:L${r.line}:${c}`;
          const isValue = sourceDecimal(cell) !== undefined;
          if (!isValue) expect(["", "NA"]).toContain(cell.trim());
          expect([ref, shipped.has(ref)]).toEqual([ref, isValue]);
        }
      }
    }
  });

  it("has the expected counts per table", () => {
    const count = (prefix: string): number => factors.filter((f) => f.id.startsWith(prefix)).length;
    expect(count("epa.stationary.")).toBe(363); // 63 fuels x 3 per mmBtu + 58 fuels x 3 per physical unit
    expect(count("epa.mobile.")).toBe(10);
    expect(count("epa.electricity.")).toBe(168); // 27 subregions + US average, x 2 rate sets x 3 gases
    expect(count("epa.steam-and-heat.")).toBe(3);
    expect(count("epa.transport.")).toBe(21);
    expect(count("epa.waste.")).toBe(183);
    expect(count("epa.travel.")).toBe(36);
    expect(count("epa.gwp.")).toBe(62); // Table 11: 32 gases, Table 12: 30 blends
    expect(factors.length).toBe(846);
  });

  it("table CSV values agree with the whole-sheet export (Tables 6 and 9)", () => {
    const sheet = records(SHEET);
    const t9Start = sheet.findIndex((r) => r.cells[1] === "Table 9");
    const t10Start = sheet.findIndex((r) => r.cells[1] === "Table 10");
    const t9 = sheet.slice(t9Start, t10Start);
    for (const f of factors.filter((x) => x.id.startsWith("epa.waste."))) {
      const material = f.category[1];
      const col = { Recycled: 3, Landfilled: 4, Combusted: 5, Composted: 6 }[f.category[2] ?? ""] ?? (f.id.endsWith("-dry") ? 7 : 8);
      const row = t9.find((r) => r.cells[2]?.trim() === material);
      expect([f.id, sourceDecimal(row?.cells[col])?.toString()]).toEqual([f.id, new Dec(f.value).toString()]);
    }
    const t6 = sheet.slice(sheet.findIndex((r) => r.cells[1] === "Table 6"), sheet.findIndex((r) => r.cells[1] === "Table 7"));
    for (const f of factors.filter((x) => x.id.startsWith("epa.electricity."))) {
      const acr = f.region === "US" ? "US Average" : f.region;
      const row = t6.find((r) => r.cells[2]?.trim() === acr);
      const col = (f.id.includes("total-output") ? 4 : 7) + ["co2", "ch4", "n2o"].indexOf(f.id.split(".").pop() ?? "");
      expect([f.id, f.region, sourceDecimal(row?.cells[col])?.toString()]).toEqual([f.id, f.region, new Dec(f.value).toString()]);
    }
  });
});

describe("epa-hub-2025 spot checks", () => {
  const v = (id: string, region = "US"): string => byIdRegion(id, region).value;
  it("natural gas per mmBtu: 53.06 kg CO2, 1.0 g CH4, 0.1 g N2O", () => {
    expect(new Dec(v("epa.stationary.natural-gas.co2.per-mmbtu")).eq("53.06")).toBe(true);
    expect(new Dec(v("epa.stationary.natural-gas.ch4.per-mmbtu")).eq("1.0")).toBe(true);
    expect(new Dec(v("epa.stationary.natural-gas.n2o.per-mmbtu")).eq("0.1")).toBe(true);
    expect(byIdRegion("epa.stationary.natural-gas.co2.per-scf").notes).toContain("0.001026 mmBtu per scf");
  });
  it("distillate fuel oil No. 2 per US gallon: 10.21 kg CO2, 0.41 g CH4, 0.08 g N2O", () => {
    expect(v("epa.stationary.distillate-fuel-oil-no-2.co2.per-us-gal")).toBe("10.21");
    expect(v("epa.stationary.distillate-fuel-oil-no-2.ch4.per-us-gal")).toBe("0.41");
    expect(v("epa.stationary.distillate-fuel-oil-no-2.n2o.per-us-gal")).toBe("0.08");
    expect(byIdRegion("epa.stationary.distillate-fuel-oil-no-2.co2.per-us-gal").activityUnit).toBe("US gal");
  });
  it("mixed electronics: combusted 0.96, landfilled 0.02, recycled 0.02 t CO2e per short ton (Hub 2025)", () => {
    // The method brief (section 5.5) quotes 0.87 for combusted from an undated third-party copy; the 2025 Hub says 0.96.
    expect(v("epa.waste.mixed-electronics.combusted")).toBe("0.96");
    expect(v("epa.waste.mixed-electronics.landfilled")).toBe("0.02");
    expect(v("epa.waste.mixed-electronics.recycled")).toBe("0.02");
    expect(factors.some((f) => f.id === "epa.waste.crt-displays.recycled")).toBe(false); // NA in the Hub
  });
  it("medium- and heavy-duty truck: 0.186 kg CO2 per short ton-mile", () => {
    const f = byIdRegion("epa.transport.medium-and-heavy-duty-truck.co2.per-short-ton-mile");
    expect(f.value).toBe("0.186");
    expect(f.activityUnit).toBe("short ton-mile");
    expect(v("epa.transport.medium-and-heavy-duty-truck.co2.per-vehicle-mile")).toBe("1.298");
  });
  it("eGRID RFCE total output CO2 594.7 lb/MWh, Scope 2; non-baseload has no scope", () => {
    const f = byIdRegion("epa.electricity.egrid2023.total-output.co2", "RFCE");
    expect(f.value).toBe("594.7");
    expect(f.scope).toBe("Scope 2");
    expect(byIdRegion("epa.electricity.egrid2023.non-baseload.co2", "RFCE").scope).toBeUndefined();
    expect(v("epa.electricity.egrid2023.total-output.co2", "US")).toBe("771.5");
  });
  it("GWPs: CH4 28, N2O 265, R-410A 1924 (AR5)", () => {
    expect(v("epa.gwp.ch4", "GLOBAL")).toBe("28");
    expect(v("epa.gwp.n2o", "GLOBAL")).toBe("265");
    expect(v("epa.gwp.hfc-134a", "GLOBAL")).toBe("1300");
    expect(v("epa.gwp.r-410a", "GLOBAL")).toBe("1924");
  });
});

describe("epa-hub-2025 grid-loss.json", () => {
  const bytes = readFileSync(join(LIB_DIR, "grid-loss.json"));
  const grid = JSON.parse(bytes.toString("utf8")) as { unit: string; rows: { region: string; value: string; sourceRow: string }[] };
  it("its hash is the one the library caveats name", () => {
    expect(meta.caveats.some((c) => c.includes(`grid-loss.json (sha256 ${sha256(bytes)})`))).toBe(true);
  });
  it("each fraction equals the Table 6 cell and the sheet percentage", () => {
    expect(grid.unit).toBe("fraction");
    expect(grid.rows).toHaveLength(27); // PRMS has none
    const sheet = records(SHEET);
    for (const r of grid.rows) {
      expect([r.region, sourceDecimal(cellAt(r.sourceRow))?.eq(r.value)]).toEqual([r.region, true]);
      const acr = r.region === "US" ? "US Average" : r.region;
      const sheetRow = sheet.find((s) => s.cells[2]?.trim() === acr && s.cells[10]?.includes("%"));
      expect([r.region, sourceDecimal(sheetRow?.cells[10])?.eq(r.value)]).toEqual([r.region, true]);
    }
    expect(grid.rows.some((r) => r.region === "PRMS")).toBe(false);
  });
});
