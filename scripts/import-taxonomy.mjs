// Builds data/taxonomy/unu-keys/<version>/ from the UNU-KEY tables held by CBS "Waste over Time" and the
// CE observatory project, and vendors the Boavizta product list used by the classifier accuracy test.
// Run: node scripts/import-taxonomy.mjs   (set ALLOW_REWRITE=1 while the version is unreleased)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { readCsvObjects, parseCsv } from "./lib/csv.mjs";
import { ROOT, decimalString, sha256, sharedData, vendorSource } from "./lib/library.mjs";

const VERSION = "1.0.0";
const SRC_DIR = "unu-keys";

const FILES = [
  "cbs-wot_htbl_Key_Description.csv",
  "cbs-wot_htbl_Key_Aggregates.csv",
  "cbs-wot_htbl_Key_Weight.csv",
  "cbs-wot_htbl_CN_Match_Key.csv",
  "cbs-wot_htbl_Key_IntroductionYear.csv",
  "observatory_UNU_Extended.csv",
  "observatory_UNU_HS6.csv",
  "observatory_electronics_lifespan.csv",
];

const vendored = FILES.map((f) => vendorSource(sharedData("unu-keys", f), SRC_DIR, f));
const boavizta = vendorSource(
  sharedData("boavizta-environmental-footprint-data", "boavizta-data-us.csv"),
  "boavizta",
  "boavizta-data-us.csv",
);
const local = (f) => join(ROOT, "data", "sources", SRC_DIR, f);

// Directive 2012/19/EU Annex III (EU-6) and Annex I (EU-10) category names; numbering per the directive.
const EU6 = {
  1: "Temperature exchange equipment",
  2: "Screens, monitors, and equipment containing screens having a surface greater than 100 cm2",
  3: "Lamps",
  4: "Large equipment (any external dimension more than 50 cm)",
  5: "Small equipment (no external dimension more than 50 cm)",
  6: "Small IT and telecommunication equipment (no external dimension more than 50 cm)",
};
const EU6_BY_S5_NAME = {
  "Temperature exchange equipment": 1,
  "Screens and monitors": 2,
  Lamps: 3,
  "Large equipment": 4,
  "Small equipment": 5,
  "Small IT": 6,
};
const EU10 = {
  1: "Large household appliances",
  2: "Small household appliances",
  3: "IT and telecommunications equipment",
  4: "Consumer equipment and photovoltaic panels",
  5: "Lighting equipment",
  6: "Electrical and electronic tools (with the exception of large-scale stationary industrial tools)",
  7: "Toys, leisure and sports equipment",
  8: "Medical devices (with the exception of all implanted and infected products)",
  9: "Monitoring and control instruments",
  10: "Automatic dispensers",
};
const EU10_BY_S5_NAME = {
  "Large household appliances": 1,
  "Small household appliances": 2,
  "IT and telecommunications equipment": 3,
  "Consumer equipment": 4,
  "Lighting equipment": 5,
  "Electrical and electronic tools": 6,
  Toys: 7,
  "Medical devices": 8,
  "Monitoring and control instruments": 9,
  "Automatic dispensers": 10,
};
const PENDING = {
  "0501":
    "EU-6 category pending confirmation: S5 maps 0501 to 5 (Small equipment); another public transcription groups it with lamps (method-brief §2.1, WE-T1). Confirm against Forti et al. 2018 Table 1.",
};

const descRows = readCsvObjects(local("cbs-wot_htbl_Key_Description.csv"));
const aggRows = readCsvObjects(local("cbs-wot_htbl_Key_Aggregates.csv"));
const weightRows = readCsvObjects(local("cbs-wot_htbl_Key_Weight.csv"));
const cnRows = readCsvObjects(local("cbs-wot_htbl_CN_Match_Key.csv"));
const introRows = readCsvObjects(local("cbs-wot_htbl_Key_IntroductionYear.csv"));
const extRows = readCsvObjects(local("observatory_UNU_Extended.csv"));
const hsRows = readCsvObjects(local("observatory_UNU_HS6.csv"));
const lifeRows = parseCsv(readFileSync(local("observatory_electronics_lifespan.csv"), "utf8"));

