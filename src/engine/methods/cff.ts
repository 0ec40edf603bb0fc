/**
 * EU PEF Circular Footprint Formula (method brief §5.4 [GK]: Commission Recommendation
 * (EU) 2021/2279, Annex I §4.4.8), per kg of material in the product:
 *
 *   Material = (1 - R1) Ev + R1 (A Erec + (1 - A) Ev Qsin/Qp) + (1 - A) R2 (ErecEoL - E*v Qsout/Qp)
 *   Energy   = (1 - B) R3 (EER - LHV XER,heat ESE,heat - LHV XER,elec ESE,elec)
 *   Disposal = (1 - R2 - R3) ED
 *
 * Named allocation choices are the CFF at fixed A [P]: cut-off (A = 1, recycled-content),
 * avoided-burden (A = 0 with Qsin/Qp = 1, end-of-life), 50-50 (A = 0.5), cff (A as given,
 * PEF Annex C values [GK]). A term whose coefficient is zero does not need its parameters;
 * any other missing parameter is MISSING_INPUT (no silent zero).
 */
import { Dec, ONE, ZERO } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { TraceBuilder, type Result } from "../trace/trace";
import type { FactorQuery, FactorRegistry } from "../factors/registry";
import { decArg, fraction, methodOf, resolveFactor, traceFactorUse, type FactorArg, type NumberLike } from "./avoided-common";

export type AllocationChoice = "cut-off" | "avoided-burden" | "50-50" | "cff";
export const ALLOCATION_CHOICES: readonly AllocationChoice[] = ["cut-off", "avoided-burden", "50-50", "cff"];

/** A fixed by each named choice (cff: as given). */
export const ALLOCATION_A: Readonly<Record<Exclude<AllocationChoice, "cff">, string>> = {
  "cut-off": "1",
  "avoided-burden": "0",
  "50-50": "0.5",
};

const CLAUSE = "§5.4 EU PEF Circular Footprint Formula (Recommendation (EU) 2021/2279 Annex I §4.4.8) [GK]";

export interface CffInput {
  /** Named allocation; default "cff" when A is given. */
  allocation?: AllocationChoice;
  /** Allocation factor of recycling burdens and credits (supplier vs user of recycled material). */
  A?: NumberLike | null;
  /** Allocation factor of energy recovery (default 0, PEF default). */
  B?: NumberLike | null;
  R1?: NumberLike | null;
  R2?: NumberLike | null;
  R3?: NumberLike | null;
  /** Qsin/Qp and Qsout/Qp quality ratios. */
  qsinOverQp?: NumberLike | null;
  qsoutOverQp?: NumberLike | null;
  /** Emission terms, kg CO2e/kg of material (factor ids are converted from their own units). */
  Ev?: FactorArg | null;
  EvStar?: FactorArg | null;
  Erec?: FactorArg | null;
  ErecEoL?: FactorArg | null;
  EER?: FactorArg | null;
  ED?: FactorArg | null;
  /** Lower heating value, MJ/kg. */
  LHV?: NumberLike | null;
  XERheat?: NumberLike | null;
  XERelec?: NumberLike | null;
  /** Substituted energy, kg CO2e/MJ (a kWh factor id is converted). */
  ESEheat?: FactorArg | null;
  ESEelec?: FactorArg | null;
  registry?: FactorRegistry;
  factorQuery?: FactorQuery;
}

export interface CffResult {
  allocation: AllocationChoice;
  A: Dec;
  material: Result;
  energy: Result;
  disposal: Result;
  /** Material + Energy + Disposal, kg CO2e/kg. */
  total: Result;
}

const UNIT = "kg CO2e/kg";
const absent = (v: unknown) => v === undefined || v === null || v === "";

