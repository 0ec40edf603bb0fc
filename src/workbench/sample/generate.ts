/**
 * Deterministic sample data for the workbench (a seeded generator, no Math.random):
 * an ITAD's yearly asset disposition log with free-text descriptions, mixed units
 * (lbs and kg), data-bearing and hazardous flags, the evidence a reuse credit needs
 * (test report, erasure report for data-bearing units, sales order) and ONE deliberately
 * bad row; shipments with legs; monthly facility electricity with the part covered by
 * RECs; a monthly fuel log (natural gas, diesel: Scope 1); downstream certificates of
 * recycling (material names, certificate ids); and the site's own settings: the mass
 * balance it states for the year and its reuse assumptions (as `esg run`'s sample).
 */
import type { CellValue } from "../../office/gateway";

export type Rows = CellValue[][];

/** Small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** dataBearing: can hold data (an erasure report is needed for reuse); hazardous: displays and battery-powered devices [GK, simplified]. */
const PRODUCTS: ReadonlyArray<{ text: string; make: string; kg: [number, number]; dataBearing: boolean; hazardous: boolean }> = [
  { text: "Latitude 5420 Laptop 14in", make: "Dell", kg: [1.4, 2.1], dataBearing: true, hazardous: true },
  { text: "ThinkPad T14 notebook", make: "Lenovo", kg: [1.3, 1.9], dataBearing: true, hazardous: true },
  { text: "EliteDesk 800 G6 desktop tower PC", make: "HP", kg: [5.5, 8.5], dataBearing: true, hazardous: false },
  { text: "OptiPlex 7080 SFF desktop computer", make: "Dell", kg: [4.5, 6.5], dataBearing: true, hazardous: false },
  { text: "P2419H 24in LCD monitor", make: "Dell", kg: [3.2, 4.8], dataBearing: false, hazardous: true },
  { text: "27in LED flat panel monitor", make: "Samsung", kg: [4.5, 6.8], dataBearing: false, hazardous: true },
  { text: "PowerEdge R740 rack server", make: "Dell", kg: [22, 32], dataBearing: true, hazardous: false },
  { text: "Catalyst 2960 network switch", make: "Cisco", kg: [3.5, 5.5], dataBearing: true, hazardous: false },
  { text: "LaserJet Pro M404 laser printer", make: "HP", kg: [8, 10], dataBearing: false, hazardous: false },
  { text: "iPhone 12 smartphone", make: "Apple", kg: [0.16, 0.2], dataBearing: true, hazardous: true },
  { text: "iPad Air tablet", make: "Apple", kg: [0.45, 0.5], dataBearing: true, hazardous: true },
  { text: "Smart-UPS 1500 UPS battery backup", make: "APC", kg: [24, 28], dataBearing: false, hazardous: true },
];

const DISPOSITIONS: ReadonlyArray<[string, number]> = [
  ["Resold", 0.35],
  ["Recycled", 0.4],
  ["Refurbished", 0.12],
  ["Parts harvest", 0.08],
  ["Landfill", 0.05],
];

