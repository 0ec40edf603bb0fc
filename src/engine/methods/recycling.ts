/**
 * Recycling credit: avoided burden per recovered material (method brief §5.3 [GK + P]),
 * split by the CFF allocation factor A (§5.4, §6.2 rule 3 [P]):
 *
 *   AE_recycling,m = M_out,m x (E*v,m x Qsout,m/Qp,m - ErecEoL,m)
 *   end-of-life chain share = (1 - A) x AE ; share A is reserved to the user of recycled content
 *   (realised as a lower category 1 footprint, not as an avoided-emissions claim).
 *
 * M_out is mass at the output of the recycling process (final disposition). Also: the WARM
 * variant (scenario difference of net factors, §5.5) and the energy-recovery credit (§5.3).
 * Avoided-emissions ledger only; positive = avoided.
 */
import { Dec, ONE } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { TraceBuilder } from "../trace/trace";
import type { FactorQuery, FactorRegistry } from "../factors/registry";
import {
  asAvoided,
  decArg,
  fraction,
  massKg,
  methodOf,
  resolveFactor,
  traceFactorUse,
  withDefault,
  type AvoidedResult,
  type FactorArg,
  type NumberLike,
} from "./avoided-common";
import { resolveAllocation, type AllocationChoice } from "./cff";
import { ALLOCATION_A_POINTS, sensitivity, type Sensitivity } from "./sensitivity";

const CLAUSE = "§5.3 recycling credit, avoided burden per material [GK + P]; split (1 - A) / A per §5.4 and §6.2 rule 3 [P]";
const KG = "kg CO2e";

export interface RecyclingCreditInput {
  /** Material (fraction) name or code, e.g. "AL" or "aluminium". */
  material: string;
  lotId?: string;
  /** M_out: secondary material at the recycling-plant output. */
  outputMass: NumberLike;
  /** Unit of outputMass (default kg). */
  massUnit?: string;
  /** E*v: virgin material substituted, kg CO2e/kg (ids converted, e.g. DESNZ primary production per t). */
  virginFactor: FactorArg;
  /** ErecEoL: collection, sorting, transport and recycling to the secondary material, kg CO2e/kg. */
  recyclingFactor: FactorArg;
  /** Qsout/Qp (default 1, recorded as defaulted). */
  qsoutOverQp?: NumberLike | null;
  allocation?: AllocationChoice;
  A?: NumberLike | null;
  /** Certificate of recycling / processing from the final-disposition point (evidence id). Required. */
  certificate?: string | null;
  registry?: FactorRegistry;
  factorQuery?: FactorQuery;
}

export interface CreditSplit {
  ledger: "avoided";
  pathway: "recycling" | "energy-recovery";
  material: string;
  lotId?: string;
  allocation?: AllocationChoice;
  /** A (recycling) or B (energy recovery). */
  allocationFactor: Dec;
  /** The whole avoided burden on the mass, kg CO2e. */
  gross: AvoidedResult;
  /** Share claimable by the end-of-life chain (originating custodian), kg CO2e. */
  eolShare: AvoidedResult;
  /** Share reserved to the user of recycled content (A) or of recovered energy (B), kg CO2e; not claimable by the recycler. */
  reservedToUser: AvoidedResult;
  /** EoL share at A = 0.2 / 0.5 / 0.8 (recycling only). */
  sensitivity?: Sensitivity;
}

function requireCertificate(certificate: string | null | undefined, credit: string): void {
  if (!certificate) {
    fail("CREDIT_EVIDENCE_MISSING", {
      argument: "certificate",
      evidence: "certificate of recycling/processing from the final-disposition point",
      rule: "SERI-EVC-ATTR-3 (method brief §6.2 rule 3; GHG Protocol Scope 3 Standard Box 5.6)",
      credit,
    });
  }
}

function split(
  tb: TraceBuilder,
  gross: Dec,
  share: Dec,
  symbol: "A" | "B",
): { gross: AvoidedResult; eolShare: AvoidedResult; reservedToUser: AvoidedResult } {
  const grossR = tb.result(gross, KG);
  const eol = ONE.minus(share).times(gross);
  tb.step("end-of-life chain share", `(1 - ${symbol}) x gross = ${ONE.minus(share).toFixed()} x ${gross.toFixed()}`, eol, KG);
  const eolR = tb.result(eol, KG);
  const reserved = share.times(gross);
  tb.step(`share ${symbol} reserved to the user`, `${symbol} x gross = ${share.toFixed()} x ${gross.toFixed()}`, reserved, KG);
  const reservedR = tb.result(reserved, KG);
  return { gross: asAvoided(grossR), eolShare: asAvoided(eolR), reservedToUser: asAvoided(reservedR) };
}

