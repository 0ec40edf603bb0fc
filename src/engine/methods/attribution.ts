/**
 * Credit attribution: where in the value chain a credit is measured, who may claim it,
 * contractual shares, no stacking, and double-claim detection (method brief §6.2 [P],
 * grounded in GHG Protocol Scope 3 Standard §9.5, §9.6 and Box 9.4 [V]).
 * Each rule is a named, versioned clause; every answer names the clause it applied.
 */
import { Dec, ONE, ZERO } from "../quantities/decimal";
import { fail, issue, type Issue } from "../issues/issue";
import { fraction, type NumberLike } from "./avoided-common";

export interface AttributionClause {
  id: string;
  version: string;
  title: string;
  text: string;
  basis: string;
}

const V = "0.1";
function clause(id: string, title: string, text: string, basis: string): AttributionClause {
  return { id, version: V, title, text, basis };
}

export const ATTRIBUTION_CLAUSES = {
  inventoryNoCredits: clause(
    "SERI-EVC-ATTR-1",
    "Inventory carries no credits",
    "The inventory (Scope 1, 2, 3) is strictly GHG Protocol; a recycler's own Scope 1 and 2 are allocated to clients by mass and carry no credits.",
    "method brief §6.2 rule 1 [P]; GHG Protocol Scope 3 Standard §9.5, Box 5.6 [V]",
  ),
  reuseClaimant: clause(
    "SERI-EVC-ATTR-2.1",
    "Reuse credit claimant",
    "The reuse credit is claimed by the entity that performed preparation for reuse (refurbishment, repair, test) and placed the unit on the reuse market.",
    "method brief §6.2 rule 2 [P]",
  ),
  reuseUpstream: clause(
    "SERI-EVC-ATTR-2.2",
    "Upstream actors: enabled, not exclusive",
    "Collectors, logistics providers and ITAD brokers upstream may report the same reuse credit only as 'enabled (not exclusive)', unless a contract assigns exclusive shares.",
    "method brief §6.2 rule 2 [P]; GHG Protocol Scope 3 Standard §9.6 [V]",
  ),
  contractShares: clause(
    "SERI-EVC-ATTR-2.3",
    "Contractual shares never exceed 100 %",
    "Exclusive shares assigned by contract are per actor per lot; for each lot and credit they sum to at most 100 %.",
    "method brief §6.2 rule 2 [P]; GHG Protocol Scope 3 Standard §9.6 (exclusive ownership through contracts) [V]",
  ),
  reuseClaimDate: clause(
    "SERI-EVC-ATTR-2.4",
    "Reuse claim date",
    "The reuse credit is dated at the sale or transfer of the unit to a reuse customer, not at receipt.",
    "method brief §6.2 rule 2 [P]",
  ),
  recyclingPoint: clause(
    "SERI-EVC-ATTR-3.1",
    "Recycling credit at final disposition",
    "The recycling credit is computed at the final-disposition point on output mass (CFF R2 convention: output of the recycling plant).",
    "method brief §6.2 rule 3 [P]; PEF CFF R2 definition [GK]",
  ),
  recyclingSplit: clause(
    "SERI-EVC-ATTR-3.2",
    "Recycling credit split by A",
    "(1 - A) of the recycling credit goes to the end-of-life chain; share A is reserved to the user of recycled content, realised as a lower category 1 footprint and not as an avoided-emissions claim.",
    "method brief §6.2 rule 3 and §5.4 [P]",
  ),
  recyclingCustodian: clause(
    "SERI-EVC-ATTR-3.3",
    "Originating custodian holds the end-of-life share",
    "Within the end-of-life chain the claim is held by the first R2 facility with custody evidence to final disposition; every outbound lot has an id and downstream vendors must not claim lots marked as already claimed.",
    "method brief §6.2 rule 3 [P]",
  ),
  recyclingClaimDate: clause(
    "SERI-EVC-ATTR-3.4",
    "Recycling claim date",
    "The recycling credit is dated at the downstream processing certificate; accruals are allowed with a true-up.",
    "method brief §6.2 rule 3 [P]",
  ),
  noStacking: clause(
    "SERI-EVC-ATTR-4",
    "No stacking",
    "The same kilogram cannot carry a reuse and a recycling credit in the same period; a credit ledger row references exactly one lot and one claim type.",
    "method brief §6.2 rule 4 and §5.2 reference scenario [P]",
  ),
  transparency: clause(
    "SERI-EVC-ATTR-5",
    "Transparency statement",
    "Every avoided-emissions output states method id and version, reference scenario, DR and A values, factor library versions, time period, completeness and ownership.",
    "method brief §6.2 rule 5 [P]; GHG Protocol Scope 3 Standard Box 9.4 [V]",
  ),
  oneClaimPerLot: clause(
    "SERI-EVC-ATTR-6",
    "One claim per lot across submissions",
    "A lot's credit of one type is claimed once, by one claimant, across all submissions and periods, unless contractual shares split it within 100 %.",
    "method brief §6.2 rules 2-4 [P]; GHG Protocol Scope 3 Standard §9.6 [V]",
  ),
} as const satisfies Record<string, AttributionClause>;

