/**
 * Freight transport emissions (method-brief §3; GHG Protocol Scope 3 category 4/9).
 *
 * Distance-based, ISO 14083 / GLEC form [GK; data model V S14]:
 *   activity [t.km] = mass_t x distance_km                       (S2 formula 4.6 [V])
 *   E_WTW = activity x intensity_WTW;  E_TTW = activity x intensity_TTW;  E_WTT = E_WTW - E_TTW
 *   E_hub = mass_handled_t x intensity_HOC [kg CO2e/t]
 *   E_chain = sum of legs + sum of hubs
 * Fuel-based (S2 formulas 4.1, 4.4 [V]): E = fuel x EF_fuel, allocated to shipments by mass.
 * Allocation of one vehicle run to shipments by t.km on the shortest distance (S2 Example 4.3
 * option II [V]) or on the driven distance, through the exact allocation of allocation.ts.
 *
 * WTW is the reported boundary by default (S2 p.53 prefers cradle-to-gate fuel factors [V];
 * ISO 14083 asks for both WTW and TTW [GK]). A factor set without WTT (EPA Hub Table 8 is
 * combustion only) cannot give WTW: the method then fails with FACTOR_NOT_PUBLISHED unless the
 * TTW boundary is asked for explicitly. No empty-running uplift is added to a default
 * intensity (GLEC defaults include it [V S15]).
 */
import { Dec, ZERO, plain } from "../quantities/decimal";
import type { Quantity } from "../quantities/quantity";
import { fail } from "../issues/issue";
import type { Result, Trace, TraceBuilder } from "../trace/trace";
import { allocateExact, type Allocation } from "./allocation";
import { FACTOR_SET_KEYS, factorContext, factorSetArg, gwpOf, requireTaxonomy, type FactorSetName, type InventoryContext } from "./common/context";
import type { GwpSet } from "./common/gwp";
import { intensityIn, resolveIntensity, traceIntensity, type FactorSpec, type Intensity } from "./common/intensity";
import { amountArg, amountOfDimensions, decArg, newTrace, traceAmount, type Amount, type Num } from "./common/method-ref";

const KG = "kg CO2e";
const CLAUSE_LEG = "§3.3 distance-based transport (GHG Protocol Scope 3 TG formula 4.6; ISO 14083 TCE)";
const CLAUSE_HUB = "§3.3 hub operations (ISO 14083 HOC; mass handled x HOC intensity)";
const CLAUSE_CHAIN = "§3.3 transport chain (ISO 14083: sum of TCEs and hub operations)";
const CLAUSE_RUN = "§3.3 allocation of a vehicle run to shipments (GHG Protocol Scope 3 TG Example 4.3 option II; ISO 14083)";
const CLAUSE_FUEL = "§3.2 fuel-based transport (GHG Protocol Scope 3 TG formulas 4.1 and 4.4)";

/** Air without routing data: planned distance = great-circle distance + 95 km [GK, EN 16258 / GLEC — confirm]. */
export const AIR_GCD_UPLIFT_KM = new Dec(95);

export type TransportBoundary = "WTW" | "TTW";

export interface LegInput {
  label?: string;
  /** Freight mass of the consignment (incl. packaging provided by the shipper; iLEAP `mass`). */
  mass: Amount;
  distance: Amount;
  /** Which distance was given (iLEAP GLECDistance): actual, shortest feasible (sfd) or great-circle (gcd). */
  distanceBasis?: "actual" | "sfd" | "gcd";
  /** Adds 95 km to a great-circle distance for air legs without routing data [GK]. Requires distanceBasis "gcd". */
  airGcdUplift?: boolean;
  /** A taxonomy mode id or synonym ("road.hgv", "truck", "rail.freight" ...): its default factor ids are used. */
  mode?: string;
  /** Which default factor set of the mode: "desnz" (TTW + WTT per t.km, default) or "epa" (per short ton-mile, TTW only). */
  factorSet?: string;
  /** An explicit TTW factor: an id, a number in kg CO2e/t.km, or `{ value, unit }` (e.g. per short ton-mile). */
  ttwFactor?: FactorSpec;
  /** The matching WTT factor. For a DESNZ "...ttw" id the "...wtt" sibling is used when this is omitted. */
  wttFactor?: FactorSpec;
  /** A carrier-specific WTW intensity in kg CO2e/t.km (user-supplied). */
  wtwIntensity?: Num;
  /** Optional carrier-specific TTW intensity in kg CO2e/t.km, with wtwIntensity. */
  ttwIntensity?: Num;
}

