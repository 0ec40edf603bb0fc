/**
 * `npm run bench`: the pipeline on a full Excel sheet (1,048,576 records), plus micro-benchmarks.
 * Run with `node --expose-gc dist-cli/bench.js [--rows N] [--runs R] [--only pipeline,micro]`.
 *
 * Records are generated deterministically (seeded PRNG below), a mix of every record kind with
 * about 1 % bad rows. Each section prints clearly labelled lines; add a section by adding an
 * entry to SECTIONS.
 */
import { runPipeline, type Dataset, type PipelineOutput } from "../engine/pipeline";
import { Quantity, convert, plain } from "../engine";
import { bundledRegistry } from "../bundled/libraries";
import { bundledTaxonomy } from "../bundled/taxonomy";
import { benchBundle } from "./bench/bundle";
import { benchFunctions } from "./bench/functions";

const EXCEL_ROWS = 1_048_576;

// ---------------------------------------------------------------------------------------------
// Deterministic data.
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value as a sheet holds it: a number with up to `decimals` decimals. */
function amount(r: () => number, max: number, decimals = 2): number {
  const k = 10 ** decimals;
  return Math.round(r() * max * k) / k;
}

const DESNZ_TTW = [
  "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw",
  "desnz.freight.hgv-all-diesel.all-artics.average-laden.t.km.ttw",
  "desnz.freight.hgv-all-diesel.all-rigids.average-laden.t.km.ttw",
];
const REGIONS = ["GB", "0.40", "0.233", "RFCE"];
const MIX: Array<[keyof Dataset, number]> = [
  ["shipments", 0.25],
  ["electricity", 0.1],
  ["fuels", 0.1],
  ["refrigerants", 0.05],
  ["dispositions", 0.35],
  ["outputs", 0.15],
];

export function generateDataset(rows: number, seed = 20250101): Dataset {
  const r = prng(seed);
  const ds: Required<Record<keyof Dataset, unknown[]>> = { shipments: [], electricity: [], fuels: [], refrigerants: [], dispositions: [], outputs: [] };
  const counts = MIX.map(([, share]) => Math.floor(rows * share));
  counts[counts.length - 1]! += rows - counts.reduce((a, b) => a + b, 0);
  MIX.forEach(([kind, ], k) => {
    const list = ds[kind];
    for (let i = 0; i < counts[k]!; i++) {
      const row = i + 2;
      const bad = r() < 0.01;
      list.push(makeRecord(kind, row, r, bad));
    }
  });
  return ds;
}

function makeRecord(kind: keyof Dataset, row: number, r: () => number, bad: boolean): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  switch (kind) {
    case "shipments": {
      const legs = r() < 0.5
        ? [{ distance: amount(r, 800, 1), ttwFactor: pick(DESNZ_TTW) }]
        : [
            { distance: amount(r, 300, 1), distanceBasis: "sfd", wtwIntensity: "0.095", ttwIntensity: "0.078" },
            { distance: amount(r, 500, 1), distanceBasis: "sfd", wtwIntensity: "0.075", ttwIntensity: "0.061" },
          ];
      const rec: Record<string, unknown> = { row, shipmentId: `S${row}`, mass: bad ? "12 t" : amount(r, 20000), massUnit: pick(["kg", "kg", "t", "lb"]), legs };
      if (legs.length === 2) rec.hubs = [{ hubId: "H1", hocWtw: "1.2", hocTtw: "0.9" }];
      return rec;
    }
    case "electricity":
      return {
        row,
        siteId: `SITE-${row % 7}`,
        month: bad ? "2025-13" : `2025-${String((row % 12) + 1).padStart(2, "0")}`,
        region: pick(REGIONS),
        energy: amount(r, 200000),
        energyUnit: pick(["kWh", "kWh", "MWh"]) === "MWh" ? "kWh" : "kWh",
        instruments: r() < 0.3 ? [{ kind: "EAC", energy: amount(r, 1000), certificateId: `GO-${row}` }] : [],
        ...(r() < 0.5 ? { residualMix: "0.45" } : {}),
      };
    case "fuels":
      return r() < 0.5
        ? { row, siteId: "SITE-1", month: "2025-03", carrier: "natural-gas", factorSet: "epa", quantity: bad ? "n/a" : amount(r, 500), unit: "MMBtu" }
        : { row, siteId: "SITE-1", month: "2025-03", carrier: "diesel", factorSet: "epa", quantity: amount(r, 1000), unit: pick(["US gal", "L"]) };
    case "refrigerants":
      return r() < 0.7
        ? { row, siteId: "SITE-1", refrigerant: pick(["R-410A", "R-134a", "R-32"]), released: bad ? -1 : amount(r, 5, 3) }
        : { row, siteId: "SITE-1", gwp: 1430, charge: amount(r, 20, 2), recovered: amount(r, 10, 2) };
    case "dispositions": {
      const d = pick(["REUSE-DEVICE", "RECYCLE", "RECYCLE", "SENT-DOWNSTREAM", "LANDFILL", "ENERGY-RECOVERY"]);
      const rec: Record<string, unknown> = {
        row,
        assetId: `A${row}`,
        unuKey: pick(["0302", "0303", "0306", "0309"]),
        quantity: 1 + Math.floor(r() * 5),
        mass: bad ? "" : amount(r, 40, 3),
        massUnit: "kg",
        disposition: d,
        hazardous: r() < 0.2,
        lotId: `LOT-${row}`,
      };
      if (d === "REUSE-DEVICE") {
        rec.dataBearing = true;
        rec.evidence = r() < 0.9 ? { testRecord: `T${row}`, sanitizationRecord: `S${row}` } : { testRecord: `T${row}` };
        rec.reuse = { newProductFactor: pick([250, 310, 180]), lifetimeExtendedYears: 2, lifetimeNewYears: 4, refurbishmentKg: 5, partsKg: amount(r, 10), extraLogisticsKg: 3 };
      }
      return rec;
    }
    case "outputs":
      return {
        row,
        lotId: `OUT-${row}`,
        material: pick(["AL", "FE", "CU"]),
        outputMass: bad ? "x" : amount(r, 5000),
        disposition: pick(["RECYCLE", "RECYCLE", "RECYCLE", "LANDFILL"]),
        certificateId: `COR-${row}`,
        virginFactor: pick([8, "1.9", "3.1"]),
        recyclingFactor: "0.5",
        hazardous: false,
      };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers.
// ---------------------------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;
const MB = (b: number) => (b / 1048576).toFixed(1);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function line(label: string, value: string): void {
  console.log(`${label.padEnd(44)} ${value}`);
}

function nsPerOp(n: number, run: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 2000); i++) run(i);
  const t = process.hrtime.bigint();
  let sink: unknown;
  for (let i = 0; i < n; i++) sink = run(i);
  void sink;
  return Number(process.hrtime.bigint() - t) / n;
}

