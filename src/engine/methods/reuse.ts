/**
 * Reuse, refurbishment, repair, life-extension and harvested-component credit
 * (method brief §5.2 [P], structure from LCA practice [GK]). Avoided-emissions
 * ledger only: a positive value is avoided kg CO2e, never deducted from the inventory.
 *
 *   AE_u   = DR x LEF x EF_new - (E_refurb + E_parts + E_logistics_extra) - dE_use
 *   LEF    = min(1, L_extended / L_new)
 *   dE_use = (P_reused - P_new) kW x h/yr x L_extended yr x EF_grid_use kg CO2e/kWh
 *
 * A unit earns a credit only with a functional test record and, when it bears data,
 * a sanitization record (brief §2.2 engine rule, R2v3 Appendices B and C); otherwise
 * the result is the issue CREDIT_EVIDENCE_MISSING and no credit.
 */
import { Dec, ONE, ZERO } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { TraceBuilder, type Result } from "../trace/trace";
import type { FactorQuery, FactorRegistry } from "../factors/registry";
import {
  asAvoided,
  decArg,
  fraction,
  methodOf,
  nonNegative,
  resolveFactor,
  traceFactorUse,
  withDefault,
  type AvoidedResult,
  type FactorArg,
  type NumberLike,
} from "./avoided-common";
import { DISPLACEMENT_RATE_POINTS, sensitivity, type Sensitivity } from "./sensitivity";

export type ReusePathway = "reuse" | "refurbish" | "repair" | "extend" | "harvest";
export const REUSE_PATHWAYS: readonly ReusePathway[] = ["reuse", "refurbish", "repair", "extend", "harvest"];

/** Project default displacement rate when no evidence of displacement exists (brief §5.2 [P]). */
export const DEFAULT_DISPLACEMENT_RATE = "0.5";

const CLAUSE = "§5.2 reuse, refurbishment and life-extension credit [P]; eligibility per §2.2 engine rule (tested functional, sanitised)";

/** Evidence a unit must carry to earn a credit (record ids, e.g. document numbers in the evidence index). */
export interface ReuseEvidence {
  /** Test record showing the unit functional for its intended use (R2v3 Appendix C). Required. */
  testRecord?: string | null;
  /** Whether the unit (or component) can hold data. Required, so that a missing sanitization record cannot go unnoticed. */
  dataBearing: boolean;
  /** Data sanitization or destruction record (NIST SP 800-88 method) when data-bearing. */
  sanitizationRecord?: string | null;
  /** Evidence that the reused unit displaces a new purchase (e.g. a cancelled purchase order). Required for DR = 1. */
  displacementEvidence?: string | null;
}

export interface ReuseCreditInput extends ReuseEvidence {
  pathway?: ReusePathway;
  /** Lot or unit id the credit belongs to (for attribution and the avoided ledger). */
  lotId?: string;
  /** Number of identical units (default 1). */
  units?: NumberLike;
  /** EF_new: footprint of the new product (or component) displaced, kg CO2e/unit; factor id or number. */
  efNew: FactorArg;
  /** DR: displacement rate, 0..1 (default 0.5, flagged as an assumption). */
  displacementRate?: NumberLike | null;
  /** L_extended: service life delivered by the reused unit, years (for "extend": years added). */
  lifetimeExtendedYears: NumberLike;
  /** L_new: service life of the new reference product, years (for "extend": the reference lifetime). */
  lifetimeNewYears: NumberLike;
  /** E_refurb: testing, sanitization, cleaning and repair, kg CO2e/unit. */
  refurbishmentKg: NumberLike;
  /** E_parts: replacement parts, kg CO2e/unit. */
  partsKg: NumberLike;
  /** E_logistics_extra: extra transport to the reuse market vs the recycling route, kg CO2e/unit. */
  extraLogisticsKg: NumberLike;
  /** P_reused - P_new, kW (negative when the reused unit is more efficient). Or give both powers below. */
  powerDeltaKw?: NumberLike | null;
  powerReusedKw?: NumberLike | null;
  powerNewKw?: NumberLike | null;
  /** Use hours per year (needed when the power difference is not zero). */
  hoursPerYear?: NumberLike | null;
  /** EF_grid_use, kg CO2e/kWh; factor id or number (needed when the power difference is not zero). */
  gridFactor?: FactorArg | null;
  registry?: FactorRegistry;
  /** Scope used for factor ids given without one. */
  factorQuery?: FactorQuery;
}

