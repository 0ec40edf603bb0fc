/**
 * Proves that every factor of boavizta-2025 equals, or is exactly derived from, its row in the vendored
 * boavizta-data-us.csv. The CSV is parsed here independently; rows are found by the line number in `sourceRow`,
 * and every derived value (embodied products, category medians) is recomputed with decimal.js.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Dec, plain } from "../../src/engine/quantities/decimal";
import { FactorsFileSchema, LibraryMetaSchema, type Factor } from "../../src/engine/factors/schema";
import { parseCsv as readCsv } from "../helpers/csv";

const ROOT = join(__dirname, "..", "..");
const LIB_DIR = join(ROOT, "data", "factors", "boavizta-2025", "1.0.0");
const CSV_PATH = join(ROOT, "data", "sources", "boavizta", "boavizta-data-us.csv");

type Row = Record<string, string> & { line: string };

const csvText = readFileSync(CSV_PATH, "utf8");
const [header = [], ...records] = readCsv(csvText);
// No field spans lines (checked below), so record i sits on file line i + 2.
const rows: Row[] = records
  .map((r, i) => {
    const o: Record<string, string> = { line: String(i + 2) };
    header.forEach((h, j) => (o[h] = (r[j] ?? "").trim()));
    return o as Row;
  })
  .filter((r) => (r.manufacturer ?? "") !== "" || (r.name ?? "") !== "");
const rowByLine = new Map(rows.map((r) => [Number(r.line), r]));
const get = (r: Row, column: string): string => r[column] ?? "";

const factorsBytes = readFileSync(join(LIB_DIR, "factors.json"));
const factors: Factor[] = FactorsFileSchema.parse(JSON.parse(factorsBytes.toString("utf8")));
const library = LibraryMetaSchema.parse(JSON.parse(readFileSync(join(LIB_DIR, "library.json"), "utf8")));
const unuKeyMap = JSON.parse(readFileSync(join(LIB_DIR, "unu-key-map.json"), "utf8")) as Record<string, string>;

const isCategory = (f: Factor) => f.id.startsWith("boavizta.category.");
const isEmbodied = (f: Factor) => f.id.startsWith("boavizta.product.") && f.id.endsWith(".embodied");
const isProduct = (f: Factor) => f.id.startsWith("boavizta.product.") && !f.id.endsWith(".embodied");
const lineOf = (f: Factor): number => Number(/^line (\d+): /.exec(f.sourceRow)?.[1] ?? NaN);

function expectedYear(r: Row): number {
  const fromReport = /(19|20)\d\d/.exec(get(r, "report_date"));
  if (fromReport) return Number(fromReport[0]);
  const added = /(\d{4})/.exec(get(r, "added_date"));
  if (!added?.[1]) throw new Error(`line ${r.line}: no year`);
  return Number(added[1]);
}

/** Mismatches of per-product (cradle-to-grave) factors against their rows. */
function productMismatches(list: readonly Factor[]): string[] {
  const problems: string[] = [];
  for (const f of list) {
    const r = rowByLine.get(lineOf(f));
    if (!r) {
      problems.push(`${f.id}: no row for '${f.sourceRow}'`);
      continue;
    }
    const cell = get(r, "gwp_total");
    if (f.value !== cell || !new Dec(f.value).eq(new Dec(cell))) problems.push(`${f.id}: value ${f.value} != ${cell}`);
    if (f.region !== (get(r, "use_location") || "UNSPECIFIED")) problems.push(`${f.id}: region ${f.region}`);
    if (f.year !== expectedYear(r)) problems.push(`${f.id}: year ${f.year}`);
    if (f.category[0] !== get(r, "category") || f.category[1] !== get(r, "subcategory")) problems.push(`${f.id}: category`);
    if (f.boundary !== "cradle-to-grave") problems.push(`${f.id}: boundary`);
    if (!f.notes?.includes(get(r, "sources"))) problems.push(`${f.id}: notes lack source URL`);
    if (get(r, "gwp_manufacturing_ratio") && !f.notes?.includes(`manufacturing ratio: ${get(r, "gwp_manufacturing_ratio")}`)) {
      problems.push(`${f.id}: notes lack manufacturing ratio`);
    }
    if (get(r, "lifetime") && !f.notes?.includes(`Lifetime: ${get(r, "lifetime")} years`)) problems.push(`${f.id}: notes lack lifetime`);
    if (get(r, "weight") && !f.notes?.includes(`Weight: ${get(r, "weight")} kg`)) problems.push(`${f.id}: notes lack weight`);
  }
  return problems;
}