const cbsLabels = new Map(descRows.map((r) => [r.UNU_Key, r.Description]));
const extByKey = new Map(extRows.map((r) => [r["UNU KEY"], r]));
const keys = aggRows.map((r) => r.UNU_Key);
if (keys.length !== 54) throw new Error(`expected 54 keys, found ${keys.length}`);

const cbsCode = (c) => ({ number: Number(c.replace(/[ab]$/, "")), sourceCode: c });
const opt = (cell) => (cell.trim() === "" ? null : decimalString(cell));

const lifeByKey = new Map();
for (const [i, r] of lifeRows.entries()) {
  if (i < 2 || !r[0]) continue;
  const pair = (a, b) => (opt(r[a] ?? "") === null && opt(r[b] ?? "") === null ? null : { shape: opt(r[a] ?? ""), scale: opt(r[b] ?? "") });
  lifeByKey.set(r[0], {
    sourceLine: i + 1,
    weibullUnu2015: pair(1, 2),
    weibull2023: pair(4, 5),
    note2023: (r[3] ?? "").trim() || null,
    weibullCollated: pair(6, 7),
    medianYears: opt(r[8] ?? ""),
    meanYears: opt(r[9] ?? ""),
  });
}

const out = [];
for (const a of aggRows) {
  const key = a.UNU_Key;
  const ext = extByKey.get(key);
  if (!ext) throw new Error(`observatory_UNU_Extended lacks ${key}`);
  const eu6S5 = EU6_BY_S5_NAME[ext["EEE CATEGORY UNDER EU-6"]];
  const eu10S5 = EU10_BY_S5_NAME[ext["EEE CATEGORY UNDER EU-10"]];
  if (!eu6S5 || !eu10S5) throw new Error(`unmapped S5 category for ${key}`);
  const cbs6 = cbsCode(a.EU6PV);
  const cbs10 = cbsCode(a.EU10PV);
  if (cbs10.number !== eu10S5) throw new Error(`EU-10 disagreement for ${key}`);
  const notes = [];
  if (cbs6.number !== eu6S5)
    notes.push(
      `EU-6 sources disagree: observatory (S5) gives ${eu6S5} '${ext["EEE CATEGORY UNDER EU-6"]}', CBS WOT gives ${a.EU6PV}; the S5 value is used, as in WE-T1.`,
    );
  if (ext.DESCRIPTION.trim() !== cbsLabels.get(key))
    notes.push(`Observatory description: '${ext.DESCRIPTION.trim()}'.`);

  const w = weightRows.filter((r) => r.UNU_Key === key);
  const series = w
    .map((r) => ({ year: Number(r.Year), country: r.Country === "" ? null : r.Country, kg: decimalString(r.AverageWeight), sourceLine: r.__line }))
    .sort((x, y) => (x.country ?? "").localeCompare(y.country ?? "") || x.year - y.year);
  const euWide = series.filter((s) => s.country === null);
  const latest = euWide.reduce((m, s) => (m === null || s.year > m.year ? s : m), null);
  if (!latest) throw new Error(`no EU-wide weight for ${key}`);

  const cn = new Map();
  for (const r of cnRows.filter((r) => r.UNU_Key === key)) {
    const years = cn.get(r.CN) ?? [];
    years.push(Number(r.Year));
    cn.set(r.CN, years);
  }
  const intro = introRows.find((r) => r.UNU_Key === key);
  const life = lifeByKey.get(key) ?? null;

  out.push({
    key,
    description: cbsLabels.get(key),
    eu6: {
      number: eu6S5,
      label: EU6[eu6S5],
      sourceLabel: ext["EEE CATEGORY UNDER EU-6"],
      cbsCode: a.EU6PV,
    },
    eu10: { number: eu10S5, label: EU10[eu10S5], sourceLabel: ext["EEE CATEGORY UNDER EU-10"], cbsCode: a.EU10PV },
    ...(PENDING[key] ? { pendingConfirmation: PENDING[key] } : {}),
    notes,
    introductionYear: intro ? Number(intro.IntroductionYear) : null,
    unitWeightKg: { kg: latest.kg, year: latest.year, country: null, rule: "latest-eu-wide" },
    unitWeightSeriesKg: series.map(({ year, country, kg }) => ({ year, country, kg })),
    hs6: hsRows
      .filter((r) => r["UNU KEY"] === key)
      .map((r) => ({ code: r.HS6, description: r["HS Description"], sourceLine: r.__line })),
    cn8: [...cn.entries()]
      .map(([code, years]) => ({ code, years: years.sort((x, y) => x - y) }))
      .sort((x, y) => x.code.localeCompare(y.code)),
    lifespan: life,
  });
}

