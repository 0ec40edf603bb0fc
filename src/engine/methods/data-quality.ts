/**
 * Data-quality indicators (method brief §1.3): GHG Protocol Scope 3 Standard Table 7.6 and
 * Box 7.2 [V] — technology, time, geography, completeness, reliability — scored 1 (very good)
 * to 4 (poor) on each input row and factor [P], and aggregated per output line as a mass- or
 * emission-weighted average in exact decimals [P].
 */
import { Dec, ZERO } from "../quantities/decimal";
import { fail } from "../issues/issue";
import type { TraceFactor } from "../trace/trace";
import { decArg, nonNegative, type NumberLike } from "./avoided-common";

export type DqiScore = 1 | 2 | 3 | 4;
export const DQI_INDICATORS = ["technology", "time", "geography", "completeness", "reliability"] as const;
export type DqiIndicator = (typeof DQI_INDICATORS)[number];
export type DqiScores = Readonly<Record<DqiIndicator, DqiScore>>;

export const DQI_LABELS: Readonly<Record<DqiScore, string>> = { 1: "very good", 2: "good", 3: "fair", 4: "poor" };

/** Box 7.2 wording per indicator and score (S1 p.77). */
export const DQI_CRITERIA: Readonly<Record<DqiIndicator, Readonly<Record<DqiScore, string>>>> = {
  technology: { 1: "same technology", 2: "similar but different technology", 3: "different technology", 4: "unknown technology" },
  time: { 1: "< 3 years difference", 2: "< 6 years difference", 3: "< 10 years difference", 4: "> 10 years or unknown" },
  geography: { 1: "same area", 2: "similar area", 3: "different area", 4: "unknown area" },
  completeness: {
    1: "all relevant sites, adequate period",
    2: "> 50 % of sites, adequate period",
    3: "< 50 % of sites adequate period, or > 50 % but shorter period",
    4: "< 50 % of sites shorter period, or unknown",
  },
  reliability: {
    1: "verified data based on measurements",
    2: "verified data partly based on assumptions, or non-verified measured data",
    3: "non-verified data partly based on assumptions, or qualified expert estimate",
    4: "non-qualified estimate",
  },
};

function asScore(value: unknown, argument: string): DqiScore {
  if (value === 1 || value === 2 || value === 3 || value === 4) return value;
  fail("OUT_OF_RANGE", { argument, value: String(value), expected: "a score 1 (very good) to 4 (poor)" });
}

/** Validates a score record (any value outside 1..4 is OUT_OF_RANGE). */
export function dqiScores(scores: Record<DqiIndicator, number>): DqiScores {
  const out = {} as Record<DqiIndicator, DqiScore>;
  for (const k of DQI_INDICATORS) out[k] = asScore(scores[k], `dqi.${k}`);
  return out;
}

/**
 * Time score from the factor (or data) year against the reporting year: difference < 3 y -> 1,
 * < 6 -> 2, < 10 -> 3, otherwise (or unknown year) -> 4 (Box 7.2).
 */
export function timeScore(dataYear: number | null | undefined, reportingYear: number): DqiScore {
  if (dataYear === null || dataYear === undefined || !Number.isInteger(dataYear) || dataYear <= 0) return 4;
  if (!Number.isInteger(reportingYear)) fail("NOT_A_NUMBER", { argument: "reportingYear", value: String(reportingYear), expected: "a year" });
  const diff = Math.abs(reportingYear - dataYear);
  if (diff < 3) return 1;
  if (diff < 6) return 2;
  if (diff < 10) return 3;
  return 4;
}

const UNKNOWN_REGIONS = new Set(["", "-", "UNSPECIFIED", "UNKNOWN"]);

/**
 * Geography score from region codes: same -> 1; similar -> 2 (one contains the other, e.g.
 * "US" and the eGRID subregion "US-CAMX", or a pair declared similar); known but different
 * (including GLOBAL) -> 3; unknown -> 4 [P].
 */
export function geographyScore(
  factorRegion: string | null | undefined,
  activityRegion: string | null | undefined,
  similar: ReadonlyArray<readonly [string, string]> = [],
): DqiScore {
  const f = (factorRegion ?? "").trim().toUpperCase();
  const a = (activityRegion ?? "").trim().toUpperCase();
  if (UNKNOWN_REGIONS.has(f) || UNKNOWN_REGIONS.has(a)) return 4;
  if (f === a) return 1;
  const nested = f.startsWith(`${a}-`) || a.startsWith(`${f}-`);
  const declared = similar.some(([x, y]) => (x.toUpperCase() === f && y.toUpperCase() === a) || (x.toUpperCase() === a && y.toUpperCase() === f));
  if (nested || declared) return 2;
  return 3;
}

