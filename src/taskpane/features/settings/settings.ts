/** Workbook settings: what every calculation is run with, stored in the workbook under SETTINGS_KEY. */
import { embodiedCategories, type FactorRegistry, type PipelineSettings, type ReuseAssumptions } from "../../../engine";
import { BOAVIZTA_UNU_KEY_MAP } from "../../../bundled/boavizta-map";

export const SETTINGS_KEY = "esg.settings";

export const GWP_SETS = ["AR4", "AR5", "AR6"] as const;
export const ALLOCATIONS = ["cut-off", "avoided-burden", "50-50", "cff"] as const;

export interface EsgSettings {
  reportingPeriod: string;
  organization: string;
  /** ISO country code or eGRID subregion used when a row names no region. */
  regionDefault: string;
  gwpSet: (typeof GWP_SETS)[number];
  allocation: (typeof ALLOCATIONS)[number];
  /** Reuse displacement rate between 0 and 1, as text (exact). */
  displacementRate: string;
  /** Who prepares the submission (manifest preparer, audit log "who"). */
  preparer: string;
  /** Who reviewed the figures before submission (manifest approval, role "reviewer"); optional. */
  reviewer: string;
  /** Who approves the submission (manifest approval, role "approver"); recommended to differ from the preparer. */
  approver: string;
  /** Site mass balance for the period (kg, exact text): mass received; empty = no mass balance (GRI 306 / ESRS E5-5 not built). */
  massReceived: string;
  /** Closing minus opening stock in the period (kg, may be negative). */
  stockChange: string;
  /** Reuse assumptions (empty years = no reuse credit): second-life years of a reused unit. */
  reuseSecondLifeYears: string;
  /** Reference (first) life of the new product the reused unit stands in for, years. */
  reuseReferenceLifeYears: string;
  /** kg CO2e per reused unit: refurbishment (test, erase, clean, repack), replacement parts, extra logistics. */
  reuseRefurbishmentKg: string;
  reusePartsKg: string;
  reuseLogisticsKg: string;
}

export const DEFAULT_SETTINGS: EsgSettings = {
  reportingPeriod: "2024",
  organization: "",
  regionDefault: "US",
  gwpSet: "AR5",
  allocation: "50-50",
  displacementRate: "0.5",
  preparer: "",
  reviewer: "",
  approver: "",
  massReceived: "",
  stockChange: "",
  reuseSecondLifeYears: "",
  reuseReferenceLifeYears: "",
  reuseRefurbishmentKg: "",
  reusePartsKg: "",
  reuseLogisticsKg: "",
};

/** The text fields of the settings (every field but the GWP set and the allocation). */
const TEXT_FIELDS = [
  "reportingPeriod",
  "organization",
  "regionDefault",
  "displacementRate",
  "preparer",
  "reviewer",
  "approver",
  "massReceived",
  "stockChange",
  "reuseSecondLifeYears",
  "reuseReferenceLifeYears",
  "reuseRefurbishmentKg",
  "reusePartsKg",
  "reuseLogisticsKg",
] as const;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const NON_NEGATIVE = /^\d+(\.\d+)?$/;

/** Problems with the settings, by field (empty when valid). */
export function settingsProblems(s: EsgSettings): Partial<Record<keyof EsgSettings, string>> {
  const out: Partial<Record<keyof EsgSettings, string>> = {};
  if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/.test(s.reportingPeriod.trim())) out.reportingPeriod = "A year (2024), a month (2024-03) or a quarter (2024-Q1).";
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(s.displacementRate.trim())) out.displacementRate = "A fraction between 0 and 1, e.g. 0.5.";
  if (s.regionDefault.trim() === "") out.regionDefault = "A country code such as US or GB, or an eGRID subregion.";
  const received = s.massReceived.trim();
  if (received !== "" && !NON_NEGATIVE.test(received)) out.massReceived = "A mass in kg, e.g. 45210 (empty: no mass balance).";
  if (s.stockChange.trim() !== "" && !DECIMAL.test(s.stockChange.trim())) out.stockChange = "A mass in kg, e.g. 0 or -120 (closing minus opening stock).";
  if (received === "" && s.stockChange.trim() !== "" && s.stockChange.trim() !== "0") out.massReceived = "Give the mass received with the stock change.";
  const reuse = [s.reuseSecondLifeYears, s.reuseReferenceLifeYears, s.reuseRefurbishmentKg, s.reusePartsKg, s.reuseLogisticsKg].map((v) => v.trim());
  if (reuse.some((v) => v !== "")) {
    for (const [k, v] of [
      ["reuseSecondLifeYears", reuse[0]],
      ["reuseReferenceLifeYears", reuse[1]],
    ] as const) if (!NON_NEGATIVE.test(v!) || Number(v) <= 0) out[k] = "Years, more than 0 (all reuse fields empty: no reuse credit).";
    for (const [k, v] of [
      ["reuseRefurbishmentKg", reuse[2]],
      ["reusePartsKg", reuse[3]],
      ["reuseLogisticsKg", reuse[4]],
    ] as const) if (v !== "" && !NON_NEGATIVE.test(v!)) out[k] = "kg CO2e per unit, 0 or more (empty = 0).";
  }
  return out;
}