/** Avoided burden of one recovered material with the (1 - A) / A split. */
export function recyclingCredit(input: RecyclingCreditInput): CreditSplit {
  const alloc = resolveAllocation(input.allocation, input.A);
  requireCertificate(input.certificate, "recycling");
  const massUnit = input.massUnit ?? "kg";
  const M = massKg(input.outputMass, massUnit, "outputMass");
  const evStar = resolveFactor(input.virginFactor, "virginFactor", "kg", input.registry, input.factorQuery);
  const erec = resolveFactor(input.recyclingFactor, "recyclingFactor", "kg", input.registry, input.factorQuery);
  const q = withDefault(input.qsoutOverQp, "1");
  const qsout = decArg(q.raw, "qsoutOverQp", "a quality ratio");
  if (qsout.isNegative()) fail("NEGATIVE_NOT_ALLOWED", { argument: "qsoutOverQp", value: qsout.toFixed(), expected: "a ratio >= 0" });

  const build = (A: Dec, origin: "entered" | "defaulted", note: string) => {
    const tb = new TraceBuilder(methodOf("recycling credit", CLAUSE));
    tb.input("material", input.material, "entered");
    if (input.lotId) tb.input("lot", input.lotId, "entered");
    tb.input("M_out", M, "entered", "kg", massUnit === "kg" ? undefined : `${String(input.outputMass)} ${massUnit}`);
    tb.input("Qsout/Qp", qsout, q.origin, undefined, q.origin === "defaulted" ? "default 1 (metals typically 1 [GK]); state the quality ratio where it differs" : undefined);
    tb.input("allocation", alloc.allocation, input.allocation ? "entered" : "defaulted");
    tb.input("A", A, origin, undefined, note);
    tb.input("certificate", String(input.certificate), "entered");
    traceFactorUse(tb, "E*v", evStar);
    traceFactorUse(tb, "ErecEoL", erec);
    const perKg = evStar.value.times(qsout).minus(erec.value);
    tb.step("avoided burden per kg", `E*v x Qsout/Qp - ErecEoL = ${evStar.value.toFixed()} x ${qsout.toFixed()} - ${erec.value.toFixed()}`, perKg, "kg CO2e/kg");
    const gross = M.times(perKg);
    tb.step("gross avoided burden", `M_out ${M.toFixed()} kg x ${perKg.toFixed()} kg CO2e/kg`, gross, KG);
    tb.note("Avoided-emissions ledger: reported beside, never inside, Scope 1-3 (GHG Protocol Scope 3 Standard §9.5, Box 5.6).");
    tb.note("Measured at the final-disposition point on output mass (CFF R2 convention); share A is reserved to the user of recycled content.");
    if (gross.isNegative()) tb.flag("Negative avoided burden: recycling emissions exceed the substituted virgin production.");
    for (const f of [evStar, erec]) if (f.trace.proxyFor) tb.flag(`${f.trace.id} is a proxy (${f.trace.proxyFor}).`);
    return split(tb, gross, A, "A");
  };

  const main = build(alloc.A, alloc.origin, alloc.note);
  const sens = sensitivity("allocation factor A", ALLOCATION_A_POINTS, (a) => build(a, "entered", "sensitivity point (not a claim)").eolShare);
  return {
    ledger: "avoided",
    pathway: "recycling",
    material: input.material,
    ...(input.lotId ? { lotId: input.lotId } : {}),
    allocation: alloc.allocation,
    allocationFactor: alloc.A,
    ...main,
    sensitivity: sens,
  };
}

export interface WarmRecyclingInput {
  material: string;
  lotId?: string;
  mass: NumberLike;
  massUnit?: string;
  /** WARM net factor of the alternative pathway (e.g. "warm.mixed-electronics.recycling"). */
  alternativeFactor: FactorArg;
  /** WARM net factor of the business-as-usual pathway (e.g. "warm.mixed-electronics.landfilling"). */
  baselineFactor: FactorArg;
  allocation?: AllocationChoice;
  A?: NumberLike | null;
  certificate?: string | null;
  registry?: FactorRegistry;
  factorQuery?: FactorQuery;
}

/**
 * WARM-style credit (brief §5.5): avoided = M x (EF_baseline - EF_alternative) with WARM net
 * factors (negative = net reduction, published sign kept), then the same (1 - A) / A split.
 */
export function warmRecyclingCredit(input: WarmRecyclingInput): CreditSplit {
  const alloc = resolveAllocation(input.allocation, input.A);
  requireCertificate(input.certificate, "recycling");
  const massUnit = input.massUnit ?? "kg";
  const M = massKg(input.mass, massUnit, "mass");
  const alt = resolveFactor(input.alternativeFactor, "alternativeFactor", "kg", input.registry, input.factorQuery);
  const base = resolveFactor(input.baselineFactor, "baselineFactor", "kg", input.registry, input.factorQuery);
  const tb = new TraceBuilder(methodOf("recycling credit (WARM scenario difference)", "§5.5 EPA WARM: dGHG = T x EF_alternative - T x EF_baseline [V S8]; split per §6.2 rule 3 [P]"));
  tb.input("material", input.material, "entered");
  if (input.lotId) tb.input("lot", input.lotId, "entered");
  tb.input("mass", M, "entered", "kg", massUnit === "kg" ? undefined : `${String(input.mass)} ${massUnit}`);
  tb.input("allocation", alloc.allocation, input.allocation ? "entered" : "defaulted");
  tb.input("A", alloc.A, alloc.origin, undefined, alloc.note);
  tb.input("certificate", String(input.certificate), "entered");
  traceFactorUse(tb, "EF_alternative", alt);
  traceFactorUse(tb, "EF_baseline", base);
  const gross = M.times(base.value.minus(alt.value));
  tb.step("gross avoided", `M ${M.toFixed()} kg x (EF_baseline ${base.value.toFixed()} - EF_alternative ${alt.value.toFixed()})`, gross, KG);
  tb.note("WARM net life-cycle factors are for the avoided-emissions ledger only (EPA: not appropriate for inventories).");
  if (alt.trace.library !== "user" || base.trace.library !== "user") tb.note("WARM factors: US context, GWP AR4 as published; not re-characterised.");
  const parts = split(tb, gross, alloc.A, "A");
  return {
    ledger: "avoided",
    pathway: "recycling",
    material: input.material,
    ...(input.lotId ? { lotId: input.lotId } : {}),
    allocation: alloc.allocation,
    allocationFactor: alloc.A,
    ...parts,
  };
}