export interface HubInput {
  label?: string;
  /** Mass handled at the hub. */
  massHandled: Amount;
  /** HOC intensity WTW: a number in kg CO2e/t, or a factor id / `{ value, unit }`. */
  hocWtw: FactorSpec;
  /** HOC intensity TTW (optional). */
  hocTtw?: FactorSpec;
}

export type ChainElement = ({ kind: "leg" } & LegInput) | ({ kind: "hub" } & HubInput);

export interface TransportContext extends InventoryContext {
  /** The boundary of `reported`: WTW (default) or TTW. */
  boundary?: TransportBoundary;
}

/** Emissions of a leg, hub or chain, by boundary. A boundary the factors cannot give is null. */
export interface TransportEmissions {
  /** Transport activity in t.km (hubs: 0 t.km; their activity is the mass handled). */
  activity: Result;
  wtw: Result | null;
  ttw: Result | null;
  wtt: Result | null;
  /** The reported figure: WTW, or TTW when that boundary was asked for. */
  reported: Result;
}

export interface ChainEmissions extends TransportEmissions {
  elements: TransportEmissions[];
}

function boundaryOf(ctx: TransportContext): TransportBoundary {
  const b = ctx.boundary ?? "WTW";
  if (b !== "WTW" && b !== "TTW") fail("INVALID_OPTION", { argument: "boundary", value: String(b), expected: "WTW, TTW" });
  return b;
}

interface LegIntensities {
  ttw: Intensity | null;
  wtt: Intensity | null;
  /** Carrier-specific WTW given directly (kg CO2e/t.km). */
  wtwDirect: Dec | null;
  source: string;
}

