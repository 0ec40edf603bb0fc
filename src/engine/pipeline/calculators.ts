/**
 * Calculate stage: one kernel per record kind.
 *
 * A kernel reads a validated record, takes its factors from the run's cache, and
 * pushes the row's lines (exact Decs) into the line store. It performs the same
 * Decimal operations, in the same order, as the method the row's trace comes from
 * (see explain.ts), so the value a row carries equals the value the method gives
 * for it; tests hold the two together. No trace is built here.
 */
import { Dec, ONE, ZERO } from "../quantities/decimal";
import { findUnit, toBaseFactor } from "../quantities/units";
import { issue, type Issue } from "../issues/issue";
import type { IssueCode } from "../issues/catalogue";
import type { IssueParams } from "../issues/issue";
import type { Taxonomy } from "../taxonomy";
import { AIR_GCD_UPLIFT_KM, type LegInput, type HubInput } from "../methods/transport";
import type { FactorSpec } from "../methods/common/intensity";
import type { Probes } from "./probes";
import type { CreditPathway } from "../methods/attribution";
import { DEFAULT_DISPLACEMENT_RATE, REUSE_PATHWAYS, type ReusePathway } from "../methods/reuse";
import type { FactorCache, Resolution } from "./factor-cache";
import { LineCodes, LineStore, type LineCode } from "./lines";
import type {
  DispositionRecord,
  ElectricityRecord,
  FactorField,
  FuelRecord,
  MaterialOutputRecord,
  NumLike,
  RecordKind,
  RefrigerantEventRecord,
  RowIssue,
  ShipmentRecord,
} from "./records";

/** A row that cannot be computed: the stage, the field and the issue. */
export class RowFailure extends Error {
  constructor(
    readonly stage: "resolve" | "calculate",
    readonly field: string,
    readonly issue: Issue,
  ) {
    super(issue.message);
  }
}

export function rowFail(stage: "resolve" | "calculate", field: string, code: IssueCode, params: IssueParams): never {
  throw new RowFailure(stage, field, issue(code, { argument: field, ...params }));
}

/** What the kernels share during one run. */
export interface KernelEnv {
  cache: FactorCache;
  codes: LineCodes;
  lines: LineStore;
  taxonomy: Taxonomy | undefined;
  settings: {
    reportingPeriod: string;
    region?: string;
    displacementRate?: NumLike;
    claimant: string;
    transportBoundary: "WTW" | "TTW";
  };
  probes: Probes;
  /** Allocation (choice and A) of the recycling credit, resolved once per distinct A. */
  allocationA(recordA: NumLike | undefined): { ok: true; A: Dec } | { ok: false; issue: Issue };
  /** Non-rejecting findings (no credit for lack of evidence, attribution notes). */
  warn(kind: RecordKind, index: number, row: number, field: string, iss: Issue): void;
  /** Records a credit claimed on a lot in this run (for stacking and double-claim checks). */
  claim(lotId: string, pathway: CreditPathway): void;
}

// ---------------------------------------------------------------------------------------------
// Small exact helpers with caches (no re-parsing of unit strings per row).
// ---------------------------------------------------------------------------------------------

interface UnitConversion {
  same: boolean;
  fromBase: Dec;
  toBase: Dec;
}
const unitConversionCache = new Map<string, UnitConversion | null>();

/** The exact conversion between two units of one dimension (null when they differ in dimension). Cached per pair of spellings. */
export function unitConversion(from: string, to: string): UnitConversion | null {
  const key = `${from}\u0000${to}`;
  let r = unitConversionCache.get(key);
  if (r === undefined) {
    const a = findUnit(from);
    const b = findUnit(to);
    r = a && b && a.dimension === b.dimension ? { same: a.symbol === b.symbol, fromBase: toBaseFactor(a), toBase: toBaseFactor(b) } : null;
    unitConversionCache.set(key, r);
  }
  return r;
}

/** A validated sheet number as a Dec (validation already proved it a decimal literal; no second regex). */
function dec(v: NumLike): Dec {
  return typeof v === "number" ? new Dec(String(v)) : new Dec(v.trim());
}

