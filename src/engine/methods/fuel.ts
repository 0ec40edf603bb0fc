/**
 * Stationary and mobile fuel combustion, Scope 1 (method-brief §4.1).
 *
 *   E_CO2e = Q x (EF_CO2 + EF_CH4 x GWP_CH4 / 1000 + EF_N2O x GWP_N2O / 1000)   [GK formula; EPA Hub factors V2 S7]
 *   (EF_CO2 in kg/unit; EF_CH4, EF_N2O in g/unit — unit conversion of the gas masses is exact)
 *
 * Per-gas factors (EPA Hub Tables 1-2) are characterised with the chosen GWP set (default AR5,
 * the Hub's prescription; AR6 uses fossil CH4 29.8). A factor already in CO2e (DESNZ, AR5) is used
 * as published and never re-characterised (IFRS S2 B19-B22 [V2 S4]); the trace says so.
 * Upstream (WTT) of the fuel is a separate Scope 3 category 3 line [V S1 Table 5.6, p.43], never
 * part of Scope 1.
 */
import { Dec, ZERO, plain } from "../quantities/decimal";
import { fail } from "../issues/issue";
import type { Result } from "../trace/trace";
import { FACTOR_SET_KEYS, factorContext, factorSetArg, gwpOf, requireTaxonomy, type FactorSetName, type InventoryContext } from "./common/context";
import { resolveIntensity, traceIntensity, type FactorSpec, type GasName } from "./common/intensity";
import { amountOfDimensions, newTrace, traceAmount, type Amount } from "./common/method-ref";

const KG = "kg CO2e";
const CLAUSE = "§4.1 stationary and mobile fuel combustion (Scope 1; upstream WTT to Scope 3 category 3)";

export interface FuelCombustionInput {
  label?: string;
  /** Fuel quantity in any unit convertible to the factor's activity unit (MMBtu, therm, kWh, US gal, L, scf, m3, t ...). */
  quantity: Amount;
  /** A taxonomy carrier id or synonym ("natural-gas", "diesel" ...) whose default factors are used. */
  carrier?: string;
  /** Default factor set of the carrier: "desnz" (CO2e, TTW + WTT; default) or "epa" (per gas, no WTT). */
  factorSet?: string;
  /**
   * An explicit combustion factor: a library id (an EPA single-gas id brings its CH4/N2O siblings),
   * a number in kg CO2e per unit of `quantity`, `{ value, unit }` (e.g. "g CH4/MMBtu"), or a list of these.
   */
  factor?: FactorSpec;
  /** Explicit upstream (WTT) factor; `null` to omit the WTT line. Default: the carrier's or the "...wtt" sibling. */
  wttFactor?: FactorSpec | null;
}

export interface FuelCombustionResult {
  /** Scope 1 combustion emissions. */
  scope1: Result;
  /** Scope 3 category 3 upstream (WTT) line, when a WTT factor is available. */
  wtt: Result | null;
  /** Mass of each gas emitted (kg), when single-gas factors were used; null for CO2e-only factors. */
  gases: Partial<Record<Exclude<GasName, "CO2e">, Dec>> | null;
}