/** "SERI-EVC-ATTR-2.1 v0.1" */
export function clauseRef(c: AttributionClause): string {
  return `${c.id} v${c.version}`;
}

/** Value-chain stages (ids as in the taxonomy stage table, data/taxonomy/tables stages.json). */
export const STAGES = [
  "producer",
  "user",
  "collector",
  "logistics",
  "itad",
  "refurbisher",
  "recycler",
  "downstream-processor",
  "secondary-material-user",
] as const;
export type ValueChainStage = (typeof STAGES)[number];

/** Credits at product level (reuse family) or material level (recycling family). */
export type CreditPathway = "reuse" | "refurbish" | "repair" | "extend" | "harvest" | "recycling" | "energy-recovery";
const PRODUCT_LEVEL: readonly CreditPathway[] = ["reuse", "refurbish", "repair", "extend", "harvest"];
const MATERIAL_LEVEL: readonly CreditPathway[] = ["recycling", "energy-recovery"];
export type CreditFamily = "reuse" | "recycling";

export function creditFamily(pathway: CreditPathway): CreditFamily {
  if (PRODUCT_LEVEL.includes(pathway)) return "reuse";
  if (MATERIAL_LEVEL.includes(pathway)) return "recycling";
  fail("INVALID_OPTION", { argument: "pathway", value: String(pathway), expected: [...PRODUCT_LEVEL, ...MATERIAL_LEVEL].join(", ") });
}

function requireStage(stage: string, argument: string): ValueChainStage {
  if (!(STAGES as readonly string[]).includes(stage)) {
    fail("UNKNOWN_ID", { argument, what: "value-chain stage", value: stage });
  }
  return stage as ValueChainStage;
}

export type ShareBasis = "exclusive" | "contract" | "enabled-not-exclusive" | "reserved-recycled-content" | "none";

export interface CreditShareOptions {
  /** ValueChainStage that prepared the unit for reuse and placed it on the reuse market (default "refurbisher"). */
  preparer?: ValueChainStage;
  /** Originating custodian of the end-of-life chain (default "recycler"). */
  custodian?: ValueChainStage;
  /** Allocation factor A (recycling) or B (energy recovery): the share reserved to the user. Required for material-level credits. */
  A?: NumberLike | null;
  /** Exclusive shares by contract, per stage (reuse: of the whole credit; recycling: of the end-of-life share). */
  contractShares?: Partial<Record<ValueChainStage, NumberLike>>;
}

export interface CreditShare {
  stage: ValueChainStage;
  pathway: CreditPathway;
  /** Share of the credit this stage may claim (0..1). */
  share: Dec;
  basis: ShareBasis;
  /** The clause applied. */
  clause: AttributionClause;
  /** Every clause consulted, as "id vX". */
  clauses: string[];
  note: string;
}

/** Sums contractual shares and fails RULE_VIOLATION (clause SERI-EVC-ATTR-2.3) above 100 %. */
function contractTotal(shares: Partial<Record<ValueChainStage, NumberLike>>, scope: string): Map<ValueChainStage, Dec> {
  const out = new Map<ValueChainStage, Dec>();
  let total = ZERO;
  for (const [stage, raw] of Object.entries(shares)) {
    const s = requireStage(stage, "contractShares");
    const v = fraction(raw, `contractShares.${stage}`);
    out.set(s, v);
    total = total.plus(v);
  }
  if (total.gt(ONE)) {
    fail("RULE_VIOLATION", {
      rule: clauseRef(ATTRIBUTION_CLAUSES.contractShares),
      detail: `contractual shares for ${scope} sum to ${total.times(100).toFixed()} %, above 100 %`,
    });
  }
  return out;
}

