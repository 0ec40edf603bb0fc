/**
 * Purchased electricity, Scope 2 location-based and market-based (method-brief §4.2 [GK — GHG
 * Protocol Scope 2 Guidance 2015]), with T&D losses and upstream (WTT) as separate Scope 3
 * category 3 lines (S2 formula 3.3 [V]).
 *
 *   E_S2,location = kWh x EF_grid_average
 *   E_S2,market   = sum_i kWh_covered,i x EF_instrument,i + (kWh_total - sum kWh_covered) x EF_remainder
 *     EF_remainder: supplier-specific rate, else residual mix, else the grid average (FLAGGED fallback)
 *   E_T&D         = kWh x EF x T&D loss rate                                   (S2 formula 3.3)
 *
 * Location-based grid factors by region:
 *  - "GB"/"UK": DESNZ UK electricity generation factor (CO2e, AR5), T&D and WTT rows;
 *  - an eGRID subregion acronym (e.g. "RFCE") or "US": EPA Hub eGRID total-output rates, lb per MWh
 *    per gas, converted exactly (1 lb = 0.45359237 kg; 1 MWh = 1000 kWh) and characterised with the
 *    GWP set;
 *  - any other ISO 3166-1 alpha-2 code (or an Ember region such as "EU27"): Ember grid-average
 *    LIFE-CYCLE intensity — not combustion-only; flagged as a proxy in the trace;
 *  - a number: kg CO2e/kWh supplied by the user.
 */
import { Dec, ZERO, plain } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { suggest } from "../issues/suggest";
import type { Result, TraceBuilder } from "../trace/trace";
import { factorContext, gwpOf, requireTaxonomy, type InventoryContext } from "./common/context";
import type { GwpSet } from "./common/gwp";
import { intensityIn, resolveIntensity, traceIntensity, type FactorSpec, type Intensity } from "./common/intensity";
import { amountArg, decArg, newTrace, traceAmount, type Amount, type Num } from "./common/method-ref";

const KG = "kg CO2e";
const CLAUSE_LB = "§4.2 purchased electricity, location-based (GHG Protocol Scope 2 Guidance; S2 formula 3.3 for T&D)";
const CLAUSE_MB = "§4.2 purchased electricity, market-based (GHG Protocol Scope 2 Guidance quality criteria and hierarchy)";

const EGRID_PROBE = "epa.electricity.egrid2023.total-output.co2";
const EMBER_PREFIX = "ember.electricity.";

export interface ElectricityLocationInput {
  energy: Amount;
  /** ISO alpha-2 country code, eGRID subregion acronym, "US", or a number in kg CO2e/kWh. */
  region: string | Num;
  /**
   * T&D losses (Scope 3 category 3): `true` uses the published T&D factor (UK only); `{ lossRate }` a loss
   * fraction (e.g. EPA eGRID grid gross loss 0.042), applied to the grid factor (S2 formula 3.3).
   */
  tdLosses?: boolean | { lossRate: Num };
  /** Upstream (WTT) of generation (Scope 3 category 3): `true` uses the published WTT factor (UK only); or `{ factor }` in kg CO2e/kWh. */
  upstream?: boolean | { factor: FactorSpec };
}

export interface ElectricityResult {
  /** Scope 2. */
  scope2: Result;
  /** Scope 3 category 3: generation of the electricity lost in T&D (plus its WTT where published). */
  tdLosses: Result | null;
  /** Scope 3 category 3: upstream (well-to-tank) of the electricity generated. */
  upstream: Result | null;
}

interface GridFactor {
  intensity: Intensity;
  kind: "desnz" | "egrid" | "ember" | "user";
  region: string;
}

function isNumberLike(v: unknown): boolean {
  return typeof v === "number" || v instanceof Dec || (typeof v === "string" && /^\s*[+-]?(\d|\.\d)/.test(v));
}

