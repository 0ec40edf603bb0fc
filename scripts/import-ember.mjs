// Imports Ember grid carbon intensities (as redistributed in CO2.js) into data/factors/ember-2025/.
// Values come from the CSV cells as strings; the upstream JSON is vendored too and cross-checked token by token,
// so a flattening error in the CSV would stop the import instead of shipping.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { readCsvObjects } from "./lib/csv.mjs";
import { writeLibrary, vendorSource, decimalString, slug, sharedData, ROOT } from "./lib/library.mjs";

const LIBRARY_ID = "ember-2025";
const VERSION = "1.0.0";
const SHARED_DIR = "ember-grid-intensity-via-co2js";

// Engine lookups key countries by ISO 3166-1 alpha-2; Ember keys them by alpha-3. A committed table (not a
// dependency) keeps the mapping reviewable and stable across releases of any country-code package.
const ISO3_TO_ISO2 = {
  AFG: "AF", // Afghanistan
  ALB: "AL", // Albania
  DZA: "DZ", // Algeria
  ASM: "AS", // American Samoa
  AGO: "AO", // Angola
  ATG: "AG", // Antigua and Barbuda
  ARG: "AR", // Argentina
  ARM: "AM", // Armenia
  ABW: "AW", // Aruba
  AUS: "AU", // Australia
  AUT: "AT", // Austria
  AZE: "AZ", // Azerbaijan
  BHS: "BS", // Bahamas
  BHR: "BH", // Bahrain
  BGD: "BD", // Bangladesh
  BRB: "BB", // Barbados
  BLR: "BY", // Belarus
  BEL: "BE", // Belgium
  BLZ: "BZ", // Belize
  BEN: "BJ", // Benin
  BTN: "BT", // Bhutan
  BOL: "BO", // Bolivia, Plurinational State of
  BIH: "BA", // Bosnia and Herzegovina
  BWA: "BW", // Botswana
  BRA: "BR", // Brazil
  BRN: "BN", // Brunei Darussalam
  BGR: "BG", // Bulgaria
  BFA: "BF", // Burkina Faso
  BDI: "BI", // Burundi
  CPV: "CV", // Cabo Verde
  KHM: "KH", // Cambodia
  CMR: "CM", // Cameroon
  CAN: "CA", // Canada
  CYM: "KY", // Cayman Islands
  CAF: "CF", // Central African Republic
  TCD: "TD", // Chad
  CHL: "CL", // Chile
  CHN: "CN", // China
  COL: "CO", // Colombia
  COM: "KM", // Comoros
  COG: "CG", // Congo
  COD: "CD", // Congo, The Democratic Republic of the
  COK: "CK", // Cook Islands
  CRI: "CR", // Costa Rica
  CIV: "CI", // Côte d'Ivoire
  HRV: "HR", // Croatia
  CUB: "CU", // Cuba
  CYP: "CY", // Cyprus
  CZE: "CZ", // Czechia
  DNK: "DK", // Denmark
  DJI: "DJ", // Djibouti
  DMA: "DM", // Dominica
  DOM: "DO", // Dominican Republic
  ECU: "EC", // Ecuador
  EGY: "EG", // Egypt
  SLV: "SV", // El Salvador
  GNQ: "GQ", // Equatorial Guinea
  ERI: "ER", // Eritrea
  EST: "EE", // Estonia
  SWZ: "SZ", // Eswatini
  ETH: "ET", // Ethiopia
  FLK: "FK", // Falkland Islands (Malvinas)
  FRO: "FO", // Faroe Islands
  FJI: "FJ", // Fiji
  FIN: "FI", // Finland
  FRA: "FR", // France
  GUF: "GF", // French Guiana
  PYF: "PF", // French Polynesia
  GAB: "GA", // Gabon
  GMB: "GM", // Gambia
  GEO: "GE", // Georgia
  DEU: "DE", // Germany
  GHA: "GH", // Ghana
  GRC: "GR", // Greece
  GRL: "GL", // Greenland
  GRD: "GD", // Grenada
  GLP: "GP", // Guadeloupe
  GUM: "GU", // Guam
  GTM: "GT", // Guatemala
  GIN: "GN", // Guinea
  GNB: "GW", // Guinea-Bissau
  GUY: "GY", // Guyana
  HTI: "HT", // Haiti
  HND: "HN", // Honduras
  HKG: "HK", // Hong Kong
  HUN: "HU", // Hungary
  ISL: "IS", // Iceland
  IND: "IN", // India
  IDN: "ID", // Indonesia
  IRN: "IR", // Iran, Islamic Republic of
  IRQ: "IQ", // Iraq
  IRL: "IE", // Ireland
  ISR: "IL", // Israel
  ITA: "IT", // Italy
  JAM: "JM", // Jamaica
  JPN: "JP", // Japan
  JOR: "JO", // Jordan
  KAZ: "KZ", // Kazakhstan
  KEN: "KE", // Kenya
  KIR: "KI", // Kiribati
  XKX: "XK", // Kosovo: not in ISO 3166-1; XK/XKX are the user-assigned codes used by the EU and CLDR
  KWT: "KW", // Kuwait
  KGZ: "KG", // Kyrgyzstan
  LAO: "LA", // Lao People's Democratic Republic
  LVA: "LV", // Latvia
  LBN: "LB", // Lebanon
  LSO: "LS", // Lesotho
  LBR: "LR", // Liberia
  LBY: "LY", // Libya
  LTU: "LT", // Lithuania
  LUX: "LU", // Luxembourg
  MAC: "MO", // Macao
  MDG: "MG", // Madagascar
  MWI: "MW", // Malawi
  MYS: "MY", // Malaysia
  MDV: "MV", // Maldives
  MLI: "ML", // Mali
  MLT: "MT", // Malta
  MTQ: "MQ", // Martinique
  MRT: "MR", // Mauritania
  MUS: "MU", // Mauritius
  MEX: "MX", // Mexico
  MDA: "MD", // Moldova, Republic of
  MNG: "MN", // Mongolia
  MNE: "ME", // Montenegro
  MSR: "MS", // Montserrat
  MAR: "MA", // Morocco
  MOZ: "MZ", // Mozambique
  MMR: "MM", // Myanmar
  NAM: "NA", // Namibia
  NRU: "NR", // Nauru
  NPL: "NP", // Nepal
  NLD: "NL", // Netherlands
  NCL: "NC", // New Caledonia
  NZL: "NZ", // New Zealand
  NIC: "NI", // Nicaragua
  NER: "NE", // Niger
  NGA: "NG", // Nigeria
  PRK: "KP", // Korea, Democratic People's Republic of
  MKD: "MK", // North Macedonia
  NOR: "NO", // Norway
  OMN: "OM", // Oman
  PAK: "PK", // Pakistan
  PSE: "PS", // Palestine, State of
  PAN: "PA", // Panama
  PNG: "PG", // Papua New Guinea
  PRY: "PY", // Paraguay
  PER: "PE", // Peru
  POL: "PL", // Poland
  PRT: "PT", // Portugal
  PRI: "PR", // Puerto Rico
  QAT: "QA", // Qatar
  REU: "RE", // Réunion
  ROU: "RO", // Romania
  RUS: "RU", // Russian Federation
  RWA: "RW", // Rwanda
  KNA: "KN", // Saint Kitts and Nevis
  LCA: "LC", // Saint Lucia
  SPM: "PM", // Saint Pierre and Miquelon
  VCT: "VC", // Saint Vincent and the Grenadines
  WSM: "WS", // Samoa
  STP: "ST", // Sao Tome and Principe
  SAU: "SA", // Saudi Arabia
  SEN: "SN", // Senegal
  SRB: "RS", // Serbia
  SYC: "SC", // Seychelles
  SLE: "SL", // Sierra Leone
  SGP: "SG", // Singapore
  SVK: "SK", // Slovakia
  SVN: "SI", // Slovenia
  SLB: "SB", // Solomon Islands
  SOM: "SO", // Somalia
  ZAF: "ZA", // South Africa
  KOR: "KR", // Korea, Republic of
  SSD: "SS", // South Sudan
  ESP: "ES", // Spain
  LKA: "LK", // Sri Lanka
  SDN: "SD", // Sudan
  SUR: "SR", // Suriname
  SWE: "SE", // Sweden
  CHE: "CH", // Switzerland
  SYR: "SY", // Syrian Arab Republic
  TWN: "TW", // Taiwan, Province of China
  TJK: "TJ", // Tajikistan
  TZA: "TZ", // Tanzania, United Republic of
  THA: "TH", // Thailand
  PHL: "PH", // Philippines
  TGO: "TG", // Togo
  TON: "TO", // Tonga
  TTO: "TT", // Trinidad and Tobago
  TUN: "TN", // Tunisia
  TUR: "TR", // Türkiye
  TKM: "TM", // Turkmenistan
  TCA: "TC", // Turks and Caicos Islands
  UGA: "UG", // Uganda
  UKR: "UA", // Ukraine
  ARE: "AE", // United Arab Emirates
  GBR: "GB", // United Kingdom
  USA: "US", // United States
  URY: "UY", // Uruguay
  UZB: "UZ", // Uzbekistan
  VUT: "VU", // Vanuatu
  VEN: "VE", // Venezuela, Bolivarian Republic of
  VNM: "VN", // Viet Nam
  VGB: "VG", // Virgin Islands, British
  VIR: "VI", // Virgin Islands, U.S.
  YEM: "YE", // Yemen
  ZMB: "ZM", // Zambia
  ZWE: "ZW", // Zimbabwe
};