/** The share of a credit a value-chain stage may claim, with the clause that decides it. */
export function creditShare(stage: ValueChainStage, pathway: CreditPathway, options: CreditShareOptions = {}): CreditShare {
  const st = requireStage(stage, "stage");
  const family = creditFamily(pathway);
  const C = ATTRIBUTION_CLAUSES;
  if (family === "reuse") {
    const preparer = requireStage(options.preparer ?? "refurbisher", "preparer");
    const base = { stage: st, pathway };
    if (options.contractShares && Object.keys(options.contractShares).length > 0) {
      const shares = contractTotal(options.contractShares, `the ${pathway} credit`);
      const share = shares.get(st) ?? ZERO;
      return {
        ...base,
        share,
        basis: share.isZero() ? (st === preparer ? "none" : upstreamOf(st, preparer) ? "enabled-not-exclusive" : "none") : "contract",
        clause: C.contractShares,
        clauses: [clauseRef(C.reuseClaimant), clauseRef(C.reuseUpstream), clauseRef(C.contractShares)],
        note: `Exclusive share by contract: ${share.times(100).toFixed()} %.`,
      };
    }
    if (st === preparer) {
      return { ...base, share: ONE, basis: "exclusive", clause: C.reuseClaimant, clauses: [clauseRef(C.reuseClaimant)], note: "Preparer for reuse that placed the unit on the reuse market; claim dated at sale or transfer." };
    }
    if (upstreamOf(st, preparer)) {
      return {
        ...base,
        share: ZERO,
        basis: "enabled-not-exclusive",
        clause: C.reuseUpstream,
        clauses: [clauseRef(C.reuseClaimant), clauseRef(C.reuseUpstream)],
        note: "May report the credit as enabled (not exclusive); no claimable share without a contract.",
      };
    }
    return { ...base, share: ZERO, basis: "none", clause: C.reuseClaimant, clauses: [clauseRef(C.reuseClaimant)], note: "Not the preparer for reuse and not upstream of it." };
  }

  // Material level: (1 - A) to the end-of-life chain (originating custodian), A reserved to the user of recycled content.
  if (options.A === undefined || options.A === null || options.A === "") {
    fail("MISSING_INPUT", { argument: "A", expected: "the allocation factor A (or B for energy recovery) of the credit" });
  }
  const A = fraction(options.A, "A");
  const eol = ONE.minus(A);
  const custodian = requireStage(options.custodian ?? "recycler", "custodian");
  const base = { stage: st, pathway };
  if (st === "secondary-material-user" || (pathway === "energy-recovery" && st === "user")) {
    return {
      ...base,
      share: A,
      basis: "reserved-recycled-content",
      clause: C.recyclingSplit,
      clauses: [clauseRef(C.recyclingPoint), clauseRef(C.recyclingSplit)],
      note: "Share A is realised as a lower category 1 footprint (recycled content), not as an avoided-emissions claim.",
    };
  }
  if (options.contractShares && Object.keys(options.contractShares).length > 0) {
    const shares = contractTotal(options.contractShares, "the end-of-life share");
    const s = shares.get(st) ?? ZERO;
    return {
      ...base,
      share: eol.times(s),
      basis: s.isZero() ? "none" : "contract",
      clause: C.contractShares,
      clauses: [clauseRef(C.recyclingPoint), clauseRef(C.recyclingSplit), clauseRef(C.recyclingCustodian), clauseRef(C.contractShares)],
      note: `Contract share ${s.times(100).toFixed()} % of the end-of-life share (1 - A) = ${eol.toFixed()}.`,
    };
  }
  if (st === custodian) {
    return {
      ...base,
      share: eol,
      basis: "exclusive",
      clause: C.recyclingCustodian,
      clauses: [clauseRef(C.recyclingPoint), clauseRef(C.recyclingSplit), clauseRef(C.recyclingCustodian)],
      note: `Originating custodian holds the end-of-life share (1 - A) = ${eol.toFixed()}; claim dated at the downstream processing certificate.`,
    };
  }
  return {
    ...base,
    share: ZERO,
    basis: "none",
    clause: C.recyclingCustodian,
    clauses: [clauseRef(C.recyclingCustodian)],
    note: "Only the originating custodian claims the end-of-life share; downstream vendors must not claim lots marked as claimed.",
  };
}

