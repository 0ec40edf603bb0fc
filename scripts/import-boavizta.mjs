// Imports Boavizta's manufacturer product carbon footprints (PCFs) into data/factors/boavizta-2025/.
// Three kinds of factor, all ODbL and kept in this one library with its NOTICE.md:
//   1. per product, cradle-to-grave: gwp_total copied from the cell;
//   2. per product, embodied (cradle-to-gate, manufacturing only): gwp_total x gwp_manufacturing_ratio, exact;
//   3. per subcategory, the median of (2) with quartiles in the notes: a derived database under ODbL share-alike.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { readCsvObjects } from "./lib/csv.mjs";
import { writeLibrary, vendorSource, decimalString, slug, sharedData, ROOT } from "./lib/library.mjs";

// Products and sums of decimal strings are exact at this precision; only the even-count median halves, which
// always terminates.
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
const plain = (d) => (d.isZero() ? "0" : d.toFixed());

const LIBRARY_ID = "boavizta-2025";
const VERSION = "1.0.0";
const COMMIT = "61323eb5c3bb63b0703e7a9c6456482ccbaac3a6";
const SOURCE_NAME = "boavizta-data-us.csv";
const SOURCE_TABLE = `${SOURCE_NAME} (Boavizta/environmental-footprint-data, commit ${COMMIT.slice(0, 8)})`;

// Subcategories always summarised because the reverse supply chain handles them; any other subcategory is
// summarised once it has at least MIN_GROUP products with an embodied value (fewer make a median meaningless).
const CORE_SUBCATEGORIES = ["laptop", "desktop", "monitor", "smartphone", "tablet", "server", "printer"];
const MIN_GROUP = 5;

// Boavizta subcategory (as spelled in the file) -> UNU-KEY (Forti et al. 2018). Mixed groups take the key of
// their bulk and say so in UNU_KEY_NOTES.
const UNU_KEY_MAP = {
  Laptop: "0303",
  Tablet: "0303",
  Desktop: "0302",
  "Thin Client": "0302",
  "Thin client": "0302",
  Workstation: "0302",
  Monitor: "0309",
  Smartphone: "0306",
  Server: "0307",
  Converged: "0307",
  "Converged Edge": "0307",
  "SAN/NAS": "0307",
  "Hard drive": "0307",
  Printer: "0304",
  Network: "0301",
  Gaming: "0702",
  Multimedia: "0404",
  EntertainmentT: "0404",
  Entertainment: "0402",
  IoT: "0401",
};
const UNU_KEY_NAMES = {
  "0301": "Small IT equipment",
  "0302": "Desktop PCs (excl. monitors, accessories)",
  "0303": "Laptops (incl. tablets)",
  "0304": "Printers",
  "0306": "Mobile phones (incl. smartphones)",
  "0307": "Professional IT equipment (servers, data storage)",
  "0309": "Flat display panel monitors",
  "0401": "Small consumer electronics",
  "0402": "Portable audio & video",
  "0404": "Video (set-top boxes) and projectors",
  "0702": "Game consoles",
};
const UNU_KEY_NOTES = {
  "thin-client": "thin clients are small desktop PCs",
  iot: "approximate: a mixed group (smart watches, smart speakers, cameras, doorbells, thermostats, smoke alarms); 0401 covers its bulk, thermostats and alarms would be 0901",
  gaming: "game consoles and one controller",
};

const csvFile = vendorSource(sharedData("boavizta-environmental-footprint-data", SOURCE_NAME), "boavizta", SOURCE_NAME);
const rows = readCsvObjects(join(ROOT, csvFile.path));

function reportYear(row) {
  const m = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(row.report_date);
  if (m) return { year: Number(m[1]), fromAddedDate: false };
  const a = /^(\d{4})-\d{2}-\d{2}$/.exec(row.added_date.trim()) ?? /^\d{2}-\d{2}-(\d{4})$/.exec(row.added_date.trim());
  if (!a) throw new Error(`line ${row.__line}: neither report_date nor added_date gives a year`);
  return { year: Number(a[1]), fromAddedDate: true };
}

const cell = (row, column) => row[column].trim();