function gridFactor(region: string | Num, ctx: InventoryContext, gwp: GwpSet, trace: TraceBuilder, argument: string): GridFactor {
  if (region === undefined || region === null || region === "") fail("MISSING_INPUT", { argument, expected: "an ISO country code, an eGRID subregion, or a factor in kg CO2e/kWh" });
  if (isNumberLike(region)) {
    const v = decArg(region, argument, "kg CO2e/kWh");
    const intensity = resolveIntensity({ value: v, unit: "kg CO2e/kWh", name: argument }, factorContext(ctx, gwp), argument, "kg CO2e/kWh");
    return { intensity, kind: "user", region: "user-supplied" };
  }
  const code = String(region).trim().toUpperCase();
  trace.input(argument, code, "entered");
  if (!ctx.registry) fail("MISSING_INPUT", { argument: "registry", expected: `a factor registry to find the grid factor of ${code}` });
  if (code === "GB" || code === "UK") {
    const ids = requireTaxonomy(ctx, "the UK electricity factors").carrier("electricity").defaultFactors.desnz2025;
    if (!ids?.generation) fail("FACTOR_NOT_PUBLISHED", { source: "DESNZ", what: "UK electricity generation" });
    const intensity = resolveIntensity(ids.generation, factorContext(ctx, gwp, "GB"), argument, "kg CO2e/kWh");
    return { intensity, kind: "desnz", region: "GB" };
  }
  const egridRegions = ctx.registry.variants(EGRID_PROBE).map((v) => v.factor.region.toUpperCase());
  if (egridRegions.includes(code)) {
    const ids = requireTaxonomy(ctx, "the eGRID factors").carrier("electricity").defaultFactors.epaHub2025;
    if (!ids?.co2) fail("FACTOR_NOT_PUBLISHED", { source: "The EPA GHG Emission Factors Hub", what: "eGRID electricity" });
    const spec = [ids.co2, ids.ch4, ids.n2o].filter((x): x is string => typeof x === "string");
    const intensity = resolveIntensity(spec, factorContext(ctx, gwp, code), argument, "kg CO2e/kWh", { expandGases: false });
    if (code === "US") trace.note("US national average eGRID rate used; use the eGRID subregion of the site where known (EPA: subregion rates are preferred for location-based Scope 2).");
    trace.note("eGRID total-output rates (EPA's default for location-based Scope 2): generation only, no upstream, no T&D losses; lb/MWh converted with 1 lb = 0.45359237 kg exactly.");
    return { intensity, kind: "egrid", region: code };
  }
  const emberIds = [...ctx.registry.ids()].filter((id) => id.startsWith(EMBER_PREFIX));
  const ember = emberIds.find((id) => ctx.registry!.variants(id).some((v) => v.factor.region.toUpperCase() === code));
  if (ember) {
    const intensity = resolveIntensity(ember, factorContext(ctx, gwp, code), argument, "kg CO2e/kWh");
    trace.flag(
      `Location-based factor for ${code} is Ember's grid-average LIFE-CYCLE intensity (includes upstream and supply-chain emissions; production mix, imports excluded), used as a proxy for a combustion-only Scope 2 factor: it overstates Scope 2 relative to a generation-only factor.`,
    );
    return { intensity, kind: "ember", region: code };
  }
  const known = [...new Set([...egridRegions, ...emberIds.flatMap((id) => ctx.registry!.variants(id).map((v) => v.factor.region.toUpperCase())), "GB", "UK"])];
  fail("UNKNOWN_ID", { argument, what: "electricity region (ISO alpha-2 code or eGRID subregion)", value: String(region) }, suggest(code, known));
}

function perKwh(trace: TraceBuilder, grid: GridFactor, label: string, gwp: GwpSet): Dec {
  traceIntensity(trace, grid.intensity, label, gwp);
  const v = intensityIn(grid.intensity, "kWh");
  if (grid.intensity.activityUnit.symbol !== "kWh") {
    trace.step(`${label} per kWh`, `${plain(grid.intensity.kgCo2ePerUnit)} kg CO2e/${grid.intensity.activityUnit.symbol} -> per kWh (exact)`, v, "kg CO2e/kWh");
  }
  return v;
}