/** The same arithmetic as the kernels with JS numbers (no validation, no trace): the floor to compare against. */
/** A sheet value as a JS number (0 for text: bad rows are skipped by the baseline as the pipeline rejects them). */
function num(v: unknown): number {
  const x = Number(v);
  return Number.isFinite(x) ? x : 0;
}

function numberBaseline(ds: Dataset, per: Map<string, number>): number {
  let sum = 0;
  const toKg: Record<string, number> = { kg: 1, t: 1000, lb: 0.45359237 };
  for (const x of (ds.shipments ?? []) as Array<Record<string, unknown>>) {
    const m = num(x.mass) * (toKg[String(x.massUnit ?? "kg")] ?? 1) / 1000;
    for (const l of x.legs as Array<Record<string, unknown>>) sum += m * num(l.distance) * (l.wtwIntensity ? num(l.wtwIntensity) : per.get(String(l.ttwFactor)) ?? 0.1);
    if (x.hubs) sum += m * 1.2;
  }
  for (const x of (ds.electricity ?? []) as Array<Record<string, unknown>>) {
    const e = num(x.energy);
    sum += e * 0.4;
    if (x.region === "GB") sum += e * 0.0225 + e * 0.0459; // category 3: T&D and WTT
    let covered = 0;
    for (const i of x.instruments as Array<Record<string, unknown>>) covered += num(i.energy);
    sum += (e - covered) * 0.45;
  }
  for (const x of (ds.fuels ?? []) as Array<Record<string, unknown>>) sum += num(x.quantity) * 53.1145;
  for (const x of (ds.refrigerants ?? []) as Array<Record<string, unknown>>) sum += num(x.released ?? 0) * 2088;
  for (const x of (ds.dispositions ?? []) as Array<Record<string, unknown>>) {
    sum += num(x.mass);
    if (x.disposition !== "REUSE-DEVICE" && x.disposition !== "SENT-DOWNSTREAM") sum += (num(x.mass) / 1000) * 8.98311; // end-of-life line
    const reuse = x.reuse as Record<string, unknown> | undefined;
    if (reuse) sum += (0.5 * Math.min(1, 2 / 4) * num(reuse.newProductFactor) - 8 - num(reuse.partsKg)) * num(x.quantity);
  }
  for (const x of (ds.outputs ?? []) as Array<Record<string, unknown>>) {
    const m = num(x.outputMass);
    sum += m + (1 - 0.5) * m * (num(x.virginFactor) - 0.5);
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Sections.
// ---------------------------------------------------------------------------------------------

interface Args {
  rows: number;
  runs: number;
}

function pipelineSection(args: Args): void {
  console.log(`\n== pipeline: ${args.rows.toLocaleString("en-US")} records, ${args.runs} run(s) ==`);
  const registry = bundledRegistry();
  const taxonomy = bundledTaxonomy();
  let t = process.hrtime.bigint();
  const ds = generateDataset(args.rows);
  line("generate dataset (not timed below)", `${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);
  gc?.();
  const baseRss = process.memoryUsage().rss;
  line("RSS after generating the dataset", `${MB(baseRss)} MB`);

  const walls: number[] = [];
  const numberWalls: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  let last: PipelineOutput | undefined;
  for (let run = 0; run < args.runs; run++) {
    last = undefined;
    gc?.();
    const sample = () => {
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    };
    t = process.hrtime.bigint();
    last = runPipeline(ds, { registry, taxonomy, settings: { reportingPeriod: "2025", factorYear: 2025, claimant: "ACME", region: "GB", endOfLifeFactorSet: "desnz", onProgress: sample } });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    sample();
    walls.push(ms);
    const per = new Map(DESNZ_TTW.map((id) => [id, Number(registry.get(id, { year: 2025 }).value)]));
    t = process.hrtime.bigint();
    const s = numberBaseline(ds, per);
    numberWalls.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!Number.isFinite(s)) throw new Error("baseline diverged");
    line(`run ${run + 1}: wall time`, `${ms.toFixed(0)} ms (${Math.round(args.rows / (ms / 1000)).toLocaleString("en-US")} rows/s)`);
  }
  const out = last!;
  const wall = median(walls);
  line("wall time (median)", `${wall.toFixed(0)} ms`);
  line("rows/s (median)", Math.round(args.rows / (wall / 1000)).toLocaleString("en-US"));
  line("peak RSS (sampled per batch, whole process)", `${MB(peakRss)} MB`);
  line("peak heap used (sampled per batch)", `${MB(peakHeap)} MB`);
  line("max RSS (OS, whole process lifetime)", `${MB(process.resourceUsage().maxRSS * 1024)} MB`);
  line("JS-number baseline (median)", `${median(numberWalls).toFixed(0)} ms`);
  line("ratio Decimal pipeline / JS numbers", `${(wall / median(numberWalls)).toFixed(1)} x`);
  const c = out.counts;
  line("rows in / computed / rejected", `${c.rowsIn} / ${c.rowsComputed} / ${c.rowsRejected} (${c.rowsIn === c.rowsComputed + c.rowsRejected ? "reconciles" : "DOES NOT RECONCILE"})`);
  line("lines / distinct factor resolutions", `${c.lines} / ${c.factorResolutions}`);
  line("warnings / credit conflicts", `${out.report.warnings.length} / ${out.report.conflicts.length}`);
  line("inventory total, location-based (kg CO2e)", plain(out.ledgers.inventory.totalLocationBased));
  line("avoided total (kg CO2e)", plain(out.ledgers.avoided.total));
  line("Scope 3 cat 3 / cat 5 (kg CO2e)", [out.ledgers.inventory.scope3["scope3.cat3"], out.ledgers.inventory.scope3["scope3.cat5"]].map((v) => (v ? plain(v) : "0")).join(" / "));
  const dq = out.dataQuality.find((q) => q.code.id === "inventory/scope2/location")?.dqi;
  if (dq) line("DQI scope 2 location-based (overall, 1-4)", `${dq.overall.toSignificantDigits(4).toString()} over ${dq.rows} lines`);
  line("budget: < 10 s and < 1.5 GB peak RSS", wall < 10000 && peakRss < 1.5 * 1024 ** 3 ? "MET" : "NOT MET");
}

function microSection(): void {
  console.log("\n== micro ==");
  const registry = bundledRegistry();
  const ids = DESNZ_TTW;
  line("factor lookup, registry.get (ns/op)", nsPerOp(200_000, (i) => registry.get(ids[i % 3]!, { year: 2025 })).toFixed(0));
  line("factor lookup, unknown id issue (ns/op)", nsPerOp(2_000, () => {
    try {
      return registry.get("desnz.freight.no-such-factor", {});
    } catch (e) {
      return e;
    }
  }).toFixed(0));
  const amounts = Array.from({ length: 1024 }, (_, i) => String(i * 1.25 + 0.5));
  line("unit conversion, Quantity.of(x,'lb').in('kg') (ns/op)", nsPerOp(200_000, (i) => Quantity.of(amounts[i & 1023]!, "lb").in("kg")).toFixed(0));
  line("unit conversion, convert(x,'MMBtu','kWh') (ns/op)", nsPerOp(200_000, (i) => convert(amounts[i & 1023]!, "MMBtu", "kWh")).toFixed(0));
}

const SECTIONS: Record<string, (a: Args) => void> = {
  pipeline: pipelineSection,
  bundle: (a) => void benchBundle(console.log, a.rows),
  functions: () => benchFunctions(console.log),
  micro: microSection,
};

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const args: Args = { rows: Number(opt("rows") ?? EXCEL_ROWS), runs: Number(opt("runs") ?? 3) };
  const only = (opt("only") ?? Object.keys(SECTIONS).join(",")).split(",");
  console.log(`esg bench: node ${process.version}, ${gc ? "--expose-gc" : "no --expose-gc"}, ${process.arch}`);
  for (const name of only) SECTIONS[name]?.(args);
}

// Run when executed (dist-cli/bench.js), not when imported (tests use generateDataset).
if (typeof require !== "undefined" && require.main === module) main();
