/**
 * Material-flow (disposition) ledger: the mass balance of a site and period, and the waste
 * disclosures computed from the same records (method brief §2.4, §2.5, §8.1, §8.2).
 *
 *   received = sum of outbound by disposition + stock change + measured loss
 *   closure gap = received - outbound - stock change - loss; |gap| / received <= tolerance (default 2 %)
 *
 * Disclosures: GRI 306-3, 306-4, 306-5 [GK]; ESRS E5-5 §37(a)-(d) and §39 [V2 S3]; WEEE-style
 * rates [GK method]. Project choices [P] are stated in the output (`choices`).
 */
import { Dec, ZERO } from "../quantities/decimal";
import { findUnit } from "../quantities/units";
import { fail, issue, type Issue } from "../issues/issue";
import { TraceBuilder, type Trace } from "../trace/trace";
import type { Taxonomy } from "../taxonomy";
import { decArg, fraction, methodOf, nonNegative, withDefault, type NumberLike } from "../methods/avoided-common";

/** The engine's disposition codes (method brief §2.4 [P]; data/taxonomy/tables dispositions.json). */
export const DISPOSITION_CODES = [
  "REUSE-DEVICE",
  "REUSE-PART",
  "RECYCLE",
  "OTHER-RECOVERY",
  "ENERGY-RECOVERY",
  "INCINERATION",
  "LANDFILL",
  "OTHER-DISPOSAL",
  "STOCK",
  "SENT-DOWNSTREAM",
] as const;
export type DispositionCode = (typeof DISPOSITION_CODES)[number];

/** The part of a disposition entry the ledger reads (the taxonomy's Disposition has this shape). */
export interface DispositionMapping {
  id: string;
  group: "diverted" | "directed" | "pending";
  gri306: { disclosure: "306-4" | "306-5"; line: string } | null;
  esrsE5: { paragraph: string; line: string; projectChoice?: boolean } | null;
}

/**
 * Local copy of the mapping of the taxonomy's dispositions table (v1.0.0), used when no taxonomy
 * is passed in. A test checks it against the shipped table.
 */
export const LOCAL_DISPOSITIONS: readonly DispositionMapping[] = [
  { id: "REUSE-DEVICE", group: "diverted", gri306: { disclosure: "306-4", line: "preparation for reuse" }, esrsE5: { paragraph: "37(b)(i)", line: "preparation for reuse" } },
  { id: "REUSE-PART", group: "diverted", gri306: { disclosure: "306-4", line: "preparation for reuse" }, esrsE5: { paragraph: "37(b)(i)", line: "preparation for reuse" } },
  { id: "RECYCLE", group: "diverted", gri306: { disclosure: "306-4", line: "recycling" }, esrsE5: { paragraph: "37(b)(ii)", line: "recycling" } },
  { id: "OTHER-RECOVERY", group: "diverted", gri306: { disclosure: "306-4", line: "other recovery operations" }, esrsE5: { paragraph: "37(b)(iii)", line: "other recovery operations" } },
  {
    id: "ENERGY-RECOVERY",
    group: "directed",
    gri306: { disclosure: "306-5", line: "incineration (with energy recovery)" },
    esrsE5: { paragraph: "37(b)(iii)", line: "other recovery operations", projectChoice: true },
  },
  { id: "INCINERATION", group: "directed", gri306: { disclosure: "306-5", line: "incineration (without energy recovery)" }, esrsE5: { paragraph: "37(c)(i)", line: "incineration" } },
  { id: "LANDFILL", group: "directed", gri306: { disclosure: "306-5", line: "landfilling" }, esrsE5: { paragraph: "37(c)(ii)", line: "landfill" } },
  { id: "OTHER-DISPOSAL", group: "directed", gri306: { disclosure: "306-5", line: "other disposal operations" }, esrsE5: { paragraph: "37(c)(iii)", line: "other disposal operations" } },
  { id: "STOCK", group: "pending", gri306: null, esrsE5: null },
  { id: "SENT-DOWNSTREAM", group: "pending", gri306: null, esrsE5: null },
];