function legIntensities(leg: LegInput, ctx: TransportContext, gwp: GwpSet, trace: TraceBuilder, argument: string): LegIntensities {
  const given = [leg.mode !== undefined, leg.ttwFactor !== undefined, leg.wtwIntensity !== undefined].filter(Boolean).length;
  if (given === 0) fail("MISSING_INPUT", { argument: `${argument}.mode`, expected: "a mode id, a ttwFactor, or a carrier-specific wtwIntensity" });
  if (given > 1) fail("INVALID_OPTION", { argument, value: "several intensity sources", expected: "exactly one of mode, ttwFactor, wtwIntensity" });
  if (leg.ttwIntensity !== undefined && leg.wtwIntensity === undefined) {
    fail("INVALID_OPTION", { argument: `${argument}.ttwIntensity`, value: String(leg.ttwIntensity), expected: "ttwIntensity only together with wtwIntensity" });
  }
  const fctx = factorContext(ctx, gwp);
  if (leg.wtwIntensity !== undefined) {
    const wtw = decArg(leg.wtwIntensity, `${argument}.wtwIntensity`, "kg CO2e/t.km");
    const wtwI = resolveIntensity({ value: wtw, unit: "kg CO2e/t.km", name: `${argument}.wtwIntensity` }, fctx, `${argument}.wtwIntensity`, "kg CO2e/t.km");
    traceIntensity(trace, wtwI, "WTW intensity (carrier-specific)", gwp);
    let ttw: Intensity | null = null;
    if (leg.ttwIntensity !== undefined) {
      const t = decArg(leg.ttwIntensity, `${argument}.ttwIntensity`, "kg CO2e/t.km");
      if (t.gt(wtw)) fail("RULE_VIOLATION", { rule: "WTW = TTW + WTT", detail: `${argument}: TTW intensity ${plain(t)} exceeds WTW intensity ${plain(wtw)}` });
      ttw = resolveIntensity({ value: t, unit: "kg CO2e/t.km", name: `${argument}.ttwIntensity` }, fctx, `${argument}.ttwIntensity`, "kg CO2e/t.km");
      traceIntensity(trace, ttw, "TTW intensity (carrier-specific)", gwp);
    }
    return { ttw, wtt: null, wtwDirect: wtw, source: "carrier-specific intensity" };
  }
  let ttwSpec: FactorSpec;
  let wttSpec: FactorSpec | undefined = leg.wttFactor;
  let source: string;
  let set: FactorSetName | null = null;
  if (leg.mode !== undefined) {
    const mode = requireTaxonomy(ctx, `mode '${leg.mode}'`).mode(leg.mode);
    set = factorSetArg(leg.factorSet);
    const ids = mode.defaultFactors[FACTOR_SET_KEYS[set]];
    if (!ids) fail("FACTOR_NOT_PUBLISHED", { source: set === "epa" ? "The EPA GHG Emission Factors Hub (Table 8, per short ton-mile)" : "DESNZ", what: `mode ${mode.id} (${mode.label})` });
    trace.input(`${argument}.mode`, mode.id, leg.mode === mode.id ? "entered" : "mapped", undefined, leg.mode === mode.id ? undefined : `'${leg.mode}' is a synonym of ${mode.id}`);
    trace.input(`${argument}.factorSet`, set, leg.factorSet === undefined ? "defaulted" : "entered");
    if (mode.glecNote) trace.note(`${mode.id}: ${mode.glecNote}`);
    if (set === "epa") {
      ttwSpec = [ids.co2, ids.ch4, ids.n2o].filter((x): x is string => typeof x === "string");
      wttSpec = undefined;
    } else {
      ttwSpec = ids.ttw!;
      wttSpec = ids.wtt;
    }
    source = `default factors of mode ${mode.id} (${set === "epa" ? "EPA Hub Table 8" : "DESNZ"})`;
  } else {
    ttwSpec = leg.ttwFactor!;
    source = "explicit factor";
    if (wttSpec === undefined && typeof ttwSpec === "string" && /\.ttw$/.test(ttwSpec) && ctx.registry?.has(ttwSpec.replace(/\.ttw$/, ".wtt"))) {
      wttSpec = ttwSpec.replace(/\.ttw$/, ".wtt");
      trace.note(`WTT factor ${wttSpec} paired with ${ttwSpec} by id.`);
    }
  }
  const ttw = resolveIntensity(ttwSpec, fctx, `${argument}.ttwFactor`, "kg CO2e/t.km", { expandGases: set !== "epa" });
  if (ttw.activityUnit.dimension !== "transport") fail("INCOMPATIBLE_UNITS", { argument: `${argument}.ttwFactor`, from: ttw.activityUnit.symbol, to: "t.km" });
  traceIntensity(trace, ttw, "TTW intensity", gwp);
  const wtt = wttSpec === undefined ? null : resolveIntensity(wttSpec, fctx, `${argument}.wttFactor`, "kg CO2e/t.km");
  if (wtt) {
    if (wtt.activityUnit.dimension !== "transport") fail("INCOMPATIBLE_UNITS", { argument: `${argument}.wttFactor`, from: wtt.activityUnit.symbol, to: "t.km" });
    traceIntensity(trace, wtt, "WTT intensity", gwp);
  }
  for (const c of ttw.components) {
    if (c.boundary !== "TTW" && c.boundary !== "as supplied") fail("RULE_VIOLATION", { rule: "TTW factor", detail: `${c.factor.id} has boundary ${c.boundary}, not TTW` });
  }
  for (const c of wtt?.components ?? []) {
    if (c.boundary !== "WTT" && c.boundary !== "as supplied") fail("RULE_VIOLATION", { rule: "WTT factor", detail: `${c.factor.id} has boundary ${c.boundary}, not WTT` });
  }
  return { ttw, wtt, wtwDirect: null, source };
}

function finish(
  trace: TraceBuilder,
  activity: Result,
  wtw: Dec | null,
  ttw: Dec | null,
  boundary: TransportBoundary,
  argument: string,
  noWtwReason: string,
): TransportEmissions {
  const wtt = wtw !== null && ttw !== null ? wtw.minus(ttw) : null;
  if (wtt !== null) trace.step(`${argument}: WTT = WTW - TTW`, `${plain(wtw!)} - ${plain(ttw!)}`, wtt, KG);
  const built = trace.build();
  const r = (v: Dec | null): Result | null => (v === null ? null : { value: v, unit: KG, trace: built });
  const out = { activity: { ...activity, trace: built }, wtw: r(wtw), ttw: r(ttw), wtt: r(wtt) };
  const reported = boundary === "WTW" ? out.wtw : out.ttw;
  if (!reported) {
    if (boundary === "WTW") fail("FACTOR_NOT_PUBLISHED", { source: "The factor set used", what: `the WTT part of ${argument} (${noWtwReason}); WTW cannot be computed — supply a WTT factor or ask for boundary TTW` });
    fail("MISSING_INPUT", { argument: `${argument}.ttwIntensity`, expected: "a TTW intensity to report the TTW boundary" });
  }
  return { ...out, reported };
}