/** Resolves the allocation choice and A; shared with the recycling credit. */
export function resolveAllocation(
  allocation: AllocationChoice | undefined,
  A: NumberLike | null | undefined,
  qsinOverQp?: NumberLike | null,
): { allocation: AllocationChoice; A: Dec; origin: "entered" | "defaulted"; note: string } {
  const choice = allocation ?? "cff";
  if (!ALLOCATION_CHOICES.includes(choice)) {
    fail("INVALID_OPTION", { argument: "allocation", value: String(choice), expected: ALLOCATION_CHOICES.join(", ") });
  }
  if (choice === "cff") {
    if (absent(A)) fail("MISSING_INPUT", { argument: "A", expected: "the allocation factor A (PEF Annex C, 0.2 / 0.5 / 0.8) or a named allocation" });
    return { allocation: choice, A: fraction(A, "A"), origin: "entered", note: "A as given (PEF Annex C value to be cited)" };
  }
  const fixed = new Dec(ALLOCATION_A[choice]);
  if (!absent(A) && !fraction(A, "A").eq(fixed)) {
    fail("INVALID_OPTION", { argument: "A", value: String(A), expected: `${fixed.toFixed()} for allocation '${choice}' (or use allocation 'cff')` });
  }
  if (choice === "avoided-burden" && !absent(qsinOverQp) && !decArg(qsinOverQp, "qsinOverQp", "a ratio").eq(ONE)) {
    fail("RULE_VIOLATION", {
      rule: "CFF avoided-burden limit case (method brief §5.4)",
      detail: `allocation 'avoided-burden' is A = 0 with Qsin/Qp = 1, but Qsin/Qp = ${String(qsinOverQp)}; use allocation 'cff' with A = 0`,
    });
  }
  return { allocation: choice, A: fixed, origin: "defaulted", note: `fixed by allocation '${choice}'` };
}

/** Collects parameters for one term: a parameter whose coefficient is zero may be absent. */
class Params {
  constructor(
    private readonly input: CffInput,
    readonly tb: TraceBuilder,
  ) {}

  ratio(name: keyof CffInput & string, needed: boolean, kind: "fraction" | "number" = "fraction"): Dec {
    const raw = this.input[name] as NumberLike | null | undefined;
    if (absent(raw) && !needed) {
      this.tb.input(name, ZERO, "defaulted", undefined, "not needed: its coefficient is 0");
      return ZERO;
    }
    const v = kind === "fraction" ? fraction(raw, name) : decArg(raw, name, "a number");
    this.tb.input(name, v, "entered");
    return v;
  }

  factor(name: keyof CffInput & string, needed: boolean, perUnit: string): Dec {
    const raw = this.input[name] as FactorArg | null | undefined;
    if (absent(raw) && !needed) {
      this.tb.input(name, ZERO, "defaulted", `kg CO2e/${perUnit}`, "not needed: its coefficient is 0");
      return ZERO;
    }
    const f = resolveFactor(raw, name, perUnit, this.input.registry, this.input.factorQuery);
    traceFactorUse(this.tb, name, f);
    return f.value;
  }
}

function termBuilder(name: string): TraceBuilder {
  return new TraceBuilder(methodOf(`CFF ${name} term`, CLAUSE));
}

/** Material term (kg CO2e/kg). */
export function cffMaterial(input: CffInput): Result & { allocation: AllocationChoice; A: Dec } {
  const tb = termBuilder("material");
  const alloc = resolveAllocation(input.allocation, input.A, input.qsinOverQp);
  tb.input("allocation", alloc.allocation, input.allocation ? "entered" : "defaulted");
  tb.input("A", alloc.A, alloc.origin, undefined, alloc.note);
  const p = new Params(input, tb);
  const R1 = p.ratio("R1", true);
  const R2 = p.ratio("R2", true);
  const A = alloc.A;
  const oneMinusA = ONE.minus(A);
  const eolCoef = oneMinusA.times(R2);
  const Ev = p.factor("Ev", true, "kg");
  const Erec = p.factor("Erec", !R1.times(A).isZero(), "kg");
  let qsin: Dec;
  if (alloc.allocation === "avoided-burden" && absent(input.qsinOverQp)) {
    qsin = ONE;
    tb.input("qsinOverQp", ONE, "defaulted", undefined, "avoided-burden limit case: Qsin/Qp = 1");
  } else {
    qsin = p.ratio("qsinOverQp", !R1.times(oneMinusA).isZero(), "number");
  }
  const ErecEoL = p.factor("ErecEoL", !eolCoef.isZero(), "kg");
  const EvStar = p.factor("EvStar", !eolCoef.isZero(), "kg");
  const qsout = p.ratio("qsoutOverQp", !eolCoef.isZero(), "number");

  const virgin = ONE.minus(R1).times(Ev);
  tb.step("virgin input", `(1 - R1) x Ev = (1 - ${R1.toFixed()}) x ${Ev.toFixed()}`, virgin, UNIT);
  const recycledIn = R1.times(A.times(Erec).plus(oneMinusA.times(Ev).times(qsin)));
  tb.step(
    "recycled input",
    `R1 x (A x Erec + (1 - A) x Ev x Qsin/Qp) = ${R1.toFixed()} x (${A.toFixed()} x ${Erec.toFixed()} + ${oneMinusA.toFixed()} x ${Ev.toFixed()} x ${qsin.toFixed()})`,
    recycledIn,
    UNIT,
  );
  const eol = eolCoef.times(ErecEoL.minus(EvStar.times(qsout)));
  tb.step(
    "end-of-life recycling",
    `(1 - A) x R2 x (ErecEoL - E*v x Qsout/Qp) = ${oneMinusA.toFixed()} x ${R2.toFixed()} x (${ErecEoL.toFixed()} - ${EvStar.toFixed()} x ${qsout.toFixed()})`,
    eol,
    UNIT,
  );
  const material = virgin.plus(recycledIn).plus(eol);
  tb.step("Material", "virgin input + recycled input + end-of-life recycling", material, UNIT);
  tb.note(`Allocation '${alloc.allocation}' (A = ${A.toFixed()}): the named choices equal the CFF at A = 1 / 0 / 0.5 [P].`);
  return { ...tb.result(material, UNIT), allocation: alloc.allocation, A };
}