// Ember aggregates carry no ISO code. Their region ids are never two plain letters, so they cannot be mistaken for
// an ISO alpha-2 country code; EU is Ember's EU-27 aggregate.
const AGGREGATE_REGIONS = {
  Africa: "AFRICA",
  ASEAN: "ASEAN",
  Asia: "ASIA",
  EU: "EU27",
  Europe: "EUROPE",
  G20: "G20",
  G7: "G7",
  "Latin America and Caribbean": "LATIN-AMERICA-CARIBBEAN",
  "Middle East": "MIDDLE-EAST",
  "North America": "NORTH-AMERICA",
  Oceania: "OCEANIA",
  OECD: "OECD",
  World: "WORLD",
};

const csvAbs = sharedData(SHARED_DIR, "average-intensities.csv");
const jsonAbs = sharedData(SHARED_DIR, "average-intensities.json");
const csvFile = vendorSource(csvAbs, "ember", "average-intensities.csv");
const jsonFile = vendorSource(jsonAbs, "ember", "average-intensities.json");

const rows = readCsvObjects(join(ROOT, csvFile.path));

// JSON.parse would turn 285 / 44.18 into floats; read the numeric tokens as text instead.
const jsonText = readFileSync(join(ROOT, jsonFile.path), "utf8");
const jsonEntries = new Map();
const entryPattern =
  /"([^"]+)":\s*\{\s*"country_code":\s*"([^"]*)",\s*"country_or_region":\s*"([^"]*)",\s*"year":\s*(\d+),\s*"emissions_intensity_gco2_per_kwh":\s*(-?[0-9.eE+-]+)\s*\}/g;