function legDistance(leg: LegInput, trace: TraceBuilder, argument: string): Dec {
  const distance = amountArg(leg.distance, "distance", `${argument}.distance`);
  traceAmount(trace, `${argument}.distance`, distance);
  if (leg.distanceBasis !== undefined) {
    if (!["actual", "sfd", "gcd"].includes(leg.distanceBasis)) fail("INVALID_OPTION", { argument: `${argument}.distanceBasis`, value: String(leg.distanceBasis), expected: "actual, sfd, gcd" });
    trace.input(`${argument}.distanceBasis`, leg.distanceBasis, "entered");
  }
  let km = distance.in("km");
  if (leg.airGcdUplift) {
    if (leg.distanceBasis !== "gcd") fail("RULE_VIOLATION", { rule: "air GCD + 95 km", detail: `${argument}: the uplift applies to a great-circle distance (distanceBasis "gcd")` });
    const planned = km.plus(AIR_GCD_UPLIFT_KM);
    trace.step(`${argument}: planned air distance = GCD + 95 km`, `${plain(km)} + ${plain(AIR_GCD_UPLIFT_KM)}`, planned, "km");
    trace.flag("Air distance = great-circle distance + 95 km: EN 16258 / GLEC convention from general knowledge [GK], not verified in a source; confirm before release.");
    km = planned;
  } else if (leg.distanceBasis === "gcd") {
    trace.flag(`${argument}: great-circle distance used without a distance adjustment factor (GLEC DAF not yet a confirmed parameter) [GK].`);
  }
  return km;
}

/** Emissions of one transport leg (a TCE). */
export function transportLeg(leg: LegInput, ctx: TransportContext = {}, argument = "leg"): TransportEmissions {
  const trace = newTrace("Freight transport, distance-based", CLAUSE_LEG);
  return legInto(trace, leg, ctx, argument);
}

function legInto(trace: TraceBuilder, leg: LegInput, ctx: TransportContext, argument: string): TransportEmissions {
  const boundary = boundaryOf(ctx);
  const gwp = gwpOf(ctx, trace);
  if (leg.label) trace.input(`${argument}.label`, leg.label, "entered");
  const mass = amountArg(leg.mass, "mass", `${argument}.mass`);
  traceAmount(trace, `${argument}.mass`, mass);
  const km = legDistance(leg, trace, argument);
  const tkm = mass.in("t").times(km);
  trace.step(`${argument}: transport activity = mass x distance`, `${plain(mass.in("t"))} t x ${plain(km)} km`, tkm, "t.km");
  const activity: Result = { value: tkm, unit: "t.km", trace: trace.build() };
  const li = legIntensities(leg, ctx, gwp, trace, argument);
  trace.note(`${argument}: intensity source: ${li.source}.`);
  let ttw: Dec | null = null;
  if (li.ttw) {
    const perTkm = intensityIn(li.ttw, "t.km");
    if (li.ttw.activityUnit.symbol !== "t.km") {
      trace.step(`${argument}: TTW intensity per t.km`, `${plain(li.ttw.kgCo2ePerUnit)} kg CO2e/${li.ttw.activityUnit.symbol} / ${li.ttw.activityUnit.toBase} t.km per ${li.ttw.activityUnit.symbol}`, perTkm, "kg CO2e/t.km");
    }
    ttw = tkm.times(perTkm);
    trace.step(`${argument}: TTW = activity x TTW intensity`, `${plain(tkm)} t.km x ${plain(perTkm)} kg CO2e/t.km`, ttw, KG);
  }
  let wtw: Dec | null = null;
  if (li.wtwDirect !== null) {
    wtw = tkm.times(li.wtwDirect);
    trace.step(`${argument}: WTW = activity x WTW intensity`, `${plain(tkm)} t.km x ${plain(li.wtwDirect)} kg CO2e/t.km`, wtw, KG);
  } else if (li.wtt && ttw !== null) {
    const wttPerTkm = intensityIn(li.wtt, "t.km");
    const wttKg = tkm.times(wttPerTkm);
    trace.step(`${argument}: WTT = activity x WTT intensity`, `${plain(tkm)} t.km x ${plain(wttPerTkm)} kg CO2e/t.km`, wttKg, KG);
    wtw = ttw.plus(wttKg);
    trace.step(`${argument}: WTW = TTW + WTT`, `${plain(ttw)} + ${plain(wttKg)}`, wtw, KG);
  } else {
    trace.note(`${argument}: the factors are tank-to-wheel only (no WTT published); WTW and WTT are not available.`);
  }
  return finish(trace, activity, wtw, ttw, boundary, argument, "the factors are tank-to-wheel only");
}

