// Imports the US EPA GHG Emission Factors Hub (2025 edition) into data/factors/epa-hub-2025/1.0.0/.
// Tables 1, 2, 6, 8 and 9 come from the publisher-shaped table CSVs; Tables 7, 10, 11 and 12 come from the
// cell-for-cell export of the whole sheet. Every table-CSV value is cross-checked against the whole-sheet export,
// so a reshaping slip in the table CSVs stops the import instead of shipping.
// Run: node scripts/import-epa-hub.mjs   (ALLOW_REWRITE=1 while 1.0.0 is unreleased)
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { parseCsv, readCsvObjects } from "./lib/csv.mjs";
import { ROOT, decimalString, sha256, sharedData, slug, vendorSource, writeLibrary } from "./lib/library.mjs";

const LIBRARY_ID = "epa-hub-2025";
const VERSION = "1.0.0";
const YEAR = 2025;
const SOURCE_DIR = "epa-hub";
const SHARED = "us-epa-ghg-emission-factors-hub";
const HUB = "EPA GHG Emission Factors Hub 2025";

const FILES = {
  t1: "table1_stationary_combustion.csv",
  t2: "table2_mobile_combustion_co2.csv",
  t6: "table6_electricity_egrid2023_subregions.csv",
  t8: "table8_upstream_downstream_transportation.csv",
  t9: "table9_waste_scope3_cat5_cat12.csv",
  sheet: "ghg-emission-factors-hub-2025_full-sheet.csv",
};

const sourceFiles = Object.values(FILES).map((name) => vendorSource(sharedData(SHARED, name), SOURCE_DIR, name));
const vendored = (name) => join(ROOT, "data", "sources", SOURCE_DIR, name);

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Id segment: like slug(), but a full stop that is not a decimal point becomes a separator ("No. 2" -> "no-2"). */
function seg(text) {
  const words = String(text).replace(/>=/g, " ge ").replace(/</g, " lt ").replace(/>/g, " gt ");
  return slug(words.replace(/\.(?!\d)/g, " "));
}

/** Table-CSV rows with their physical line; refuses files with multi-line cells so line numbers stay exact. */
function tableRows(name) {
  const text = readFileSync(vendored(name), "utf8");
  const rows = readCsvObjects(vendored(name));
  const records = parseCsv(text).filter((r) => r.length > 1 || r[0] !== "");
  if (records.some((r) => r.some((c) => c.includes("\n")))) throw new Error(`${name} has multi-line cells`);
  return rows;
}

/** Whole-sheet export as records, each with its first physical line and spreadsheet-style column letters. */
function sheetRecords() {
  const records = parseCsv(readFileSync(vendored(FILES.sheet), "utf8"));
  let line = 1;
  return records.map((cells) => {
    const rec = { line, cells };
    line += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    return rec;
  });
}
const COL = (letter) => letter.charCodeAt(0) - 65;

const UNIT_SYMBOL = { gallon: "US gal", scf: "scf", "short ton": "short ton", "vehicle-mile": "vehicle.mi", "short ton-mile": "short ton-mile", "passenger-mile": "passenger.mi" };
function unitSymbol(publisherUnit) {
  const u = UNIT_SYMBOL[publisherUnit.trim()];
  if (!u) throw new Error(`no unit symbol for '${publisherUnit}'`);
  return u;
}

const GAS = {
  co2: { gas: "CO2", num: "kg CO2" },
  ch4: { gas: "CH4", num: "g CH4" },
  n2o: { gas: "N2O", num: "g N2O" },
};
const SINGLE_GAS_NOTE =
  "GWP basis: none applied (single-gas mass). Characterise before adding to CO2e; the Hub (Table 11) says to use IPCC AR5 100-year GWPs (CH4 28, N2O 265).";
const ref = (file, line, col) => `${file}:L${line}:${col}`;