for (const m of jsonText.matchAll(entryPattern)) {
  jsonEntries.set(m[1], { iso3: m[2], name: m[3], year: m[4], value: m[5] });
}
if (jsonEntries.size !== rows.length) {
  throw new Error(`JSON has ${jsonEntries.size} entries, CSV has ${rows.length} rows`);
}

const SOURCE_TABLE =
  "average-intensities.csv (CO2.js data/output/average-intensities.json flattened to CSV; Ember Yearly Electricity Data)";
const LIFECYCLE_NOTE =
  "Life-cycle intensity: Ember's emissions 'aim to include full lifecycle emissions including upstream methane, supply chain and manufacturing emissions', all gases as CO2e over 100 years. " +
  "Production mix of electricity generated in the area; imports excluded. Not a combustion-only Scope 2 location-based factor: it already contains upstream (Scope 3 category 3) emissions.";

const factors = [];
const seenIso3 = new Set();
const seenAggregates = new Set();
for (const row of rows) {
  const key = row.key;
  const iso3 = row.iso3_country_code.trim();
  const name = row.country_or_region.trim();
  const value = decimalString(row.emissions_intensity_gco2e_per_kwh);
  const year = Number.parseInt(row.data_year, 10);
  if (!/^\d{4}$/.test(row.data_year.trim())) throw new Error(`line ${row.__line}: bad data_year '${row.data_year}'`);

  const fromJson = jsonEntries.get(key);
  if (!fromJson) throw new Error(`line ${row.__line}: key ${key} not in the JSON`);
  if (!new Decimal(fromJson.value).eq(value) || fromJson.year !== row.data_year.trim() || fromJson.iso3 !== iso3) {
    throw new Error(`line ${row.__line}: CSV and JSON disagree for ${key}`);
  }

  const valueNote = value === "0" ? " The published value is 0 (as in the source); treat with caution." : "";
  if (iso3) {
    const iso2 = ISO3_TO_ISO2[iso3];
    if (!iso2) throw new Error(`line ${row.__line}: no ISO alpha-2 for ${iso3}; add it to ISO3_TO_ISO2`);
    if (seenIso3.has(iso3)) throw new Error(`duplicate ${iso3}`);
    seenIso3.add(iso3);
    const kosovo = iso3 === "XKX" ? " XKX/XK are user-assigned codes (Kosovo has no official ISO 3166-1 code)." : "";
    factors.push({
      id: `ember.electricity.${iso3.toLowerCase()}`,
      label: `Electricity generated, grid-average life-cycle intensity: ${name} (Ember, data year ${year})`,
      value,
      unit: "g CO2e/kWh",
      numeratorUnit: "g CO2e",
      activityUnit: "kWh",
      gas: "CO2e",
      boundary: "lifecycle",
      region: iso2,
      year,
      category: ["Electricity", "Grid average (production mix)", "Country"],
      sourceTable: SOURCE_TABLE,
      sourceRow: `key ${key} (CSV line ${row.__line})`,
      notes: `ISO 3166-1 alpha-3: ${iso3}; alpha-2: ${iso2}.${kosovo} Ember name: ${name}. Data year ${year} is the latest Ember year available for this country when CO2.js refreshed its data (2025-08-03). ${LIFECYCLE_NOTE}${valueNote}`,
    });
  } else {
    const region = AGGREGATE_REGIONS[name];
    if (!region || key !== name) throw new Error(`line ${row.__line}: unknown aggregate '${name}'; add it to AGGREGATE_REGIONS`);
    seenAggregates.add(name);
    factors.push({
      id: `ember.electricity.region.${slug(name)}`,
      label: `Electricity generated, grid-average life-cycle intensity: ${name} aggregate (Ember, data year ${year})`,
      value,
      unit: "g CO2e/kWh",
      numeratorUnit: "g CO2e",
      activityUnit: "kWh",
      gas: "CO2e",
      boundary: "lifecycle",
      region,
      year,
      category: ["Electricity", "Grid average (production mix)", "Aggregate region"],
      sourceTable: SOURCE_TABLE,
      sourceRow: `key ${key} (CSV line ${row.__line})`,
      notes: `Ember aggregate '${name}' (no ISO code; region id ${region} is ours). ${LIFECYCLE_NOTE}${valueNote}`,
    });
  }
}
for (const iso3 of Object.keys(ISO3_TO_ISO2)) {
  if (!seenIso3.has(iso3)) throw new Error(`ISO3_TO_ISO2 lists ${iso3}, which the file does not hold`);
}
for (const name of Object.keys(AGGREGATE_REGIONS)) {
  if (!seenAggregates.has(name)) throw new Error(`AGGREGATE_REGIONS lists ${name}, which the file does not hold`);
}