/** Scope 1 emissions of burning a fuel, with its upstream WTT as a separate Scope 3 category 3 line. */
export function fuelCombustion(input: FuelCombustionInput, ctx: InventoryContext = {}): FuelCombustionResult {
  const trace = newTrace("Fuel combustion (Scope 1)", CLAUSE);
  const gwp = gwpOf(ctx, trace);
  if (input.label) trace.input("label", input.label, "entered");
  const qty = amountOfDimensions(input.quantity, ["energy", "volume", "mass"], "quantity");
  traceAmount(trace, "quantity", qty);
  if ((input.carrier === undefined) === (input.factor === undefined)) {
    fail("INVALID_OPTION", { argument: "carrier", value: input.carrier ?? "(none)", expected: "exactly one of carrier or factor" });
  }
  let spec: FactorSpec;
  let wttSpec: FactorSpec | null | undefined = input.wttFactor;
  let set: FactorSetName | null = null;
  if (input.carrier !== undefined) {
    const carrier = requireTaxonomy(ctx, `carrier '${input.carrier}'`).carrier(input.carrier);
    set = factorSetArg(input.factorSet);
    const ids = carrier.defaultFactors[FACTOR_SET_KEYS[set]];
    if (!ids || (set === "desnz" && !ids.ttw) || (set === "epa" && !ids.co2)) {
      fail("FACTOR_NOT_PUBLISHED", { source: set === "epa" ? "The EPA GHG Emission Factors Hub" : "DESNZ", what: `combustion of carrier ${carrier.id}` });
    }
    trace.input("carrier", carrier.id, input.carrier === carrier.id ? "entered" : "mapped");
    trace.input("factorSet", set, input.factorSet === undefined ? "defaulted" : "entered");
    if (carrier.notes) trace.note(`${carrier.id}: ${carrier.notes}`);
    if (set === "epa") {
      spec = [ids.co2, ids.ch4, ids.n2o].filter((x): x is string => typeof x === "string");
    } else {
      spec = ids.ttw!;
      if (wttSpec === undefined) wttSpec = ids.wtt ?? null;
    }
  } else {
    spec = input.factor!;
    if (wttSpec === undefined) {
      const sibling = typeof spec === "string" && /\.ttw$/.test(spec) ? spec.replace(/\.ttw$/, ".wtt") : null;
      if (sibling && ctx.registry?.has(sibling)) {
        wttSpec = sibling;
        trace.note(`WTT factor ${sibling} paired with ${spec} by id.`);
      } else {
        wttSpec = null;
      }
    }
  }
  const fctx = factorContext(ctx, gwp);
  const intensity = resolveIntensity(spec, fctx, "factor", `kg CO2e/${qty.unit.symbol}`, { expandGases: set !== "epa" });
  for (const c of intensity.components) {
    if (c.boundary !== "TTW" && c.boundary !== "direct" && c.boundary !== "as supplied") {
      fail("RULE_VIOLATION", { rule: "Scope 1 combustion factor", detail: `${c.factor.id} has boundary ${c.boundary}; a combustion (TTW) factor is needed` });
    }
  }
  traceIntensity(trace, intensity, "combustion factor", gwp);
  const q = qty.in(intensity.activityUnit);
  if (qty.unit.symbol !== intensity.activityUnit.symbol) {
    trace.step("quantity in the factor's unit", `${plain(qty.value)} ${qty.unit.symbol} -> ${intensity.activityUnit.symbol} (exact unit conversion)`, q, intensity.activityUnit.symbol);
  }

  const gases: Partial<Record<Exclude<GasName, "CO2e">, Dec>> = {};
  let anyGas = false;
  let total = ZERO;
  for (const c of intensity.components) {
    const co2e = q.times(c.kgCo2ePerUnit);
    if (c.gas !== "CO2e") {
      anyGas = true;
      const mass = q.times(c.kgGasPerUnit);
      gases[c.gas] = (gases[c.gas] ?? ZERO).plus(mass);
      trace.step(`${c.gas} emitted`, `${plain(q)} ${intensity.activityUnit.symbol} x ${plain(c.kgGasPerUnit)} kg ${c.gas}/${intensity.activityUnit.symbol}`, mass, `kg ${c.gas}`);
      trace.step(`${c.gas} as CO2e`, `${plain(mass)} kg x GWP ${plain(c.gwp!)} (${gwp.id})`, co2e, KG);
    } else {
      trace.step(`CO2e (${c.factor.id})`, `${plain(q)} ${intensity.activityUnit.symbol} x ${plain(c.kgCo2ePerUnit)} kg CO2e/${intensity.activityUnit.symbol}`, co2e, KG);
    }
    total = total.plus(co2e);
  }
  trace.step("Scope 1 combustion", intensity.components.length > 1 ? "sum of the gases" : "as above", total, KG);
  trace.note("Scope 1: direct combustion emissions; upstream (well-to-tank) emissions of the fuel are reported separately in Scope 3 category 3 [V S1 Table 5.6].");
  const scope1Trace = trace.build();

  let wtt: Result | null = null;
  if (wttSpec !== null && wttSpec !== undefined) {
    const wttTrace = newTrace("Fuel upstream (WTT), Scope 3 category 3", CLAUSE).absorb(scope1Trace);
    const wi = resolveIntensity(wttSpec, fctx, "wttFactor", `kg CO2e/${qty.unit.symbol}`);
    for (const c of wi.components) {
      if (c.boundary !== "WTT" && c.boundary !== "as supplied") fail("RULE_VIOLATION", { rule: "WTT factor", detail: `${c.factor.id} has boundary ${c.boundary}, not WTT` });
    }
    traceIntensity(wttTrace, wi, "WTT factor", gwp);
    const q2 = qty.in(wi.activityUnit);
    const v = q2.times(wi.kgCo2ePerUnit);
    wttTrace.step("WTT (Scope 3 category 3)", `${plain(q2)} ${wi.activityUnit.symbol} x ${plain(wi.kgCo2ePerUnit)} kg CO2e/${wi.activityUnit.symbol}`, v, KG);
    wtt = wttTrace.result(v, KG);
  } else {
    trace.note("No WTT factor used: the Scope 3 category 3 upstream line is not computed (the EPA Hub publishes none).");
  }
  return { scope1: trace.result(total, KG), wtt, gases: anyGas ? gases : null };
}
