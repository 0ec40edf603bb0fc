/**
 * Aggregate stage: exact sums of the lines by line code, then the three ledgers.
 *
 * Sums run in an accumulator with 1,000 significant digits, so adding the parts never
 * rounds (parts carry at most the engine's 50 digits, and the digit span of a sheet's
 * values is far below 1,000): a total is the exact sum of its parts, and the order of
 * the rows cannot change it. The ledgers are never netted against each other.
 */
import { Dec, ZERO } from "../quantities/decimal";
import { DQI_INDICATORS, dqiScores, type AggregatedDqi, type DqiIndicator, type DqiScores } from "../methods/data-quality";
import type { LineCode, LineCodes, LineStore } from "./lines";
import { DQI_SCORED, unpackDqi } from "./dqi";

/** Exact accumulator (never used for anything but addition). */
const ExactSum = Dec.clone({ precision: 1000 });
type ExactSum = InstanceType<typeof ExactSum>;

export interface LineTotal {
  code: LineCode;
  value: Dec;
  /** Number of lines (rows) summed. */
  count: number;
}

/** Σ values per line code, exact. */
export function sumByCode(lines: LineStore, codes: LineCodes): LineTotal[] {
  const acc: ExactSum[] = codes.list.map(() => new ExactSum(0));
  const counts = new Array<number>(codes.list.length).fill(0);
  const { code, value } = lines;
  for (let i = 0; i < lines.length; i++) {
    const c = code[i]!;
    acc[c] = acc[c]!.plus(value[i]!);
    counts[c]!++;
  }
  return codes.list
    .map((c, i) => ({ code: c, value: new Dec(acc[i]!), count: counts[i]! }))
    .sort((a, b) => (a.code.id < b.code.id ? -1 : a.code.id > b.code.id ? 1 : 0));
}

/** Lines of one code that share one set of DQI scores: their exact weight (sum of |value|). */
export interface DqiGroup {
  scores: DqiScores | null;
  weight: Dec;
  lines: number;
}

/** Data quality of one output line (line code). */
export interface LineDataQuality {
  code: LineCode;
  /**
   * Emission-weighted (kg CO2e lines; |value| weighs) or mass-weighted (kg lines) average of the lines'
   * scores (`aggregateDqi`'s formula, exact sums: `exactAggregateDqi`); `rows` counts the lines; null when
   * the code's total weight is 0 (nothing to weigh).
   */
  dqi: AggregatedDqi | null;
  /** The distinct score sets behind it, worst overall first. */
  groups: DqiGroup[];
}

/**
 * `aggregateDqi`'s weighted average (method brief §1.3: Σ w·s / Σ w per indicator, overall = the mean of the
 * five) over groups of lines, with every sum held exact (1,000-digit accumulator) and one correctly
 * rounded 50-digit division per average. `aggregateDqi` itself sums in the engine's 50 digits, which can
 * round the last digit when weights carry 50-digit values (non-terminating conversions such as per short
 * ton); wherever its sums do not round the two are identical (property-tested). Null when the total weight is 0.
 */
export function exactAggregateDqi(groups: readonly DqiGroup[], basis: "mass" | "emissions", rows: number): AggregatedDqi | null {
  let total = new ExactSum(0);
  const sums = {} as Record<DqiIndicator, ExactSum>;
  for (const k of DQI_INDICATORS) sums[k] = new ExactSum(0);
  for (const g of groups) {
    const s = dqiScores(g.scores!);
    const w = new ExactSum(g.weight);
    total = total.plus(w);
    for (const k of DQI_INDICATORS) sums[k] = sums[k].plus(w.times(s[k]));
  }
  if (total.isZero()) return null;
  const t = new Dec(total);
  const averages = {} as Record<DqiIndicator, Dec>;
  let all = new ExactSum(0);
  for (const k of DQI_INDICATORS) {
    averages[k] = new Dec(sums[k]).div(t);
    all = all.plus(sums[k]);
  }
  return { basis, totalWeight: t, averages, overall: new Dec(all).div(new Dec(total.times(DQI_INDICATORS.length))), rows };
}