const ATTRIBUTION =
  "Grid carbon intensity: Ember, Yearly Electricity Data (CC BY 4.0), via CO2.js by The Green Web Foundation (redistributed under CC BY-SA 4.0).";

const meta = {
  id: LIBRARY_ID,
  version: VERSION,
  title: "Ember grid carbon intensity by country (Yearly Electricity Data, via CO2.js)",
  publisher: "Ember (Ember Energy Research CIC); redistributed by The Green Web Foundation in CO2.js",
  edition:
    "CO2.js average-intensities.json as refreshed on 2025-08-03 (commit b459b5e5), taken at CO2.js commit 27cbe8328aeaad0824fb07b3640dc45b72228c7b (v0.19; identical values in npm @tgwf/co2@0.19.0); data years 2022-2024 per country",
  year: 2025,
  sourceUrl: "https://ember-climate.org/data/data-explorer/",
  sourceFiles: [csvFile, jsonFile],
  licence: {
    id: "CC-BY-SA-4.0",
    name: "Creative Commons Attribution-ShareAlike 4.0 International (CO2.js's terms for its copy; Ember states its own data are CC BY 4.0)",
    url: "https://creativecommons.org/licenses/by-sa/4.0/",
  },
  attribution: ATTRIBUTION,
  gwpBasis: "mixed",
  gwpNote:
    "Ember converts all gases to CO2e 'over a 100-year timescale' (GWP100) but the sources we hold do not name the IPCC assessment report; a third-party catalogue (Climatiq) tags the data AR5. Recorded as 'mixed' until confirmed against Ember's methodology.",
  importer: "scripts/import-ember.mjs",
  changelog: [{ version: "1.0.0", note: "First import: 209 countries and 13 Ember aggregates." }],
  caveats: [
    "Life-cycle (not combustion-only) intensities of the production mix; imports excluded. Expect higher values than DESNZ or eGRID Scope 2 factors for fossil-heavy grids.",
    "The data year differs by country (2022-2024); each factor's year is its data year.",
    "For the UK and the US prefer the official factors (DESNZ UK electricity; EPA eGRID subregions); use Ember for the rest of the world.",
    "Ember has since published data year 2025; it is not in this edition.",
    "Central African Republic (CAF, 2022) is published as 0 g CO2e/kWh; shipped as published.",
    "Kosovo uses the user-assigned codes XKX / XK.",
    "Licensed CC BY-SA 4.0 as redistributed by CO2.js (Ember's own licence is CC BY 4.0); keep NOTICE.md with the data. The MIT licence of the code does not cover this library.",
  ],
};

