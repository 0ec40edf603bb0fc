/** Workbook settings: what every calculation is run with, stored in the workbook under SETTINGS_KEY. */
import type { PipelineSettings } from "../../../engine";

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
};

/** Problems with the settings, by field (empty when valid). */
export function settingsProblems(s: EsgSettings): Partial<Record<keyof EsgSettings, string>> {
  const out: Partial<Record<keyof EsgSettings, string>> = {};
  if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/.test(s.reportingPeriod.trim())) out.reportingPeriod = "A year (2024), a month (2024-03) or a quarter (2024-Q1).";
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(s.displacementRate.trim())) out.displacementRate = "A fraction between 0 and 1, e.g. 0.5.";
  if (s.regionDefault.trim() === "") out.regionDefault = "A country code such as US or GB, or an eGRID subregion.";
  return out;
}

/** Reads stored settings leniently: unknown or bad fields fall back to the defaults. */
export function readSettings(raw: unknown): EsgSettings {
  const s = { ...DEFAULT_SETTINGS };
  if (typeof raw !== "object" || raw === null) return s;
  const r = raw as Record<string, unknown>;
  for (const k of ["reportingPeriod", "organization", "regionDefault", "displacementRate", "preparer", "reviewer", "approver"] as const) if (typeof r[k] === "string") s[k] = r[k];
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