/** Mismatches of embodied factors against gwp_total x gwp_manufacturing_ratio recomputed here. */
function embodiedMismatches(list: readonly Factor[]): string[] {
  const problems: string[] = [];
  for (const f of list) {
    const r = rowByLine.get(lineOf(f));
    if (!r || !get(r, "gwp_manufacturing_ratio")) {
      problems.push(`${f.id}: no row with a manufacturing ratio for '${f.sourceRow}'`);
      continue;
    }
    const expected = new Dec(get(r, "gwp_total")).mul(new Dec(get(r, "gwp_manufacturing_ratio")));
    if (!new Dec(f.value).eq(expected) || f.value !== plain(expected)) problems.push(`${f.id}: ${f.value} != ${plain(expected)}`);
    if (f.boundary !== "cradle-to-gate") problems.push(`${f.id}: boundary`);
    if (!f.notes?.startsWith("Derived: gwp_total")) problems.push(`${f.id}: notes do not say it is derived`);
    if (f.year !== expectedYear(r)) problems.push(`${f.id}: year`);
  }
  return problems;
}

// --- category statistics, recomputed from the CSV ---
const CORE = new Set(["laptop", "desktop", "monitor", "smartphone", "tablet", "server", "printer"]);
const groupSlug = (sub: string) => sub.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-");

interface Stats {
  n: number;
  min: Dec;
  max: Dec;
  p25: Dec;
  median: Dec;
  p75: Dec;
  latestYear: number;
}

/** Quantile at rank p x (n - 1), interpolated (same definition as Excel PERCENTILE.INC). */
function quantile(sorted: readonly Dec[], p: string): Dec {
  const rank = new Dec(sorted.length - 1).mul(p);
  const below = sorted[rank.floor().toNumber()];
  const above = sorted[rank.ceil().toNumber()];
  if (!below || !above) throw new Error("empty group");
  return below.add(above.sub(below).mul(rank.sub(rank.floor())));
}

function recomputeStats(): Map<string, Stats> {
  const seen = new Set<string>();
  const groups = new Map<string, { values: Dec[]; years: number[] }>();
  for (const r of rows) {
    if (!get(r, "gwp_total") || !get(r, "gwp_manufacturing_ratio")) continue;
    const identity = ["manufacturer", "name", "report_date", "gwp_total", "gwp_manufacturing_ratio"]
      .map((c) => get(r, c).toLowerCase())
      .join("\u0000");
    if (seen.has(identity)) continue;
    seen.add(identity);
    const g = groups.get(groupSlug(get(r, "subcategory"))) ?? { values: [], years: [] };
    g.values.push(new Dec(get(r, "gwp_total")).mul(get(r, "gwp_manufacturing_ratio")));
    g.years.push(expectedYear(r));
    groups.set(groupSlug(get(r, "subcategory")), g);
  }
  const out = new Map<string, Stats>();
  for (const [slug, g] of groups) {
    if (!CORE.has(slug) && g.values.length < 5) continue;
    const sorted = [...g.values].sort((a, b) => a.comparedTo(b));
    const n = sorted.length;
    const lower = sorted[Math.ceil(n / 2) - 1];
    const upper = sorted[Math.floor(n / 2)];
    const first = sorted[0];
    const last = sorted[n - 1];
    if (!lower || !upper || !first || !last) continue;
    out.set(slug, {
      n,
      min: first,
      max: last,
      median: lower.add(upper).div(2),
      p25: quantile(sorted, "0.25"),
      p75: quantile(sorted, "0.75"),
      latestYear: Math.max(...g.years),
    });
  }
  return out;
}
const stats = recomputeStats();