const written = writeLibrary(meta, factors);
const libDir = join(ROOT, "data", "factors", LIBRARY_ID, VERSION);

writeFileSync(
  join(libDir, "NOTICE.md"),
  `# Notice: ${LIBRARY_ID} ${VERSION}

This folder (\`library.json\`, \`factors.json\`) is data, not code. The MIT licence of Electronics ESG does not
cover it.

## Attribution

${ATTRIBUTION}

- Underlying data: Ember, "Yearly Electricity Data" (country overview, yearly), https://ember-climate.org/data/data-explorer/
- Redistributed by The Green Web Foundation in CO2.js (\`data/output/average-intensities.json\`),
  https://github.com/thegreenwebfoundation/co2.js

## Licence

The two upstream sources state different licences:

- Ember states its data are licensed under **Creative Commons Attribution 4.0 International (CC BY 4.0)**:
  https://ember-climate.org/creative-commons/ , licence text https://creativecommons.org/licenses/by/4.0/
- CO2.js states in its LICENSE that it republishes the Ember data "under the same CC-BY-SA licencing terms"
  (its README: CC BY-SA 4.0). The CO2.js code itself is Apache-2.0.

We took the CO2.js copy, so we take the conservative reading: this library is an adapted database of that copy and is
offered under **Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)**,
https://creativecommons.org/licenses/by-sa/4.0/ . Share-alike applies to this data file and adaptations of it, not to
the add-in's code.

## Changes made

Each row of the source became one factor: the value is copied unchanged (g CO2e/kWh), ISO 3166-1 alpha-3 codes were
mapped to alpha-2 (region field), Ember aggregates got region ids of our own (e.g. WORLD, EU27), and labels, units,
boundary ("lifecycle") and notes were added. No value was altered. No warranty is given by Ember, The Green Web
Foundation or us.
`,
);

const srcDir = join(ROOT, "data", "sources", "ember");
mkdirSync(srcDir, { recursive: true });
writeFileSync(
  join(srcDir, "PROVENANCE.md"),
  `# Ember grid carbon intensity, as bundled in CO2.js (vendored raw files)

| File | SHA-256 |
| --- | --- |
| \`average-intensities.json\` | \`${jsonFile.sha256}\` |
| \`average-intensities.csv\` | \`${csvFile.sha256}\` |

- \`average-intensities.json\`: copied unchanged from GitHub \`thegreenwebfoundation/co2.js\`, commit
  \`27cbe8328aeaad0824fb07b3640dc45b72228c7b\` ("v0.19"), path \`data/output/average-intensities.json\`. The last data
  refresh in CO2.js was commit \`b459b5e5\` ("Update average annual grid intensities", 2025-08-03). npm
  \`@tgwf/co2@0.19.0\` ships the same values.
- \`average-intensities.csv\`: the same 222 entries flattened to CSV (columns \`key\`, \`iso3_country_code\`,
  \`country_or_region\`, \`data_year\`, \`emissions_intensity_gco2e_per_kwh\`) by the project's data curators. The
  importer reads values from the CSV and checks each one against the JSON.
- Underlying data: Ember, "Yearly Electricity Data" (https://ember-climate.org/data/data-explorer/); methodology
  https://files.ember-energy.org/public-downloads/ember_electricity_data_methodology.pdf . CO2.js downloads it from
  \`https://ember-data-api-scg3n.ondigitalocean.app/ember/country_overview_yearly.json\`.

## Licence and attribution

Ember states its data are **CC BY 4.0**; CO2.js republishes them "under the same CC-BY-SA licencing terms"
(CC BY-SA 4.0). These files are the CO2.js copy, so treat them as **CC BY-SA 4.0** (conservative reading). They are
not covered by the project's MIT licence.

Attribution: "${ATTRIBUTION}"
`,
);
console.log(`ember: ${written.factorCount} factors, NOTICE.md and sources PROVENANCE.md written`);