/** Scope 2 location-based, with optional T&D losses and upstream (Scope 3 category 3) lines. */
export function electricityLocationBased(input: ElectricityLocationInput, ctx: InventoryContext = {}): ElectricityResult {
  const trace = newTrace("Purchased electricity, location-based (Scope 2)", CLAUSE_LB);
  const gwp = gwpOf(ctx, trace);
  const energy = amountArg(input.energy, "energy", "energy");
  traceAmount(trace, "energy", energy);
  const kwh = energy.in("kWh");
  const grid = gridFactor(input.region, ctx, gwp, trace, "region");
  const ef = perKwh(trace, grid, "grid factor", gwp);
  const s2 = kwh.times(ef);
  trace.step("Scope 2 location-based = kWh x grid factor", `${plain(kwh)} kWh x ${plain(ef)} kg CO2e/kWh`, s2, KG);
  const base = trace.build();

  let td: Result | null = null;
  if (input.tdLosses) {
    const t = newTrace("T&D losses of purchased electricity (Scope 3 category 3)", CLAUSE_LB).absorb(base);
    if (input.tdLosses === true) {
      if (grid.kind !== "desnz") {
        fail("MISSING_INPUT", { argument: "tdLosses.lossRate", expected: `a T&D loss fraction for ${grid.region} (the library publishes no T&D factor; EPA gives the eGRID grid gross loss in each factor's notes)` });
      }
      const ids = requireTaxonomy(ctx, "the UK T&D factors").carrier("electricity").defaultFactors.desnz2025!;
      const spec = [ids.tAndD, ids.wttTAndD].filter((x): x is string => typeof x === "string");
      const i = resolveIntensity(spec, factorContext(ctx, gwp, "GB"), "tdLosses", "kg CO2e/kWh");
      traceIntensity(t, i, "T&D factor (generation of lost electricity + its WTT)", gwp);
      const v = kwh.times(intensityIn(i, "kWh"));
      t.step("T&D losses = kWh x (T&D + WTT of T&D)", `${plain(kwh)} kWh x ${plain(intensityIn(i, "kWh"))} kg CO2e/kWh`, v, KG);
      td = t.result(v, KG);
    } else {
      const rate = decArg(input.tdLosses.lossRate, "tdLosses.lossRate", "a loss fraction between 0 and 1");
      if (rate.gte(1)) fail("OUT_OF_RANGE", { argument: "tdLosses.lossRate", value: plain(rate), expected: "a loss fraction below 1 (e.g. 0.042)" });
      t.input("tdLosses.lossRate", rate, "entered");
      const v = kwh.times(ef).times(rate);
      t.step("T&D losses = kWh x EF x loss rate (S2 formula 3.3)", `${plain(kwh)} kWh x ${plain(ef)} kg CO2e/kWh x ${plain(rate)}`, v, KG);
      if (grid.kind !== "ember") t.note("S2 formula 3.3 asks for a life-cycle factor; the generation-only grid factor used here omits the upstream of the lost electricity.");
      td = t.result(v, KG);
    }
  }

  let up: Result | null = null;
  if (input.upstream) {
    const t = newTrace("Upstream (WTT) of purchased electricity (Scope 3 category 3)", CLAUSE_LB).absorb(base);
    let i: Intensity;
    if (input.upstream === true) {
      if (grid.kind === "ember") fail("FACTOR_NOT_PUBLISHED", { source: "Ember", what: `a separate upstream factor for ${grid.region} (its life-cycle intensity already includes upstream)` });
      if (grid.kind !== "desnz") fail("FACTOR_NOT_PUBLISHED", { source: grid.kind === "egrid" ? "The EPA GHG Emission Factors Hub" : "The user-supplied grid factor", what: `the upstream (WTT) of electricity in ${grid.region}; give upstream as { factor }` });
      const ids = requireTaxonomy(ctx, "the UK WTT factors").carrier("electricity").defaultFactors.desnz2025!;
      if (!ids.wttGeneration) fail("FACTOR_NOT_PUBLISHED", { source: "DESNZ", what: "WTT of UK electricity generation" });
      i = resolveIntensity(ids.wttGeneration, factorContext(ctx, gwp, "GB"), "upstream", "kg CO2e/kWh");
    } else {
      i = resolveIntensity(input.upstream.factor, factorContext(ctx, gwp), "upstream.factor", "kg CO2e/kWh");
    }
    traceIntensity(t, i, "WTT factor", gwp);
    const v = kwh.times(intensityIn(i, "kWh"));
    t.step("Upstream = kWh x WTT factor", `${plain(kwh)} kWh x ${plain(intensityIn(i, "kWh"))} kg CO2e/kWh`, v, KG);
    up = t.result(v, KG);
  }
  return { scope2: { value: s2, unit: KG, trace: base }, tdLosses: td, upstream: up };
}

export interface ContractualInstrument {
  label?: string;
  /** Energy covered by the instrument (EAC/REC/GO/I-REC retired, PPA, green tariff). */
  energy: Amount;
  /** Emission factor of the instrument in kg CO2e/kWh (default 0, e.g. renewable EACs). */
  factor?: Num;
}

export interface ElectricityMarketInput {
  energy: Amount;
  /** Contractual instruments covering part of the consumption. */
  instruments?: readonly ContractualInstrument[];
  /** Supplier/utility-specific emission rate for the uncovered remainder (kg CO2e/kWh or a factor). */
  supplierFactor?: FactorSpec;
  /** Residual mix for the uncovered remainder (kg CO2e/kWh or a factor id). */
  residualMix?: FactorSpec;
  /** Region (or number) whose grid average is used, FLAGGED, when neither supplier rate nor residual mix is available. */
  fallbackRegion?: string | Num;
}