// Ids must be unique; manufacturer + name usually is, and the report year (then a counter) separates the rest.
const baseIdCounts = new Map();
for (const row of rows) {
  if (!cell(row, "gwp_total")) continue;
  const base = `boavizta.product.${slug(row.manufacturer)}.${slug(row.name)}`;
  baseIdCounts.set(base, (baseIdCounts.get(base) ?? 0) + 1);
}
const yearIdCounts = new Map();
for (const row of rows) {
  if (!cell(row, "gwp_total")) continue;
  const base = `boavizta.product.${slug(row.manufacturer)}.${slug(row.name)}`;
  if (baseIdCounts.get(base) > 1) {
    const k = `${base}.${reportYear(row).year}`;
    yearIdCounts.set(k, (yearIdCounts.get(k) ?? 0) + 1);
  }
}
const yearIdSeen = new Map();
function productId(row) {
  const base = `boavizta.product.${slug(row.manufacturer)}.${slug(row.name)}`;
  if (baseIdCounts.get(base) === 1) return base;
  const withYear = `${base}.${reportYear(row).year}`;
  if (yearIdCounts.get(withYear) === 1) return withYear;
  const n = (yearIdSeen.get(withYear) ?? 0) + 1;
  yearIdSeen.set(withYear, n);
  return `${withYear}-${n}`;
}

// A PCF re-published under a newer document (Apple's Sept and Dec 2022 PERs give the same model, date and values)
// appears as two rows; both stay as product factors (one per row) but the product counts once in the statistics.
const STATISTIC_IDENTITY = ["manufacturer", "name", "report_date", "gwp_total", "gwp_manufacturing_ratio"];
const contentKey = (row) => JSON.stringify(STATISTIC_IDENTITY.map((k) => row[k].trim().toLowerCase()));

const RATIO_COLUMNS = [
  ["gwp_manufacturing_ratio", "manufacturing ratio"],
  ["gwp_transport_ratio", "transport ratio"],
  ["gwp_use_ratio", "use ratio"],
  ["gwp_eol_ratio", "end-of-life ratio"],
  ["gwp_error_ratio", "error ratio"],
];