/**
 * Σ values per line code (exact, as `sumByCode`) and, in the same pass, the lines grouped by (code, DQI
 * scores) with their exact weights. A weighted average is linear in its weights, so the average over the
 * groups equals the average over every line while it runs on a handful of groups instead of a million lines.
 */
export function sumByCodeWithDqi(lines: LineStore, codes: LineCodes): { totals: LineTotal[]; dataQuality: LineDataQuality[] } {
  interface Acc {
    code: number;
    dqi: number;
    pos: ExactSum;
    neg: ExactSum;
    count: number;
  }
  const groups = new Map<number, Acc>();
  const { code, value, dqi } = lines;
  for (let i = 0; i < lines.length; i++) {
    const c = code[i]!;
    const d = dqi[i]!;
    const key = c * 2048 + d;
    let a = groups.get(key);
    if (a === undefined) {
      a = { code: c, dqi: d, pos: new ExactSum(0), neg: new ExactSum(0), count: 0 };
      groups.set(key, a);
    }
    const v = value[i]!;
    if (v.isNegative()) a.neg = a.neg.plus(v);
    else a.pos = a.pos.plus(v);
    a.count++;
  }
  const byCode: Acc[][] = codes.list.map(() => []);
  for (const a of [...groups.values()].sort((x, y) => x.code - y.code || x.dqi - y.dqi)) byCode[a.code]!.push(a);
  const totals: LineTotal[] = [];
  const dataQuality: LineDataQuality[] = [];
  codes.list.forEach((c, i) => {
    let acc = new ExactSum(0);
    let count = 0;
    const gs: DqiGroup[] = [];
    for (const a of byCode[i]!) {
      acc = acc.plus(a.pos).plus(a.neg);
      count += a.count;
      if ((a.dqi & DQI_SCORED) !== 0) gs.push({ scores: unpackDqi(a.dqi), weight: new Dec(a.pos.minus(a.neg)), lines: a.count });
    }
    totals.push({ code: c, value: new Dec(acc), count });
    const basis = c.unit === "kg" ? "mass" : "emissions";
    const lineCount = gs.reduce((n, x) => n + x.lines, 0);
    const overall = (s: DqiScores | null) => (s ? s.technology + s.time + s.geography + s.completeness + s.reliability : 0);
    dataQuality.push({ code: c, dqi: gs.length === 0 ? null : exactAggregateDqi(gs, basis, lineCount), groups: gs.sort((x, y) => overall(y.scores) - overall(x.scores)) });
  });
  const byId = (a: { code: LineCode }, b: { code: LineCode }) => (a.code.id < b.code.id ? -1 : a.code.id > b.code.id ? 1 : 0);
  return { totals: totals.sort(byId), dataQuality: dataQuality.sort(byId) };
}

/** Exact sum of Decs (same accumulator). */
export function exactSum(values: Iterable<Dec>): Dec {
  let acc = new ExactSum(0);
  for (const v of values) acc = acc.plus(v);
  return new Dec(acc);
}

function pick(totals: readonly LineTotal[], pred: (c: LineCode) => boolean): Dec {
  return exactSum(totals.filter((t) => pred(t.code)).map((t) => t.value));
}

export interface InventoryLedger {
  unit: "kg CO2e";
  scope1: Dec;
  scope2Location: Dec;
  scope2Market: Dec;
  /** By category key ("scope3.cat4"...): the WTW / reported figure. */
  scope3: Record<string, Dec>;
  /** TTW memo per transport category (only rows where every factor had a TTW part). */
  scope3Ttw: Record<string, Dec>;
  scope3Total: Dec;
  /** Scope 1 + 2 (location-based) + 3 (ESRS E1-6 §52). */
  totalLocationBased: Dec;
  /** Scope 1 + 2 (market-based) + 3. */
  totalMarketBased: Dec;
}

