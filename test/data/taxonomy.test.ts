/**
 * The shipped UNU-KEY table (data/taxonomy/unu-keys/1.0.0) against the vendored
 * raw CSVs (data/sources/unu-keys/), parsed here independently of the importer.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { parseCsv as csv } from "../helpers/csv";

const ROOT = join(__dirname, "..", "..");
const SRC = join(ROOT, "data", "sources", "unu-keys");
const DIR = join(ROOT, "data", "taxonomy", "unu-keys", "1.0.0");

const table = (name: string) => csv(readFileSync(join(SRC, name), "utf8").replace(/^\uFEFF/, "")).slice(1);
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const same = (a: string | null, b: string) => a !== null && new Decimal(a).equals(new Decimal(b));

interface Key {
  key: string;
  description: string;
  eu6: { number: number; sourceLabel: string; cbsCode: string };
  eu10: { number: number; sourceLabel: string; cbsCode: string };
  introductionYear: number | null;
  unitWeightKg: { kg: string; year: number; country: null };
  unitWeightSeriesKg: Array<{ year: number; country: string | null; kg: string }>;
  hs6: Array<{ code: string; description: string; sourceLine: number }>;
  cn8: Array<{ code: string; years: number[] }>;
  lifespan: { weibullUnu2015: { shape: string | null; scale: string | null } | null; weibullCollated: { shape: string | null; scale: string | null } | null; medianYears: string | null; meanYears: string | null } | null;
}
const dataBytes = readFileSync(join(DIR, "unu-keys.json"));
const data = JSON.parse(dataBytes.toString("utf8")) as { keys: Key[] };
const meta = JSON.parse(readFileSync(join(DIR, "meta.json"), "utf8")) as {
  dataSha256: string;
  keyCount: number;
  licence: { id: string };
  attribution: string;
  sourceFiles: Array<{ path: string; sha256: string }>;
};

/** Returns the list of disagreements between a shipped key table and the raw CSVs. */
function audit(keys: Key[]): string[] {
  const bad: string[] = [];
  const byKey = new Map(keys.map((k) => [k.key, k]));
  const desc = new Map(table("cbs-wot_htbl_Key_Description.csv").map((r) => [r[0]!, r[1]!]));
  const agg = table("cbs-wot_htbl_Key_Aggregates.csv");
  if (agg.length !== 54 || keys.length !== 54) bad.push(`count ${agg.length}/${keys.length}`);
  const ext = new Map(table("observatory_UNU_Extended.csv").map((r) => [r[0]!, r]));
  for (const [key, eu6, eu10] of agg) {
    const k = byKey.get(key!);
    if (!k) {
      bad.push(`missing ${key}`);
      continue;
    }
    if (k.description !== desc.get(key!)) bad.push(`${key} description`);
    if (k.eu6.cbsCode !== eu6 || k.eu10.cbsCode !== eu10) bad.push(`${key} cbs codes`);
    const e = ext.get(key!)!;
    if (k.eu6.sourceLabel !== e[2] || k.eu10.sourceLabel !== e[3]) bad.push(`${key} observatory labels`);
  }
  for (const [key, year] of table("cbs-wot_htbl_Key_IntroductionYear.csv")) if (byKey.get(key!)?.introductionYear !== Number(year)) bad.push(`${key} intro year`);
  const weights = table("cbs-wot_htbl_Key_Weight.csv");
  let seriesRows = 0;
  for (const [key, country, kg, year] of weights) {
    const k = byKey.get(key!);
    const row = k?.unitWeightSeriesKg.find((r) => r.year === Number(year) && (r.country ?? "") === country);
    if (!row || !same(row.kg, kg!)) bad.push(`${key} weight ${country}/${year}`);
    seriesRows++;
  }
  if (keys.reduce((n, k) => n + k.unitWeightSeriesKg.length, 0) !== seriesRows) bad.push("weight series row count");
  for (const k of keys) {
    const eu = weights.filter((r) => r[0] === k.key && r[1] === "");
    const latest = eu.reduce((m, r) => (Number(r[3]) > Number(m[3]) ? r : m));
    if (k.unitWeightKg.year !== Number(latest[3]) || !same(k.unitWeightKg.kg, latest[2]!) || k.unitWeightKg.country !== null) bad.push(`${k.key} default weight`);
  }
  const hs = csv(readFileSync(join(SRC, "observatory_UNU_HS6.csv"), "utf8"));
  let hsRows = 0;
  hs.slice(1).forEach((r) => {
    hsRows++;
    const hit = byKey.get(r[0]!)?.hs6.find((h) => h.code === r[2] && h.description === r[3]);
    if (!hit) bad.push(`hs6 ${r[0]} ${r[2]}`);
  });
  if (keys.reduce((n, k) => n + k.hs6.length, 0) !== hsRows) bad.push("hs6 row count");
  // Rows with a blank UNU_Key are CN codes CBS keeps outside the 54 keys (e.g. incandescent lamps); not shipped.
  const cn = table("cbs-wot_htbl_CN_Match_Key.csv").filter((r) => r[2] !== "");
  for (const [code, year, key] of cn) if (!byKey.get(key!)?.cn8.find((c) => c.code === code)?.years.includes(Number(year))) bad.push(`cn8 ${code} ${year}`);
  if (keys.reduce((n, k) => n + k.cn8.reduce((m, c) => m + c.years.length, 0), 0) !== cn.length) bad.push("cn8 row count");
  const life = csv(readFileSync(join(SRC, "observatory_electronics_lifespan.csv"), "utf8")).slice(2);
  for (const r of life) {
    const k = byKey.get(r[0]!);
    if (!k) continue;
    const l = k.lifespan;
    const eq = (v: string | null | undefined, cell: string | undefined) => (cell ?? "").trim() === "" ? v === null || v === undefined : v !== null && v !== undefined && same(v, cell!);
    if (!l || !eq(l.weibullUnu2015?.shape, r[1]) || !eq(l.weibullUnu2015?.scale, r[2]) || !eq(l.weibullCollated?.shape, r[6]) || !eq(l.weibullCollated?.scale, r[7]) || !eq(l.medianYears, r[8]) || !eq(l.meanYears, r[9]))
      bad.push(`${k.key} lifespan`);
  }
  return bad;
}

describe("UNU-KEY table vs vendored sources", () => {
  it("every key, category, weight, HS6, CN8 and lifespan cell equals the raw CSV", () => {
    expect(audit(data.keys)).toEqual([]);
  });

  it("the audit catches a wrong value", () => {
    const mutated = JSON.parse(JSON.stringify(data.keys)) as Key[];
    mutated[21]!.unitWeightSeriesKg[3]!.kg = "9.99";
    mutated[5]!.hs6[0]!.code = "000000";
    expect(audit(mutated).length).toBeGreaterThanOrEqual(2);
  });

  it("meta.json records the data hash, source hashes, licence and attribution", () => {
    expect(meta.dataSha256).toBe(sha(dataBytes));
    expect(meta.keyCount).toBe(54);
    expect(meta.licence.id).toBe("MIT");
    expect(meta.attribution).toMatch(/Statistics Netherlands/);
    expect(meta.sourceFiles).toHaveLength(8);
    for (const f of meta.sourceFiles) expect(sha(readFileSync(join(ROOT, f.path)))).toBe(f.sha256);
  });

  it("vendors the Boavizta file used by the classifier accuracy test", () => {
    const bytes = readFileSync(join(ROOT, "data", "sources", "boavizta", "boavizta-data-us.csv"));
    expect(bytes.length).toBeGreaterThan(100000);
  });
});
