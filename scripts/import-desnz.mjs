// Imports the UK Government GHG Conversion Factors (DESNZ, flat file "Factors by Category") for the
// 2025 and 2024 editions into data/factors/desnz-<year>/1.0.0/.
// Factor ids are built from the category path, not from the DESNZ ID, so that they read well in a sheet;
// the DESNZ ID is kept as sourceRow. Both editions go through the same id function, which is what makes
// "same id + other year" find the same row meaning in the other edition.
// Run: node scripts/import-desnz.mjs   (ALLOW_REWRITE=1 while a version is unreleased)
import { readCsvObjects } from "./lib/csv.mjs";
import { decimalString, sharedData, slug, vendorSource, writeLibrary } from "./lib/library.mjs";

const SHARED_DIR = "uk-desnz-ghg-conversion-factors";
const VENDOR_DIR = "desnz";
const VERSION = "1.0.0";
const LICENCE = {
  id: "OGL-UK-3.0",
  name: "Open Government Licence v3.0",
  url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
};

const EDITIONS = [
  {
    libraryId: "desnz-2025",
    year: 2025,
    file: "ghg-conversion-factors-2025-flat-file-v1.0.csv",
    valueColumn: "GHG Conversion Factor 2025",
    edition: "2025 v1.0 (Final; flat file updated 2025-06-10)",
    sourceUrl: "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025",
    citation: "DESNZ (2025) UK Government GHG Conversion Factors for Company Reporting, v1.0",
    editionCaveats: [
      "A 2026 edition of the DESNZ factors exists and is newer than this one; it is not imported because no copy of the DESNZ workbook was available. A third-party transcription of some 2026 waste factors was deliberately left out (not verified against DESNZ).",
    ],
  },
  {
    libraryId: "desnz-2024",
    year: 2024,
    file: "ghg-conversion-factors-2024-flat-file-v1.1.csv",
    valueColumn: "GHG Conversion Factor 2024",
    edition: "2024 v1.1 (flat file updated 2024-10-18)",
    sourceUrl: "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024",
    citation: "DESNZ (2024) UK Government GHG Conversion Factors for Company Reporting, v1.1",
    editionCaveats: [
      "Version 1.1 corrects an error of v1.0 in which Diesel kg CO2e of CH4 per km factors were rounded to zero (per-km rows are not imported here).",
      "Superseded by the 2025 edition (library desnz-2025); use the edition whose year matches the activity data (DESNZ 'Majority' or 'Blended' approach).",
    ],
  },
];

const FREIGHT_TTW_NOTE =
  "Direct (tank-to-wheel) emissions per tonne.km of goods moved. DESNZ derives tonne.km factors from vehicle-km factors with national load assumptions and prefers fuel or vehicle-km data where available. Well-to-wheel = this factor + the WTT factor whose id ends in .wtt instead of .ttw.";
const FREIGHT_WTT_NOTE =
  "Well-to-tank (upstream production and distribution of the fuel or electricity) per tonne.km. Well-to-wheel = this factor + the TTW factor whose id ends in .ttw instead of .wtt.";
const AIR_RF_NOTE =
  "Air freight: 'With RF' includes the indirect (radiative forcing) effects of non-CO2 emissions at altitude, applied by DESNZ as a 70% uplift of the CO2 component; DESNZ says organisations should include them but notes significant scientific uncertainty. Choose With or Without RF consistently across years.";
const WASTE_NOTE =
  "Per tonne of waste, GHG Protocol cut-off: landfill covers collection, transport and landfill; recycling and combustion cover only transport to the facility. No recycling or energy-recovery credit (see library caveats).";
const COMBUSTION_RENAME_NOTE =
  "DESNZ calls this route 'Combustion' in 2024 and 'Incineration with Energy Recovery' in 2025 (same DESNZ ID); the id uses 'combustion' in both editions.";
const MATERIAL_NOTE =
  "Per tonne of purchased material or product: cradle-to-gate production emissions for the named source (primary material production, re-used, open-loop or closed-loop recycled source).";
const REFRIGERANT_NOTE =
  "kg CO2e per kg of gas released (100-year GWP): primarily IPCC AR5, with AR4, AR6 or EU F-gas regulation estimates where DESNZ has no AR5 value (see the library gwpNote). DESNZ: only Kyoto Protocol gases belong in Scope 1; report non-Kyoto gases separately.";
const REFRIGERANT_ASTERISK_NOTE =
  "DESNZ marks this gas with '*': 'There is no specific figure available, however it is known that the GWP factor is less than 1 kg CO2e'.";
const NET_CV_NOTE =
  "Activity unit is kWh of fuel energy on a net calorific value (lower heating value) basis, kept as DESNZ labels it so it is never mixed with gross-CV or electricity kWh.";