const VENDORS = ["GreenCycle Metals LLC", "Sims Lifecycle Services", "ERI Direct", "Metro Shred & Recycle"];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function weighted(r: () => number, xs: ReadonlyArray<[string, number]>): string {
  let x = r();
  for (const [v, w] of xs) {
    if (x < w) return v;
    x -= w;
  }
  return xs[xs.length - 1]![0];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Rows above the header (a title block, as real exports have). */
export const ASSET_TITLE_ROWS = 3;
export const ASSET_HEADER = [
  "Asset Tag",
  "Serial #",
  "Item Description",
  "Manufacturer",
  "Qty",
  "Weight",
  "UOM",
  "Disposition",
  "Date Processed",
  "Downstream Vendor",
  "Cert #",
  "Data Bearing",
  "Hazardous",
  "Test Report",
  "Erasure Report",
  "Sales Order",
];
/** Data row index (0-based, below the header) of the deliberately bad row. */
export const BAD_ROW_INDEX = 1233;
export const BAD_WEIGHT = "12..5";
export const FIXED_WEIGHT = 12.5;

/** The asset disposition log: title block, header, `n` data rows; one row has a bad weight. */
export function assetLog(n = 4000, seed = 2024, withBadRow = true): Rows {
  const r = rng(seed);
  const rows: Rows = [["Acme IT Asset Recovery - Asset Disposition Log 2024"], ["Client: Northwind Bank; exported 2025-01-06"], [], ASSET_HEADER];
  for (let i = 0; i < n; i++) {
    const p = pick(r, PRODUCTS);
    const qty = r() < 0.85 ? 1 : 2 + Math.floor(r() * 4);
    const kg = (p.kg[0] + r() * (p.kg[1] - p.kg[0])) * qty;
    const lbs = r() < 0.6;
    const weight = lbs ? round(kg / 0.45359237, 1) : round(kg, 2);
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 365) * 86400000);
    const date = `${pad(day.getUTCMonth() + 1, 2)}/${pad(day.getUTCDate(), 2)}/${day.getUTCFullYear()}`;
    const disposition = weighted(r, DISPOSITIONS);
    const recycled = disposition === "Recycled" || disposition === "Landfill";
    // Evidence of reuse (no draws from the generator: the other columns stay as they were).
    const reused = disposition === "Resold" || disposition === "Refurbished";
    const evidence = reused ? [`TR-24-${pad(50000 + i, 6)}`, p.dataBearing ? `ER-24-${pad(70000 + i, 6)}` : "", disposition === "Resold" ? `SO-24-${pad(10000 + i, 6)}` : ""] : ["", "", ""];
    rows.push([
      `ATG-${pad(100000 + i, 6)}`,
      `${String.fromCharCode(65 + Math.floor(r() * 26))}${Math.floor(r() * 1e9).toString(36).toUpperCase().padStart(8, "0")}`,
      p.text,
      p.make,
      qty,
      withBadRow && i === BAD_ROW_INDEX ? BAD_WEIGHT : weight,
      lbs ? "lbs" : "kg",
      disposition,
      date,
      recycled ? pick(r, VENDORS) : "",
      recycled ? `COR-24-${pad(1 + Math.floor(r() * 900), 4)}` : "",
      p.dataBearing ? "Yes" : "No",
      p.hazardous ? "Yes" : "No",
      ...evidence,
    ]);
  }
  return rows;
}

export const SHIPMENT_HEADER = ["Shipment ID", "Leg", "From", "To", "Mode", "Distance (mi)", "Weight (lbs)"];

/** Inbound shipments: each has 1 to 3 legs (one row per leg). */
export function shipments(n = 150, seed = 7): Rows {
  const r = rng(seed);
  const hubs = ["Chicago IL", "Columbus OH", "Atlanta GA", "Dallas TX", "Reno NV", "Newark NJ"];
  const rows: Rows = [SHIPMENT_HEADER];
  for (let s = 0; s < n; s++) {
    const legs = 1 + Math.floor(r() * 3);
    const lbs = round(800 + r() * 12000, 0);
    let from = pick(r, hubs);
    for (let l = 1; l <= legs; l++) {
      const to = l === legs ? "Columbus OH" : pick(r, hubs);
      const mode = l === 1 && legs > 1 ? "Van" : r() < 0.1 ? "Rail" : "Truck";
      rows.push([`SHP-24-${pad(s + 1, 4)}`, l, from, to, mode, round(20 + r() * 600, 1), lbs]);
      from = to;
    }
  }
  return rows;
}

export const ENERGY_HEADER = ["Site", "Month", "Country", "Usage", "Unit", "RECs (kWh)", "REC Certificate"];

/** Monthly facility electricity for two sites; the Columbus plant buys RECs for 40 % of its use (Scope 2 market-based). */
export function facilityEnergy(seed = 11): Rows {
  const r = rng(seed);
  const rows: Rows = [ENERGY_HEADER];
  for (const [site, country, base, recShare] of [
    ["Columbus OH plant", "US", 42000, 0.4],
    ["Reno NV depot", "US", 9000, 0],
  ] as const) {
    for (let m = 1; m <= 12; m++) {
      const kwh = round(base * (0.85 + r() * 0.3), 0);
      const rec = Math.round(kwh * recShare);
      rows.push([site, `2024-${pad(m, 2)}`, country, kwh, "kWh", rec, rec > 0 ? `REC-24-${pad(m, 2)}-CMH` : ""]);
    }
  }
  return rows;
}

export const FUEL_HEADER = ["Site", "Month", "Fuel", "Purpose", "Volume", "Volume Unit"];