export interface ReuseCredit {
  ledger: "avoided";
  pathway: ReusePathway;
  lotId?: string;
  units: Dec;
  displacementRate: Dec;
  /** AE per unit, kg CO2e/unit (positive = avoided). */
  perUnit: AvoidedResult;
  /** AE x units, kg CO2e. */
  total: AvoidedResult;
  /** Standard output: per-unit AE at DR 0.25 / 0.5 / 1.0. */
  sensitivity: Sensitivity;
  /** Same, for the total. */
  sensitivityTotal: Sensitivity;
}

function requireEvidence(input: ReuseEvidence, pathway: ReusePathway): void {
  const credit = pathway === "harvest" ? "harvested-component" : pathway;
  if (!input.testRecord) {
    fail("CREDIT_EVIDENCE_MISSING", {
      argument: "testRecord",
      evidence: "functional test record",
      rule: "method brief §2.2 engine rule (tested functional)",
      credit,
    });
  }
  if (typeof input.dataBearing !== "boolean") {
    fail("MISSING_INPUT", { argument: "dataBearing", expected: "true or false (can the unit hold data?)" });
  }
  if (input.dataBearing && !input.sanitizationRecord) {
    fail("CREDIT_EVIDENCE_MISSING", {
      argument: "sanitizationRecord",
      evidence: "data sanitization record for a data-bearing unit",
      rule: "method brief §2.2 engine rule (sanitised where data-bearing)",
      credit,
    });
  }
}

interface Prepared {
  pathway: ReusePathway;
  units: Dec;
  unitsOrigin: "entered" | "defaulted";
  efNew: ReturnType<typeof resolveFactor>;
  lifeExt: Dec;
  lifeNew: Dec;
  lef: Dec;
  refurb: Dec;
  parts: Dec;
  logistics: Dec;
  powerDelta: Dec;
  powerNote: string;
  hours: Dec | null;
  grid: ReturnType<typeof resolveFactor> | null;
}

function prepare(input: ReuseCreditInput): Prepared {
  const pathway = input.pathway ?? "reuse";
  if (!REUSE_PATHWAYS.includes(pathway)) {
    fail("INVALID_OPTION", { argument: "pathway", value: String(pathway), expected: REUSE_PATHWAYS.join(", ") });
  }
  const u = withDefault(input.units, "1");
  const units = nonNegative(u.raw, "units", "a number of units");
  const efNew = resolveFactor(input.efNew, "efNew", "unit", input.registry, input.factorQuery);
  if (efNew.value.isNegative()) fail("NEGATIVE_NOT_ALLOWED", { argument: "efNew", value: efNew.value.toFixed(), expected: "kg CO2e/unit >= 0" });
  const lifeExt = nonNegative(input.lifetimeExtendedYears, "lifetimeExtendedYears", "years");
  const lifeNew = nonNegative(input.lifetimeNewYears, "lifetimeNewYears", "years");
  if (lifeNew.isZero()) fail("OUT_OF_RANGE", { argument: "lifetimeNewYears", value: "0", expected: "a lifetime greater than 0 years" });
  const ratio = lifeExt.div(lifeNew);
  const lef = Dec.min(ONE, ratio);
  const refurb = nonNegative(input.refurbishmentKg, "refurbishmentKg", "kg CO2e/unit (enter 0 if none)");
  const parts = nonNegative(input.partsKg, "partsKg", "kg CO2e/unit (enter 0 if none)");
  const logistics = decArg(input.extraLogisticsKg, "extraLogisticsKg", "kg CO2e/unit (enter 0 if none)");

  let powerDelta: Dec;
  let powerNote: string;
  const hasPair = input.powerReusedKw != null && input.powerNewKw != null && input.powerReusedKw !== "" && input.powerNewKw !== "";
  if (hasPair) {
    const pr = nonNegative(input.powerReusedKw, "powerReusedKw", "kW");
    const pn = nonNegative(input.powerNewKw, "powerNewKw", "kW");
    powerDelta = pr.minus(pn);
    powerNote = `P_reused ${pr.toFixed()} kW - P_new ${pn.toFixed()} kW`;
    if (input.powerDeltaKw != null && input.powerDeltaKw !== "" && !decArg(input.powerDeltaKw, "powerDeltaKw", "kW").eq(powerDelta)) {
      fail("INVALID_OPTION", { argument: "powerDeltaKw", value: String(input.powerDeltaKw), expected: `either the difference or both powers, not both disagreeing (${powerDelta.toFixed()})` });
    }
  } else {
    powerDelta = decArg(input.powerDeltaKw, "powerDeltaKw", "P_reused - P_new in kW (enter 0 if equal)");
    powerNote = "entered as a difference";
  }
  let hours: Dec | null = null;
  let grid: ReturnType<typeof resolveFactor> | null = null;
  if (!powerDelta.isZero() && !lifeExt.isZero()) {
    hours = nonNegative(input.hoursPerYear, "hoursPerYear", "use hours per year");
    grid = resolveFactor(input.gridFactor, "gridFactor", "kWh", input.registry, input.factorQuery);
  }
  return { pathway, units, unitsOrigin: u.origin, efNew, lifeExt, lifeNew, lef, refurb, parts, logistics, powerDelta, powerNote, hours, grid };
}