const GROSS_CV_NOTE =
  "Activity unit is kWh of fuel energy on a gross calorific value (higher heating value) basis, kept as DESNZ labels it so it is never mixed with net-CV or electricity kWh; most energy bills are on a gross CV basis.";
const GAS_SPLIT_NOTE =
  "Gas split: the CO2e contribution of one gas (AR5 GWP100); DESNZ notes the split may not sum exactly to the total because of rounding.";

/**
 * The sections imported. `family` starts the id; `tag` ends it and names the boundary, so a TTW and a WTT
 * factor of the same row meaning differ only in that last segment.
 */
const SECTIONS = [
  { level1: "Freighting goods", family: "freight", boundary: "TTW", tag: "ttw", uoms: ["tonne.km"], note: FREIGHT_TTW_NOTE },
  { level1: "WTT- delivery vehs & freight", family: "freight", boundary: "WTT", tag: "wtt", uoms: ["tonne.km"], note: FREIGHT_WTT_NOTE },
  { level1: "Fuels", family: "fuels", boundary: "TTW", tag: "ttw", note: "Combustion (Scope 1) emissions per unit of fuel burnt." },
  { level1: "WTT- fuels", family: "fuels", boundary: "WTT", tag: "wtt", note: "Well-to-tank: upstream emissions of extracting, refining and transporting the fuel, per unit of fuel. Use the same unit basis as for the combustion factor." },
  { level1: "UK electricity", fixed: true },
  { level1: "Transmission and distribution", fixed: true },
  { level1: "WTT- UK electricity", fixed: true },
  // Only the distribution (T&D-type) row of this section is in scope; heat and steam themselves are not.
  { level1: "WTT- heat and steam", fixed: true, level2s: ["WTT- district heat & steam distribution"] },
  { level1: "Waste disposal", family: "waste", boundary: "end-of-life", tag: "end-of-life", note: WASTE_NOTE },
  { level1: "Material use", family: "material", boundary: "cradle-to-gate", tag: "cradle-to-gate", note: MATERIAL_NOTE },
  { level1: "Refrigerant & other", family: "refrigerant", boundary: "direct", tag: "direct", note: REFRIGERANT_NOTE },
];

/** Hand-named ids for the few electricity and heat rows, whose category text would make clumsy ids. */
const FIXED_ROWS = [
  { level1: "UK electricity", level2: "Electricity generated", level3: "Electricity: UK", path: ["electricity", "uk"], boundary: "generation", tag: "generation",
    note: "UK grid average electricity generated, location-based (Scope 2), per kWh consumed. For the full picture DESNZ adds T&D and the WTT factors of generation and T&D (Scope 3)." },
  { level1: "Transmission and distribution", level2: "T&D- UK electricity", level3: "Electricity: UK", path: ["electricity", "uk"], boundary: "T&D", tag: "t-and-d",
    note: "Transmission and distribution losses of the UK grid (Scope 3), per kWh of electricity consumed." },
  { level1: "Transmission and distribution", level2: "Distribution - district heat & steam", level3: "5% loss", path: ["heat-and-steam", "district", "5pct-loss"], boundary: "T&D", tag: "t-and-d",
    note: "Distribution losses of district heat and steam (DESNZ assumes 5% loss), per kWh of heat consumed." },
  { level1: "WTT- UK electricity", level2: "WTT- UK electricity (generation)", level3: "Electricity: UK", path: ["electricity", "uk"], boundary: "WTT", tag: "wtt-generation",
    note: "Well-to-tank of the fuels used to generate UK grid electricity (Scope 3), per kWh consumed." },
  { level1: "WTT- UK electricity", level2: "WTT- UK electricity (T&D)", level3: "Electricity: UK", path: ["electricity", "uk"], boundary: "WTT", tag: "wtt-t-and-d",
    note: "Well-to-tank of the fuels behind UK grid transmission and distribution losses (Scope 3), per kWh consumed." },
  { level1: "WTT- heat and steam", level2: "WTT- district heat & steam distribution", level3: "5% loss", path: ["heat-and-steam", "district", "5pct-loss"], boundary: "WTT", tag: "wtt-t-and-d",
    note: "Well-to-tank of the fuels behind district heat and steam distribution losses (DESNZ assumes 5% loss), per kWh of heat consumed." },
];