/** Emissions of a hub (transhipment / consolidation): mass handled x HOC intensity. */
export function transportHub(hub: HubInput, ctx: TransportContext = {}, argument = "hub"): TransportEmissions {
  const trace = newTrace("Hub operation (HOC)", CLAUSE_HUB);
  return hubInto(trace, hub, ctx, argument);
}

function hubInto(trace: TraceBuilder, hub: HubInput, ctx: TransportContext, argument: string): TransportEmissions {
  const boundary = boundaryOf(ctx);
  const gwp = gwpOf(ctx, trace);
  if (hub.label) trace.input(`${argument}.label`, hub.label, "entered");
  const mass = amountArg(hub.massHandled, "mass", `${argument}.massHandled`);
  traceAmount(trace, `${argument}.massHandled`, mass);
  const fctx = factorContext(ctx, gwp);
  const per = (spec: FactorSpec, name: string, label: string): Dec => {
    const i = resolveIntensity(spec, fctx, `${argument}.${name}`, "kg CO2e/t");
    if (i.activityUnit.dimension !== "mass") fail("INCOMPATIBLE_UNITS", { argument: `${argument}.${name}`, from: i.activityUnit.symbol, to: "t" });
    traceIntensity(trace, i, label, gwp);
    const perT = intensityIn(i, "t");
    const v = mass.in("t").times(perT);
    trace.step(`${argument}: ${label} = mass handled x HOC intensity`, `${plain(mass.in("t"))} t x ${plain(perT)} kg CO2e/t`, v, KG);
    return v;
  };
  const wtw = per(hub.hocWtw, "hocWtw", "hub WTW");
  const ttw = hub.hocTtw === undefined ? null : per(hub.hocTtw, "hocTtw", "hub TTW");
  if (ttw !== null && ttw.gt(wtw)) fail("RULE_VIOLATION", { rule: "WTW = TTW + WTT", detail: `${argument}: TTW ${plain(ttw)} exceeds WTW ${plain(wtw)}` });
  const activity: Result = { value: ZERO, unit: "t.km", trace: trace.build() };
  return finish(trace, activity, wtw, ttw, boundary, argument, "no HOC TTW intensity given");
}

/** A transport chain: legs and hubs in order; totals are sums of the elements. */
export function transportChain(elements: readonly ChainElement[], ctx: TransportContext = {}): ChainEmissions {
  if (!elements || elements.length === 0) fail("MISSING_INPUT", { argument: "elements", expected: "at least one leg or hub" });
  const boundary = boundaryOf(ctx);
  const results = elements.map((e, i) => {
    const name = `${e.kind}[${i + 1}]`;
    if (e.kind === "leg") return transportLeg(e, ctx, name);
    if (e.kind === "hub") return transportHub(e, ctx, name);
    fail("INVALID_OPTION", { argument: `elements[${i}].kind`, value: String((e as { kind: unknown }).kind), expected: "leg, hub" });
  });
  const trace = newTrace("Transport chain", CLAUSE_CHAIN);
  results.forEach((r, i) => trace.absorb(r.reported.trace, `${elements[i]!.kind}[${i + 1}]`));
  const total = (pick: (r: TransportEmissions) => Result | null): Dec | null =>
    results.every((r) => pick(r) !== null) ? results.reduce((s, r) => s.plus(pick(r)!.value), ZERO) : null;
  const tkm = results.reduce((s, r) => s.plus(r.activity.value), ZERO);
  trace.step("chain: transport activity (legs)", results.map((r) => plain(r.activity.value)).join(" + "), tkm, "t.km");
  const wtw = total((r) => r.wtw);
  const ttw = total((r) => r.ttw);
  if (wtw !== null) trace.step("chain: WTW = sum of legs and hubs", results.map((r) => plain(r.wtw!.value)).join(" + "), wtw, KG);
  if (ttw !== null) trace.step("chain: TTW = sum of legs and hubs", results.map((r) => plain(r.ttw!.value)).join(" + "), ttw, KG);
  const activity: Result = { value: tkm, unit: "t.km", trace: trace.build() };
  return { ...finish(trace, activity, wtw, ttw, boundary, "chain", "an element has no WTT"), elements: results };
}