/** Project choices stated with every disclosure (method brief §2.4, §8.2, WE-R1 [P]). */
export const MATERIAL_FLOW_CHOICES: readonly string[] = [
  "ENERGY-RECOVERY (R1) is reported under GRI 306-5 'incineration (with energy recovery)' (GRI treats it as disposal) and under ESRS E5-5 §37(b)(iii) 'other recovery operations' (EU waste law treats R1 as recovery) [P, method brief §2.4].",
  "ESRS E5-5 §37(d) non-recycled waste uses the literal definition 'any waste not recycled': preparation for reuse, other recovery and energy recovery count as non-recycled [P, WE-R1].",
  "Waste generated = outbound waste fractions of the site (throughput convention for a recycler: all received waste by final disposition) [P, method brief §8.2].",
  "Lots that were never waste (was_waste = false) are reuse, not preparation for reuse, and are left out of the waste disclosures [P, method brief §2.4].",
  "WEEE-style rates are computed on outbound waste mass, not on mass collected [P, WE-R1].",
  "Outbound without final-disposition evidence (SENT-DOWNSTREAM, STOCK) is counted in the mass balance and waste generated but in no GRI 306-4/306-5 or ESRS §37(b)/(c) line, with a data-quality flag [P, method brief §2.5].",
];

export interface OutboundRecord {
  /** What the stream is (composition line of GRI 306-3), e.g. "Ferrous". */
  stream: string;
  /** Output fraction code of the taxonomy (e.g. "FE", "PCB-HG"); gives the hazardous default when a taxonomy is passed. */
  fraction?: string;
  mass: NumberLike;
  /** Unit of `mass` (default: the ledger's `unit`). */
  unit?: string;
  /** Disposition code (or a taxonomy synonym when a taxonomy is passed). */
  disposition: string;
  hazardous?: boolean;
  /** Treated on site (default false: offsite). */
  onsite?: boolean;
  /** The lot was waste when received (default true). */
  wasWaste?: boolean;
  lotId?: string;
  /** Downstream certificate of final disposition (evidence id). */
  evidence?: string;
  /** EU-6 category, for per-category WEEE-style rates. */
  category?: string;
}

export interface MaterialFlowInput {
  /** Site and period, e.g. "Site A 2025". */
  scope?: string;
  /** Unit of the masses (default kg). */
  unit?: string;
  /** Unit of the reported figures (default t). */
  reportUnit?: string;
  received: NumberLike;
  /** Closing minus opening stock (may be negative). */
  stockChange: NumberLike;
  measuredLoss?: NumberLike;
  outbound: readonly OutboundRecord[];
  /** Closure tolerance as a fraction (default 0.02 = 2 %). */
  tolerance?: NumberLike;
  taxonomy?: Taxonomy;
}

export interface HazardSplit {
  hazardous: Dec;
  nonHazardous: Dec;
  total: Dec;
}
export interface LocatedSplit extends HazardSplit {
  onsite: HazardSplit;
  offsite: HazardSplit;
}

export interface MassBalance {
  received: Dec;
  outbound: Dec;
  stockChange: Dec;
  measuredLoss: Dec;
  /** received - outbound - stock change - measured loss. */
  gap: Dec;
  /** |gap| / received x 100. */
  gapPercent: Dec;
  tolerancePercent: Dec;
  withinTolerance: boolean;
  issue?: Issue;
}