/** amount x (unit -> target); skips the multiplication when the units agree. */
function inUnit(amount: NumLike, unit: string | undefined, def: string, target: string, field: string): Dec {
  const d = dec(amount);
  const c = unitConversion(unit ?? def, target);
  if (c === null) rowFail("calculate", field, "INCOMPATIBLE_UNITS", { from: unit ?? def, to: target });
  // Same operations as Quantity.of(d, from).in(to): d x base(from), then / base(to) unless base(to) is 1.
  if (c.same) return d;
  const num = d.times(c.fromBase);
  return c.toBase.eq(ONE) ? num : num.div(c.toBase);
}

export function need(r: Resolution, field: string): Dec {
  if (!r.ok) throw new RowFailure("resolve", field, r.issue);
  return r.value;
}

function lineCode(codes: LineCodes, c: LineCode): number {
  return codes.code(c);
}

/** Line code numbers memoised by a short key, so a row does not build a LineCode object. */
function memoCode(env: KernelEnv, key: string, make: () => LineCode): number {
  let n = env.codes.memo.get(key);
  if (n === undefined) {
    n = env.codes.code(make());
    env.codes.memo.set(key, n);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Line codes.
// ---------------------------------------------------------------------------------------------

const KG = "kg CO2e";
export const CODE = {
  transport: (cat: string, variant: "WTW" | "TTW", reported = true): LineCode => ({ id: `inventory/scope3.cat${cat}/${variant}`, ledger: "inventory", category: `scope3.cat${cat}`, variant, unit: KG, inTotal: reported }),
  scope2: (variant: "location" | "market"): LineCode => ({ id: `inventory/scope2/${variant}`, ledger: "inventory", category: "scope2", variant, unit: KG, inTotal: variant === "location" }),
  scope1Fuel: { id: "inventory/scope1/fuel", ledger: "inventory", category: "scope1", variant: "stationary and mobile combustion", unit: KG, inTotal: true } as LineCode,
  scope1Refrigerant: { id: "inventory/scope1/refrigerant", ledger: "inventory", category: "scope1", variant: "refrigerant release", unit: KG, inTotal: true } as LineCode,
  refrigerantRecovered: { id: "inventory/memo/refrigerant-recovered", ledger: "inventory", category: "memo", variant: "refrigerant recovered (kg of gas, not emitted)", unit: "kg", inTotal: false } as LineCode,
  endOfLife: { id: "inventory/scope3.cat5/treatment", ledger: "inventory", category: "scope3.cat5", variant: "end-of-life treatment", unit: KG, inTotal: true } as LineCode,
  reuse: (pathway: string): LineCode => ({ id: `avoided/reuse/${pathway}`, ledger: "avoided", category: "reuse", variant: pathway, unit: KG, inTotal: true }),
  recyclingEol: { id: "avoided/recycling/eol-share", ledger: "avoided", category: "recycling", variant: "end-of-life chain share (1 - A)", unit: KG, inTotal: true } as LineCode,
  recyclingReserved: { id: "avoided/recycling/reserved-A", ledger: "avoided", category: "recycling", variant: "share A reserved to the user of recycled content", unit: KG, inTotal: false } as LineCode,
  flow: (source: "assets" | "outputs", disposition: string, hazardous: boolean | undefined): LineCode => {
    const h = hazardous === true ? "hazardous" : hazardous === false ? "non-hazardous" : "unstated";
    return { id: `materialFlow/${source}/${disposition}/${h}`, ledger: "materialFlow", category: `${source}/${disposition}`, variant: h, unit: "kg", inTotal: true };
  },
};

// ---------------------------------------------------------------------------------------------
// Kernels.
// ---------------------------------------------------------------------------------------------

const T = "t";

/** The leg as the transport method takes it (explain uses the same mapping). */
export function legInput(r: ShipmentRecord, i: number): LegInput {
  const leg = r.legs[i]!;
  const mass = present(leg.mass) ? leg.mass! : r.mass;
  return {
    label: `leg ${i + 1}`,
    mass: { amount: mass, unit: r.massUnit ?? "kg" },
    distance: { amount: leg.distance, unit: leg.distanceUnit ?? "km" },
    ...(leg.distanceBasis ? { distanceBasis: leg.distanceBasis } : {}),
    ...(leg.airGcdUplift !== undefined ? { airGcdUplift: leg.airGcdUplift } : {}),
    ...legFactors(leg),
  };
}

function legFactors(leg: ShipmentRecord["legs"][number]): Partial<LegInput> {
  return {
    ...(present(leg.mode) ? { mode: String(leg.mode) } : {}),
    ...(present(leg.factorSet) ? { factorSet: leg.factorSet } : {}),
    ...(present(leg.ttwFactor) ? { ttwFactor: leg.ttwFactor as FactorSpec } : {}),
    ...(present(leg.wttFactor) ? { wttFactor: leg.wttFactor as FactorSpec } : {}),
    ...(present(leg.wtwIntensity) ? { wtwIntensity: leg.wtwIntensity } : {}),
    ...(present(leg.ttwIntensity) ? { ttwIntensity: leg.ttwIntensity } : {}),
  };
}

export function hubInput(r: ShipmentRecord, i: number): HubInput {
  const hub = r.hubs![i]!;
  const mass = present(hub.mass) ? hub.mass! : r.mass;
  return {
    label: hub.hubId ? `hub ${hub.hubId}` : `hub ${i + 1}`,
    massHandled: { amount: mass, unit: r.massUnit ?? "kg" },
    hocWtw: hub.hocWtw as FactorSpec,
    ...(present(hub.hocTtw) ? { hocTtw: hub.hocTtw as FactorSpec } : {}),
  };
}

/**
 * Shipment (ISO 14083 chain): Σ legs and hubs, each as the transport method computes it
 * (per-t.km and per-t intensities come from one probe of the method per distinct factor choice).
 */
export function shipmentKernel(r: ShipmentRecord, g: number, env: KernelEnv): void {
  const unit = r.massUnit ?? "kg";
  const shipT = inUnit(r.mass, unit, "kg", T, "mass");
  let wtw: Dec | null = ZERO;
  let ttw: Dec | null = ZERO;
  const boundary = env.settings.transportBoundary;
  for (let i = 0; i < r.legs.length; i++) {
    const leg = r.legs[i]!;
    const f = `legs.${i}`;
    const p = env.probes.leg(leg, f);
    const massT = present(leg.mass) ? inUnit(leg.mass!, unit, "kg", T, `${f}.mass`) : shipT;
    let km = inUnit(leg.distance, leg.distanceUnit, "km", "km", `${f}.distance`);
    if (leg.airGcdUplift) {
      if (leg.distanceBasis !== "gcd") rowFail("calculate", `${f}.airGcdUplift`, "RULE_VIOLATION", { rule: "air GCD + 95 km", detail: `${f}: the uplift applies to a great-circle distance (distanceBasis "gcd")` });
      km = km.plus(AIR_GCD_UPLIFT_KM);
    }
    const tkm = massT.times(km);
    let legTtw: Dec | null = null;
    let legWtw: Dec | null = null;
    if (p.direct) {
      legWtw = tkm.times(p.wtwPer!);
      if (p.ttwPer) legTtw = tkm.times(p.ttwPer);
    } else {
      legTtw = tkm.times(p.ttwPer!);
      if (p.wttPer) legWtw = legTtw.plus(tkm.times(p.wttPer));
    }
    wtw = wtw !== null && legWtw !== null ? wtw.plus(legWtw) : null;
    ttw = ttw !== null && legTtw !== null ? ttw.plus(legTtw) : null;
  }
  for (let i = 0; i < (r.hubs ?? []).length; i++) {
    const hub = r.hubs![i]!;
    const f = `hubs.${i}`;
    const p = env.probes.hub(hub, f);
    const massT = present(hub.mass) ? inUnit(hub.mass!, unit, "kg", T, `${f}.mass`) : shipT;
    wtw = wtw !== null ? wtw.plus(massT.times(p.wtwPer!)) : null;
    ttw = ttw !== null && p.ttwPer ? ttw.plus(massT.times(p.ttwPer)) : null;
  }
  const reported = boundary === "WTW" ? wtw : ttw;
  if (reported === null) rowFail("resolve", "legs", "FACTOR_NOT_PUBLISHED", { source: "The factor set used", what: `the ${boundary === "WTW" ? "WTT" : "TTW"} part of an element of the chain; ${boundary} cannot be computed` });
  const cat = String(r.scope3Category ?? "4");
  env.lines.push(g, memoCode(env, `t${cat}${boundary}`, () => CODE.transport(cat, boundary)), reported);
  const memo = boundary === "WTW" ? ttw : wtw;
  const other = boundary === "WTW" ? "TTW" : "WTW";
  if (memo !== null) env.lines.push(g, memoCode(env, `t${cat}${other}`, () => CODE.transport(cat, other, false)), memo);
}

/** Location-based: kWh x grid factor of the region; market-based: instruments, then the remainder at supplier rate / residual mix / grid (flagged). */
export function electricityKernel(r: ElectricityRecord, g: number, env: KernelEnv): void {
  const kwh = inUnit(r.energy, r.energyUnit, "kWh", "kWh", "energy");
  const grid = env.probes.grid(r.region);
  env.lines.push(g, memoCode(env, "s2l", () => CODE.scope2("location")), kwh.times(grid));
  let covered = ZERO;
  let market = ZERO;
  const instruments = r.instruments ?? [];
  for (let i = 0; i < instruments.length; i++) {
    const ins = instruments[i]!;
    const e = inUnit(ins.energy, r.energyUnit, "kWh", "kWh", `instruments.${i}.energy`);
    const f = present(ins.factor) ? dec(ins.factor!) : ZERO;
    covered = covered.plus(e);
    market = market.plus(e.times(f));
  }
  if (covered.gt(kwh)) rowFail("calculate", "instruments", "COVERAGE_EXCEEDS_CONSUMPTION", { covered: covered.toFixed(), total: kwh.toFixed(), unit: "kWh" });
  const remainder = kwh.minus(covered);
  if (remainder.gt(0)) market = market.plus(remainder.times(env.probes.remainder(r)));
  env.lines.push(g, memoCode(env, "s2m", () => CODE.scope2("market")), market);
}

/** Scope 1: quantity in the factor's unit x each component of the combustion intensity. */
export function fuelKernel(r: FuelRecord, g: number, env: KernelEnv): void {
  const p = env.probes.fuel(r);
  const q = inUnit(r.quantity, r.unit, r.unit, p.activityUnit, "quantity");
  let total = ZERO;
  for (const c of p.components) total = total.plus(q.times(c));
  env.lines.push(g, lineCode(env.codes, CODE.scope1Fuel), total);
}

/** Scope 1 refrigerant release: released kg (or max(0, charge - recovered)) x GWP-100; recovered mass as a memo line. */
export function refrigerantKernel(r: RefrigerantEventRecord, g: number, env: KernelEnv): void {
  const gwp = env.probes.refrigerant(r);
  const unit = r.massUnit ?? "kg";
  let released: Dec;
  if (present(r.released)) released = inUnit(r.released!, unit, "kg", "kg", "released");
  else {
    if (!present(r.charge)) rowFail("calculate", "released", "MISSING_INPUT", { expected: "the released mass, or the charge and the recovered mass" });
    if (!present(r.recovered)) rowFail("calculate", "recovered", "MISSING_INPUT", { expected: "the mass recovered from the equipment (with its charge)" });
    const diff = inUnit(r.charge!, unit, "kg", "kg", "charge").minus(inUnit(r.recovered!, unit, "kg", "kg", "recovered"));
    released = diff.isNegative() ? ZERO : diff;
  }
  env.lines.push(g, lineCode(env.codes, CODE.scope1Refrigerant), released.times(gwp));
  if (present(r.recovered)) env.lines.push(g, lineCode(env.codes, CODE.refrigerantRecovered), inUnit(r.recovered!, unit, "kg", "kg", "recovered"));
}

/** Reuse pathway of a disposition row. */
export function reusePathwayOf(r: DispositionRecord): ReusePathway {
  const p = (r.pathway ?? "").trim().toLowerCase();
  if ((REUSE_PATHWAYS as readonly string[]).includes(p)) return p as ReusePathway;
  return r.disposition === "REUSE-PART" ? "harvest" : "reuse";
}

/** Why a reuse row earns no credit (the same eligibility rules as the reuse method), or null. */
export function reuseIneligibility(r: DispositionRecord, dr: Dec): { field: string; issue: Issue } | null {
  const pathway = reusePathwayOf(r);
  const credit = pathway === "harvest" ? "harvested-component" : pathway;
  const ev = r.evidence ?? {};
  if (!ev.testRecord) {
    return { field: "evidence.testRecord", issue: issue("CREDIT_EVIDENCE_MISSING", { argument: "testRecord", evidence: "functional test record", rule: "method brief §2.2 engine rule (tested functional)", credit }) };
  }
  if (typeof r.dataBearing !== "boolean") return { field: "dataBearing", issue: issue("MISSING_INPUT", { argument: "dataBearing", expected: "true or false (can the unit hold data?)" }) };
  if (r.dataBearing && !ev.sanitizationRecord) {
    return {
      field: "evidence.sanitizationRecord",
      issue: issue("CREDIT_EVIDENCE_MISSING", { argument: "sanitizationRecord", evidence: "data sanitization record for a data-bearing unit", rule: "method brief §2.2 engine rule (sanitised where data-bearing)", credit }),
    };
  }
  if (dr.eq(ONE) && !ev.displacementRecord) {
    return {
      field: "evidence.displacementRecord",
      issue: issue("CREDIT_EVIDENCE_MISSING", { argument: "displacementEvidence", evidence: "evidence that the unit displaces a new purchase", rule: "method brief §5.2 (DR = 1 only with evidence of displacement)", credit: `${pathway} (DR = 1)` }),
    };
  }
  return null;
}

export function displacementRateOf(r: DispositionRecord, env: Pick<KernelEnv, "settings">): { raw: NumLike; origin: "entered" | "defaulted" } {
  const own = r.reuse?.displacementRate;
  if (own !== undefined && own !== "") return { raw: own, origin: "entered" };
  const run = env.settings.displacementRate;
  if (run !== undefined && run !== "") return { raw: run, origin: "entered" };
  return { raw: DEFAULT_DISPLACEMENT_RATE, origin: "defaulted" };
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

/**
 * Material flow: mass by disposition. Reuse credit (avoided ledger) when the row is a reuse
 * disposition with reuse parameters and evidence; end-of-life treatment (Scope 3 cat 5) when a
 * treatment factor is given.
 */
export function dispositionKernel(r: DispositionRecord, g: number, env: KernelEnv, index: number): void {
  const kg = inUnit(r.mass, r.massUnit, "kg", "kg", "mass");
  env.lines.push(g, memoCode(env, `fa${r.disposition}${String(r.hazardous)}`, () => CODE.flow("assets", r.disposition, r.hazardous)), kg);
  if (present(r.treatmentFactor)) {
    env.lines.push(g, lineCode(env.codes, CODE.endOfLife), kg.times(need(env.cache.intensity(r.treatmentFactor!, "kg", "treatmentFactor", "kg CO2e/kg"), "treatmentFactor")));
  }
  if ((r.disposition === "REUSE-DEVICE" || r.disposition === "REUSE-PART") && r.reuse) {
    const p = r.reuse;
    const dr = dec(displacementRateOf(r, env).raw);
    if (dr.lt(ZERO) || dr.gt(ONE)) rowFail("calculate", "reuse.displacementRate", "OUT_OF_RANGE", { value: dr.toFixed(), expected: "a fraction between 0 and 1" });
    const ef = need(env.cache.avoidedFactor(p.newProductFactor, "unit", "efNew"), "reuse.newProductFactor");
    if (ef.isNegative()) rowFail("resolve", "reuse.newProductFactor", "NEGATIVE_NOT_ALLOWED", { value: ef.toFixed(), expected: "kg CO2e/unit >= 0" });
    const lifeExt = dec(p.lifetimeExtendedYears);
    const lifeNew = dec(p.lifetimeNewYears);
    if (lifeNew.isZero()) rowFail("calculate", "reuse.lifetimeNewYears", "OUT_OF_RANGE", { value: "0", expected: "a lifetime greater than 0 years" });
    const bad = reuseIneligibility(r, dr);
    if (bad) {
      env.warn("dispositions", index, r.row, bad.field, bad.issue);
      return;
    }
    const lef = Dec.min(ONE, lifeExt.div(lifeNew));
    const gross = dr.times(lef).times(ef);
    const burdens = dec(p.refurbishmentKg).plus(dec(p.partsKg)).plus(dec(p.extraLogisticsKg));
    const powerDelta = present(p.powerDeltaKw) ? dec(p.powerDeltaKw!) : ZERO;
    let useDelta = ZERO;
    if (!powerDelta.isZero() && !lifeExt.isZero()) {
      if (!present(p.hoursPerYear)) rowFail("calculate", "reuse.hoursPerYear", "MISSING_INPUT", { expected: "use hours per year" });
      if (!present(p.gridFactor)) rowFail("calculate", "reuse.gridFactor", "MISSING_INPUT", { expected: "a factor id or a number in kg CO2e/kWh" });
      const gridF = need(env.cache.avoidedFactor(p.gridFactor!, "kWh", "gridFactor"), "reuse.gridFactor");
      useDelta = powerDelta.times(dec(p.hoursPerYear!)).times(lifeExt).times(gridF);
    }
    const ae = gross.minus(burdens).minus(useDelta);
    const units = present(r.quantity) ? dec(r.quantity!) : ONE;
    const pathway = reusePathwayOf(r);
    env.lines.push(g, memoCode(env, `r${pathway}`, () => CODE.reuse(pathway)), ae.times(units));
    if (r.lotId) env.claim(r.lotId, pathway);
  }
}

/**
 * Material flow at the final disposition (downstream certificate); recycling credit (avoided
 * ledger, end-of-life share 1 - A) when the output is recycled, evidenced and not claimed by another party.
 */
export function outputKernel(r: MaterialOutputRecord, g: number, env: KernelEnv, index: number): void {
  const kg = inUnit(r.outputMass, r.massUnit, "kg", "kg", "outputMass");
  env.lines.push(g, memoCode(env, `fo${r.disposition}${String(r.hazardous)}`, () => CODE.flow("outputs", r.disposition, r.hazardous)), kg);
  if (r.disposition !== "RECYCLE" || !present(r.virginFactor) || !present(r.recyclingFactor)) return;
  if (present(r.creditClaimedBy) && String(r.creditClaimedBy).trim() !== env.settings.claimant) return; // someone else's claim (explain says so)
  const alloc = env.allocationA(r.allocationA);
  if (!alloc.ok) throw new RowFailure("calculate", "allocationA", alloc.issue);
  if (!present(r.certificateId)) {
    env.warn(
      "outputs",
      index,
      r.row,
      "certificateId",
      issue("CREDIT_EVIDENCE_MISSING", {
        argument: "certificate",
        evidence: "certificate of recycling/processing from the final-disposition point",
        rule: "SERI-EVC-ATTR-3 (method brief §6.2 rule 3; GHG Protocol Scope 3 Standard Box 5.6)",
        credit: "recycling",
      }),
    );
    return;
  }
  const evStar = need(env.cache.avoidedFactor(r.virginFactor!, "kg", "virginFactor"), "virginFactor");
  const erec = need(env.cache.avoidedFactor(r.recyclingFactor!, "kg", "recyclingFactor"), "recyclingFactor");
  const q = present(r.qualityRatio) ? dec(r.qualityRatio!) : ONE;
  const perKg = evStar.times(q).minus(erec);
  const gross = kg.times(perKg);
  env.lines.push(g, lineCode(env.codes, CODE.recyclingEol), ONE.minus(alloc.A).times(gross));
  env.lines.push(g, lineCode(env.codes, CODE.recyclingReserved), alloc.A.times(gross));
  env.claim(r.lotId, "recycling");
}

export type Kernel = (record: never, globalRow: number, env: KernelEnv, index: number) => void;

export const KERNELS: Readonly<Record<RecordKind, Kernel>> = {
  shipments: shipmentKernel as Kernel,
  electricity: electricityKernel as Kernel,
  fuels: fuelKernel as Kernel,
  refrigerants: refrigerantKernel as Kernel,
  dispositions: dispositionKernel as Kernel,
  outputs: outputKernel as Kernel,
};

export type { FactorField, RowIssue };