/** Reverse-chain order: generators hand to collectors, logistics, ITAD, then the refurbisher or recycler. */
const REVERSE_ORDER: readonly ValueChainStage[] = ["user", "collector", "logistics", "itad", "refurbisher", "recycler", "downstream-processor"];
function upstreamOf(stage: ValueChainStage, preparer: ValueChainStage): boolean {
  const a = REVERSE_ORDER.indexOf(stage);
  const b = REVERSE_ORDER.indexOf(preparer);
  return a >= 0 && b >= 0 && a < b && stage !== "user";
}

/* ---------- contractual shares per actor per lot ---------- */

export interface ContractShare {
  lotId: string;
  actor: string;
  /** Credit family the share is of (default "reuse"). */
  family?: CreditFamily;
  share: NumberLike;
}

export interface ShareCheck {
  ok: boolean;
  /** Total share per lot and family, key "lot|family". */
  totals: ReadonlyMap<string, Dec>;
  issues: Issue[];
}

/** Contractual shares per actor per lot never exceed 100 %; each violation is a RULE_VIOLATION issue. */
export function checkContractShares(shares: readonly ContractShare[]): ShareCheck {
  const totals = new Map<string, Dec>();
  const perActor = new Map<string, Dec>();
  const issues: Issue[] = [];
  for (const s of shares) {
    const v = fraction(s.share, `share of ${s.actor} in lot ${s.lotId}`);
    const key = `${s.lotId}|${s.family ?? "reuse"}`;
    totals.set(key, (totals.get(key) ?? ZERO).plus(v));
    const ak = `${key}|${s.actor}`;
    perActor.set(ak, (perActor.get(ak) ?? ZERO).plus(v));
  }
  for (const [ak, v] of [...perActor].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v.gt(ONE)) {
      const [lot, fam, actor] = ak.split("|");
      issues.push(issue("RULE_VIOLATION", { rule: clauseRef(ATTRIBUTION_CLAUSES.contractShares), detail: `${actor} holds ${v.times(100).toFixed()} % of the ${fam} credit of lot ${lot}` }));
    }
  }
  for (const [key, v] of [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v.gt(ONE)) {
      const [lot, fam] = key.split("|");
      issues.push(issue("RULE_VIOLATION", { rule: clauseRef(ATTRIBUTION_CLAUSES.contractShares), detail: `shares of the ${fam} credit of lot ${lot} sum to ${v.times(100).toFixed()} %, above 100 %` }));
    }
  }
  return { ok: issues.length === 0, totals, issues };
}

/* ---------- claims, stacking, double claims ---------- */

export interface CreditClaim {
  submissionId: string;
  /** Organisation (actor) making the claim. */
  claimant: string;
  stage?: ValueChainStage;
  lotId: string;
  pathway: CreditPathway;
  /** Reporting period, e.g. "2025" or "2025-Q1". */
  period: string;
  /** Claimed share of the lot's credit under a contract; absent = the whole credit (exclusive). */
  share?: NumberLike;
  /** "enabled-not-exclusive" reports are disclosures, not claims, and never conflict as double claims. */
  basis?: "exclusive" | "contract" | "enabled-not-exclusive";
  massKg?: NumberLike;
  claimDate?: string;
}

export interface ClaimConflict {
  kind: "stacking" | "double-claim" | "shares-exceed-100";
  lotId: string;
  family?: CreditFamily;
  period?: string;
  claims: CreditClaim[];
  clause: AttributionClause;
  issue: Issue;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function claimKey(c: CreditClaim): string {
  return [c.lotId, c.period, c.submissionId, c.claimant, c.pathway, c.share === undefined ? "" : String(c.share), c.basis ?? ""].join("|");
}
function sortClaims(claims: readonly CreditClaim[]): CreditClaim[] {
  return [...claims].sort((a, b) => compareStrings(claimKey(a), claimKey(b)));
}
function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return new Map([...m].sort(([a], [b]) => compareStrings(a, b)));
}

/**
 * Lots that carry both a reuse-family and a recycling-family credit in the same period
 * (clause SERI-EVC-ATTR-4). Order of the claims does not change the answer.
 */
