/**
 * The avoided-emissions ledger (method brief §1.1 ledger 3): its own totals and its own sign
 * convention (positive = avoided kg CO2e), by pathway and by lot. It is reported beside the
 * inventory and never netted against it (GHG Protocol Scope 3 Standard §9.5 [V]).
 * Stacked credits (reuse and recycling on one lot in one period) are rejected (SERI-EVC-ATTR-4).
 */
import { Dec, ZERO } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { TraceBuilder, type Result, type Trace } from "../trace/trace";
import { methodOf, type AvoidedResult } from "../methods/avoided-common";
import { ATTRIBUTION_CLAUSES, clauseRef, creditFamily, detectStacking, type CreditPathway } from "../methods/attribution";
import type { ReuseCredit } from "../methods/reuse";
import type { CreditSplit } from "../methods/recycling";

export interface AvoidedEntry {
  readonly ledger: "avoided";
  lotId: string;
  pathway: CreditPathway;
  period: string;
  claimant?: string;
  /** kg CO2e avoided (positive = avoided). */
  value: Dec;
  label: string;
  trace: Trace;
}

export interface EntryContext {
  period: string;
  claimant?: string;
  /** Lot id when the credit does not carry one. */
  lotId?: string;
  label?: string;
}

function requireLot(lotId: string | undefined, what: string): string {
  if (!lotId) fail("MISSING_INPUT", { argument: "lotId", expected: `the lot id of the ${what} (a credit ledger row references exactly one lot)` });
  return lotId;
}

function kgValue(r: AvoidedResult): Dec {
  if (r.unit !== "kg CO2e") fail("INCOMPATIBLE_UNITS", { argument: "avoided entry", from: r.unit, to: "kg CO2e" });
  return r.value;
}

/** Ledger row of a reuse-family credit: its total. */
export function entryFromReuse(credit: ReuseCredit, ctx: EntryContext): AvoidedEntry {
  const lotId = requireLot(credit.lotId ?? ctx.lotId, `${credit.pathway} credit`);
  return {
    ledger: "avoided",
    lotId,
    pathway: credit.pathway,
    period: ctx.period,
    ...(ctx.claimant ? { claimant: ctx.claimant } : {}),
    value: kgValue(credit.total),
    label: ctx.label ?? `${credit.pathway} ${lotId}`,
    trace: credit.total.trace,
  };
}

/** Ledger row of a recycling or energy-recovery credit: the end-of-life share only (share A/B is not claimable). */
export function entryFromSplit(credit: CreditSplit, ctx: EntryContext): AvoidedEntry {
  const lotId = requireLot(credit.lotId ?? ctx.lotId, `${credit.pathway} credit`);
  return {
    ledger: "avoided",
    lotId,
    pathway: credit.pathway,
    period: ctx.period,
    ...(ctx.claimant ? { claimant: ctx.claimant } : {}),
    value: kgValue(credit.eolShare),
    label: ctx.label ?? `${credit.pathway} ${credit.material} ${lotId}`,
    trace: credit.eolShare.trace,
  };
}

export interface AvoidedLedger {
  readonly ledger: "avoided";
  unit: "kg CO2e";
  total: AvoidedResult;
  byPathway: ReadonlyArray<{ pathway: CreditPathway; total: Dec; rows: number }>;
  byLot: ReadonlyArray<{ lotId: string; pathway: CreditPathway; period: string; total: Dec; rows: number }>;
  rows: readonly AvoidedEntry[];
  notes: readonly string[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Totals of the avoided ledger; fails CREDIT_STACKING when a lot carries both credit families in one period. */
export function avoidedLedger(entries: readonly AvoidedEntry[]): AvoidedLedger {
  for (const e of entries) {
    if (e.ledger !== "avoided") fail("RULE_VIOLATION", { rule: clauseRef(ATTRIBUTION_CLAUSES.inventoryNoCredits), detail: `row '${e.label}' is not an avoided-emissions row` });
    creditFamily(e.pathway);
  }
  const stacked = detectStacking(entries.map((e) => ({ submissionId: "-", claimant: e.claimant ?? "-", lotId: e.lotId, pathway: e.pathway, period: e.period })));
  if (stacked.length > 0) {
    const c = stacked[0]!;
    fail("CREDIT_STACKING", { lot: c.lotId, period: c.period ?? "", rule: clauseRef(ATTRIBUTION_CLAUSES.noStacking) });
  }
  // Sorted so the totals' trace does not depend on the order rows arrive in.
  const rows = [...entries].sort((a, b) => cmp(`${a.lotId}|${a.pathway}|${a.period}|${a.label}|${a.value.toFixed()}`, `${b.lotId}|${b.pathway}|${b.period}|${b.label}|${b.value.toFixed()}`));
  const byPathway = new Map<CreditPathway, { total: Dec; rows: number }>();
  const byLot = new Map<string, { lotId: string; pathway: CreditPathway; period: string; total: Dec; rows: number }>();
  let total = ZERO;
  const tb = new TraceBuilder(methodOf("avoided-emissions ledger", "§1.1 ledger 3 (own totals, positive = avoided) [P]; GHG Protocol Scope 3 Standard §9.5 [V]; no stacking SERI-EVC-ATTR-4"));
  for (const e of rows) {
    total = total.plus(e.value);
    const p = byPathway.get(e.pathway) ?? { total: ZERO, rows: 0 };
    p.total = p.total.plus(e.value);
    p.rows += 1;
    byPathway.set(e.pathway, p);
    const key = `${e.lotId}|${e.pathway}|${e.period}`;
    const l = byLot.get(key) ?? { lotId: e.lotId, pathway: e.pathway, period: e.period, total: ZERO, rows: 0 };
    l.total = l.total.plus(e.value);
    l.rows += 1;
    byLot.set(key, l);
    tb.input(e.label, e.value, "entered", "kg CO2e", `lot ${e.lotId}, ${e.pathway}, ${e.period}`);
  }
  tb.step("avoided total", "sum of rows", total, "kg CO2e");
  const notes = [
    "Avoided emissions are reported beside Scope 1, 2 and 3 and never deducted from them (GHG Protocol Scope 3 Standard §9.5).",
    "Recycling rows carry the end-of-life share (1 - A) only; share A is reserved to the user of recycled content.",
  ];
  for (const n of notes) tb.note(n);
  const totalResult: Result = tb.result(total, "kg CO2e");
  return {
    ledger: "avoided",
    unit: "kg CO2e",
    total: { ...totalResult, ledger: "avoided" },
    byPathway: [...byPathway].sort(([a], [b]) => cmp(a, b)).map(([pathway, v]) => ({ pathway, ...v })),
    byLot: [...byLot.values()].sort((a, b) => cmp(`${a.lotId}|${a.pathway}|${a.period}`, `${b.lotId}|${b.pathway}|${b.period}`)),
    rows,
    notes,
  };
}