/** DESNZ UOM -> our activity-unit symbol (src/engine/quantities/units where one exists) and its id segment. */
const UNITS = {
  "tonne.km": { symbol: "t.km", seg: "t.km" },
  litres: { symbol: "L", seg: "l" },
  tonnes: { symbol: "t", seg: "t" },
  kWh: { symbol: "kWh", seg: "kwh" },
  "kWh (Net CV)": { symbol: "kWh (Net CV)", seg: "kwh-net-cv", note: NET_CV_NOTE },
  "kWh (Gross CV)": { symbol: "kWh (Gross CV)", seg: "kwh-gross-cv", note: GROSS_CV_NOTE },
  "cubic metres": { symbol: "m3", seg: "m3" },
  kg: { symbol: "kg", seg: "kg" },
};

const GASES = {
  "kg CO2e": "CO2e",
  "kg CO2e of CO2 per unit": "CO2e-CO2",
  "kg CO2e of CH4 per unit": "CO2e-CH4",
  "kg CO2e of N2O per unit": "CO2e-N2O",
};

/** Column texts shortened in ids (the label keeps the full text). */
const COLUMN_SEGMENTS = {
  "Incineration with Energy Recovery": "combustion",
  Combustion: "combustion",
  "Emissions including only Kyoto products": "kyoto-only",
  "Emissions including only non-Kyoto products": "non-kyoto-only",
  "Total emissions including non-Kyoto products": "total-incl-non-kyoto",
};

/** One id segment from category text: readable, and free of the dots that separate segments (except in numbers). */
function segment(text) {
  const cleaned = text
    .trim()
    .replace(/(\d),(\d{3})/g, "$1$2")
    .replace(/%/g, "pct")
    .replace(/>/g, " over ")
    .replace(/</g, " under ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ");
  const s = slug(cleaned);
  if (s === "") throw new Error(`empty id segment from '${text}'`);
  return s;
}

function categoryOf(row) {
  return [row["Level 1"], row["Level 2"], row["Level 3"], row["Level 4"], row["Column Text"]].map((t) => t.trim()).filter((t) => t !== "");
}

function fixedRowFor(row) {
  const hit = FIXED_ROWS.find((f) => f.level1 === row["Level 1"] && f.level2 === row["Level 2"].trim() && f.level3 === row["Level 3"].trim());
  if (!hit) throw new Error(`row ${row.ID} of '${row["Level 1"]}' has no id mapping; add it to FIXED_ROWS`);
  return hit;
}

/** Everything about a row that does not depend on the edition: id, boundary, notes. */
function describe(section, row, unit, gas) {
  const gasSeg = gas === "CO2e" ? [] : [slug(gas)];
  const notes = [];
  if (section.fixed) {
    const f = fixedRowFor(row);
    notes.push(f.note);
    return { id: ["desnz", ...f.path, unit.seg, f.tag, ...gasSeg].join("."), boundary: f.boundary, notes };
  }
  const level2 = section.boundary === "WTT" ? row["Level 2"].replace(/^WTT-\s*/i, "") : row["Level 2"];
  const column = row["Column Text"].trim();
  const path = [level2, row["Level 3"], row["Level 4"]].filter((t) => t.trim() !== "").map(segment);
  if (column !== "") path.push(COLUMN_SEGMENTS[column] ?? segment(column));
  notes.push(section.note);
  if (/freight flights/i.test(row["Level 2"])) notes.push(AIR_RF_NOTE);
  if (section.family === "waste" && COLUMN_SEGMENTS[column] === "combustion") notes.push(COMBUSTION_RENAME_NOTE);
  if (section.family === "refrigerant" && row["Level 3"].includes("*")) notes.push(REFRIGERANT_ASTERISK_NOTE);
  return { id: ["desnz", section.family, ...path, unit.seg, section.tag, ...gasSeg].join("."), boundary: section.boundary, notes };
}