export interface EnergyRecoveryInput {
  material: string;
  lotId?: string;
  /** M_ER: mass sent to energy recovery. */
  mass: NumberLike;
  massUnit?: string;
  /** LHV, MJ/kg. */
  LHV: NumberLike;
  XERheat: NumberLike;
  XERelec: NumberLike;
  /** Substituted energy, kg CO2e/MJ (kWh factor ids converted). */
  ESEheat?: FactorArg | null;
  ESEelec?: FactorArg | null;
  /** EER: emissions of the energy-recovery process, kg CO2e/kg. */
  EER: FactorArg;
  /** Share reserved to the energy user (CFF B, default 0). */
  B?: NumberLike | null;
  certificate?: string | null;
  registry?: FactorRegistry;
  factorQuery?: FactorQuery;
}

/** Energy-recovery credit (brief §5.3): M_ER x (LHV XER,heat ESE,heat + LHV XER,elec ESE,elec - EER). */
export function energyRecoveryCredit(input: EnergyRecoveryInput): CreditSplit {
  requireCertificate(input.certificate, "energy-recovery");
  const massUnit = input.massUnit ?? "kg";
  const M = massKg(input.mass, massUnit, "mass");
  const lhv = decArg(input.LHV, "LHV", "MJ/kg");
  if (lhv.isNegative()) fail("NEGATIVE_NOT_ALLOWED", { argument: "LHV", value: lhv.toFixed(), expected: "MJ/kg >= 0" });
  const xh = fraction(input.XERheat, "XERheat");
  const xe = fraction(input.XERelec, "XERelec");
  const b = withDefault(input.B, "0");
  const B = fraction(b.raw, "B");
  const tb = new TraceBuilder(methodOf("energy-recovery credit", "§5.3 energy recovery credit (CFF energy term) [GK]"));
  tb.input("material", input.material, "entered");
  if (input.lotId) tb.input("lot", input.lotId, "entered");
  tb.input("M_ER", M, "entered", "kg");
  tb.input("LHV", lhv, "entered", "MJ/kg");
  tb.input("XER,heat", xh, "entered");
  tb.input("XER,elec", xe, "entered");
  tb.input("B", B, b.origin, undefined, b.origin === "defaulted" ? "PEF default B = 0" : undefined);
  tb.input("certificate", String(input.certificate), "entered");
  const eseH = xh.isZero() && (input.ESEheat === undefined || input.ESEheat === null) ? null : resolveFactor(input.ESEheat, "ESEheat", "MJ", input.registry, input.factorQuery);
  const eseE = xe.isZero() && (input.ESEelec === undefined || input.ESEelec === null) ? null : resolveFactor(input.ESEelec, "ESEelec", "MJ", input.registry, input.factorQuery);
  const eer = resolveFactor(input.EER, "EER", "kg", input.registry, input.factorQuery);
  if (eseH) traceFactorUse(tb, "ESE,heat", eseH);
  if (eseE) traceFactorUse(tb, "ESE,elec", eseE);
  traceFactorUse(tb, "EER", eer);
  const heat = eseH ? lhv.times(xh).times(eseH.value) : new Dec(0);
  const elec = eseE ? lhv.times(xe).times(eseE.value) : new Dec(0);
  const perKg = heat.plus(elec).minus(eer.value);
  tb.step("avoided per kg", `LHV x XER,heat x ESE,heat ${heat.toFixed()} + LHV x XER,elec x ESE,elec ${elec.toFixed()} - EER ${eer.value.toFixed()}`, perKg, "kg CO2e/kg");
  const gross = M.times(perKg);
  tb.step("gross avoided", `M_ER ${M.toFixed()} kg x ${perKg.toFixed()} kg CO2e/kg`, gross, KG);
  tb.note("Avoided-emissions ledger only; combustion emissions themselves belong to the inventory of the operator.");
  const parts = split(tb, gross, B, "B");
  return { ledger: "avoided", pathway: "energy-recovery", material: input.material, ...(input.lotId ? { lotId: input.lotId } : {}), allocationFactor: B, ...parts };
}