export function detectStacking(claims: readonly CreditClaim[]): ClaimConflict[] {
  const out: ClaimConflict[] = [];
  for (const [, group] of groupBy(claims, (c) => `${c.lotId}|${c.period}`)) {
    const families = new Set(group.map((c) => creditFamily(c.pathway)));
    if (families.size > 1) {
      const first = group[0]!;
      out.push({
        kind: "stacking",
        lotId: first.lotId,
        period: first.period,
        claims: sortClaims(group),
        clause: ATTRIBUTION_CLAUSES.noStacking,
        issue: issue("CREDIT_STACKING", { lot: first.lotId, period: first.period, rule: clauseRef(ATTRIBUTION_CLAUSES.noStacking) }),
      });
    }
  }
  return out;
}

/** Rejects stacked claims: fails with CREDIT_STACKING on the first lot found. */
export function assertNoStacking(claims: readonly CreditClaim[]): void {
  const conflicts = detectStacking(claims);
  if (conflicts.length > 0) {
    const c = conflicts[0]!;
    fail("CREDIT_STACKING", { lot: c.lotId, period: c.period ?? "", rule: clauseRef(ATTRIBUTION_CLAUSES.noStacking) });
  }
}

export interface ClaimSubmission {
  submissionId: string;
  claims: readonly CreditClaim[];
}

/**
 * Conflicts over a set of submissions' claims (clauses SERI-EVC-ATTR-6, 2.3 and 4):
 * - double-claim: a lot's credit of one family claimed exclusively by more than one claim
 *   (several claimants, or one claimant in several submissions or periods);
 * - shares-exceed-100: contract shares of one lot and family summing above 100 %;
 * - stacking: reuse and recycling credit on one lot in one period, across submissions too.
 * "enabled (not exclusive)" reports never conflict as double claims.
 */
export function detectDoubleClaims(input: readonly ClaimSubmission[] | readonly CreditClaim[]): ClaimConflict[] {
  const claims: CreditClaim[] = isSubmissionList(input)
    ? input.flatMap((s) => s.claims.map((c) => ({ ...c, submissionId: c.submissionId || s.submissionId })))
    : [...input];
  const out: ClaimConflict[] = [];
  const claiming = claims.filter((c) => c.basis !== "enabled-not-exclusive");
  for (const [, group] of groupBy(claiming, (c) => `${c.lotId}|${creditFamily(c.pathway)}`)) {
    const first = group[0]!;
    const family = creditFamily(first.pathway);
    const sorted = sortClaims(group);
    const exclusive = group.filter((c) => c.share === undefined);
    const byClaimant = groupBy(group, (c) => c.claimant);
    const repeated = [...byClaimant.values()].some((g) => g.length > 1);
    if ((exclusive.length > 0 && group.length > 1) || repeated) {
      const claimants = [...new Set(sorted.map((c) => `${c.claimant} (${c.submissionId}, ${c.period})`))].join("; ");
      out.push({
        kind: "double-claim",
        lotId: first.lotId,
        family,
        claims: sorted,
        clause: ATTRIBUTION_CLAUSES.oneClaimPerLot,
        issue: issue("DOUBLE_CLAIM", { lot: first.lotId, pathway: family, claimants, rule: clauseRef(ATTRIBUTION_CLAUSES.oneClaimPerLot) }),
      });
      continue;
    }
    const total = group.reduce((t, c) => t.plus(c.share === undefined ? ONE : fraction(c.share, `share claimed by ${c.claimant} in lot ${c.lotId}`)), ZERO);
    if (total.gt(ONE)) {
      out.push({
        kind: "shares-exceed-100",
        lotId: first.lotId,
        family,
        claims: sorted,
        clause: ATTRIBUTION_CLAUSES.contractShares,
        issue: issue("RULE_VIOLATION", {
          rule: clauseRef(ATTRIBUTION_CLAUSES.contractShares),
          detail: `claimed shares of the ${family} credit of lot ${first.lotId} sum to ${total.times(100).toFixed()} %, above 100 %`,
        }),
      });
    }
  }
  out.push(...detectStacking(claims));
  return out.sort((a, b) => compareStrings(`${a.lotId}|${a.kind}|${a.period ?? ""}`, `${b.lotId}|${b.kind}|${b.period ?? ""}`));
}

function isSubmissionList(x: readonly ClaimSubmission[] | readonly CreditClaim[]): x is readonly ClaimSubmission[] {
  return x.length > 0 && "claims" in (x[0] as object);
}

/* ---------- claim dates ---------- */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ClaimDate {
  date: string;
  clause: AttributionClause;
}