const factors = [];
function add(f) {
  factors.push(f);
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-check of the reshaped table CSVs against the whole-sheet export

const sheet = sheetRecords();
function sheetTable(label) {
  const start = sheet.findIndex((r) => r.cells[1] === label);
  if (start < 0) throw new Error(`sheet has no ${label}`);
  const next = sheet.findIndex((r, i) => i > start && /^Table \d+$/.test(r.cells[1] ?? ""));
  return sheet.slice(start, next < 0 ? sheet.length : next);
}
function sheetNumber(cell) {
  const t = cell.trim();
  if (t.endsWith("%")) return new Decimal(decimalString(t.slice(0, -1))).div(100);
  return new Decimal(decimalString(t));
}
function crossCheck(table, name, sheetCol, value, what) {
  const rows = sheetTable(table).filter((r) => (r.cells[2] ?? "").trim() === name && (r.cells[COL(sheetCol)] ?? "").trim() !== "");
  if (rows.length === 0) throw new Error(`${table}: '${name}' not in the whole sheet`);
  const hit = rows.find((r) => sheetNumber(r.cells[COL(sheetCol)]).eq(new Decimal(value)));
  if (!hit) throw new Error(`${table} ${name} ${what}: table CSV ${value} differs from the whole sheet`);
}

// ---------------------------------------------------------------------------------------------------------------
// Table 1: stationary combustion

const T1 = "Table 1 Stationary Combustion";
for (const r of tableRows(FILES.t1)) {
  const fuel = r.fuel_type;
  const fuelId = seg(fuel);
  const heat = r.heat_content_hhv.trim();
  const heatNote = heat
    ? `Default heat content (HHV): ${decimalString(heat)} ${r.heat_content_unit} (${ref(FILES.t1, r.__line, "heat_content_hhv")}).`
    : "The Hub gives no default heat content for this fuel (per-mmBtu factors only).";
  const category = ["Table 1 Stationary Combustion", r.fuel_group, fuel];
  const fuelLabel = r.fuel_group === fuel ? fuel : `${fuel} (${r.fuel_group})`;
  for (const g of ["co2", "ch4", "n2o"]) {
    const { gas, num } = GAS[g];
    const perMmbtuCol = `${g}_${g === "co2" ? "kg" : "g"}_per_mmbtu`;
    const v = decimalString(r[perMmbtuCol]);
    crossCheck("Table 1", fuel, { co2: "E", ch4: "F", n2o: "G" }[g], v, perMmbtuCol);
    add({
      id: `epa.stationary.${fuelId}.${g}.per-mmbtu`,
      label: `${fuelLabel}, stationary combustion, ${gas} per mmBtu (HHV)`,
      value: v,
      unit: `${num}/MMBtu`,
      numeratorUnit: num,
      activityUnit: "MMBtu",
      gas,
      boundary: "TTW",
      region: "US",
      year: YEAR,
      scope: "Scope 1",
      category,
      sourceTable: `${HUB}, ${T1}`,
      sourceRow: ref(FILES.t1, r.__line, perMmbtuCol),
      notes: `Per mmBtu of fuel on a higher-heating-value basis; combustion only, no upstream. ${heatNote} ${SINGLE_GAS_NOTE}`,
    });
    const perUnitCol = `${g}_${g === "co2" ? "kg" : "g"}_per_unit`;
    if (r[perUnitCol].trim() === "") continue;
    const u = unitSymbol(r.unit);
    const pv = decimalString(r[perUnitCol]);
    crossCheck("Table 1", fuel, { co2: "H", ch4: "I", n2o: "J" }[g], pv, perUnitCol);
    add({
      id: `epa.stationary.${fuelId}.${g}.per-${seg(u)}`,
      label: `${fuelLabel}, stationary combustion, ${gas} per ${r.unit}`,
      value: pv,
      unit: `${num}/${u}`,
      numeratorUnit: num,
      activityUnit: u,
      gas,
      boundary: "TTW",
      region: "US",
      year: YEAR,
      scope: "Scope 1",
      category,
      sourceTable: `${HUB}, ${T1}`,
      sourceRow: ref(FILES.t1, r.__line, perUnitCol),
      notes: `Per ${r.unit} of fuel as published (EPA multiplied the per-mmBtu factor by the default heat content). ${heatNote} ${SINGLE_GAS_NOTE}`,
    });
  }
  if (heat) crossCheck("Table 1", fuel, "D", decimalString(heat), "heat content");
}

// ---------------------------------------------------------------------------------------------------------------
// Table 2: mobile combustion CO2

const T2 = "Table 2 Mobile Combustion CO2";
for (const r of tableRows(FILES.t2)) {
  const u = unitSymbol(r.unit);
  const v = decimalString(r.co2_kg_per_unit);
  crossCheck("Table 2", r.fuel_type, "D", v, "co2");
  add({
    id: `epa.mobile.${seg(r.fuel_type)}.co2.per-${seg(u)}`,
    label: `${r.fuel_type}, mobile combustion, CO2 per ${r.unit}`,
    value: v,
    unit: `kg CO2/${u}`,
    numeratorUnit: "kg CO2",
    activityUnit: u,
    gas: "CO2",
    boundary: "TTW",
    region: "US",
    year: YEAR,
    scope: "Scope 1",
    category: [T2, r.fuel_type],
    sourceTable: `${HUB}, ${T2}`,
    sourceRow: ref(FILES.t2, r.__line, "co2_kg_per_unit"),
    notes: `Tank-to-wheel CO2 only; CH4 and N2O for vehicles depend on vehicle type and model year (Hub Tables 3-5, not imported). ${SINGLE_GAS_NOTE}`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Table 6: eGRID2023 subregions (lb per MWh) and grid gross loss

const T6 = "Table 6 Electricity (eGRID2023 subregion output emission rates)";
const gridLossRows = [];
for (const r of tableRows(FILES.t6)) {
  const acronym = r.egrid_subregion.trim();
  const region = acronym === "US Average" ? "US" : acronym;
  const loss = r.grid_gross_loss_fraction.trim();
  if (loss) {
    crossCheck("Table 6", acronym, "K", decimalString(loss), "grid gross loss");
    gridLossRows.push({
      region,
      subregionName: r.egrid_subregion_name,
      value: decimalString(loss),
      sourceRow: ref(FILES.t6, r.__line, "grid_gross_loss_fraction"),
    });
  }
  const lossNote = loss
    ? `Grid gross loss for this region: ${decimalString(loss)} (fraction; ${ref(FILES.t6, r.__line, "grid_gross_loss_fraction")}); EPA says it is for Scope 3 category 3 (T&D losses), never for Scope 2 (also in grid-loss.json).`
    : "The Hub gives no grid gross loss for this region.";
  for (const set of ["total_output", "nonbaseload"]) {
    for (const g of ["co2", "ch4", "n2o"]) {
      const gas = GAS[g].gas;
      const col = `${set}_${g}_lb_per_mwh`;
      const v = decimalString(r[col]);
      const sheetCol = { total_output: { co2: "E", ch4: "F", n2o: "G" }, nonbaseload: { co2: "H", ch4: "I", n2o: "J" } }[set][g];
      crossCheck("Table 6", acronym, sheetCol, v, col);
      const total = set === "total_output";
      add({
        id: `epa.electricity.egrid2023.${total ? "total-output" : "non-baseload"}.${g}`,
        label: `eGRID2023 ${r.egrid_subregion_name}${region === "US" ? "" : ` (${acronym})`}, ${total ? "total output" : "non-baseload"} ${gas} emission rate`,
        value: v,
        unit: `lb ${gas}/MWh`,
        numeratorUnit: `lb ${gas}`,
        activityUnit: "MWh",
        gas,
        boundary: "generation",
        region,
        year: YEAR,
        ...(total ? { scope: "Scope 2" } : {}),
        category: [T6, total ? "Total output emission factors" : "Non-baseload emission factors", acronym],
        sourceTable: `${HUB}, ${T6}`,
        sourceRow: ref(FILES.t6, r.__line, col),
        notes:
          (total
            ? "Total output rate: EPA's default for location-based Scope 2 inventories. "
            : "Non-baseload rate: EPA says not for inventories or footprints, only for estimating emission changes from changes in electricity use (avoided emissions); no scope assigned. ") +
          `eGRID2023 data year 2023 (eGRID2023 summary tables, January 2025); generation only, no upstream, no T&D losses. ${lossNote} ${SINGLE_GAS_NOTE}`,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Table 8: upstream / downstream transportation (Scope 3 cat. 4 / 9)

const T8 = "Table 8 Scope 3 Category 4 and 9 Upstream and Downstream Transportation and Distribution";
const t8Sheet = sheetTable("Table 8");
for (const r of tableRows(FILES.t8)) {
  const u = unitSymbol(r.unit);
  // The sheet keeps footnote letters in the names ("Passenger Car A", "...TruckC"); match on the unit too.
  const sheetRow = t8Sheet.find((s) => (s.cells[6] ?? "").trim() === r.unit && (s.cells[2] ?? "").replace(/\s?[A-C]$/, "").trim() === r.vehicle_type);
  if (!sheetRow) throw new Error(`Table 8 ${r.vehicle_type} ${r.unit} not in the whole sheet`);
  for (const g of ["co2", "ch4", "n2o"]) {
    const { gas, num } = GAS[g];
    const col = `${g}_${g === "co2" ? "kg" : "g"}_per_unit`;
    const v = decimalString(r[col]);
    if (!sheetNumber(sheetRow.cells[COL({ co2: "D", ch4: "E", n2o: "F" }[g])]).eq(new Decimal(v))) throw new Error(`Table 8 ${r.vehicle_type} ${col} differs`);
    const perVehicle = u === "vehicle.mi";
    add({
      id: `epa.transport.${seg(r.vehicle_type)}.${g}.per-${perVehicle ? "vehicle-mile" : "short-ton-mile"}`,
      label: `${r.vehicle_type}, freight transport, ${gas} per ${r.unit}`,
      value: v,
      unit: `${num}/${u}`,
      numeratorUnit: num,
      activityUnit: u,
      gas,
      boundary: "TTW",
      region: "US",
      year: YEAR,
      scope: "Scope 3",
      category: [T8, r.vehicle_type, r.unit],
      sourceTable: `${HUB}, ${T8}`,
      sourceRow: ref(FILES.t8, r.__line, col),
      notes:
        (perVehicle
          ? "Vehicle-mile factor: use when the whole vehicle is dedicated to the reporting company's load. "
          : "Ton-mile factor (short ton x mile): use when the vehicle is shared with other companies' goods. ") +
        `Distance-based method, Scope 3 categories 4 and 9; tank-to-wheel only. Data year 2022 (EPA GHG Inventory 2024, BTS National Transportation Statistics 2024). ${SINGLE_GAS_NOTE}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Table 9: waste (Scope 3 cat. 5 / 12), metric tons CO2e per short ton, AR4

const T9 = "Table 9 Scope 3 Category 5 and 12 Waste (End-of-Life Treatment)";
const ROUTES = [
  ["recycled", "recycled_mtco2e_per_short_ton", "D", "Recycled"],
  ["landfilled", "landfilled_mtco2e_per_short_ton", "E", "Landfilled"],
  ["combusted", "combusted_mtco2e_per_short_ton", "F", "Combusted"],
  ["composted", "composted_mtco2e_per_short_ton", "G", "Composted"],
  ["anaerobically-digested-dry", "anaerobically_digested_dry_digestate_with_curing_mtco2e_per_short_ton", "H", "Anaerobically Digested (Dry Digestate with Curing)"],
  ["anaerobically-digested-wet", "anaerobically_digested_wet_digestate_with_curing_mtco2e_per_short_ton", "I", "Anaerobically Digested (Wet Digestate with Curing)"],
];
for (const r of tableRows(FILES.t9)) {
  for (const [route, col, sheetCol, routeLabel] of ROUTES) {
    const cell = r[col].trim();
    if (cell === "" || cell === "NA") continue;
    const v = decimalString(cell);
    crossCheck("Table 9", r.material, sheetCol, v, col);
    add({
      id: `epa.waste.${seg(r.material)}.${route}`,
      label: `${r.material}, ${routeLabel.toLowerCase()}, waste treatment (no avoided emissions)`,
      value: v,
      unit: "t CO2e/short ton",
      numeratorUnit: "t CO2e",
      activityUnit: "short ton",
      gas: "CO2e",
      boundary: "end-of-life",
      region: "US",
      year: YEAR,
      scope: "Scope 3",
      category: [T9, r.material, routeLabel],
      sourceTable: `${HUB}, ${T9}`,
      sourceRow: ref(FILES.t9, r.__line, col),
      notes:
        "GWP basis: IPCC AR4 (CH4 25, N2O 298), already CO2e; do not re-characterise. Metric tons CO2e per short ton (2,000 lb) of material. " +
        "Scope 3 category 5 (waste generated in operations) and category 12 (end-of-life treatment of sold products). " +
        "Excludes avoided emissions (no recycling credit, energy-recovery offset or landfill carbon storage); includes transport to the facility. " +
        "From WARM v16 documentation (EPA ORCR, December 2023), adjusted by EPA to remove credits, so it will not match WARM tool results.",
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Table 7: steam and heat (whole sheet only)

const T7 = "Table 7 Steam and Heat";
{
  const row = sheetTable("Table 7").find((s) => (s.cells[2] ?? "").trim() === "Steam and Heat" && (s.cells[3] ?? "").trim() !== "");
  if (!row) throw new Error("Table 7 row not found");
  for (const [g, col] of [["co2", "D"], ["ch4", "E"], ["n2o", "F"]]) {
    const { gas, num } = GAS[g];
    add({
      id: `epa.steam-and-heat.${g}.per-mmbtu`,
      label: `Purchased steam and heat, ${gas} per mmBtu`,
      value: decimalString(row.cells[COL(col)]),
      unit: `${num}/MMBtu`,
      numeratorUnit: num,
      activityUnit: "MMBtu",
      gas,
      boundary: "generation",
      region: "US",
      year: YEAR,
      scope: "Scope 2",
      category: [T7, "Steam and Heat"],
      sourceTable: `${HUB}, ${T7}`,
      sourceRow: ref(FILES.sheet, row.line, col),
      notes: `Per mmBtu of steam or heat purchased; EPA assumes natural gas at 80 percent thermal efficiency; combustion only, no upstream. ${SINGLE_GAS_NOTE}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Table 10: business travel and commuting (whole sheet only)

const T10 = "Table 10 Scope 3 Category 6 and 7 Business Travel and Employee Commuting";
{
  const rows = sheetTable("Table 10").filter((s) => ["vehicle-mile", "passenger-mile"].includes((s.cells[6] ?? "").trim()));
  if (rows.length !== 12) throw new Error(`Table 10: expected 12 rows, found ${rows.length}`);
  for (const row of rows) {
    // Footnote letters (A-E) trail some names in the sheet ("Passenger Car A", "Commuter Rail D").
    const name = row.cells[2].trim().replace(/\s[A-E]$/, "");
    const publisherUnit = row.cells[6].trim();
    const u = unitSymbol(publisherUnit);
    for (const [g, col] of [["co2", "D"], ["ch4", "E"], ["n2o", "F"]]) {
      const { gas, num } = GAS[g];
      add({
        id: `epa.travel.${seg(name)}.${g}.per-${publisherUnit}`,
        label: `${name}, business travel / commuting, ${gas} per ${publisherUnit}`,
        value: decimalString(row.cells[COL(col)]),
        unit: `${num}/${u}`,
        numeratorUnit: num,
        activityUnit: u,
        gas,
        boundary: "TTW",
        region: "US",
        year: YEAR,
        scope: "Scope 3",
        category: [T10, name, publisherUnit],
        sourceTable: `${HUB}, ${T10}`,
        sourceRow: ref(FILES.sheet, row.line, col),
        notes:
          "Distance-based method, Scope 3 categories 6 and 7; tank-to-wheel only. Sheet name carries a footnote letter that is dropped here. " +
          (name.startsWith("Air Travel") ? "Air factors are EPA's copy of Defra 2022 (2018 activity data). " : "") +
          SINGLE_GAS_NOTE,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tables 11 and 12: 100-year GWPs (AR5), shipped as kg CO2e per kg of gas released (refrigerant leakage etc.)

const T11 = "Table 11 Global Warming Potential (GWP)";
{
  const rows = sheetTable("Table 11").filter((s) => (s.cells[3] ?? "").trim() !== "" && /^[\d,\s]+$/.test(s.cells[4] ?? "x") && (s.cells[4] ?? "").trim() !== "");
  if (rows.length !== 32) throw new Error(`Table 11: expected 32 rows, found ${rows.length}`);
  for (const row of rows) {
    const name = row.cells[2].trim();
    const formula = row.cells[3].trim();
    const key = /^(HFC|PFC)-/.test(name) ? name : formula;
    add({
      id: `epa.gwp.${seg(key)}`,
      label: `${name} (${formula}), 100-year GWP (AR5)`,
      value: decimalString(row.cells[COL("E")]),
      unit: "kg CO2e/kg",
      numeratorUnit: "kg CO2e",
      activityUnit: "kg",
      gas: "CO2e",
      boundary: "direct",
      region: "GLOBAL",
      year: YEAR,
      category: [T11, name],
      sourceTable: `${HUB}, ${T11}`,
      sourceRow: ref(FILES.sheet, row.line, "E"),
      notes: `GWP basis: IPCC AR5 100-year (AR5 WG1 Ch. 8 Table 8.A.1), as the Hub lists it. kg CO2e per kg of ${name} released; the activity is the mass of gas emitted.`,
    });
  }
}
const T12 = "Table 12 Global Warming Potential (GWP) for Blended Refrigerants";
{
  const rows = sheetTable("Table 12").filter((s) => /^R-\d/.test((s.cells[2] ?? "").trim()));
  if (rows.length !== 30) throw new Error(`Table 12: expected 30 rows, found ${rows.length}`);
  for (const row of rows) {
    const name = row.cells[2].trim();
    add({
      id: `epa.gwp.${seg(name)}`,
      label: `Refrigerant blend ${name}, 100-year GWP (AR5)`,
      value: decimalString(row.cells[COL("D")]),
      unit: "kg CO2e/kg",
      numeratorUnit: "kg CO2e",
      activityUnit: "kg",
      gas: "CO2e",
      boundary: "direct",
      region: "GLOBAL",
      year: YEAR,
      category: [T12, name],
      sourceTable: `${HUB}, ${T12}`,
      sourceRow: ref(FILES.sheet, row.line, "D"),
      notes:
        `GWP basis: IPCC AR5 100-year, as the Hub lists it. Blend composition: ${row.cells[4].trim().replace(/\s+,/g, ",")}. ` +
        "kg CO2e per kg of blend released. HCFC components carry no GWP in the Hub (they are not in Table 11), so blends of HCFCs and hydrocarbons show 0 as printed.",
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Grid gross loss side file (a loss rate, not an emission factor, so it does not belong in factors.json)

const gridLoss = {
  library: LIBRARY_ID,
  version: VERSION,
  title: "eGRID2023 grid gross loss by subregion (EPA GHG Emission Factors Hub 2025, Table 6)",
  unit: "fraction",
  use: "Transmission and distribution loss rate for Scope 3 category 3 (fuel- and energy-related activities, activity C). EPA: not to be applied to an end user's Scope 2.",
  sourceTable: `${HUB}, ${T6}`,
  sourceFile: `data/sources/${SOURCE_DIR}/${FILES.t6}`,
  notes: "The Hub prints percentages (e.g. 4.1%); the reshaped table CSV holds them as fractions (0.041). PRMS (Puerto Rico) has no value in the Hub and is absent here.",
  rows: gridLossRows,
};
const gridLossJson = JSON.stringify(gridLoss, null, 1) + "\n";
const outDir = join(ROOT, "data", "factors", LIBRARY_ID, VERSION);
const gridLossPath = join(outDir, "grid-loss.json");
if (existsSync(gridLossPath) && process.env.ALLOW_REWRITE !== "1" && readFileSync(gridLossPath, "utf8") !== gridLossJson) {
  throw new Error(`${LIBRARY_ID}@${VERSION} grid-loss.json would change; bump the version (or set ALLOW_REWRITE=1 while unreleased).`);
}
const gridLossSha = sha256(Buffer.from(gridLossJson, "utf8"));

// ---------------------------------------------------------------------------------------------------------------

writeLibrary(
  {
    id: LIBRARY_ID,
    version: VERSION,
    title: "GHG Emission Factors Hub (Emission Factors for Greenhouse Gas Inventories), 2025",
    publisher: "U.S. Environmental Protection Agency, Center for Corporate Climate Leadership",
    edition: "2025 (sheet 'Last Modified: January 15, 2025')",
    year: YEAR,
    sourceUrl: "https://www.epa.gov/climateleadership/ghg-emission-factors-hub",
    sourceFiles,
    licence: {
      id: "US-Gov-Public-Domain",
      name: "Public domain in the United States (work of the US federal government, 17 U.S.C. 105)",
      url: "https://www.law.cornell.edu/uscode/text/17/105",
    },
    attribution:
      "U.S. EPA (2025). GHG Emission Factors Hub (Emission Factors for Greenhouse Gas Inventories, last modified January 15, 2025). No EPA endorsement implied.",
    gwpBasis: "mixed",
    gwpNote:
      "Tables 1, 2, 6, 7, 8 and 10 are single-gas masses (gas CO2, CH4 or N2O) with no GWP applied; the Hub says to characterise them with IPCC AR5 100-year GWPs (CH4 28, N2O 265). " +
      "Table 9 (waste) is already CO2e on IPCC AR4 (CH4 25, N2O 298). Tables 11 and 12 are AR5 GWP values. Each factor's notes state its basis.",
    importer: "scripts/import-epa-hub.mjs",
    changelog: [{ version: "1.0.0", note: "First import of the Hub 2025 Tables 1, 2, 6, 7, 8, 9, 10, 11 and 12." }],
    caveats: [
      "All combustion, electricity and transport factors are tank-to-wheel / generation only: no upstream (WTT) and no T&D losses.",
      "Single-gas factors (CO2, CH4, N2O) must be characterised before summing; the Hub prescribes AR5 (CH4 28, N2O 265). Table 9 waste factors are already CO2e on AR4 and are not to be re-characterised.",
      "Table 9 waste factors are metric tons CO2e per SHORT ton (2,000 lb) and exclude avoided emissions (no recycling credit, energy recovery offset or landfill carbon storage); they include transport to the facility. They are cut-off inventory factors based on WARM v16 and will not match WARM tool results.",
      "Table 6 non-baseload rates are not for inventories (EPA); they carry no scope. Total output rates are EPA's default for location-based Scope 2.",
      `The grid gross loss (a loss fraction, not an emission factor) is in each eGRID factor's notes and in grid-loss.json (sha256 ${gridLossSha}) beside this file; it is for Scope 3 category 3, never Scope 2.`,
      "Electricity ids repeat across regions: the region field (eGRID subregion acronym, or US for the national average) selects the subregion.",
      "year is the Hub edition (2025) for every factor; data years differ and are in the notes (eGRID 2023; transport 2022; Table 9 from WARM v16, December 2023).",
      "Not imported: Tables 3-5 (vehicle CH4/N2O by vehicle type and model year). Heat contents are kept in the notes of the Table 1 factors, not as factors.",
      "Table 11/12 GWPs are shipped as kg CO2e per kg of gas released (region GLOBAL, boundary direct); blends of HCFCs and hydrocarbons show 0 as the Hub prints it (R-406A, R-409A, R-414A, R-414B).",
    ],
  },
  factors,
);
mkdirSync(outDir, { recursive: true });
writeFileSync(gridLossPath, gridLossJson);
console.log(`wrote grid-loss.json: ${gridLossRows.length} rows`);