function importEdition(ed) {
  const absPath = sharedData(SHARED_DIR, ed.file);
  const vendored = vendorSource(absPath, VENDOR_DIR, ed.file);
  const rows = readCsvObjects(absPath);
  const factors = [];
  const counts = {};
  for (const section of SECTIONS) {
    const inSection = rows.filter(
      (r) =>
        r["Level 1"] === section.level1 &&
        (!section.uoms || section.uoms.includes(r.UOM)) &&
        (!section.level2s || section.level2s.includes(r["Level 2"].trim())),
    );
    if (inSection.length === 0) throw new Error(`${ed.file}: section '${section.level1}' not found`);
    const c = (counts[section.level1] ??= { imported: 0, blank: 0 });
    for (const row of inSection) {
      const cell = row[ed.valueColumn];
      if (cell === undefined) throw new Error(`${ed.file}: no column '${ed.valueColumn}'`);
      // A blank cell means DESNZ publishes no factor for that combination; it is never a zero.
      if (cell.trim() === "") {
        c.blank++;
        continue;
      }
      const unit = UNITS[row.UOM];
      if (!unit) throw new Error(`${ed.file} ${row.ID}: unmapped UOM '${row.UOM}'`);
      const gas = GASES[row["GHG/Unit"]];
      if (!gas) throw new Error(`${ed.file} ${row.ID}: unmapped GHG/Unit '${row["GHG/Unit"]}'`);
      const { id, boundary, notes } = describe(section, row, unit, gas);
      if (unit.note) notes.push(unit.note);
      if (gas !== "CO2e") notes.push(GAS_SPLIT_NOTE);
      const category = categoryOf(row);
      const gasText = row["GHG/Unit"].replace(/ per unit$/, "");
      factors.push({
        id,
        label: `${category.join(" › ")} (${gasText} per ${row.UOM})`,
        value: decimalString(cell),
        unit: `kg CO2e/${unit.symbol}`,
        numeratorUnit: "kg CO2e",
        activityUnit: unit.symbol,
        gas,
        boundary,
        region: "GB",
        year: ed.year,
        scope: row.Scope.trim(),
        category,
        sourceTable: `${section.level1} (flat file 'Factors by Category')`,
        sourceRow: row.ID,
        notes: notes.join(" "),
      });
      c.imported++;
    }
  }

  const totalBlank = Object.values(counts).reduce((n, c) => n + c.blank, 0);
  const perSection = Object.entries(counts)
    .map(([s, c]) => `${s} ${c.imported} imported / ${c.blank} blank`)
    .join("; ");
  const meta = {
    id: ed.libraryId,
    version: VERSION,
    title: "UK Government GHG Conversion Factors for Company Reporting",
    publisher: "Department for Energy Security and Net Zero (DESNZ), with Defra",
    edition: ed.edition,
    year: ed.year,
    sourceUrl: ed.sourceUrl,
    sourceFiles: [vendored],
    licence: LICENCE,
    attribution: `Contains public sector information licensed under the Open Government Licence v3.0. Source: ${ed.citation}`,
    gwpBasis: "AR5",
    gwpNote:
      "IPCC AR5, 100-year GWPs (CH4 = 28, N2O = 265), as stated on the workbook's Introduction sheet. Refrigerant & other: primarily AR5 (100-year, excl. feedback loops); AR4, AR6 or EU F-gas regulation estimates where AR5 values are not available (text of the 2025 full-set workbook).",
    importer: "scripts/import-desnz.mjs",
    changelog: [{ version: VERSION, note: "first import" }],
    caveats: [
      "DESNZ factors are UK averages (UK grid, UK fleet and load factors, UK waste treatment). Every factor carries region 'GB'; outside the UK they are a proxy at best. DESNZ no longer publishes overseas electricity factors.",
      `Imported sections: Freighting goods and WTT- delivery vehs & freight (tonne.km rows only; km and mile rows skipped), Fuels, WTT- fuels, UK electricity, Transmission and distribution, WTT- UK electricity, WTT- heat and steam (district heat distribution row only), Waste disposal, Material use, Refrigerant & other.`,
      `A blank cell means DESNZ publishes no factor; such rows are skipped, never read as zero. ${totalBlank} blank rows were skipped in the imported sections (${perSection}).`,
      "Waste disposal factors follow GHG Protocol cut-off attribution: landfill covers collection, transport and landfill; recycling and combustion cover only transport to the facility. They carry no recycling credit and 'cannot be used to determine the relative lifecycle merit of different waste management options'. Report avoided emissions (e.g. EPA WARM) separately.",
      "Air freight: 'With RF' factors include the indirect effects of non-CO2 emissions (70% uplift on CO2); DESNZ recommends including them but notes significant scientific uncertainty. Choose With or Without RF and keep the choice across years.",
      "Freight tonne.km factors are derived by DESNZ from vehicle-km factors with national load assumptions; fuel or vehicle-km data are more accurate where available.",
      "Well-to-tank (WTT) factors are separate factors; well-to-wheel = TTW + WTT with the same id stem.",
      "Fuel factors per kWh are given on a net (kWh (Net CV)) and a gross (kWh (Gross CV)) calorific value basis; these activity units are kept as DESNZ labels them and are not interchangeable with each other or with electricity kWh.",
      "Per-gas rows (gas CO2e-CO2, CO2e-CH4, CO2e-N2O) are the CO2e contribution of each gas; DESNZ notes they may not sum exactly to the total (gas CO2e) because of rounding.",
      "The source file is a CSV export of the flat file's 'Factors by Category' sheet (title rows and closing END row removed), made by the data-set curator, not a file published by DESNZ.",
      ...ed.editionCaveats,
    ],
  };
  const full = writeLibrary(meta, factors);
  console.log(`  ${perSection}`);
  return full;
}

for (const ed of EDITIONS) importEdition(ed);