export interface MaterialFlowLedger {
  ledger: "material-flow";
  scope: string;
  unit: string;
  massBalance: MassBalance;
  byDisposition: Readonly<Record<DispositionCode, HazardSplit>>;
  /** Outbound without final disposition (SENT-DOWNSTREAM, STOCK). */
  unresolved: HazardSplit;
  /** Reuse of lots that were never waste (outside the waste disclosures). */
  notWaste: HazardSplit;
  gri306_3: { total: Dec; hazardous: Dec; nonHazardous: Dec; byComposition: ReadonlyArray<{ stream: string; hazardous: Dec; nonHazardous: Dec; total: Dec }> };
  gri306_4: { total: Dec; preparationForReuse: LocatedSplit; recycling: LocatedSplit; otherRecovery: LocatedSplit; hazardous: Dec; nonHazardous: Dec; onsite: Dec; offsite: Dec };
  gri306_5: {
    total: Dec;
    incinerationWithEnergyRecovery: LocatedSplit;
    incinerationWithoutEnergyRecovery: LocatedSplit;
    landfilling: LocatedSplit;
    otherDisposal: LocatedSplit;
    hazardous: Dec;
    nonHazardous: Dec;
    onsite: Dec;
    offsite: Dec;
  };
  esrsE5_5: {
    p37a_totalGenerated: Dec;
    p37b_diverted: { total: Dec; hazardous: HazardSplit; preparationForReuse: HazardSplit; recycling: HazardSplit; otherRecovery: HazardSplit };
    p37c_directed: { total: Dec; hazardous: HazardSplit; incineration: HazardSplit; landfill: HazardSplit; otherDisposal: HazardSplit };
    p37d_nonRecycled: { total: Dec; percent: Dec };
    p39_hazardous: Dec;
    /** Radioactive waste is not tracked by this ledger (stated, not zero-filled). */
    p39_radioactive: null;
  };
  rates: {
    /** (preparation for reuse + recycling) / outbound waste x 100. */
    preparationForReuseAndRecyclingPercent: Dec;
    /** (preparation for reuse + recycling + other recovery + energy recovery) / outbound waste x 100. */
    recoveryPercent: Dec;
    byCategory: ReadonlyArray<{ category: string; outbound: Dec; preparationForReuseAndRecyclingPercent: Dec; recoveryPercent: Dec }>;
  };
  choices: readonly string[];
  flags: readonly string[];
  trace: Trace;
}

const HUNDRED = new Dec(100);

function emptySplit(): { hazardous: Dec; nonHazardous: Dec; total: Dec } {
  return { hazardous: ZERO, nonHazardous: ZERO, total: ZERO };
}
function emptyLocated(): LocatedSplit {
  return { ...emptySplit(), onsite: emptySplit(), offsite: emptySplit() };
}
function addTo(s: { hazardous: Dec; nonHazardous: Dec; total: Dec }, mass: Dec, hazardous: boolean): void {
  if (hazardous) s.hazardous = s.hazardous.plus(mass);
  else s.nonHazardous = s.nonHazardous.plus(mass);
  s.total = s.total.plus(mass);
}
function addLocated(s: LocatedSplit, mass: Dec, hazardous: boolean, onsite: boolean): void {
  addTo(s, mass, hazardous);
  addTo(onsite ? s.onsite : s.offsite, mass, hazardous);
}
function sumSplits(...xs: HazardSplit[]): HazardSplit {
  const out = emptySplit();
  for (const x of xs) {
    out.hazardous = out.hazardous.plus(x.hazardous);
    out.nonHazardous = out.nonHazardous.plus(x.nonHazardous);
    out.total = out.total.plus(x.total);
  }
  return out;
}
function percent(part: Dec, whole: Dec): Dec {
  return whole.isZero() ? ZERO : part.times(HUNDRED).div(whole);
}

function massUnitFactor(unit: string, argument: string): Dec {
  const u = findUnit(unit);
  if (!u || u.dimension !== "mass") fail("UNKNOWN_UNIT", { argument, value: unit, expected: "kg, t, g, lb, short ton" });
  return new Dec(u.toBase);
}

function mappingOf(code: string, taxonomy: Taxonomy | undefined, argument: string): DispositionMapping {
  if (taxonomy) {
    const d = taxonomy.disposition(code);
    return d as DispositionMapping;
  }
  const hit = LOCAL_DISPOSITIONS.find((d) => d.id === code.trim().toUpperCase());
  if (!hit) fail("UNKNOWN_ID", { argument, what: "disposition code", value: code, suggestion: ` Expected one of ${DISPOSITION_CODES.join(", ")}.` });
  return hit;
}