const factors = [];
const seenContent = new Map();
const groups = new Map();
let productCount = 0;
let embodiedCount = 0;
for (const row of rows) {
  const totalCell = cell(row, "gwp_total");
  if (!totalCell) continue;
  const total = decimalString(totalCell);
  const { year, fromAddedDate } = reportYear(row);
  const id = productId(row);
  const region = cell(row, "use_location") || "UNSPECIFIED";
  const who = `${row.manufacturer.trim()} ${row.name.trim()}`;
  const sourceRow = `line ${row.__line}: ${row.manufacturer.trim()} | ${row.name.trim()}`;

  const parts = [`Manufacturer PCF as published by Boavizta; gwp_total covers manufacturing, transport, use and end of life.`];
  parts.push(
    fromAddedDate
      ? `report_date is blank; year ${year} is the year the row was added to Boavizta (added_date ${cell(row, "added_date")}).`
      : `Report date: ${cell(row, "report_date")}.`,
  );
  if (cell(row, "use_location")) parts.push(`Use location: ${cell(row, "use_location")}.`);
  else parts.push("Use location: not given (region UNSPECIFIED).");
  if (cell(row, "lifetime")) parts.push(`Lifetime: ${cell(row, "lifetime")} years.`);
  if (cell(row, "yearly_tec")) parts.push(`Yearly energy use: ${cell(row, "yearly_tec")} kWh.`);
  for (const [column, label] of RATIO_COLUMNS) if (cell(row, column)) parts.push(`${label}: ${cell(row, column)}.`);
  if (cell(row, "weight")) parts.push(`Weight: ${cell(row, "weight")} kg.`);
  if (cell(row, "assembly_location")) parts.push(`Assembly location: ${cell(row, "assembly_location")}.`);
  if (cell(row, "screen_size")) parts.push(`Screen size: ${cell(row, "screen_size")} in.`);
  parts.push(`Source document: ${cell(row, "sources")}`);

  factors.push({
    id,
    label: `${who}: product carbon footprint per unit, cradle-to-grave (manufacturer PCF via Boavizta)`,
    value: total,
    unit: "kg CO2e/unit",
    numeratorUnit: "kg CO2e",
    activityUnit: "unit",
    gas: "CO2e",
    boundary: "cradle-to-grave",
    region,
    year,
    category: [row.category.trim(), row.subcategory.trim()],
    sourceTable: SOURCE_TABLE,
    sourceRow,
    notes: parts.join(" "),
  });
  productCount++;

  const ratioCell = cell(row, "gwp_manufacturing_ratio");
  if (!ratioCell) continue;
  const ratio = decimalString(ratioCell);
  const embodied = new D(total).times(ratio);
  const transport = cell(row, "gwp_transport_ratio");
  factors.push({
    id: `${id}.embodied`,
    label: `${who}: embodied (manufacturing) footprint per unit, cradle-to-gate (derived from manufacturer PCF via Boavizta)`,
    value: plain(embodied),
    unit: "kg CO2e/unit",
    numeratorUnit: "kg CO2e",
    activityUnit: "unit",
    gas: "CO2e",
    boundary: "cradle-to-gate",
    region,
    year,
    category: [row.category.trim(), row.subcategory.trim()],
    sourceTable: SOURCE_TABLE,
    sourceRow,
    notes:
      `Derived: gwp_total ${total} kg CO2e x gwp_manufacturing_ratio ${ratio} = ${plain(embodied)} kg CO2e, exact decimal product (decimal.js). ` +
      `Manufacturing phase only: ${transport ? `transport (gwp_transport_ratio ${transport}) is NOT included` : "no transport ratio is reported; transport is not included"}; use and end of life are excluded. ` +
      `Add transport (gwp_total x gwp_transport_ratio) if a reuse credit should cover distribution. ` +
      `${fromAddedDate ? `Year ${year} from added_date (report_date blank). ` : ""}Source document: ${cell(row, "sources")}`,
  });
  embodiedCount++;

  // Statistics group by subcategory ignoring case ("Thin Client" and "Thin client" are one group).
  const key = contentKey(row);
  if (seenContent.has(key)) continue;
  seenContent.set(key, row.__line);
  const groupKey = slug(row.subcategory);
  const group = groups.get(groupKey) ?? { spellings: new Map(), categories: new Set(), values: [], years: [] };
  group.spellings.set(row.subcategory.trim(), (group.spellings.get(row.subcategory.trim()) ?? 0) + 1);
  group.categories.add(row.category.trim());
  group.values.push(embodied);
  group.years.push(year);
  groups.set(groupKey, group);
}
const duplicateRows = embodiedCount - [...groups.values()].reduce((n, g) => n + g.values.length, 0);

/** Percentile by linear interpolation between closest ranks (Excel PERCENTILE.INC, numpy 'linear'); exact. */
function percentile(sorted, p) {
  const h = new D(sorted.length - 1).times(p);
  const lo = h.floor().toNumber();
  const frac = h.minus(lo);
  const a = sorted[lo];
  const b = sorted[Math.min(lo + 1, sorted.length - 1)];
  return a.plus(b.minus(a).times(frac));
}
function median(sorted) {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).dividedBy(2);
}

const unuKeyBySlug = {};
for (const [sub, key] of Object.entries(UNU_KEY_MAP)) unuKeyBySlug[slug(sub)] = key;
for (const row of rows) {
  if (!UNU_KEY_MAP[row.subcategory.trim()]) throw new Error(`line ${row.__line}: subcategory '${row.subcategory}' has no UNU-KEY; add it`);
}