export interface FactorDqiContext {
  reportingYear: number;
  /** Region of the activity (site, grid, market). */
  activityRegion?: string | null;
  similarRegions?: ReadonlyArray<readonly [string, string]>;
  /** Scores that cannot be derived from the factor's metadata; default 4 (unknown) until assessed. */
  technology?: number;
  completeness?: number;
  reliability?: number;
}

export interface ScoredDqi {
  scores: DqiScores;
  /** How each score was set ("derived: ..." or "assessed" or "default: unknown"). */
  basis: Readonly<Record<DqiIndicator, string>>;
}

/** Scores a factor: time and geography derived from its year and region; the rest as assessed (default 4, unknown). */
export function scoreFactor(factor: Pick<TraceFactor, "year" | "region" | "userSupplied">, ctx: FactorDqiContext): ScoredDqi {
  const year = factor.userSupplied && factor.year === 0 ? null : factor.year;
  const time = timeScore(year, ctx.reportingYear);
  const geography = factor.userSupplied && factor.region === "-" ? 4 : geographyScore(factor.region, ctx.activityRegion, ctx.similarRegions);
  const assessed = (v: number | undefined, k: DqiIndicator): [DqiScore, string] =>
    v === undefined ? [4, "default: unknown until assessed"] : [asScore(v, `dqi.${k}`), "assessed"];
  const [technology, tb] = assessed(ctx.technology, "technology");
  const [completeness, cb] = assessed(ctx.completeness, "completeness");
  const [reliability, rb] = assessed(ctx.reliability, "reliability");
  return {
    scores: { technology, time, geography, completeness, reliability },
    basis: {
      technology: tb,
      time: year === null ? "derived: factor year unknown" : `derived: factor year ${year} vs reporting year ${ctx.reportingYear}`,
      geography: `derived: factor region ${factor.region || "?"} vs activity region ${ctx.activityRegion ?? "?"}`,
      completeness: cb,
      reliability: rb,
    },
  };
}

/** Combines an input row's scores with its factor's: the worse score per indicator (conservative) [P]. */
export function combineDqi(...sets: readonly DqiScores[]): DqiScores {
  if (sets.length === 0) fail("MISSING_INPUT", { argument: "scores", expected: "at least one set of DQI scores" });
  const out = {} as Record<DqiIndicator, DqiScore>;
  for (const k of DQI_INDICATORS) out[k] = Math.max(...sets.map((s) => s[k])) as DqiScore;
  return out;
}

export interface WeightedDqiLine {
  /** Mass (kg) or emissions (kg CO2e) of the row; the weight. */
  weight: NumberLike;
  scores: DqiScores;
}

export interface AggregatedDqi {
  basis: "mass" | "emissions";
  totalWeight: Dec;
  /** Weighted average per indicator, exact (a non-terminating quotient at 50 significant digits). */
  averages: Readonly<Record<DqiIndicator, Dec>>;
  /** Mean of the five averages. */
  overall: Dec;
  rows: number;
}

/**
 * Mass- or emission-weighted average of the DQI scores of the rows behind one output line.
 * Weights are magnitudes (an avoided line may be negative; its absolute value weighs).
 */
export function aggregateDqi(lines: readonly WeightedDqiLine[], basis: "mass" | "emissions"): AggregatedDqi {
  if (lines.length === 0) fail("MISSING_INPUT", { argument: "lines", expected: "at least one scored row" });
  let total = ZERO;
  const sums: Record<DqiIndicator, Dec> = { technology: ZERO, time: ZERO, geography: ZERO, completeness: ZERO, reliability: ZERO };
  lines.forEach((line, i) => {
    const w = basis === "mass" ? nonNegative(line.weight, `lines[${i}].weight`, "a mass >= 0") : nonNegativeAbs(line.weight, `lines[${i}].weight`);
    const s = dqiScores(line.scores);
    total = total.plus(w);
    for (const k of DQI_INDICATORS) sums[k] = sums[k].plus(w.times(s[k]));
  });
  if (total.isZero()) fail("OUT_OF_RANGE", { argument: "weights", value: "0", expected: "a total weight above 0" });
  const averages = {} as Record<DqiIndicator, Dec>;
  let overallSum = ZERO;
  for (const k of DQI_INDICATORS) {
    averages[k] = sums[k].div(total);
    overallSum = overallSum.plus(sums[k]);
  }
  return { basis, totalWeight: total, averages, overall: overallSum.div(total.times(DQI_INDICATORS.length)), rows: lines.length };
}

function nonNegativeAbs(value: NumberLike, argument: string): Dec {
  return decArg(value, argument, "an emission amount").abs();
}

/** Label of an average score: the nearest Box 7.2 label (1.5 -> good boundary rounds half up to the worse label). */
export function dqiLabel(average: Dec): string {
  const r = average.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  const score = Math.min(4, Math.max(1, r)) as DqiScore;
  return DQI_LABELS[score];
}