function categoryMismatches(list: readonly Factor[]): string[] {
  const problems: string[] = [];
  for (const f of list) {
    const slug = /^boavizta\.category\.(.+)\.embodied\.median$/.exec(f.id)?.[1] ?? "";
    const s = stats.get(slug);
    if (!s) {
      problems.push(`${f.id}: no such group`);
      continue;
    }
    if (!new Dec(f.value).eq(s.median)) problems.push(`${f.id}: median ${f.value} != ${plain(s.median)}`);
    const notes = f.notes ?? "";
    for (const part of [
      `n = ${s.n};`,
      `min ${plain(s.min)};`,
      `P25 ${plain(s.p25)};`,
      `median ${plain(s.median)};`,
      `P75 ${plain(s.p75)};`,
      `max ${plain(s.max)} kg CO2e`,
    ]) {
      if (!notes.includes(part)) problems.push(`${f.id}: notes lack '${part}'`);
    }
    if (f.year !== s.latestYear) problems.push(`${f.id}: year ${f.year} != ${s.latestYear}`);
    if (f.region !== "GLOBAL" || f.boundary !== "cradle-to-gate") problems.push(`${f.id}: region/boundary`);
    if (!/derived statistic/i.test(f.label)) problems.push(`${f.id}: label does not say derived statistic`);
  }
  return problems;
}