const strayHs = hsRows.filter((r) => !keys.includes(r["UNU KEY"]));
if (strayHs.length > 0) throw new Error(`HS6 rows for unknown keys: ${strayHs.map((r) => r["UNU KEY"]).join(",")}`);

const data = {
  id: "unu-keys",
  version: VERSION,
  eu6Categories: Object.entries(EU6).map(([n, label]) => ({ number: Number(n), label })),
  eu10Categories: Object.entries(EU10).map(([n, label]) => ({ number: Number(n), label })),
  keys: out,
};
const dir = join(ROOT, "data", "taxonomy", "unu-keys", VERSION);
// One key per line keeps the file reviewable in diffs without spreading CN year lists over thousands of lines.
const { keys: keyList, ...head } = data;
const dataJson =
  JSON.stringify(head, null, 1).replace(/\n}$/, ',\n "keys": [\n') + keyList.map((k) => JSON.stringify(k)).join(",\n") + "\n ]\n}\n";
JSON.parse(dataJson);
if (existsSync(join(dir, "unu-keys.json")) && process.env.ALLOW_REWRITE !== "1") {
  if (readFileSync(join(dir, "unu-keys.json"), "utf8") !== dataJson)
    throw new Error(`unu-keys@${VERSION} is released and would change; bump the version (or ALLOW_REWRITE=1 while unreleased).`);
}
const meta = {
  id: "unu-keys",
  version: VERSION,
  title: "UNU-KEYs: 54 EEE product keys with EU-6 / EU-10 categories, HS6 / CN8 codes, unit weights and lifespans",
  publisher: "UNU / UNITAR SCYCLE (classification); tables by Statistics Netherlands (CBS) 'Waste over Time' and the CE observatory project (O. Lysaght)",
  edition:
    "CBS Statistics-Netherlands/ewaste @ ec3025197b683980d5da1dc161d3589c1057580c (2017-11-23); OliverLysa/observatory @ 2c001a0d047c2136095f674fe1da3f489a5bc91a (2023-07-14)",
  sourceUrl: "https://github.com/Statistics-Netherlands/ewaste",
  sourceFiles: vendored,
  licence: { id: "MIT", name: "MIT License", url: "https://opensource.org/licenses/MIT" },
  attribution:
    "Van Straalen, V.M., Roskam, A.J., & Baldé, C.P. (2016). Waste over Time [computer software]. The Hague: Statistics Netherlands (CBS), MIT License, Copyright (c) 2016 Statistics-Netherlands. CE observatory data scripts by Oliver Lysaght, MIT License. Classification: Forti V., Baldé C.P., Kuehr R. (2018) E-waste Statistics: Guidelines on Classification, Reporting and Indicators, 2nd ed., UNU ViE-SCYCLE.",
  choices: [
    "EU-6 and EU-10 numbers follow observatory_UNU_Extended.csv (S5 of the method brief, as WE-T1); the CBS aggregate code (with 4a/4b for PV) is kept as eu6.cbsCode / eu10.cbsCode.",
    "Descriptions are the CBS htbl_Key_Description labels.",
    "Default unit weight: the EU-wide row (blank Country) of the most recent Year in htbl_Key_Weight (2021). Rows after 2016 post-date the 2017 CBS release and are therefore the model's extrapolations; the full per-year and per-country series is kept in unitWeightSeriesKg.",
    "Lifespan: Weibull shape/scale from the UNU 2015 guidelines, the unnamed '2023 paper' group and the observatory's collated values, with median and mean years; survival shares are not shipped (derivable from the collated Weibull).",
    "0501 is flagged pendingConfirmation (method-brief §2.1).",
  ],
  boaviztaVendored: boavizta,
  dataSha256: sha256(Buffer.from(dataJson, "utf8")),
  keyCount: out.length,
};
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "unu-keys.json"), dataJson);
writeFileSync(join(dir, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
console.log(`wrote ${relative(ROOT, dir)}: ${out.length} keys`);
for (const k of out) if (k.notes.length) console.log(k.key, k.notes.join(" | "));