/** Energy-recovery term (kg CO2e/kg). */
export function cffEnergy(input: CffInput): Result {
  const tb = termBuilder("energy");
  const p = new Params(input, tb);
  const bRaw = absent(input.B) ? "0" : input.B;
  const B = fraction(bRaw, "B");
  tb.input("B", B, absent(input.B) ? "defaulted" : "entered", undefined, absent(input.B) ? "PEF default B = 0" : undefined);
  const R3 = p.ratio("R3", true);
  const coef = ONE.minus(B).times(R3);
  const needed = !coef.isZero();
  const EER = p.factor("EER", needed, "kg");
  const LHV = p.ratio("LHV", needed, "number");
  if (LHV.isNegative()) fail("NEGATIVE_NOT_ALLOWED", { argument: "LHV", value: LHV.toFixed(), expected: "MJ/kg >= 0" });
  const XERheat = p.ratio("XERheat", needed);
  const ESEheat = p.factor("ESEheat", needed && !XERheat.isZero(), "MJ");
  const XERelec = p.ratio("XERelec", needed);
  const ESEelec = p.factor("ESEelec", needed && !XERelec.isZero(), "MJ");
  const heat = LHV.times(XERheat).times(ESEheat);
  tb.step("substituted heat", `LHV x XER,heat x ESE,heat = ${LHV.toFixed()} x ${XERheat.toFixed()} x ${ESEheat.toFixed()}`, heat, UNIT);
  const elec = LHV.times(XERelec).times(ESEelec);
  tb.step("substituted electricity", `LHV x XER,elec x ESE,elec = ${LHV.toFixed()} x ${XERelec.toFixed()} x ${ESEelec.toFixed()}`, elec, UNIT);
  const energy = coef.times(EER.minus(heat).minus(elec));
  tb.step("Energy", `(1 - B) x R3 x (EER - heat - electricity) = ${coef.toFixed()} x (${EER.toFixed()} - ${heat.toFixed()} - ${elec.toFixed()})`, energy, UNIT);
  return tb.result(energy, UNIT);
}

/** Disposal term (kg CO2e/kg). */
export function cffDisposal(input: CffInput): Result {
  const tb = termBuilder("disposal");
  const p = new Params(input, tb);
  const R2 = p.ratio("R2", true);
  const R3 = p.ratio("R3", true);
  const share = ONE.minus(R2).minus(R3);
  if (share.isNegative()) {
    fail("OUT_OF_RANGE", { argument: "R2 + R3", value: R2.plus(R3).toFixed(), expected: "R2 + R3 <= 1 (shares of the same material at end of life)" });
  }
  const ED = p.factor("ED", !share.isZero(), "kg");
  const disposal = share.times(ED);
  tb.step("Disposal", `(1 - R2 - R3) x ED = ${share.toFixed()} x ${ED.toFixed()}`, disposal, UNIT);
  return tb.result(disposal, UNIT);
}

/** The full CFF per kg of material: Material + Energy + Disposal. */
export function circularFootprint(input: CffInput): CffResult {
  const material = cffMaterial(input);
  const energy = cffEnergy(input);
  const disposal = cffDisposal(input);
  const tb = termBuilder("total");
  tb.absorb(material.trace, "Material").absorb(energy.trace, "Energy").absorb(disposal.trace, "Disposal");
  const total = material.value.plus(energy.value).plus(disposal.value);
  tb.step("CFF", `Material ${material.value.toFixed()} + Energy ${energy.value.toFixed()} + Disposal ${disposal.value.toFixed()}`, total, UNIT);
  const { allocation, A, ...materialResult } = material;
  return { allocation, A, material: materialResult, energy, disposal, total: tb.result(total, UNIT) };
}
