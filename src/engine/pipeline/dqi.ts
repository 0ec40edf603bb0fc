/**
 * Data quality of a run (GHG Protocol Scope 3 Standard Table 7.6 / Box 7.2; method brief §1.3):
 * the five indicators (technology, time, geography, completeness, reliability), scored 1 (very good)
 * to 4 (poor) on each input row and on each factor a line uses, combined per line (the worse score per
 * indicator, `combineDqi`), and aggregated per output line code (`aggregateDqi`, emission- or
 * mass-weighted, exact).
 *
 * Per line the five scores are packed into one small integer (2 bits per indicator plus a "scored"
 * bit) held in a `Uint16Array` beside the line's value: no object per row. The scoring functions below
 * are the only place the rules live; the kernels call them with no `basis` (fast), `explainRow` calls
 * them with a `basis` record to say why each score is what it is, and compares the result with the
 * packed score the run holds.
 *
 * Rules (documented defaults, [P] unless tagged):
 *  - Row (activity data): reliability from where the row's quantity came from (record `origins`):
 *    entered -> 2 (measured, not verified), mapped or defaulted -> 3 (partly based on assumptions, e.g. a
 *    mass from the UNU-KEY average weight is "Fair", brief §3.3); time from the row's month or date
 *    against the reporting year (`timeScore`), undated rows are data of the reporting period -> 1;
 *    geography 1 (the site's own data); technology 1; completeness 1, except a disposition sent
 *    downstream without its final disposition -> 3 (brief §2.5 data-quality downgrade).
 *  - Factor: time and geography derived by `scoreFactor` (factor year vs reporting year; factor region vs
 *    the row's grid region or the run's `region`); a GWP (refrigerants) is neither time- nor place-
 *    specific -> 1 and 1; reliability 2 for library factors (published, verified statistics partly based
 *    on assumptions), 3 for numbers the user supplies; completeness 1 (library) / 2 (user); technology by
 *    line profile (table PROFILE_TECH), a proxy factor at least 3.
 *  - End-of-life lines: a UNU-KEY classified from the description is a mapped input (reliability 3; below
 *    0.6 confidence 4); a waste class the method flags as a proxy for the key is technology 3.
 *  - Line: combineDqi(row, every factor used); a record's `dqi` object (assessed scores) replaces the
 *    derived score of each indicator it states, on every line of the row.
 */
import type { TraceFactor } from "../trace/trace";
import { DQI_CRITERIA, DQI_INDICATORS, scoreFactor, timeScore, type DqiIndicator, type DqiScore, type DqiScores } from "../methods/data-quality";
import type { DispositionRecord, DqiOverride, ElectricityRecord, FuelRecord, Origins, RecordKind, RefrigerantEventRecord } from "./records";

/** Bit set on every scored packed value (an unscored value is 0). */
export const DQI_SCORED = 1 << 10;

/** What the scoring needs from the run. */
export interface DqiContext {
  /** Year of the reporting period (null when the period names no year: time is then 4, unknown). */
  reportingYear: number | null;
  /** Country of the reporting sites (ISO alpha-2), the activity region of rows without their own. */
  region: string | null;
}

export type DqiBasis = Record<DqiIndicator, string>;

export function packDqi(s: DqiScores): number {
  let p = DQI_SCORED;
  for (let i = 0; i < 5; i++) p |= (s[DQI_INDICATORS[i]!] - 1) << (2 * i);
  return p;
}

export function unpackDqi(p: number): DqiScores | null {
  if ((p & DQI_SCORED) === 0) return null;
  const out = {} as Record<DqiIndicator, DqiScore>;
  for (let i = 0; i < 5; i++) out[DQI_INDICATORS[i]!] = (((p >> (2 * i)) & 3) + 1) as DqiScore;
  return out;
}

/** The worse score per indicator of two packed values (combineDqi on packed integers); unscored is neutral. */
export function worsePacked(a: number, b: number): number {
  if ((a & DQI_SCORED) === 0) return b;
  if ((b & DQI_SCORED) === 0) return a;
  let p = DQI_SCORED;
  for (let s = 0; s < 10; s += 2) {
    const x = (a >> s) & 3;
    const y = (b >> s) & 3;
    p |= (x > y ? x : y) << s;
  }
  return p;
}

function setScore(p: number, i: number, score: DqiScore): number {
  return (p & ~(3 << (2 * i))) | ((score - 1) << (2 * i)) | DQI_SCORED;
}

function scoreAt(p: number, i: number): DqiScore {
  return (((p >> (2 * i)) & 3) + 1) as DqiScore;
}

// ---------------------------------------------------------------------------------------------
// Row scores.
// ---------------------------------------------------------------------------------------------

/** The quantity fields whose origin sets a row's reliability. */
const QUANTITY_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  shipments: ["mass", "distance"],
  electricity: ["energy"],
  fuels: ["quantity"],
  refrigerants: ["released", "charge", "recovered"],
  dispositions: ["mass"],
  outputs: ["outputMass"],
};

