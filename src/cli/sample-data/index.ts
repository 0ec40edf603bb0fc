/**
 * The built-in sample data `esg run` uses with no arguments: a small, deterministic ITAD workbook
 * (seeded generator, no clock, no Math.random) for one site ("Leeds plant") and the year 2025, as
 * five CSV sheets:
 *
 *   asset-log        assets received and dispositioned: free-text descriptions, mixed units (lbs and
 *                    kg), data-bearing and hazardous flags, and for resold units the evidence the reuse
 *                    credit needs (test report, erasure report for data-bearing units, sales order).
 *                    ONE deliberately bad row (weight "12..5", rejected by the mapping with its reason)
 *                    and ONE resold data-bearing unit without an erasure report (credit withheld, a warning).
 *   shipments        inbound collections (van, some with a truck trunk leg) whose weighbridge masses are
 *                    what the site received, and the quarterly outbound loads to downstream processors.
 *   facility-energy  monthly electricity with the part covered by REGOs (Scope 2 market-based).
 *   fuel-log         monthly natural gas (space heating, m3 at the meter) and diesel (forklifts and the
 *                    yard truck, litres): Scope 1.
 *   downstream-certificates  quarterly certificates of recycling / treatment per output fraction (the
 *                    taxonomy's fraction codes; hazardous flags from the taxonomy's fraction defaults).
 *
 * Its own metadata (`sampleData().site`) states the site mass balance (received, stock change) and the
 * reuse assumptions; `esg run` uses them for the sample only.
 */
export interface SampleSheet {
  name: string;
  rows: string[][];
}

/** The sample site's own statements for the period (exact decimal strings, kg). */
export interface SampleSite {
  name: string;
  period: string;
  /** Mass received in the period: the sum of the inbound weighbridge tickets (shipments sheet). */
  received: string;
  /** Closing minus opening stock: the last collection (December) is still unprocessed on 31 December; opening stock 0. */
  stockChange: string;
  /**
   * Reuse assumptions of the sample [P, stated here, not method defaults]: the new product a resold unit stands in
   * for is the Boavizta category median mapped to its UNU-KEY (only these keys: desktops, laptops, smartphones,
   * monitors); second life 3 years against a 5-year first life; per unit 1.5 kg CO2e refurbishment (test, erase,
   * clean, repack), no parts, 0.8 kg CO2e extra logistics. DR: the method default 0.5.
   */
  reuse: {
    unuKeys: readonly string[];
    lifetimeExtendedYears: string;
    lifetimeNewYears: string;
    refurbishmentKg: string;
    partsKg: string;
    extraLogisticsKg: string;
  };
}

