/**
 * The built-in sample data `esg run` uses with no arguments: a small, deterministic ITAD workbook
 * (seeded generator, no clock, no Math.random) as three CSV sheets — an asset disposition log with
 * free-text descriptions, mixed units (lbs and kg) and ONE deliberately bad row, inbound shipments
 * with legs, and monthly facility electricity.
 */
export interface SampleSheet {
  name: string;
  rows: string[][];
}

/** mulberry32 (public domain): small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS: ReadonlyArray<[string, number, number]> = [
  ["Latitude 5420 Laptop 14in", 1.4, 2.1],
  ["ThinkPad T14 notebook", 1.3, 1.9],
  ["EliteDesk 800 G6 desktop tower PC", 5.5, 8.5],
  ["P2419H 24in LCD monitor", 3.2, 4.8],
  ["PowerEdge R740 rack server", 22, 32],
  ["Catalyst 2960 network switch", 3.5, 5.5],
  ["LaserJet Pro M404 laser printer", 8, 10],
  ["iPhone 12 smartphone", 0.16, 0.2],
];
const DISPOSITIONS = ["Recycled", "Recycled", "Recycled", "Resold", "Landfill"];
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Index (0-based, among data rows) of the asset row whose weight is deliberately bad. */
export const SAMPLE_BAD_ROW = 17;

export function sampleSheets(assets = 120): SampleSheet[] {
  const r = rng(2025);
  const log: string[][] = [["Asset Tag", "Item Description", "Qty", "Weight", "UOM", "Disposition", "Lot"]];
  for (let i = 0; i < assets; i++) {
    const [text, lo, hi] = PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
    const kg = lo + r() * (hi - lo);
    const lbs = r() < 0.5;
    const weight = lbs ? (Math.round((kg / 0.45359237) * 10) / 10).toFixed(1) : (Math.round(kg * 100) / 100).toFixed(2);
    log.push([`ATG-${pad(100000 + i, 6)}`, text, "1", i === SAMPLE_BAD_ROW ? "12..5" : weight, lbs ? "lbs" : "kg", DISPOSITIONS[Math.floor(r() * DISPOSITIONS.length)]!, `LOT-${pad(i + 1, 4)}`]);
  }
  const ship: string[][] = [["Shipment ID", "Leg", "Mode", "Distance (km)", "Weight (kg)"]];
  for (let s = 0; s < 20; s++) {
    const legs = 1 + Math.floor(r() * 2);
    const kg = String(Math.round(500 + r() * 5000));
    for (let l = 1; l <= legs; l++) ship.push([`SHP-25-${pad(s + 1, 3)}`, String(l), r() < 0.8 ? "Truck" : "Rail", (Math.round((20 + r() * 600) * 10) / 10).toFixed(1), kg]);
  }
  const energy: string[][] = [["Site", "Month", "Country", "Usage", "Unit"]];
  for (let m = 1; m <= 12; m++) energy.push(["Leeds plant", `2025-${pad(m, 2)}`, "GB", String(Math.round(42000 * (0.85 + r() * 0.3))), "kWh"]);
  return [
    { name: "asset-log", rows: log },
    { name: "shipments", rows: ship },
    { name: "facility-energy", rows: energy },
  ];
}
