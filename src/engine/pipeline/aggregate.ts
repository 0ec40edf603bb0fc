/**
 * Aggregate stage: exact sums of the lines by line code, then the three ledgers.
 *
 * Sums run in an accumulator with 1,000 significant digits, so adding the parts never
 * rounds (parts carry at most the engine's 50 digits, and the digit span of a sheet's
 * values is far below 1,000): a total is the exact sum of its parts, and the order of
 * the rows cannot change it. The ledgers are never netted against each other.
 */
import { Dec, ZERO } from "../quantities/decimal";
import type { LineCode, LineCodes, LineStore } from "./lines";

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