/** Per-unit AE at a given DR, with its full trace. */
function perUnitAt(p: Prepared, dr: Dec, drOrigin: "entered" | "defaulted", drNote: string | undefined): Result {
  const tb = new TraceBuilder(methodOf(`${p.pathway} credit`, CLAUSE));
  tb.input("pathway", p.pathway, "entered");
  tb.input("DR displacement rate", dr, drOrigin, undefined, drNote);
  tb.input("L_extended", p.lifeExt, "entered", "yr");
  tb.input("L_new", p.lifeNew, "entered", "yr");
  tb.input("E_refurb", p.refurb, "entered", "kg CO2e/unit");
  tb.input("E_parts", p.parts, "entered", "kg CO2e/unit");
  tb.input("E_logistics_extra", p.logistics, "entered", "kg CO2e/unit");
  tb.input("P_reused - P_new", p.powerDelta, "entered", "kW", p.powerNote);
  traceFactorUse(tb, "EF_new", p.efNew);
  tb.step("LEF life-extension factor", `min(1, ${p.lifeExt.toFixed()} / ${p.lifeNew.toFixed()})`, p.lef, "1");
  const gross = dr.times(p.lef).times(p.efNew.value);
  tb.step("displaced production", `DR ${dr.toFixed()} x LEF ${p.lef.toFixed()} x EF_new ${p.efNew.value.toFixed()}`, gross, "kg CO2e/unit");
  const burdens = p.refurb.plus(p.parts).plus(p.logistics);
  tb.step("reuse burdens", `E_refurb ${p.refurb.toFixed()} + E_parts ${p.parts.toFixed()} + E_logistics_extra ${p.logistics.toFixed()}`, burdens, "kg CO2e/unit");
  let useDelta = ZERO;
  if (p.hours && p.grid) {
    tb.input("hours per year", p.hours, "entered", "h/yr");
    traceFactorUse(tb, "EF_grid_use", p.grid);
    useDelta = p.powerDelta.times(p.hours).times(p.lifeExt).times(p.grid.value);
    tb.step(
      "use-phase difference dE_use",
      `${p.powerDelta.toFixed()} kW x ${p.hours.toFixed()} h/yr x ${p.lifeExt.toFixed()} yr x ${p.grid.value.toFixed()} kg CO2e/kWh`,
      useDelta,
      "kg CO2e/unit",
    );
  } else {
    tb.step("use-phase difference dE_use", "power difference or L_extended is 0", ZERO, "kg CO2e/unit");
  }
  const ae = gross.minus(burdens).minus(useDelta);
  tb.step("AE per unit", "DR x LEF x EF_new - (E_refurb + E_parts + E_logistics_extra) - dE_use", ae, "kg CO2e/unit");
  tb.note("Avoided-emissions ledger: reported beside, never inside, Scope 1-3 (GHG Protocol Scope 3 Standard §9.5).");
  tb.note("Reference scenario [P]: without reuse the unit would have gone to materials recovery; no recycling credit may be claimed on the same mass in the same period.");
  if (p.lef.lt(p.lifeExt.div(p.lifeNew))) tb.note("L_extended exceeds L_new: LEF capped at 1.");
  if (ae.isNegative()) tb.flag("Negative credit: the burdens of reuse exceed the displaced production at this DR.");
  if (p.efNew.trace.proxyFor) tb.flag(`EF_new is a proxy (${p.efNew.trace.proxyFor}).`);
  return tb.result(ae, "kg CO2e/unit");
}