/** Monthly heating profile of the Columbus plant (m3 of natural gas at the meter). */
const GAS_M3 = [5200, 4600, 3900, 2500, 1400, 700, 600, 650, 1300, 2600, 3900, 5000];

/** Monthly fuel log (Scope 1): natural gas for space heating (m3) and diesel for forklifts and the yard truck (L). */
export function fuelLog(seed = 17): Rows {
  const r = rng(seed);
  const rows: Rows = [FUEL_HEADER];
  for (let m = 1; m <= 12; m++) {
    rows.push(["Columbus OH plant", `2024-${pad(m, 2)}`, "Natural gas", "Space heating", Math.round(GAS_M3[m - 1]! * (0.92 + r() * 0.16)), "m3"]);
    rows.push(["Columbus OH plant", `2024-${pad(m, 2)}`, "Diesel", "Forklifts and yard truck", Math.round(600 * (0.9 + r() * 0.2)), "L"]);
  }
  return rows;
}

export const CERT_HEADER = ["Certificate #", "Lot", "Vendor", "Material", "Weight (kg)", "Final Disposition", "Date"];

/** Downstream certificates of recycling (or energy recovery) for the output lots: material names, certificate ids. */
export function certificates(n = 120, seed = 13): Rows {
  const r = rng(seed);
  const materials = ["Shredded steel", "Aluminium scrap", "Copper cable", "Circuit boards", "Mixed plastics", "CRT glass"];
  const rows: Rows = [CERT_HEADER];
  for (let i = 0; i < n; i++) {
    const m = pick(r, materials);
    // One output lot per certificate: a lot's recycling credit is claimed once (SERI-EVC-ATTR-6).
    // Output lots of 10-330 kg: about 20 t a year, what the ~44 t asset log leaves after reuse.
    rows.push([`COR-24-${pad(i + 1, 4)}`, `OUT-24-${pad(i + 1, 4)}`, pick(r, VENDORS), m, round(10 + r() * 320, 1), m === "Mixed plastics" && r() < 0.5 ? "Energy recovery" : "Recycled", `2024-${pad(1 + (i % 12), 2)}-15`]);
  }
  return rows;
}

/** The asset log's total mass in kg (the bad row at its fixed weight), from its Weight and UOM columns. */
export function assetLogKg(rows: Rows): number {
  let kg = 0;
  rows.slice(ASSET_TITLE_ROWS + 1).forEach((row, i) => {
    const w = row[5] === BAD_WEIGHT && i === BAD_ROW_INDEX ? FIXED_WEIGHT : Number(row[5]);
    kg += row[6] === "lbs" ? w * 0.45359237 : w;
  });
  return kg;
}

/** Mass still in stock at the end of the year (the last December collection, not yet processed), kg. */
export const SAMPLE_STOCK_CHANGE_KG = 640;

export interface SampleWorkbook {
  sheets: Record<string, Rows>;
  /** Workbook settings the sample comes with (key -> value), as the taskpane stores them. */
  settings: Record<string, unknown>;
}

export function sampleWorkbook(options: { assets?: number } = {}): SampleWorkbook {
  const log = assetLog(options.assets ?? 4000);
  // The site's stated mass balance: received = what was processed (the log, whole kg as the weighbridge
  // tickets are) plus what is still in stock at year end; stock change = that stock (opening stock 0).
  const received = Math.round(assetLogKg(log)) + SAMPLE_STOCK_CHANGE_KG;
  return {
    sheets: {
      "Asset Log": log,
      Shipments: shipments(),
      "Facility Energy": facilityEnergy(),
      "Fuel Log": fuelLog(),
      "Downstream Certs": certificates(),
    },
    settings: {
      "esg.settings": {
        reportingPeriod: "2024",
        regionDefault: "US",
        massReceived: String(received),
        stockChange: String(SAMPLE_STOCK_CHANGE_KG),
        // The sample's reuse assumptions [P, stated by the sample, not method defaults], as esg run's sample:
        // second life 3 years against a 5-year first life; 1.5 kg CO2e refurbishment, no parts, 0.8 kg CO2e extra logistics per unit.
        reuseSecondLifeYears: "3",
        reuseReferenceLifeYears: "5",
        reuseRefurbishmentKg: "1.5",
        reusePartsKg: "0",
        reuseLogisticsKg: "0.8",
      },
    },
  };
}