// ---------------------------------------------------------------------------
// Allocation of a vehicle run to shipments

export interface RunShipment {
  key: string;
  mass: Amount;
  /** Distance the shipment actually travelled on the run (for basis "driven-distance"). */
  drivenDistance?: Amount;
  /** Shortest feasible (or great-circle) distance origin -> destination (for basis "shortest-distance"). */
  shortestDistance?: Amount;
}

export interface VehicleRunInput {
  /** Emissions of the whole run, WTW, kg CO2e (a number or a Result, e.g. from fuelBasedTransport). */
  wtw: Num | Result;
  /** Emissions of the whole run, TTW, kg CO2e (optional). */
  ttw?: Num | Result;
  shipments: readonly RunShipment[];
  /** "shortest-distance" (default; S2 Example 4.3 option II) or "driven-distance". */
  basis?: "shortest-distance" | "driven-distance";
  /** Rounding quantum of the allocated kg CO2e (default: exact). */
  quantum?: Num;
}

export interface ShipmentAllocation {
  key: string;
  /** Allocation weight: mass_t x distance_km on the chosen basis. */
  weightTonneKm: Dec;
  wtw: Result;
  ttw: Result | null;
}

export interface VehicleRunAllocation {
  shipments: ShipmentAllocation[];
  trace: Trace;
}

function kgOf(v: Num | Result, argument: string): { value: Dec; trace?: Trace } {
  if (typeof v === "object" && v !== null && !(v instanceof Dec) && "trace" in v) {
    if (v.unit !== KG) fail("INCOMPATIBLE_UNITS", { argument, from: v.unit, to: KG });
    return { value: v.value, trace: v.trace };
  }
  return { value: decArg(v as Num, argument, "kg CO2e") };
}

/**
 * Allocates one vehicle run's emissions to its shipments in proportion to t.km. Default basis:
 * mass x shortest distance origin -> destination of each shipment (S2 Example 4.3 option II [V];
 * ISO 14083 [GK]); "driven-distance" allocates by the t.km actually driven (option I), which the
 * example shows penalises shipments that share a detour. Allocations sum exactly to the run total.
 */
export function allocateVehicleRun(input: VehicleRunInput): VehicleRunAllocation {
  const basis = input.basis ?? "shortest-distance";
  if (basis !== "shortest-distance" && basis !== "driven-distance") fail("INVALID_OPTION", { argument: "basis", value: String(basis), expected: "shortest-distance, driven-distance" });
  if (!input.shipments || input.shipments.length === 0) fail("MISSING_INPUT", { argument: "shipments", expected: "at least one shipment" });
  const trace = newTrace("Allocation of a vehicle run to shipments", CLAUSE_RUN);
  const wtw = kgOf(input.wtw, "wtw");
  const ttw = input.ttw === undefined ? null : kgOf(input.ttw, "ttw");
  if (wtw.trace) trace.absorb(wtw.trace, "run");
  if (ttw?.trace) trace.absorb(ttw.trace, "run");
  trace.input("run WTW", wtw.value, "entered", KG);
  if (ttw) trace.input("run TTW", ttw.value, "entered", KG);
  trace.input("basis", basis, input.basis === undefined ? "defaulted" : "entered");
  const weights = input.shipments.map((s, i) => {
    const arg = `shipments[${i}]`;
    const mass: Quantity = amountArg(s.mass, "mass", `${arg}.mass`);
    const d = basis === "shortest-distance" ? s.shortestDistance : s.drivenDistance;
    const dArg = `${arg}.${basis === "shortest-distance" ? "shortestDistance" : "drivenDistance"}`;
    if (d === undefined) fail("MISSING_INPUT", { argument: dArg, expected: `the ${basis} of shipment '${s.key}'` });
    const dist = amountArg(d, "distance", dArg);
    const w = mass.in("t").times(dist.in("km"));
    trace.step(`${s.key}: allocation weight`, `${plain(mass.in("t"))} t x ${plain(dist.in("km"))} km`, w, "t.km");
    return { key: s.key, weight: w };
  });
  const opts = { basis: `t.km on the ${basis}`, weightUnit: "t.km", argument: "shipments", ...(input.quantum !== undefined ? { quantum: input.quantum } : {}) };
  const aWtw: Allocation = allocateExact(wtw.value, weights, opts);
  const aTtw: Allocation | null = ttw ? allocateExact(ttw.value, weights, opts) : null;
  trace.absorb(aWtw.trace, "WTW");
  if (aTtw) trace.absorb(aTtw.trace, "TTW");
  if (basis === "driven-distance") {
    trace.note("Driven-t.km allocation (S2 Example 4.3 option I) charges shipments for detours they share; the method's default is the shortest distance (option II) [V S2 pp.63-64].");
  }
  const built = trace.build();
  return {
    shipments: weights.map((w, i) => ({
      key: w.key,
      weightTonneKm: w.weight,
      wtw: { value: aWtw.parts[i]!.value, unit: KG, trace: built },
      ttw: aTtw ? { value: aTtw.parts[i]!.value, unit: KG, trace: built } : null,
    })),
    trace: built,
  };
}

