/**
 * Benchmark of the Excel custom functions through the same wrapper Excel uses (`excelCall`):
 * one call over a 100,000-row range (ESG.TRANSPORT_CO2 and ESG.ELECTRICITY_CO2; target under 1 s),
 * and the per-cell cost of scalar calls (100,000 calls, µs per call). Each figure is the median
 * of 5 runs after one warm-up run. Values are checked, not only timed: a wrong number fails the bench.
 */
import { Dec } from "../../engine";
import { excelCall } from "../../functions/excel-adapter";

const ROWS = 100_000;
const RUNS = 5;
const TARGET_MS = 1000;

/** Deterministic sheet-like values: masses with 2 decimals, distances in whole km. */
function column(n: number, f: (i: number) => unknown): unknown[][] {
  const out: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [f(i)];
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function now(): number {
  return performance.now();
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/** Runs `fn` once to warm up, then RUNS times; returns the median in ms. */
function time(fn: () => void): { median: number; runs: number[] } {
  fn();
  const runs: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    gc();
    const t0 = now();
    fn();
    runs.push(now() - t0);
  }
  return { median: median(runs), runs };
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench functions: wrong result for ${what}`);
}

const fmt = (ms: number) => ms.toFixed(1);

export function benchFunctions(log: (line: string) => void): void {
  log(`functions: ${ROWS.toLocaleString("en-US")}-row range calls through excelCall (median of ${RUNS} runs after a warm-up)`);
  const mass = column(ROWS, (i) => 100 + (i % 997) + (i % 7) / 100);
  const dist = column(ROWS, (i) => 10 + (i % 613));
  const kwh = column(ROWS, (i) => 50 + (i % 1009) + (i % 3) / 10);

  // Spot checks on exact values (WTW road.hgv DESNZ 2025: 0.12522 kg CO2e/t.km; GB 2025 grid 0.177 kg CO2e/kWh).
  let out = excelCall("TRANSPORT_CO2", [mass, dist, [["road.hgv"]]]);
  check(out.length === ROWS && out[0]![0] === 0.12522 && out[1]![0] === new Dec("101.01").div(1000).times(11).times("0.12522").toNumber(), "TRANSPORT_CO2");
  const t = time(() => {
    out = excelCall("TRANSPORT_CO2", [mass, dist, [["road.hgv"]]]);
  });
  log(`  ESG.TRANSPORT_CO2 mass_kg x distance_km x "road.hgv", ${ROWS} rows: median ${fmt(t.median)} ms (runs ${t.runs.map(fmt).join(", ")}; target < ${TARGET_MS} ms${t.median < TARGET_MS ? ", met" : ", NOT MET"})`);

  let e = excelCall("ELECTRICITY_CO2", [kwh, [["GB"]]]);
  check(e.length === ROWS && e[0]![0] === 8.85, "ELECTRICITY_CO2");
  const te = time(() => {
    e = excelCall("ELECTRICITY_CO2", [kwh, [["GB"]]]);
  });
  log(`  ESG.ELECTRICITY_CO2 energy_kwh x "GB", ${ROWS} rows: median ${fmt(te.median)} ms (runs ${te.runs.map(fmt).join(", ")}; target < ${TARGET_MS} ms${te.median < TARGET_MS ? ", met" : ", NOT MET"})`);

  // Per-cell cost of scalar calls: what a sheet of 100,000 single-cell formulas costs.
  const scalarMass = mass.map((r) => [r]);
  const scalarDist = dist.map((r) => [r]);
  const mode = [["road.hgv"]];
  const ts = time(() => {
    for (let i = 0; i < ROWS; i++) excelCall("TRANSPORT_CO2", [scalarMass[i]!, scalarDist[i]!, mode]);
  });
  log(`  ESG.TRANSPORT_CO2 scalar calls: ${ROWS} calls, median ${fmt(ts.median)} ms = ${((ts.median * 1000) / ROWS).toFixed(2)} µs per call`);
  const scalarKwh = kwh.map((r) => [r]);
  const region = [["GB"]];
  const tse = time(() => {
    for (let i = 0; i < ROWS; i++) excelCall("ELECTRICITY_CO2", [scalarKwh[i]!, region]);
  });
  log(`  ESG.ELECTRICITY_CO2 scalar calls: ${ROWS} calls, median ${fmt(tse.median)} ms = ${((tse.median * 1000) / ROWS).toFixed(2)} µs per call`);
}