/** Reads stored settings leniently: unknown or bad fields fall back to the defaults. */
export function readSettings(raw: unknown): EsgSettings {
  const s = { ...DEFAULT_SETTINGS };
  if (typeof raw !== "object" || raw === null) return s;
  const r = raw as Record<string, unknown>;
  for (const k of TEXT_FIELDS) if (typeof r[k] === "string") s[k] = r[k];
  if (GWP_SETS.includes(r.gwpSet as EsgSettings["gwpSet"])) s.gwpSet = r.gwpSet as EsgSettings["gwpSet"];
  if (ALLOCATIONS.includes(r.allocation as EsgSettings["allocation"])) s.allocation = r.allocation as EsgSettings["allocation"];
  return s;
}

/** The pipeline settings these workbook settings stand for. */
export function pipelineSettings(s: EsgSettings): PipelineSettings {
  return {
    reportingPeriod: s.reportingPeriod.trim(),
    gwpSet: s.gwpSet,
    allocation: s.allocation === "cff" ? "cff" : s.allocation,
    displacementRate: s.displacementRate.trim(),
    ...(s.organization.trim() !== "" ? { claimant: s.organization.trim() } : {}),
    ...(s.massReceived.trim() !== "" ? { massBalance: { received: s.massReceived.trim(), stockChange: s.stockChange.trim() === "" ? "0" : s.stockChange.trim() } } : {}),
  };
}

let newProductFactors: { registry: FactorRegistry; byKey: Record<string, string> } | null = null;

/** The new product a reused unit stands in for, by UNU-KEY: the Boavizta category median (the largest category) mapped to the key, as `esg run` does. */
export function newProductFactorByUnuKey(registry: FactorRegistry): Readonly<Record<string, string>> {
  if (newProductFactors?.registry !== registry) {
    const byKey: Record<string, string> = {};
    for (const [key, list] of embodiedCategories(BOAVIZTA_UNU_KEY_MAP, registry)) if (list[0]) byKey[key] = list[0].factorId;
    newProductFactors = { registry, byKey };
  }
  return newProductFactors.byKey;
}

/** The reuse assumptions of the settings (passed to the records of REUSE-DEVICE rows), or undefined without them. */
export function reuseAssumptions(s: EsgSettings, registry: FactorRegistry): ReuseAssumptions | undefined {
  const years = s.reuseSecondLifeYears.trim();
  const life = s.reuseReferenceLifeYears.trim();
  if (years === "" || life === "") return undefined;
  const kg = (v: string) => (v.trim() === "" ? "0" : v.trim());
  return {
    newProductFactorByUnuKey: newProductFactorByUnuKey(registry),
    lifetimeExtendedYears: years,
    lifetimeNewYears: life,
    refurbishmentKg: kg(s.reuseRefurbishmentKg),
    partsKg: kg(s.reusePartsKg),
    extraLogisticsKg: kg(s.reuseLogisticsKg),
  };
}

/** The first and last day of a settings reporting period ("2024", "2024-03", "2024-Q1"), or null. */
export function periodDates(period: string): { start: string; end: string } | null {
  const p = period.trim();
  const y = /^(\d{4})$/.exec(p);
  if (y) return { start: `${y[1]}-01-01`, end: `${y[1]}-12-31` };
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${String(lastDay(Number(m[1]), Number(m[2])))}` };
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) {
    const first = (Number(q[2]) - 1) * 3 + 1;
    const last = first + 2;
    const mm = (n: number) => String(n).padStart(2, "0");
    return { start: `${q[1]}-${mm(first)}-01`, end: `${q[1]}-${mm(last)}-${String(lastDay(Number(q[1]), last))}` };
  }
  return null;
}