/** Scope 2 market-based: instruments at their factor, the remainder at supplier rate / residual mix / flagged grid average. */
export function electricityMarketBased(input: ElectricityMarketInput, ctx: InventoryContext = {}): ElectricityResult {
  const trace = newTrace("Purchased electricity, market-based (Scope 2)", CLAUSE_MB);
  const gwp = gwpOf(ctx, trace);
  const energy = amountArg(input.energy, "energy", "energy");
  traceAmount(trace, "energy", energy);
  const kwh = energy.in("kWh");
  let covered = ZERO;
  let total = ZERO;
  const parts: string[] = [];
  (input.instruments ?? []).forEach((inst, i) => {
    const arg = `instruments[${i}]`;
    const e = amountArg(inst.energy, "energy", `${arg}.energy`);
    const ekwh = e.in("kWh");
    traceAmount(trace, `${arg}.energy`, e, "entered", inst.label);
    const defaulted = inst.factor === undefined;
    const f = defaulted ? ZERO : decArg(inst.factor, `${arg}.factor`, "kg CO2e/kWh");
    if (defaulted) trace.input(`${arg}.factor`, f, "defaulted", "kg CO2e/kWh", "instrument factor 0 (e.g. renewable EACs) unless stated");
    else trace.input(`${arg}.factor`, f, "entered", "kg CO2e/kWh");
    const v = ekwh.times(f);
    trace.step(`${inst.label ?? arg}: covered energy x instrument factor`, `${plain(ekwh)} kWh x ${plain(f)} kg CO2e/kWh`, v, KG);
    covered = covered.plus(ekwh);
    total = total.plus(v);
    parts.push(plain(v));
  });
  if (covered.gt(kwh)) fail("COVERAGE_EXCEEDS_CONSUMPTION", { argument: "instruments", covered: plain(covered), total: plain(kwh), unit: "kWh" });
  const remainder = kwh.minus(covered);
  trace.step("uncovered energy = total - covered", `${plain(kwh)} - ${plain(covered)}`, remainder, "kWh");
  if (input.instruments && input.instruments.length > 0) {
    trace.note("Instruments must meet the Scope 2 Quality Criteria (vintage, market boundary, exclusive claim, retirement) [GK]; the method records but does not verify them.");
  }
  if (remainder.gt(0)) {
    let ef: Dec;
    if (input.supplierFactor !== undefined) {
      const i = resolveIntensity(input.supplierFactor, factorContext(ctx, gwp), "supplierFactor", "kg CO2e/kWh");
      traceIntensity(trace, i, "supplier-specific rate", gwp);
      ef = intensityIn(i, "kWh");
      trace.note("Remainder at the supplier/utility-specific emission rate (Scope 2 hierarchy: after instruments, before the residual mix) [GK].");
    } else if (input.residualMix !== undefined) {
      const i = resolveIntensity(input.residualMix, factorContext(ctx, gwp), "residualMix", "kg CO2e/kWh");
      traceIntensity(trace, i, "residual mix", gwp);
      ef = intensityIn(i, "kWh");
      trace.note("Remainder at the residual mix [GK Scope 2 Guidance].");
    } else if (input.fallbackRegion !== undefined) {
      const grid = gridFactor(input.fallbackRegion, ctx, gwp, trace, "fallbackRegion");
      ef = perKwh(trace, grid, "grid average (fallback)", gwp);
      trace.flag(
        `No residual mix available: the uncovered remainder uses the location-based grid average of ${grid.region} (Scope 2 Guidance fallback), which double counts attributes already claimed by others; disclose it.`,
      );
    } else {
      fail("MISSING_INPUT", { argument: "residualMix", expected: "a residual mix, a supplier factor, or a fallbackRegion for the uncovered electricity" });
    }
    const v = remainder.times(ef);
    trace.step("uncovered energy x remainder factor", `${plain(remainder)} kWh x ${plain(ef)} kg CO2e/kWh`, v, KG);
    total = total.plus(v);
    parts.push(plain(v));
  }
  trace.step("Scope 2 market-based", parts.length > 0 ? parts.join(" + ") : "0", total, KG);
  return { scope2: trace.result(total, KG), tdLosses: null, upstream: null };
}