// ---------------------------------------------------------------------------
// Fuel-based transport

export interface FuelBasedTransportInput {
  /** Fuel used on the run(s): litres, US gal, kg... (any unit convertible to the factor's activity unit). */
  fuel: Amount;
  /** A taxonomy carrier id ("diesel", "lng" ...) whose default factors are used. */
  carrier?: string;
  /** "desnz" (TTW + WTT, default) or "epa" (per gas, TTW only). */
  factorSet?: string;
  /** Explicit TTW fuel factor (id, number in kg CO2e/L, or `{ value, unit }`). */
  fuelFactor?: FactorSpec;
  /** Explicit WTT fuel factor. */
  fuelWttFactor?: FactorSpec;
  /** Shipments sharing the vehicle: the result is allocated by mass (S2 formula 4.4). */
  shipments?: ReadonlyArray<{ key: string; mass: Amount }>;
  /** Rounding quantum of the allocated kg CO2e (default: exact). */
  quantum?: Num;
}

export interface FuelBasedTransportResult extends TransportEmissions {
  /** Per shipment, allocated by mass (S2 formula 4.4); empty when no shipments were given. */
  shipments: Array<{ key: string; wtw: Result | null; ttw: Result | null }>;
}

/** Fuel-based transport: fuel x EF_fuel (S2 formula 4.1), allocated to shipments by mass (formula 4.4). */
export function fuelBasedTransport(input: FuelBasedTransportInput, ctx: TransportContext = {}): FuelBasedTransportResult {
  const boundary = boundaryOf(ctx);
  const trace = newTrace("Freight transport, fuel-based", CLAUSE_FUEL);
  const gwp = gwpOf(ctx, trace);
  const fuel = amountOfDimensions(input.fuel, ["volume", "mass", "energy"], "fuel");
  traceAmount(trace, "fuel", fuel);
  if ((input.carrier === undefined) === (input.fuelFactor === undefined)) {
    fail("INVALID_OPTION", { argument: "carrier", value: input.carrier ?? "(none)", expected: "exactly one of carrier or fuelFactor" });
  }
  let ttwSpec: FactorSpec;
  let wttSpec: FactorSpec | undefined = input.fuelWttFactor;
  let set: FactorSetName | null = null;
  if (input.carrier !== undefined) {
    const carrier = requireTaxonomy(ctx, `carrier '${input.carrier}'`).carrier(input.carrier);
    set = factorSetArg(input.factorSet);
    const ids = carrier.defaultFactors[FACTOR_SET_KEYS[set]];
    if (!ids || (set === "desnz" && !ids.ttw) || (set === "epa" && !ids.co2)) {
      fail("FACTOR_NOT_PUBLISHED", { source: set === "epa" ? "The EPA GHG Emission Factors Hub" : "DESNZ", what: `a combustion factor for carrier ${carrier.id}` });
    }
    trace.input("carrier", carrier.id, input.carrier === carrier.id ? "entered" : "mapped");
    trace.input("factorSet", set, input.factorSet === undefined ? "defaulted" : "entered");
    if (set === "epa") {
      ttwSpec = [ids.co2, ids.ch4, ids.n2o].filter((x): x is string => typeof x === "string");
    } else {
      ttwSpec = ids.ttw!;
      wttSpec ??= ids.wtt;
    }
  } else {
    ttwSpec = input.fuelFactor!;
    if (wttSpec === undefined && typeof ttwSpec === "string" && /\.ttw$/.test(ttwSpec) && ctx.registry?.has(ttwSpec.replace(/\.ttw$/, ".wtt"))) {
      wttSpec = ttwSpec.replace(/\.ttw$/, ".wtt");
      trace.note(`WTT factor ${wttSpec} paired with ${ttwSpec} by id.`);
    }
  }
  const fctx = factorContext(ctx, gwp);
  const ttwI = resolveIntensity(ttwSpec, fctx, "fuelFactor", "kg CO2e/L", { expandGases: set !== "epa" });
  traceIntensity(trace, ttwI, "fuel TTW factor", gwp);
  const qty = fuel.in(ttwI.activityUnit);
  const ttw = qty.times(ttwI.kgCo2ePerUnit);
  trace.step("TTW = fuel x EF_fuel (S2 formula 4.1)", `${plain(qty)} ${ttwI.activityUnit.symbol} x ${plain(ttwI.kgCo2ePerUnit)} kg CO2e/${ttwI.activityUnit.symbol}`, ttw, KG);
  let wtw: Dec | null = null;
  if (wttSpec !== undefined) {
    const wttI = resolveIntensity(wttSpec, fctx, "fuelWttFactor", "kg CO2e/L");
    traceIntensity(trace, wttI, "fuel WTT factor", gwp);
    const q2 = fuel.in(wttI.activityUnit);
    const wtt = q2.times(wttI.kgCo2ePerUnit);
    trace.step("WTT = fuel x EF_WTT", `${plain(q2)} ${wttI.activityUnit.symbol} x ${plain(wttI.kgCo2ePerUnit)} kg CO2e/${wttI.activityUnit.symbol}`, wtt, KG);
    wtw = ttw.plus(wtt);
    trace.step("WTW = TTW + WTT", `${plain(ttw)} + ${plain(wtt)}`, wtw, KG);
  } else {
    trace.note("No WTT fuel factor: WTW and WTT are not available (S2 p.53: fuel factors should include cradle-to-gate emissions where possible).");
  }
  trace.note("Fuel-based method: the fuel covers the whole run, including empty running; unladen backhaul (S2 formula 4.5) is included only if its fuel is in the quantity given.");
  const activity: Result = { value: ZERO, unit: "t.km", trace: trace.build() };
  const base = finish(trace, activity, wtw, ttw, boundary, "run", "no WTT fuel factor");
  const shipments: FuelBasedTransportResult["shipments"] = [];
  if (input.shipments && input.shipments.length > 0) {
    const weights = input.shipments.map((s, i) => ({ key: s.key, weight: amountArg(s.mass, "mass", `shipments[${i}].mass`).in("t") }));
    const opts = { basis: "mass (S2 formula 4.4)", weightUnit: "t", argument: "shipments", ...(input.quantum !== undefined ? { quantum: input.quantum } : {}) };
    const aTtw = allocateExact(ttw, weights, opts);
    const aWtw = wtw === null ? null : allocateExact(wtw, weights, opts);
    const at = newTrace("Freight transport, fuel-based", CLAUSE_FUEL).absorb(base.reported.trace).absorb(aTtw.trace, "TTW");
    if (aWtw) at.absorb(aWtw.trace, "WTW");
    at.note("Allocated fuel = total fuel x (mass of the company's goods / mass of all goods) (S2 formula 4.4); road, air and rail by mass [V S2 p.52].");
    const built = at.build();
    weights.forEach((w, i) =>
      shipments.push({
        key: w.key,
        wtw: aWtw ? { value: aWtw.parts[i]!.value, unit: KG, trace: built } : null,
        ttw: { value: aTtw.parts[i]!.value, unit: KG, trace: built },
      }),
    );
  }
  return { ...base, shipments };
}