const categorySummaries = [];
const skipped = [];
for (const [groupKey, group] of [...groups.entries()].sort()) {
  if (!CORE_SUBCATEGORIES.includes(groupKey) && group.values.length < MIN_GROUP) continue;
  const sorted = [...group.values].sort((a, b) => a.comparedTo(b));
  const n = sorted.length;
  const med = median(sorted);
  const spelling = [...group.spellings.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const unuKey = unuKeyBySlug[groupKey];
  const merged = group.spellings.size > 1 ? ` Subcategory spellings merged: ${[...group.spellings.keys()].map((s) => `'${s}'`).join(", ")}.` : "";
  const latestYear = Math.max(...group.years);
  categorySummaries.push({ groupKey, n, median: plain(med) });
  factors.push({
    id: `boavizta.category.${groupKey}.embodied.median`,
    label: `${spelling}: median embodied (manufacturing, cradle-to-gate) footprint per unit, derived statistic over ${n} Boavizta manufacturer PCFs`,
    value: plain(med),
    unit: "kg CO2e/unit",
    numeratorUnit: "kg CO2e",
    activityUnit: "unit",
    gas: "CO2e",
    boundary: "cradle-to-gate",
    region: "GLOBAL",
    year: latestYear,
    category: [[...group.categories].join("/"), spelling],
    sourceTable: SOURCE_TABLE,
    sourceRow: `all rows with subcategory '${spelling}' (case-insensitive) and a gwp_manufacturing_ratio, a re-published PCF counted once (n = ${n})`,
    notes:
      `Derived statistic (ODbL derived database): median of the per-product embodied values (gwp_total x gwp_manufacturing_ratio) of ${n} products; for an even count the mean of the two middle values; exact decimal arithmetic.` +
      ` n = ${n}; min ${plain(sorted[0])}; P25 ${plain(percentile(sorted, "0.25"))}; median ${plain(med)}; P75 ${plain(percentile(sorted, "0.75"))}; max ${plain(sorted[n - 1])} kg CO2e (quartiles by linear interpolation, as Excel PERCENTILE.INC).` +
      ` Report years ${Math.min(...group.years)}-${latestYear}; year = latest report year in the group.${merged}` +
      ` Products' use locations differ; the region GLOBAL means the statistic is not region-specific.` +
      ` UNU-KEY ${unuKey} (${UNU_KEY_NAMES[unuKey]})${UNU_KEY_NOTES[groupKey] ? `: ${UNU_KEY_NOTES[groupKey]}` : ""}.` +
      ` Manufacturing only: transport, use and end of life excluded. Boavizta warns against using these data for accurate evaluations; use as an order-of-magnitude category default.`,
    proxyFor: `embodied footprint of an individual ${spelling.toLowerCase()} model when no model-specific PCF is available`,
  });
}
for (const groupKey of CORE_SUBCATEGORIES) {
  if (!groups.has(groupKey)) skipped.push(groupKey);
}

const ATTRIBUTION =
  "Contains information from Boavizta – Environmental Footprint Data (https://github.com/Boavizta/environmental-footprint-data), made available under the Open Database License 1.0 (ODbL).";

const meta = {
  id: LIBRARY_ID,
  version: VERSION,
  title: "Boavizta Project - Environmental Footprint Data: manufacturer product carbon footprints, embodied footprints and category medians",
  publisher: "Boavizta (French non-profit working group); values from manufacturers' Product Carbon Footprint sheets",
  edition: `GitHub Boavizta/environmental-footprint-data, main branch at commit ${COMMIT} ("sort CSV", 2023-02-23), the newest commit retrievable when packaged; the "2025" in the library id is the packaging year, not the data edition`,
  year: 2023,
  sourceUrl: "https://github.com/Boavizta/environmental-footprint-data",
  sourceFiles: [csvFile],
  licence: {
    id: "ODbL-1.0",
    name: "Open Database License 1.0 (individual contents: Database Contents License 1.0)",
    url: "https://opendatacommons.org/licenses/odbl/1-0/",
  },
  attribution: ATTRIBUTION,
  gwpBasis: "mixed",
  gwpNote:
    "Each value is a manufacturer's PCF (mostly the MIT PAIA tool); the GWP set used is not stated per row and differs between manufacturers and years.",
  importer: "scripts/import-boavizta.mjs",
  changelog: [
    {
      version: "1.0.0",
      note: `First import: ${productCount} product PCFs, ${embodiedCount} derived embodied values, ${categorySummaries.length} category medians.`,
    },
  ],
  caveats: [
    "Boavizta's README: 'WE RECOMMAND NOT USING THESE DATA TO MAKE ACCURATE IMPACTS EVALUATIONS' or to compare devices from different manufacturers. Manufacturers' methods are opaque with large error margins; use for orders of magnitude and category-level defaults.",
    "Product factors are cradle-to-grave as published, including the use phase under each manufacturer's lifetime and use-location assumptions; their region is that use location (UNSPECIFIED when blank).",
    "Embodied factors are manufacturing only (gwp_total x gwp_manufacturing_ratio); transport is excluded even where a transport ratio is reported.",
    "Category medians are a derived database (ODbL share-alike): region GLOBAL, year = latest report year in the group; a PCF re-published in a newer document (same manufacturer, name, report_date, gwp_total and manufacturing ratio) counts once; 'Thin Client'/'Thin client' are one group.",
    `No category median for ${skipped.join(", ") || "(none)"}: no product in the file has a manufacturing ratio.`,
    "Where report_date is blank the factor year is the added_date year (said in the notes).",
    "The data stop in early 2023; newer models are not included.",
    "ODbL 1.0: keep NOTICE.md with the data. The MIT licence of the code does not cover this library.",
  ],
};

writeLibrary(meta, factors);
const libDir = join(ROOT, "data", "factors", LIBRARY_ID, VERSION);
writeFileSync(join(libDir, "unu-key-map.json"), JSON.stringify(UNU_KEY_MAP, null, 2) + "\n");

writeFileSync(
  join(libDir, "NOTICE.md"),
  `# Notice: ${LIBRARY_ID} ${VERSION}

This folder (\`library.json\`, \`factors.json\`, \`unu-key-map.json\`) is data, not code. The MIT licence of
Electronics ESG does not cover it. It is kept separate from every other factor library.

## Attribution

${ATTRIBUTION}

Database: "Boavizta Project - Environmental Footprint Data", Boavizta (https://www.boavizta.org), GitHub
\`Boavizta/environmental-footprint-data\`, commit \`${COMMIT}\` (2023-02-23), file \`${SOURCE_NAME}\`. The values come
from manufacturers' Product Carbon Footprint sheets; each factor's notes give the source document URL.

## Licence

The Boavizta repository README says: "This dataset is made available under the Open Database License:
http://opendatacommons.org/licenses/odbl/1.0/. Any rights in individual contents of the database are licensed under
the Database Contents License: http://opendatacommons.org/licenses/dbcl/1.0/"

- Open Database License 1.0 (ODbL): https://opendatacommons.org/licenses/odbl/1-0/
- Database Contents License 1.0 (DbCL): https://opendatacommons.org/licenses/dbcl/1-0/

## Derived database

\`factors.json\` in this folder is a **derived database** of Boavizta's Environmental Footprint Data, and it is made
available under the **Open Database License 1.0**. Changes made: each row became a per-product factor (gwp_total
copied unchanged); where a manufacturing ratio is reported, an embodied (cradle-to-gate) value gwp_total x
gwp_manufacturing_ratio was computed exactly; per-subcategory medians (with count, minimum, maximum and quartiles in
the notes) were computed from those embodied values. \`unu-key-map.json\` (Boavizta subcategory -> UNU-KEY) is our own
mapping and is offered under the same licence for simplicity. The unchanged source file is vendored at
\`data/sources/boavizta/${SOURCE_NAME}\`.

Boavizta's own warning applies: the data should not be used for accurate impact evaluations or to compare devices of
different manufacturers. No warranty is given by Boavizta, the manufacturers or us.
`,
);

const srcDir = join(ROOT, "data", "sources", "boavizta");
mkdirSync(srcDir, { recursive: true });
writeFileSync(
  join(srcDir, "PROVENANCE.md"),
  `# Boavizta Environmental Footprint Data (vendored raw file)

| File | SHA-256 |
| --- | --- |
| \`${SOURCE_NAME}\` | \`${csvFile.sha256}\` |

- Copied unchanged from GitHub \`Boavizta/environmental-footprint-data\`, commit \`${COMMIT}\` ("sort CSV",
  2023-02-23), path \`${SOURCE_NAME}\` (English formatting: comma delimiter, dot decimals). ${rows.length} rows, one per
  product configuration; values from manufacturers' Product Carbon Footprint sheets (URL per row in \`sources\`).
- Title: "Boavizta Project - Environmental Footprint Data"; publisher: Boavizta (https://www.boavizta.org).

## Licence and attribution

Open Database License 1.0 (https://opendatacommons.org/licenses/odbl/1-0/); individual contents under the Database
Contents License 1.0 (https://opendatacommons.org/licenses/dbcl/1-0/). Not covered by the project's MIT licence.

Attribution: "${ATTRIBUTION}"
`,
);

console.log(
  `boavizta: ${productCount} products, ${embodiedCount} embodied, ${categorySummaries.length} category medians ` +
    `(${categorySummaries.map((c) => `${c.groupKey} n=${c.n} median=${c.median}`).join("; ")}); ` +
    `${duplicateRows} re-published rows counted once; no median for: ${skipped.join(", ")}`,
);