export interface AvoidedLedger {
  unit: "kg CO2e";
  /** Reuse-family credits by pathway. */
  reuse: Record<string, Dec>;
  /** End-of-life chain share (1 - A) of recycling credits. */
  recycling: Dec;
  /** Share A reserved to the users of recycled content (memo, not claimable here). */
  recyclingReservedToUser: Dec;
  total: Dec;
}

export interface MaterialFlowLedger {
  unit: "kg";
  /** Asset dispositions (own records) by disposition code, split by hazardous flag. */
  assets: Record<string, { hazardous: Dec; nonHazardous: Dec; unstated: Dec; total: Dec }>;
  /** Downstream outputs (final disposition on certificates) by disposition code. */
  outputs: Record<string, { hazardous: Dec; nonHazardous: Dec; unstated: Dec; total: Dec }>;
  assetsTotal: Dec;
  outputsTotal: Dec;
}

export interface Ledgers {
  inventory: InventoryLedger;
  avoided: AvoidedLedger;
  materialFlow: MaterialFlowLedger;
}

function flows(totals: readonly LineTotal[], source: "assets" | "outputs"): { byCode: MaterialFlowLedger["assets"]; total: Dec } {
  const byCode: MaterialFlowLedger["assets"] = {};
  for (const t of totals) {
    if (t.code.ledger !== "materialFlow" || !t.code.category.startsWith(`${source}/`)) continue;
    const disposition = t.code.category.slice(source.length + 1);
    const e = (byCode[disposition] ??= { hazardous: ZERO, nonHazardous: ZERO, unstated: ZERO, total: ZERO });
    if (t.code.variant === "hazardous") e.hazardous = t.value;
    else if (t.code.variant === "non-hazardous") e.nonHazardous = t.value;
    else e.unstated = t.value;
    e.total = exactSum([e.hazardous, e.nonHazardous, e.unstated]);
  }
  return { byCode, total: exactSum(Object.values(byCode).map((e) => e.total)) };
}

/** The three ledgers from the per-code totals. */
export function buildLedgers(totals: readonly LineTotal[]): Ledgers {
  const inv = (cat: string, variant?: string) => pick(totals, (c) => c.ledger === "inventory" && c.category === cat && (variant === undefined || c.variant === variant));
  const scope1 = pick(totals, (c) => c.ledger === "inventory" && c.category === "scope1");
  const scope2Location = inv("scope2", "location");
  const scope2Market = inv("scope2", "market");
  const scope3: Record<string, Dec> = {};
  const scope3Ttw: Record<string, Dec> = {};
  for (const t of totals) {
    if (t.code.ledger !== "inventory" || !t.code.category.startsWith("scope3")) continue;
    if (t.code.inTotal) scope3[t.code.category] = exactSum([scope3[t.code.category] ?? ZERO, t.value]);
    else if (t.code.variant === "TTW") scope3Ttw[t.code.category] = t.value;
  }
  const scope3Total = exactSum(Object.values(scope3));
  const reuse: Record<string, Dec> = {};
  for (const t of totals) if (t.code.ledger === "avoided" && t.code.category === "reuse") reuse[t.code.variant] = t.value;
  const recycling = pick(totals, (c) => c.ledger === "avoided" && c.category === "recycling" && c.inTotal);
  const reserved = pick(totals, (c) => c.ledger === "avoided" && c.category === "recycling" && !c.inTotal);
  const assets = flows(totals, "assets");
  const outputs = flows(totals, "outputs");
  return {
    inventory: {
      unit: "kg CO2e",
      scope1,
      scope2Location,
      scope2Market,
      scope3,
      scope3Ttw,
      scope3Total,
      totalLocationBased: exactSum([scope1, scope2Location, scope3Total]),
      totalMarketBased: exactSum([scope1, scope2Market, scope3Total]),
    },
    avoided: { unit: "kg CO2e", reuse, recycling, recyclingReservedToUser: reserved, total: exactSum([...Object.values(reuse), recycling]) },
    materialFlow: { unit: "kg", assets: assets.byCode, outputs: outputs.byCode, assetsTotal: assets.total, outputsTotal: outputs.total },
  };
}