/** Builds the material-flow ledger and its disclosures from one site's records for one period. */
export function materialFlowLedger(input: MaterialFlowInput): MaterialFlowLedger {
  const unit = input.unit ?? "kg";
  const reportUnit = input.reportUnit ?? "t";
  const inKg = massUnitFactor(unit, "unit");
  const outFactor = massUnitFactor(reportUnit, "reportUnit");
  const toReport = (kg: Dec) => kg.div(outFactor);
  const scope = input.scope ?? "the site and period";
  const tb = new TraceBuilder(methodOf("material-flow ledger", "§2.5 mass balance; §2.4 dispositions; §8.1 GRI 306-3/4/5 [GK]; §8.2 ESRS E5-5 §37, §39 [V2 S3] [P]"));

  const receivedKg = nonNegative(input.received, "received", `a mass in ${unit}`).times(inKg);
  const stockKg = decArg(input.stockChange, "stockChange", `a mass in ${unit} (negative when stock fell)`).times(inKg);
  const lossKg = nonNegative(input.measuredLoss ?? "0", "measuredLoss", `a mass in ${unit}`).times(inKg);
  const tol = withDefault(input.tolerance, "0.02");
  const tolerance = fraction(tol.raw, "tolerance");
  tb.input("received", receivedKg, "entered", "kg");
  tb.input("stock change", stockKg, "entered", "kg");
  tb.input("measured loss", lossKg, input.measuredLoss === undefined ? "defaulted" : "entered", "kg");
  tb.input("tolerance", tolerance, tol.origin, undefined, tol.origin === "defaulted" ? "method brief §2.5 suggestion 2 % [P]" : undefined);

  const byDisposition = Object.fromEntries(DISPOSITION_CODES.map((c) => [c, emptySplit()])) as Record<DispositionCode, HazardSplit>;
  const unresolved = emptySplit();
  const notWaste = emptySplit();
  const prep = emptyLocated();
  const recycling = emptyLocated();
  const otherRecovery = emptyLocated();
  const incWithER = emptyLocated();
  const incWithout = emptyLocated();
  const landfilling = emptyLocated();
  const otherDisposalG = emptyLocated();
  const esrs = { prep: emptySplit(), recycling: emptySplit(), otherRecovery: emptySplit(), incineration: emptySplit(), landfill: emptySplit(), otherDisposal: emptySplit() };
  const composition = new Map<string, HazardSplit>();
  const categories = new Map<string, { outbound: Dec; prepRec: Dec; recovery: Dec }>();
  const flags: string[] = [];
  let outboundKg = ZERO;
  let wasteKg = ZERO;
  let wasteHazKg = ZERO;
  let missingEvidence = 0;

  input.outbound.forEach((r, i) => {
    const arg = `outbound[${i}]`;
    const kg = nonNegative(r.mass, `${arg}.mass`, `a mass in ${r.unit ?? unit}`).times(r.unit ? massUnitFactor(r.unit, `${arg}.unit`) : inKg);
    const map = mappingOf(r.disposition, input.taxonomy, `${arg}.disposition`);
    let hazardous = r.hazardous;
    if (hazardous === undefined && r.fraction && input.taxonomy) hazardous = input.taxonomy.fraction(r.fraction).hazardousDefault;
    if (hazardous === undefined) fail("MISSING_INPUT", { argument: `${arg}.hazardous`, expected: "true or false (or a fraction code with a taxonomy)" });
    const onsite = r.onsite ?? false;
    const wasWaste = r.wasWaste ?? true;
    outboundKg = outboundKg.plus(kg);
    const code = map.id as DispositionCode;
    if (byDisposition[code]) addTo(byDisposition[code], kg, hazardous);
    const isReuse = code === "REUSE-DEVICE" || code === "REUSE-PART";
    if (!wasWaste) {
      if (!isReuse) fail("RULE_VIOLATION", { rule: "method brief §2.4 (was_waste)", detail: `${arg} (${r.stream}) is marked as never waste but its disposition ${code} is a waste operation` });
      addTo(notWaste, kg, hazardous);
      return;
    }
    wasteKg = wasteKg.plus(kg);
    if (hazardous) wasteHazKg = wasteHazKg.plus(kg);
    const comp = composition.get(r.stream) ?? emptySplit();
    addTo(comp, kg, hazardous);
    composition.set(r.stream, comp);
    if (map.group === "pending" || !map.gri306 || !map.esrsE5) {
      addTo(unresolved, kg, hazardous);
      return;
    }
    if (!r.evidence) missingEvidence += 1;
    switch (map.gri306.line) {
      case "preparation for reuse": addLocated(prep, kg, hazardous, onsite); break;
      case "recycling": addLocated(recycling, kg, hazardous, onsite); break;
      case "other recovery operations": addLocated(otherRecovery, kg, hazardous, onsite); break;
      case "incineration (with energy recovery)": addLocated(incWithER, kg, hazardous, onsite); break;
      case "incineration (without energy recovery)": addLocated(incWithout, kg, hazardous, onsite); break;
      case "landfilling": addLocated(landfilling, kg, hazardous, onsite); break;
      default: addLocated(otherDisposalG, kg, hazardous, onsite);
    }
    const esrsBucket = { "37(b)(i)": esrs.prep, "37(b)(ii)": esrs.recycling, "37(b)(iii)": esrs.otherRecovery, "37(c)(i)": esrs.incineration, "37(c)(ii)": esrs.landfill, "37(c)(iii)": esrs.otherDisposal }[map.esrsE5.paragraph];
    if (!esrsBucket) fail("LIBRARY_INVALID", { library: "taxonomy/dispositions", detail: `unknown ESRS paragraph ${map.esrsE5.paragraph} for ${code}` });
    addTo(esrsBucket, kg, hazardous);
    if (r.category) {
      const c = categories.get(r.category) ?? { outbound: ZERO, prepRec: ZERO, recovery: ZERO };
      c.outbound = c.outbound.plus(kg);
      if (map.gri306.line === "preparation for reuse" || map.gri306.line === "recycling") c.prepRec = c.prepRec.plus(kg);
      if (map.group === "diverted" || code === "ENERGY-RECOVERY") c.recovery = c.recovery.plus(kg);
      categories.set(r.category, c);
    }
  });

  // Mass balance
  const gapKg = receivedKg.minus(outboundKg).minus(stockKg).minus(lossKg);
  const gapPercent = percent(gapKg.abs(), receivedKg);
  const tolerancePercent = tolerance.times(HUNDRED);
  const within = receivedKg.isZero() ? gapKg.isZero() : gapKg.abs().lte(tolerance.times(receivedKg));
  tb.step("outbound", "sum of outbound records", outboundKg, "kg");
  tb.step("closure gap", `received ${receivedKg.toFixed()} - outbound ${outboundKg.toFixed()} - stock change ${stockKg.toFixed()} - loss ${lossKg.toFixed()}`, gapKg, "kg");
  tb.step("closure gap %", "|gap| / received x 100", gapPercent, "%");
  let balanceIssue: Issue | undefined;
  if (!within) {
    balanceIssue = issue("MASS_BALANCE_OPEN", { scope, gap: toReport(gapKg).toFixed(), unit: reportUnit, percent: gapPercent.toSignificantDigits(6).toFixed(), tolerance: tolerancePercent.toFixed() });
    flags.push(balanceIssue.message);
    tb.flag(balanceIssue.message);
  }
  if (unresolved.total.gt(ZERO)) {
    const m = `${toReport(unresolved.total).toFixed()} ${reportUnit} outbound without final disposition (SENT-DOWNSTREAM/STOCK): in no GRI 306-4/306-5 or ESRS §37(b)/(c) line; data quality downgraded.`;
    flags.push(m);
    tb.flag(m);
  }
  if (missingEvidence > 0) {
    const m = `${missingEvidence} outbound record(s) without downstream final-disposition evidence: disposition as declared, data quality downgraded.`;
    flags.push(m);
    tb.flag(m);
  }
  for (const c of MATERIAL_FLOW_CHOICES) tb.note(c);

  const gri4Total = prep.total.plus(recycling.total).plus(otherRecovery.total);
  const gri5Total = incWithER.total.plus(incWithout.total).plus(landfilling.total).plus(otherDisposalG.total);
  const esrsDiverted = sumSplits(esrs.prep, esrs.recycling, esrs.otherRecovery);
  const esrsDirected = sumSplits(esrs.incineration, esrs.landfill, esrs.otherDisposal);
  const nonRecycled = wasteKg.minus(recycling.total);
  tb.step("GRI 306-4 diverted", "preparation for reuse + recycling + other recovery", gri4Total, "kg");
  tb.step("GRI 306-5 directed", "incineration with + without energy recovery + landfilling + other disposal", gri5Total, "kg");
  tb.step("ESRS §37(b) diverted", "37(b)(i) + (ii) + (iii) (energy recovery in (iii))", esrsDiverted.total, "kg");
  tb.step("ESRS §37(c) directed", "37(c)(i) + (ii) + (iii)", esrsDirected.total, "kg");
  tb.step("ESRS §37(d) non-recycled", `waste generated ${wasteKg.toFixed()} - recycling ${recycling.total.toFixed()}`, nonRecycled, "kg");

  const R = (s: HazardSplit): HazardSplit => ({ hazardous: toReport(s.hazardous), nonHazardous: toReport(s.nonHazardous), total: toReport(s.total) });
  const RL = (s: LocatedSplit): LocatedSplit => ({ ...R(s), onsite: R(s.onsite), offsite: R(s.offsite) });
  const sumField = (xs: LocatedSplit[], f: (x: LocatedSplit) => Dec) => toReport(xs.reduce((t, x) => t.plus(f(x)), ZERO));
  const g4 = [prep, recycling, otherRecovery];
  const g5 = [incWithER, incWithout, landfilling, otherDisposalG];
  const prepRec = prep.total.plus(recycling.total);
  const recovery = gri4Total.plus(incWithER.total);

  return {
    ledger: "material-flow",
    scope,
    unit: reportUnit,
    massBalance: {
      received: toReport(receivedKg),
      outbound: toReport(outboundKg),
      stockChange: toReport(stockKg),
      measuredLoss: toReport(lossKg),
      gap: toReport(gapKg),
      gapPercent,
      tolerancePercent,
      withinTolerance: within,
      ...(balanceIssue ? { issue: balanceIssue } : {}),
    },
    byDisposition: Object.fromEntries(Object.entries(byDisposition).map(([k, v]) => [k, R(v)])) as Record<DispositionCode, HazardSplit>,
    unresolved: R(unresolved),
    notWaste: R(notWaste),
    gri306_3: {
      total: toReport(wasteKg),
      hazardous: toReport(wasteHazKg),
      nonHazardous: toReport(wasteKg.minus(wasteHazKg)),
      byComposition: [...composition].map(([stream, s]) => ({ stream, ...R(s) })),
    },
    gri306_4: {
      total: toReport(gri4Total),
      preparationForReuse: RL(prep),
      recycling: RL(recycling),
      otherRecovery: RL(otherRecovery),
      hazardous: sumField(g4, (x) => x.hazardous),
      nonHazardous: sumField(g4, (x) => x.nonHazardous),
      onsite: sumField(g4, (x) => x.onsite.total),
      offsite: sumField(g4, (x) => x.offsite.total),
    },
    gri306_5: {
      total: toReport(gri5Total),
      incinerationWithEnergyRecovery: RL(incWithER),
      incinerationWithoutEnergyRecovery: RL(incWithout),
      landfilling: RL(landfilling),
      otherDisposal: RL(otherDisposalG),
      hazardous: sumField(g5, (x) => x.hazardous),
      nonHazardous: sumField(g5, (x) => x.nonHazardous),
      onsite: sumField(g5, (x) => x.onsite.total),
      offsite: sumField(g5, (x) => x.offsite.total),
    },
    esrsE5_5: {
      p37a_totalGenerated: toReport(wasteKg),
      p37b_diverted: {
        total: toReport(esrsDiverted.total),
        hazardous: R(esrsDiverted),
        preparationForReuse: R(esrs.prep),
        recycling: R(esrs.recycling),
        otherRecovery: R(esrs.otherRecovery),
      },
      p37c_directed: {
        total: toReport(esrsDirected.total),
        hazardous: R(esrsDirected),
        incineration: R(esrs.incineration),
        landfill: R(esrs.landfill),
        otherDisposal: R(esrs.otherDisposal),
      },
      p37d_nonRecycled: { total: toReport(nonRecycled), percent: percent(nonRecycled, wasteKg) },
      p39_hazardous: toReport(wasteHazKg),
      p39_radioactive: null,
    },
    rates: {
      preparationForReuseAndRecyclingPercent: percent(prepRec, wasteKg),
      recoveryPercent: percent(recovery, wasteKg),
      byCategory: [...categories]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([category, c]) => ({
          category,
          outbound: toReport(c.outbound),
          preparationForReuseAndRecyclingPercent: percent(c.prepRec, c.outbound),
          recoveryPercent: percent(c.recovery, c.outbound),
        })),
    },
    choices: MATERIAL_FLOW_CHOICES,
    flags,
    trace: tb.build(),
  };
}