export interface SampleData {
  sheets: SampleSheet[];
  site: SampleSite;
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

interface Product {
  text: string;
  lo: number;
  hi: number;
  dataBearing: boolean;
  /** UK List of Waste: displays and battery-powered devices as 20 01 35* (hazardous components), others 20 01 36 [GK, simplified]. */
  hazardous: boolean;
  /** Resold as whole devices (the reuse credit's new-product factor exists for their UNU-KEY). */
  resaleable: boolean;
}

const PRODUCTS: readonly Product[] = [
  { text: "Latitude 5420 Laptop 14in", lo: 1.4, hi: 2.1, dataBearing: true, hazardous: true, resaleable: true },
  { text: "ThinkPad T14 notebook", lo: 1.3, hi: 1.9, dataBearing: true, hazardous: true, resaleable: true },
  { text: "EliteDesk 800 G6 desktop tower PC", lo: 5.5, hi: 8.5, dataBearing: true, hazardous: false, resaleable: true },
  { text: "P2419H 24in LCD monitor", lo: 3.2, hi: 4.8, dataBearing: false, hazardous: true, resaleable: true },
  { text: "PowerEdge R740 rack server", lo: 22, hi: 32, dataBearing: true, hazardous: false, resaleable: false },
  { text: "Catalyst 2960 network switch", lo: 3.5, hi: 5.5, dataBearing: true, hazardous: false, resaleable: false },
  { text: "LaserJet Pro M404 laser printer", lo: 8, hi: 10, dataBearing: false, hazardous: false, resaleable: false },
  { text: "iPhone 12 smartphone", lo: 0.16, hi: 0.2, dataBearing: true, hazardous: true, resaleable: true },
];

/** Output fractions of the recycled assets (share of mass, [P] typical mixed IT equipment), their treatment and processor. */
const FRACTIONS: ReadonlyArray<[code: string, share: number, treatment: string, processor: string]> = [
  ["FE", 0.3, "Recycled", "Midlands Metals Ltd"],
  ["AL", 0.07, "Recycled", "Midlands Metals Ltd"],
  ["CBL", 0.04, "Recycled", "Midlands Metals Ltd"],
  ["PCB-MG", 0.1, "Recycled", "PCB Refining GmbH"],
  ["PLA-NOBFR", 0.17, "Recycled", "PolyLoop Recycling Ltd"],
  ["PLA-BFR", 0.12, "Energy recovery", "Ferrybridge EfW"],
  ["GLS-OTH", 0.05, "Recycled", "GlassCycle Ltd"],
  ["LCD-PANEL", 0.06, "Recycled", "Display Recovery Ltd"],
  ["BAT-LIION", 0.04, "Recycled", "Battery Recovery UK"],
  ["RES-SHRED", 0.05, "Landfill", "Northern Landfill Ltd"],
];

/** Monthly heating profile of the site (m3 of natural gas at the meter). */
const GAS_M3 = [1150, 1000, 880, 580, 330, 160, 140, 150, 290, 580, 880, 1100];

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Index (0-based, among data rows) of the asset row whose weight is deliberately bad. */
export const SAMPLE_BAD_ROW = 17;

/** The built-in sample: sheets and the site's own metadata. */
export function sampleData(assets = 120): SampleData {
  const r = rng(2025);
  const collections = 12;
  const collectionOf = (i: number) => Math.floor((i * collections) / assets);
  const collectedKg = new Array<number>(collections + 1).fill(0);
  const recycledKg = [0, 0, 0, 0];

  const log: string[][] = [["Asset Tag", "Item Description", "Qty", "Weight", "UOM", "Disposition", "Lot", "Data Bearing", "Hazardous", "Test Report", "Erasure Report", "Sales Order"]];
  let withheld = false;
  let orders = 0;
  for (let i = 0; i < assets; i++) {
    const p = PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
    // A line of the log is a batch of one model from one collection (servers come in ones and twos); the weight is the line's.
    const qty = i === SAMPLE_BAD_ROW ? 1 : 1 + Math.floor(r() * (p.lo > 20 ? 2 : 25));
    const kg = qty * (p.lo + r() * (p.hi - p.lo));
    const lbs = r() < 0.5;
    const weight = lbs ? (Math.round((kg / 0.45359237) * 10) / 10).toFixed(1) : (Math.round(kg * 100) / 100).toFixed(2);
    const u = r();
    const disposition = p.resaleable && u < 0.4 ? "Resold" : u < 0.92 ? "Recycled" : "Landfill";
    const c = collectionOf(i);
    collectedKg[c]! += kg;
    if (disposition === "Recycled") recycledKg[Math.floor(c / 3)]! += kg;
    const tag = `ATG-${pad(100000 + i, 6)}`;
    let evidence = ["", "", ""];
    if (disposition === "Resold") {
      orders++;
      // One resold data-bearing unit has no erasure report: its reuse credit is withheld (a warning, not a rejection).
      const skipErasure = p.dataBearing && !withheld && i >= 60;
      if (skipErasure) withheld = true;
      evidence = [`TR-25-${pad(50000 + i, 5)}`, p.dataBearing && !skipErasure ? `ER-25-${pad(70000 + i, 5)}` : "", `SO-25-${pad(orders, 4)}`];
    }
    const lot = disposition === "Resold" ? `RS-25-${pad(i + 1, 4)}` : `PAL-25-${pad(c + 1, 2)}`;
    log.push([tag, p.text, String(qty), i === SAMPLE_BAD_ROW ? "12..5" : weight, lbs ? "lbs" : "kg", disposition, lot, p.dataBearing ? "Yes" : "No", p.hazardous ? "Yes" : "No", ...evidence]);
  }
  // The December collection arrived on 19 December and is still in stock on 31 December.
  collectedKg[collections] = 600 + r() * 300;

  const ship: string[][] = [["Shipment ID", "Leg", "Mode", "Distance (km)", "Weight (kg)"]];
  let received = 0;
  let stock = 0;
  for (let c = 0; c <= collections; c++) {
    const kg = Math.round(collectedKg[c]!); // weighbridge ticket, whole kg
    received += kg;
    if (c === collections) stock = kg;
    const id = `COL-25-${pad(c + 1, 2)}`;
    const trunk = r() < 0.4;
    ship.push([id, "1", kg > 1200 ? "Rigid truck" : "Van", (Math.round((15 + r() * 120) * 10) / 10).toFixed(1), String(kg)]);
    if (trunk) ship.push([id, "2", "Truck", (Math.round((80 + r() * 250) * 10) / 10).toFixed(1), String(kg)]);
  }

  const certs: string[][] = [["Certificate No", "Lot", "Material", "Net Weight (kg)", "Treatment", "Downstream Processor", "Date"]];
  const quarterEnd = ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"];
  for (let q = 0; q < 4; q++) {
    let out = 0;
    FRACTIONS.forEach(([code, share, treatment, processor], k) => {
      const kg = Math.round(recycledKg[q]! * share * (0.97 + r() * 0.06) * 10) / 10;
      out += kg;
      certs.push([`COR-25-Q${q + 1}-${pad(k + 1, 2)}`, `OUT-25-Q${q + 1}-${code}`, code, kg.toFixed(1), treatment, processor, quarterEnd[q]!]);
    });
    ship.push([`DSP-25-Q${q + 1}`, "1", "Truck", (Math.round((140 + r() * 60) * 10) / 10).toFixed(1), out.toFixed(1)]);
  }

  const energy: string[][] = [["Site", "Month", "Country", "Usage", "Unit", "REGO (kWh)", "REGO Certificate"]];
  for (let m = 1; m <= 12; m++) {
    const kwh = Math.round(6800 * (0.85 + r() * 0.3));
    // A green tariff backed by REGOs for 60 % of each month's use (the rest: grid, flagged, as no residual mix is shipped).
    energy.push(["Leeds plant", `2025-${pad(m, 2)}`, "GB", String(kwh), "kWh", String(Math.round(kwh * 0.6)), `REGO-25-${pad(m, 2)}-LEEDS`]);
  }

  const fuel: string[][] = [["Site", "Month", "Fuel", "Purpose", "Volume", "Volume Unit"]];
  for (let m = 1; m <= 12; m++) {
    fuel.push(["Leeds plant", `2025-${pad(m, 2)}`, "Natural gas", "Space heating", String(Math.round(GAS_M3[m - 1]! * (0.92 + r() * 0.16))), "m3"]);
    fuel.push(["Leeds plant", `2025-${pad(m, 2)}`, "Diesel", "Forklifts and yard truck", String(Math.round(140 * (0.9 + r() * 0.2))), "L"]);
  }

  return {
    sheets: [
      { name: "asset-log", rows: log },
      { name: "shipments", rows: ship },
      { name: "facility-energy", rows: energy },
      { name: "fuel-log", rows: fuel },
      { name: "downstream-certificates", rows: certs },
    ],
    site: {
      name: "Leeds plant",
      period: "2025",
      received: String(received),
      stockChange: String(stock),
      reuse: { unuKeys: ["0302", "0303", "0306", "0309"], lifetimeExtendedYears: "3", lifetimeNewYears: "5", refurbishmentKg: "1.5", partsKg: "0", extraLogisticsKg: "0.8" },
    },
  };
}

export function sampleSheets(assets = 120): SampleSheet[] {
  return sampleData(assets).sheets;
}