describe("boavizta-2025 library", () => {
  it("reads the vendored CSV as 1,226 single-line rows", () => {
    expect(header).toHaveLength(32);
    expect(rows).toHaveLength(1226);
    expect(csvText.split("\n").filter((l) => l !== "")).toHaveLength(1227);
  });

  it("validates and has the expected counts", () => {
    const withTotal = rows.filter((r) => get(r, "gwp_total") !== "");
    const withRatio = withTotal.filter((r) => get(r, "gwp_manufacturing_ratio") !== "");
    expect(factors.filter(isProduct)).toHaveLength(withTotal.length);
    expect(withTotal).toHaveLength(1226);
    expect(factors.filter(isEmbodied)).toHaveLength(withRatio.length);
    expect(withRatio).toHaveLength(757);
    expect(factors.filter(isCategory)).toHaveLength(stats.size);
    expect(stats.size).toBe(9);
    expect(factors).toHaveLength(1226 + 757 + 9);
    expect(library.factorCount).toBe(factors.length);
    expect(new Set(factors.map((f) => f.id)).size).toBe(factors.length);
  });

  it("records the hash of factors.json and of the vendored CSV", () => {
    expect(library.dataSha256).toBe(createHash("sha256").update(factorsBytes).digest("hex"));
    expect(library.sourceFiles).toHaveLength(1);
    const [source] = library.sourceFiles;
    expect(source?.path).toBe("data/sources/boavizta/boavizta-data-us.csv");
    expect(createHash("sha256").update(readFileSync(CSV_PATH)).digest("hex")).toBe(source?.sha256);
  });

  it("every per-product factor equals its gwp_total cell, and each row is used once", () => {
    const products = factors.filter(isProduct);
    expect(productMismatches(products)).toEqual([]);
    expect(new Set(products.map(lineOf)).size).toBe(products.length);
  });

  it("every embodied factor equals gwp_total x gwp_manufacturing_ratio, one per row with a ratio", () => {
    const embodied = factors.filter(isEmbodied);
    expect(embodiedMismatches(embodied)).toEqual([]);
    const productIdByLine = new Map(factors.filter(isProduct).map((f) => [lineOf(f), f.id]));
    for (const f of embodied) expect(f.id).toBe(`${productIdByLine.get(lineOf(f))}.embodied`);
    expect(new Set(embodied.map(lineOf)).size).toBe(embodied.length);
  });

  it("every category median, quartile, count, min and max matches a recomputation", () => {
    const categories = factors.filter(isCategory);
    expect(categoryMismatches(categories)).toEqual([]);
    expect(categories.map((f) => f.id).sort()).toEqual(
      [...stats.keys()].map((s) => `boavizta.category.${s}.embodied.median`).sort(),
    );
    // Printers in this edition carry no manufacturing ratio, so no median can exist for them.
    expect(stats.has("printer")).toBe(false);
    const laptop = categories.find((f) => f.id === "boavizta.category.laptop.embodied.median");
    expect(laptop?.value).toBe("235.873");
    expect(stats.get("laptop")?.n).toBe(226);
  });

  it("catches wrong data", () => {
    const product = factors.find(isProduct);
    const embodied = factors.find(isEmbodied);
    const category = factors.find(isCategory);
    if (!product || !embodied || !category) throw new Error("missing kinds");
    expect(productMismatches([{ ...product, value: new Dec(product.value).add("0.001").toString() }])).toHaveLength(1);
    expect(productMismatches([{ ...product, sourceRow: "line 9999: nobody" }])).toHaveLength(1);
    expect(embodiedMismatches([{ ...embodied, value: new Dec(embodied.value).mul("1.0001").toString() }])).toHaveLength(1);
    expect(categoryMismatches([{ ...category, value: new Dec(category.value).add(1).toString() }])).toHaveLength(1);
    expect(categoryMismatches([{ ...category, notes: (category.notes ?? "").replace(/P75 [0-9.]+;/, "P75 1;") }])).toHaveLength(1);
  });

  it("records units and GWP basis on every factor", () => {
    expect(library.gwpBasis).toBe("mixed");
    expect(library.gwpNote).toBeTruthy();
    for (const f of factors) {
      expect(f).toMatchObject({ unit: "kg CO2e/unit", numeratorUnit: "kg CO2e", activityUnit: "unit", gas: "CO2e" });
    }
  });

  it("maps every subcategory to a UNU-KEY and names it in the category notes", () => {
    for (const r of rows) expect(unuKeyMap[get(r, "subcategory")]).toMatch(/^\d{4}$/);
    expect(unuKeyMap).toMatchObject({
      Laptop: "0303",
      Tablet: "0303",
      Desktop: "0302",
      Monitor: "0309",
      Smartphone: "0306",
      Server: "0307",
      Printer: "0304",
    });
    for (const f of factors.filter(isCategory)) {
      const sub = f.category[1] ?? "";
      expect(f.notes).toContain(`UNU-KEY ${unuKeyMap[sub]}`);
    }
  });

  it("is ODbL with its own NOTICE.md and keeps its data in its own files", () => {
    expect(library.licence.id).toBe("ODbL-1.0");
    expect(library.licence.url).toMatch(/opendatacommons\.org\/licenses\/odbl/);
    expect(library.attribution).toMatch(/Boavizta/);
    const notice = readFileSync(join(LIB_DIR, "NOTICE.md"), "utf8");
    expect(notice).toMatch(/Open Database License/);
    expect(notice).toMatch(/Boavizta Project - Environmental Footprint Data/);
    expect(notice).toMatch(/derived database/i);
    expect(notice).toMatch(/https:\/\/opendatacommons\.org\/licenses\/odbl\/1-0\//);
    expect(readdirSync(LIB_DIR).sort()).toEqual(["NOTICE.md", "factors.json", "library.json", "unu-key-map.json"]);
    expect(existsSync(join(ROOT, "data", "sources", "boavizta", "PROVENANCE.md"))).toBe(true);

    const factorsRoot = join(ROOT, "data", "factors");
    for (const lib of readdirSync(factorsRoot)) {
      if (lib.startsWith("boavizta-")) continue;
      for (const version of readdirSync(join(factorsRoot, lib))) {
        const dir = join(factorsRoot, lib, version);
        if (!existsSync(join(dir, "factors.json"))) continue;
        expect(readFileSync(join(dir, "factors.json"), "utf8").includes('"id": "boavizta.')).toBe(false);
        const meta = JSON.parse(readFileSync(join(dir, "library.json"), "utf8")) as { licence?: { id?: string } };
        if (lib.startsWith("ember-")) expect(meta.licence?.id).not.toBe(library.licence.id);
      }
    }
  });
});