const RELIABILITY_OF = { entered: 2, mapped: 3, defaulted: 3 } as const;

function yearOf(text: unknown): number | null {
  if (typeof text !== "string" || text.length < 4) return null;
  const y = Number(text.slice(0, 4));
  return Number.isInteger(y) && y > 0 ? y : null;
}

/**
 * Scores of a validated record's activity data (packed). With `basis`, also says why.
 */
export function scoreRow(kind: RecordKind, record: { origins?: Origins }, ctx: DqiContext, basis?: DqiBasis): number {
  // reliability
  let reliability: DqiScore = 2;
  let relWhy = "";
  const origins = record.origins;
  const rec = record as Record<string, unknown>;
  for (const f of QUANTITY_FIELDS[kind]) {
    const present = rec[f] !== undefined && rec[f] !== null && rec[f] !== "";
    const stated = origins?.[f];
    if (!present && stated === undefined) continue;
    const origin = stated ?? "entered";
    const r = RELIABILITY_OF[origin] as DqiScore;
    if (basis && (r > reliability || relWhy === "")) relWhy = `${f} ${origin}`;
    if (r > reliability) reliability = r;
  }
  // time
  let time: DqiScore = 1;
  let timeWhy = "undated row: data of the reporting period";
  const dated = kind === "electricity" || kind === "fuels" ? (record as ElectricityRecord | FuelRecord).month : kind === "refrigerants" ? (record as RefrigerantEventRecord).date : undefined;
  if (dated !== undefined && dated !== null && dated !== "") {
    const y = yearOf(dated);
    if (ctx.reportingYear === null) {
      time = 4;
      if (basis) timeWhy = "reporting period names no year";
    } else {
      time = timeScore(y, ctx.reportingYear);
      if (basis) timeWhy = `row dated ${String(dated)} vs reporting year ${ctx.reportingYear}`;
    }
  }
  // completeness
  let completeness: DqiScore = 1;
  if (kind === "dispositions" && (record as DispositionRecord).disposition === "SENT-DOWNSTREAM") completeness = 3;
  let p = DQI_SCORED;
  p = setScore(p, 1, time);
  p = setScore(p, 3, completeness);
  p = setScore(p, 4, reliability);
  if (basis) {
    basis.technology = "row: the activity itself";
    basis.time = `row: ${timeWhy}`;
    basis.geography = "row: the site's own data";
    basis.completeness = completeness === 3 ? "row: sent downstream, final disposition not yet evidenced (brief §2.5 downgrade)" : "row: complete record of its activity";
    basis.reliability = `row: ${relWhy === "" ? "quantity entered" : relWhy} (entered 2: measured, not verified; mapped/defaulted 3: partly based on assumptions)`;
  }
  return p;
}

/** The assessed scores a record states: [values, mask of indicators stated]. */
export function overrideOf(d: DqiOverride | undefined): { value: number; mask: number } | null {
  if (d === undefined || d === null) return null;
  let value = 0;
  let mask = 0;
  for (let i = 0; i < 5; i++) {
    const v = d[DQI_INDICATORS[i]!];
    if (v === undefined || v === null || (v as unknown) === "") continue;
    value |= (Number(v) - 1) << (2 * i);
    mask |= 3 << (2 * i);
  }
  return mask === 0 ? null : { value, mask };
}

/** A line's packed scores: the worse of row and factors, then the record's assessed scores. */
export function lineDqi(row: number, factors: number, ov: { value: number; mask: number } | null): number {
  const p = worsePacked(row, factors);
  return ov === null ? p : (p & ~ov.mask) | ov.value | DQI_SCORED;
}

// ---------------------------------------------------------------------------------------------
// Factor scores.
// ---------------------------------------------------------------------------------------------

/** What a line's factors stand for; sets the technology score of library and user factors. */
export type FactorProfile = "transport" | "grid" | "market" | "market-fallback" | "category3" | "fuel" | "refrigerant" | "end-of-life" | "avoided";

/** [library factor, user-supplied factor] technology score per profile. */
export const PROFILE_TECH: Readonly<Record<FactorProfile, readonly [DqiScore, DqiScore, string]>> = {
  transport: [2, 1, "library: average of a vehicle or hub class (similar technology); user: carrier-specific"],
  grid: [1, 1, "the grid average is the location-based method's technology (Ember life-cycle proxy: 2)"],
  market: [1, 1, "instrument, supplier rate or residual mix of the contract"],
  "market-fallback": [3, 3, "grid average standing in for a residual mix (different technology)"],
  category3: [1, 1, "T&D / WTT of the same grid or fuel"],
  fuel: [1, 1, "factor of the fuel burnt"],
  refrigerant: [1, 1, "GWP of the gas released"],
  "end-of-life": [2, 2, "class average of the waste (WEEE class / EPA material)"],
  avoided: [2, 2, "the displaced product or virgin material is similar, not the same"],
};