function scaleTotal(perUnit: Result, units: Dec, unitsOrigin: "entered" | "defaulted"): Result {
  const tb = new TraceBuilder(perUnit.trace.method);
  tb.absorb(perUnit.trace);
  tb.input("units", units, unitsOrigin, "unit");
  const total = perUnit.value.times(units);
  tb.step("AE total", `${perUnit.value.toFixed()} kg CO2e/unit x ${units.toFixed()} units`, total, "kg CO2e");
  return tb.result(total, "kg CO2e");
}

/**
 * The reuse credit of one unit type (or lot of identical units), with the DR sensitivity.
 * Fails (as an IssueError; wrap in `attempt`) with CREDIT_EVIDENCE_MISSING when the unit is not
 * eligible, and with MISSING_INPUT / OUT_OF_RANGE / UNKNOWN_FACTOR for bad arguments.
 */
export function reuseCredit(input: ReuseCreditInput): ReuseCredit {
  const p = prepare(input);
  requireEvidence(input, p.pathway);
  const d = withDefault(input.displacementRate, DEFAULT_DISPLACEMENT_RATE);
  const dr = fraction(d.raw, "displacementRate");
  let drNote: string | undefined;
  if (dr.eq(ONE)) {
    if (!input.displacementEvidence) {
      fail("CREDIT_EVIDENCE_MISSING", {
        argument: "displacementEvidence",
        evidence: "evidence that the unit displaces a new purchase",
        rule: "method brief §5.2 (DR = 1 only with evidence of displacement)",
        credit: `${p.pathway} (DR = 1)`,
      });
    }
    drNote = `evidence of displacement: ${input.displacementEvidence}`;
  } else if (d.origin === "defaulted") {
    drNote = "project default 0.5 [P] (method brief §5.2), an assumption";
  } else {
    drNote = input.displacementEvidence ? `evidence: ${input.displacementEvidence}` : "entered without displacement evidence: an assumption";
  }
  const perUnit = perUnitAt(p, dr, d.origin, drNote);
  const assumption = !dr.eq(ONE) && !input.displacementEvidence;
  const withFlags = (r: Result): Result => {
    if (!assumption) return r;
    const tb = new TraceBuilder(r.trace.method).absorb(r.trace);
    tb.flag(`Displacement rate ${dr.toFixed()} is an assumption (no displacement evidence); see the DR sensitivity.`);
    return tb.result(r.value, r.unit);
  };
  const perUnitFlagged = withFlags(perUnit);
  const run = (x: Dec) => perUnitAt(p, x, "entered", "sensitivity point (not a claim)");
  const sens = sensitivity("displacement rate DR", DISPLACEMENT_RATE_POINTS, run);
  const sensTotal = sensitivity("displacement rate DR", DISPLACEMENT_RATE_POINTS, (x) => scaleTotal(run(x), p.units, p.unitsOrigin));
  return {
    ledger: "avoided",
    pathway: p.pathway,
    ...(input.lotId ? { lotId: input.lotId } : {}),
    units: p.units,
    displacementRate: dr,
    perUnit: asAvoided(perUnitFlagged),
    total: asAvoided(scaleTotal(perUnitFlagged, p.units, p.unitsOrigin)),
    sensitivity: sens,
    sensitivityTotal: sensTotal,
  };
}

export interface LifeExtensionInput extends Omit<ReuseCreditInput, "lifetimeExtendedYears" | "lifetimeNewYears" | "pathway"> {
  pathway?: "extend" | "repair";
  /** Years of service added by the repair or extension. */
  yearsAdded: NumberLike;
  /** Reference service lifetime of a new product, years. */
  referenceLifetimeYears: NumberLike;
}

/** Repair or life extension: years added against a reference lifetime (same formula, LEF = years added / reference). */
export function lifeExtensionCredit(input: LifeExtensionInput): ReuseCredit {
  const { yearsAdded, referenceLifetimeYears, ...rest } = input;
  return reuseCredit({ ...rest, pathway: input.pathway ?? "extend", lifetimeExtendedYears: yearsAdded, lifetimeNewYears: referenceLifetimeYears });
}

/** Harvested component for reuse: the same formula with the component's EF_new (kg CO2e per component). */
export function harvestedComponentCredit(input: Omit<ReuseCreditInput, "pathway">): ReuseCredit {
  return reuseCredit({ ...input, pathway: "harvest" });
}