function checkDate(value: string | null | undefined, argument: string, evidence: string, credit: string, rule: AttributionClause): string {
  if (!value) fail("CREDIT_EVIDENCE_MISSING", { argument, evidence, rule: clauseRef(rule), credit });
  if (!ISO_DATE.test(value)) fail("NOT_A_NUMBER", { argument, value, expected: "a date as YYYY-MM-DD" });
  return value;
}

function inPeriod(date: string, period: { start: string; end: string } | undefined, rule: AttributionClause): void {
  if (!period) return;
  if (date < period.start || date > period.end) {
    fail("RULE_VIOLATION", { rule: clauseRef(rule), detail: `claim date ${date} is outside the period ${period.start} to ${period.end}` });
  }
}

/** Reuse claim date = sale or transfer to a reuse customer (clause SERI-EVC-ATTR-2.4); receipt is not a claim date. */
export function reuseClaimDate(evidence: { saleDate?: string | null; receivedDate?: string | null }, period?: { start: string; end: string }): ClaimDate {
  const c = ATTRIBUTION_CLAUSES.reuseClaimDate;
  const sale = checkDate(evidence.saleDate, "saleDate", "sale or transfer record to a reuse customer", "reuse", c);
  if (evidence.receivedDate && ISO_DATE.test(evidence.receivedDate) && sale < evidence.receivedDate) {
    fail("RULE_VIOLATION", { rule: clauseRef(c), detail: `sale date ${sale} is before receipt ${evidence.receivedDate}` });
  }
  inPeriod(sale, period, c);
  return { date: sale, clause: c };
}

/** Recycling claim date = date of the downstream processing certificate (clause SERI-EVC-ATTR-3.4). */
export function recyclingClaimDate(evidence: { certificateDate?: string | null }, period?: { start: string; end: string }): ClaimDate {
  const c = ATTRIBUTION_CLAUSES.recyclingClaimDate;
  const d = checkDate(evidence.certificateDate, "certificateDate", "downstream processing certificate", "recycling", c);
  inPeriod(d, period, c);
  return { date: d, clause: c };
}

/** A downstream certificate already marked as claimed by someone else cannot be claimed (clause SERI-EVC-ATTR-3.3). */
export function checkCertificateClaim(certificate: { lotId: string; creditClaimedBy?: string | null }, claimant: string): void {
  const by = certificate.creditClaimedBy;
  if (by && by !== claimant) {
    fail("DOUBLE_CLAIM", {
      lot: certificate.lotId,
      pathway: "recycling",
      claimants: `${by} (certificate) and ${claimant}`,
      rule: clauseRef(ATTRIBUTION_CLAUSES.recyclingCustodian),
    });
  }
}

/* ---------- transparency statement (rule 5) ---------- */

export interface TransparencyInput {
  methodId: string;
  methodVersion: string;
  referenceScenario: string;
  displacementRate?: string;
  allocationA?: string;
  factorLibraries: readonly string[];
  period: string;
  completeness: string;
  ownership: string;
}

/** The mandatory statement of an avoided-emissions output (clause SERI-EVC-ATTR-5); every field is required. */
export function transparencyStatement(t: TransparencyInput): string[] {
  const required: Array<[string, string | undefined]> = [
    ["methodId", t.methodId],
    ["methodVersion", t.methodVersion],
    ["referenceScenario", t.referenceScenario],
    ["period", t.period],
    ["completeness", t.completeness],
    ["ownership", t.ownership],
  ];
  for (const [name, v] of required) if (!v) fail("MISSING_INPUT", { argument: name, expected: `the ${name} of the transparency statement (${clauseRef(ATTRIBUTION_CLAUSES.transparency)})` });
  if (t.factorLibraries.length === 0) fail("MISSING_INPUT", { argument: "factorLibraries", expected: "the factor library versions used" });
  return [
    `Method: ${t.methodId} ${t.methodVersion}`,
    `Reference scenario: ${t.referenceScenario}`,
    `Displacement rate DR: ${t.displacementRate ?? "not applicable"}`,
    `Allocation factor A: ${t.allocationA ?? "not applicable"}`,
    `Factor libraries: ${t.factorLibraries.join(", ")}`,
    `Period: ${t.period}`,
    `Completeness: ${t.completeness}`,
    `Ownership: ${t.ownership}`,
    `Avoided emissions are reported separately from Scope 1, 2 and 3 and never deducted from them (${clauseRef(ATTRIBUTION_CLAUSES.inventoryNoCredits)}).`,
  ];
}