/** One factor's scores (packed) under a profile; with `why`, the reasons. */
function scoreOne(f: TraceFactor, profile: FactorProfile, ctx: DqiContext, activityRegion: string | null, why?: Partial<DqiBasis>): number {
  const [libTech, userTech] = PROFILE_TECH[profile];
  let technology: DqiScore = f.userSupplied ? userTech : libTech;
  if (profile === "grid" && f.library.startsWith("ember")) technology = 2;
  if (f.proxyFor && technology < 3) technology = 3;
  const gwpLike = profile === "refrigerant";
  const scored = scoreFactor(f, {
    reportingYear: ctx.reportingYear ?? 0,
    activityRegion,
    technology,
    completeness: f.userSupplied ? 2 : 1,
    reliability: f.userSupplied ? 3 : 2,
  });
  const s = { ...scored.scores };
  if (gwpLike) {
    s.time = 1;
    s.geography = 1;
  } else if (ctx.reportingYear === null) s.time = 4;
  if (why) {
    why.technology = `${f.id}: ${PROFILE_TECH[profile][2]}${f.proxyFor ? ` (proxy for ${f.proxyFor})` : ""}`;
    why.time = gwpLike ? `${f.id}: a GWP is not time-specific` : ctx.reportingYear === null ? `${f.id}: reporting period names no year` : `${f.id}: ${scored.basis.time}`;
    why.geography = gwpLike ? `${f.id}: a GWP is not place-specific` : `${f.id}: ${scored.basis.geography}`;
    why.completeness = `${f.id}: ${f.userSupplied ? "user-supplied, coverage not stated (2)" : "published dataset (1)"}`;
    why.reliability = `${f.id}: ${f.userSupplied ? "user-supplied, not verified (3)" : "published statistics, verified, partly based on assumptions (2)"}`;
  }
  return packDqi(s);
}

/**
 * The factors' part of a line's scores: the worse score per indicator over every factor (0 = no factor).
 * With `basis`, each indicator names the factor that set it.
 */
export function scoreFactors(factors: readonly TraceFactor[], profile: FactorProfile, ctx: DqiContext, activityRegion: string | null, basis?: Partial<DqiBasis>): number {
  let p = 0;
  for (const f of factors) {
    const why: Partial<DqiBasis> | undefined = basis ? {} : undefined;
    const one = scoreOne(f, profile, ctx, activityRegion, why);
    if (basis && why) {
      for (let i = 0; i < 5; i++) {
        const k = DQI_INDICATORS[i]!;
        if (basis[k] === undefined || (p & DQI_SCORED) === 0 || scoreAt(one, i) > scoreAt(p, i)) basis[k] = why[k]!;
      }
    }
    p = worsePacked(p, one);
  }
  return p;
}

/**
 * The waste identification of an end-of-life line as a packed part (reliability only): a UNU-KEY entered
 * or a class given adds nothing; a key classified from the description is a mapped input (3, partly based
 * on assumptions, as any mapped quantity); below the confidence threshold a non-qualified estimate (4).
 */
export function keyReliability(how: "entered" | "classified" | "classified-low" | "class"): number {
  return how === "classified" ? setScore(DQI_SCORED, 4, 3) : how === "classified-low" ? setScore(DQI_SCORED, 4, 4) : 0;
}

/** A packed value that only sets technology (the other indicators at 1, the neutral value of "worse"). */
export function technologyOnly(score: DqiScore): number {
  return setScore(DQI_SCORED, 0, score);
}

/** Row basis merged with factor basis: for each indicator, the side whose score the line took. */
export function mergeBasis(row: number, rowBasis: DqiBasis, factors: number, factorBasis: Partial<DqiBasis>, line: number, ov: { value: number; mask: number } | null): DqiBasis {
  const out = {} as DqiBasis;
  for (let i = 0; i < 5; i++) {
    const k = DQI_INDICATORS[i]!;
    const score = scoreAt(line, i);
    if (ov !== null && ((ov.mask >> (2 * i)) & 3) !== 0) out[k] = `assessed on the record (${score}: ${DQI_CRITERIA[k][score]})`;
    else if ((factors & DQI_SCORED) !== 0 && scoreAt(factors, i) > scoreAt(row, i) && factorBasis[k]) out[k] = `${factorBasis[k]} (${score}: ${DQI_CRITERIA[k][score]})`;
    else out[k] = `${rowBasis[k]} (${score}: ${DQI_CRITERIA[k][score]})`;
  }
  return out;
}

/** The reporting year of a period such as "2025" or "2025-Q1" (null when it names none). */
export function reportingYearOf(period: string): number | null {
  const m = /(\d{4})/.exec(period);
  return m ? Number(m[1]) : null;
}
