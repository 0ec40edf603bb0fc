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
import type { Classification } from "../taxonomy";
import type { EndOfLifeInput } from "../methods/end-of-life";
import { keyReliability, lineDqi, overrideOf, scoreRow, worsePacked, type DqiContext } from "./dqi";
import type { ElectricityCat3Probe } from "./probes";
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
    /** Scope 3 category 3 lines (electricity T&D and WTT, fuel WTT) where the factors exist (default true). */
    category3?: boolean;
    /** End-of-life lines for every waste-treatment disposition, with this factor set. */
    endOfLifeFactorSet?: "desnz" | "epa";
  };
  probes: Probes;
  /** DQI scoring context (reporting year, region). */
  dq?: DqiContext;
  /** Per global row: the row's own (activity data) DQI, packed. */
  rowDqi?: Uint16Array;
  /** UNU-KEY classification of a free-text description, once per distinct text (null: no match or no taxonomy). */
  classify?(text: string): Classification | null;
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
  electricityTd: { id: "inventory/scope3.cat3/electricity-td", ledger: "inventory", category: "scope3.cat3", variant: "T&D losses of purchased electricity", unit: KG, inTotal: true } as LineCode,
  electricityWtt: { id: "inventory/scope3.cat3/electricity-wtt", ledger: "inventory", category: "scope3.cat3", variant: "upstream (WTT) of purchased electricity", unit: KG, inTotal: true } as LineCode,
  fuelWtt: { id: "inventory/scope3.cat3/fuel-wtt", ledger: "inventory", category: "scope3.cat3", variant: "upstream (WTT) of fuels", unit: KG, inTotal: true } as LineCode,
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

const NO_DQ: DqiContext = { reportingYear: null, region: null };

/** The row's own DQI (packed), recorded per global row; and the record's assessed scores. */
function rowScores(kind: RecordKind, r: { origins?: DispositionRecord["origins"]; dqi?: DispositionRecord["dqi"] }, g: number, env: KernelEnv): { row: number; ov: ReturnType<typeof overrideOf> } {
  const row = scoreRow(kind, r, env.dq ?? NO_DQ);
  const ov = overrideOf(r.dqi);
  if (env.rowDqi) env.rowDqi[g] = lineDqi(row, 0, ov);
  return { row, ov };
}

/**
 * Shipment (ISO 14083 chain): Σ legs and hubs, each as the transport method computes it
 * (per-t.km and per-t intensities come from one probe of the method per distinct factor choice).
 */
export function shipmentKernel(r: ShipmentRecord, g: number, env: KernelEnv): void {
  const rs = rowScores("shipments", r, g, env);
  let fq = 0;
  const unit = r.massUnit ?? "kg";
  const shipT = inUnit(r.mass, unit, "kg", T, "mass");
  let wtw: Dec | null = ZERO;
  let ttw: Dec | null = ZERO;
  const boundary = env.settings.transportBoundary;
  for (let i = 0; i < r.legs.length; i++) {
    const leg = r.legs[i]!;
    const f = `legs.${i}`;
    const p = env.probes.leg(leg, f);
    fq = worsePacked(fq, p.dqi);
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
    fq = worsePacked(fq, p.dqi);
    const massT = present(hub.mass) ? inUnit(hub.mass!, unit, "kg", T, `${f}.mass`) : shipT;
    wtw = wtw !== null ? wtw.plus(massT.times(p.wtwPer!)) : null;
    ttw = ttw !== null && p.ttwPer ? ttw.plus(massT.times(p.ttwPer)) : null;
  }
  const reported = boundary === "WTW" ? wtw : ttw;
  if (reported === null) rowFail("resolve", "legs", "FACTOR_NOT_PUBLISHED", { source: "The factor set used", what: `the ${boundary === "WTW" ? "WTT" : "TTW"} part of an element of the chain; ${boundary} cannot be computed` });
  const cat = String(r.scope3Category ?? "4");
  const dq = lineDqi(rs.row, fq, rs.ov);
  env.lines.push(g, memoCode(env, `t${cat}${boundary}`, () => CODE.transport(cat, boundary)), reported, dq);
  const memo = boundary === "WTW" ? ttw : wtw;
  const other = boundary === "WTW" ? "TTW" : "WTW";
  if (memo !== null) env.lines.push(g, memoCode(env, `t${cat}${other}`, () => CODE.transport(cat, other, false)), memo, dq);
}

/** True when a row asked for its category 3 lines itself (a loss rate or an upstream factor), so a failure rejects it. */
function cat3Requested(r: ElectricityRecord): boolean {
  return present(r.tdLossRate) || present(r.upstreamFactor);
}

/**
 * Location-based: kWh x grid factor of the region; market-based: instruments, then the remainder at supplier rate / residual mix / grid (flagged).
 * Scope 3 category 3: T&D losses and upstream (WTT) where published (GB, DESNZ) or where the row gives a loss rate / upstream factor.
 */
export function electricityKernel(r: ElectricityRecord, g: number, env: KernelEnv, index: number): void {
  const rs = rowScores("electricity", r, g, env);
  const kwh = inUnit(r.energy, r.energyUnit, "kWh", "kWh", "energy");
  const grid = env.probes.grid(r);
  const location = kwh.times(grid.per);
  env.lines.push(g, memoCode(env, "s2l", () => CODE.scope2("location")), location, lineDqi(rs.row, grid.dqi, rs.ov));
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
  let mq = 0;
  if (remainder.gt(0)) {
    const rem = env.probes.remainder(r);
    market = market.plus(remainder.times(rem.per));
    mq = rem.dqi;
  }
  env.lines.push(g, memoCode(env, "s2m", () => CODE.scope2("market")), market, lineDqi(rs.row, mq, rs.ov));
  if (env.settings.category3 === false) return;
  let c3: ElectricityCat3Probe | null;
  if (cat3Requested(r)) c3 = env.probes.electricityCat3(r);
  else {
    try {
      c3 = env.probes.electricityCat3(r);
    } catch (e) {
      // Published T&D/WTT expected for the grid but not available in the pinned libraries: the Scope 2 lines stand, with a warning.
      if (!(e instanceof RowFailure)) throw e;
      env.warn("electricity", index, r.row, "region", e.issue);
      return;
    }
  }
  if (c3 === null) return;
  if (c3.tdPer !== null || c3.tdRate !== null) {
    const td = c3.tdPer !== null ? kwh.times(c3.tdPer) : location.times(c3.tdRate!);
    env.lines.push(g, lineCode(env.codes, CODE.electricityTd), td, lineDqi(rs.row, c3.tdDqi, rs.ov));
  }
  if (c3.upPer !== null) env.lines.push(g, lineCode(env.codes, CODE.electricityWtt), kwh.times(c3.upPer), lineDqi(rs.row, c3.upDqi, rs.ov));
}

/** Scope 1: quantity in the factor's unit x each component of the combustion intensity; WTT (Scope 3 category 3) when the method has one. */
export function fuelKernel(r: FuelRecord, g: number, env: KernelEnv): void {
  const rs = rowScores("fuels", r, g, env);
  const p = env.probes.fuel(r);
  const q = inUnit(r.quantity, r.unit, r.unit, p.activityUnit, "quantity");
  let total = ZERO;
  for (const c of p.components) total = total.plus(q.times(c));
  env.lines.push(g, lineCode(env.codes, CODE.scope1Fuel), total, lineDqi(rs.row, p.dqi, rs.ov));
  if (p.wtt !== null && env.settings.category3 !== false) {
    const q2 = inUnit(r.quantity, r.unit, r.unit, p.wtt.activityUnit, "quantity");
    env.lines.push(g, lineCode(env.codes, CODE.fuelWtt), q2.times(p.wtt.per), lineDqi(rs.row, p.wtt.dqi, rs.ov));
  }
}

/** Scope 1 refrigerant release: released kg (or max(0, charge - recovered)) x GWP-100; recovered mass as a memo line. */
export function refrigerantKernel(r: RefrigerantEventRecord, g: number, env: KernelEnv): void {
  const rs = rowScores("refrigerants", r, g, env);
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
  const dq = lineDqi(rs.row, gwp.dqi, rs.ov);
  env.lines.push(g, lineCode(env.codes, CODE.scope1Refrigerant), released.times(gwp.per), dq);
  if (present(r.recovered)) env.lines.push(g, lineCode(env.codes, CODE.refrigerantRecovered), inUnit(r.recovered!, unit, "kg", "kg", "recovered"), dq);
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

/** Dispositions that are waste treatments: the run's `endOfLifeFactorSet` gives them an end-of-life line. */
export const WASTE_TREATMENTS: ReadonlySet<string> = new Set(["RECYCLE", "ENERGY-RECOVERY", "INCINERATION", "LANDFILL", "OTHER-RECOVERY", "OTHER-DISPOSAL"]);

/** Classification below this confidence is flagged (warning MAPPING_LOW_CONFIDENCE). */
export const LOW_CONFIDENCE = 0.6;

export type KeyHow = "entered" | "classified" | "classified-low" | "none";

/** The UNU-KEY of a disposition row: entered, or classified from its description (once per distinct text). */
export function unuKeyOf(r: DispositionRecord, classify: ((text: string) => Classification | null) | undefined): { key: string | null; how: KeyHow; classification: Classification | null; unclassified: boolean } {
  if (present(r.unuKey)) return { key: String(r.unuKey).trim(), how: "entered", classification: null, unclassified: false };
  if (!present(r.description) || !classify) return { key: null, how: "none", classification: null, unclassified: present(r.description) };
  const c = classify(String(r.description));
  if (c === null) return { key: null, how: "none", classification: null, unclassified: true };
  return { key: c.key, how: c.confidence < LOW_CONFIDENCE ? "classified-low" : "classified", classification: c, unclassified: false };
}

export interface EndOfLifePlan {
  /** The method's input, without the mass. */
  input: Omit<EndOfLifeInput, "mass">;
  /** True when the line comes from the run setting (a treatment without a published factor is then a warning). */
  auto: boolean;
  /** The field a resolve failure is reported on. */
  field: string;
  /** Reliability of the waste identification (packed, reliability only; 0 unless the key was classified). */
  keyDqi: number;
}

/**
 * Whether a disposition row gets an end-of-life (Scope 3 category 5) line, and the method input for it:
 * an explicit `treatmentFactor`; or a factor set (the row's `treatmentFactorSet`, or the run's
 * `endOfLifeFactorSet` for waste-treatment dispositions) with the UNU-KEY (entered or classified) or the
 * `wasteClass`. A row that needs a key and has none is rejected with the reason.
 */
export function endOfLifePlan(r: DispositionRecord, key: ReturnType<typeof unuKeyOf>, runSet: "desnz" | "epa" | undefined): EndOfLifePlan | null {
  const explicit = present(r.treatmentFactor);
  const rowSet = present(r.treatmentFactorSet) ? (String(r.treatmentFactorSet).trim().toLowerCase() as "desnz" | "epa") : undefined;
  const auto = !explicit && rowSet === undefined && runSet !== undefined && WASTE_TREATMENTS.has(r.disposition);
  if (!explicit && rowSet === undefined && !auto) return null;
  const set = rowSet ?? runSet;
  const base = { treatment: r.disposition, ...(set !== undefined ? { factorSet: set } : {}) };
  if (explicit) return { input: { ...base, factor: r.treatmentFactor as FactorSpec }, auto: false, field: "treatmentFactor", keyDqi: 0 };
  if (key.key !== null) return { input: { ...base, unuKey: key.key }, auto, field: present(r.unuKey) ? "unuKey" : "description", keyDqi: keyReliability(key.how === "none" ? "entered" : key.how) };
  if (present(r.wasteClass)) {
    const cls = String(r.wasteClass);
    return { input: { ...base, ...((set ?? "desnz") === "epa" ? { epaMaterial: cls } : { desnzClass: cls }) }, auto, field: "wasteClass", keyDqi: 0 };
  }
  if (key.unclassified) rowFail("resolve", "description", "CLASSIFY_NO_MATCH", { value: String(r.description) });
  rowFail("resolve", "unuKey", "MISSING_INPUT", { expected: "a UNU-KEY, a classifiable description, a wasteClass or a treatmentFactor (the end-of-life factor depends on what the waste is)" });
}

/**
 * Material flow: mass by disposition. End-of-life treatment (Scope 3 cat 5) through `endOfLifeEmissions`
 * (see endOfLifePlan). Reuse credit (avoided ledger) when the row is a reuse disposition with reuse
 * parameters and evidence. Warnings (classification, withheld credit) are issued once the row is computed.
 */
export function dispositionKernel(r: DispositionRecord, g: number, env: KernelEnv, index: number): void {
  const rs = rowScores("dispositions", r, g, env);
  const warnings: Array<{ field: string; issue: Issue }> = [];
  const kg = inUnit(r.mass, r.massUnit, "kg", "kg", "mass");
  env.lines.push(g, memoCode(env, `fa${r.disposition}${String(r.hazardous)}`, () => CODE.flow("assets", r.disposition, r.hazardous)), kg, lineDqi(rs.row, 0, rs.ov));
  const key = unuKeyOf(r, env.classify);
  if (key.classification && key.how === "classified-low") {
    warnings.push({
      field: "description",
      issue: issue("MAPPING_LOW_CONFIDENCE", { argument: "description", value: String(r.description), what: "UNU-KEY", id: key.classification.key, confidence: String(key.classification.confidence) }),
    });
  }
  const plan = endOfLifePlan(r, key, env.settings.endOfLifeFactorSet);
  if (plan === null && key.unclassified && env.classify) warnings.push({ field: "description", issue: issue("CLASSIFY_NO_MATCH", { argument: "description", value: String(r.description) }) });
  if (plan !== null) {
    let p: ReturnType<Probes["endOfLife"]> | null = null;
    try {
      p = env.probes.endOfLife(plan.input, plan.field);
    } catch (e) {
      // From the run setting, a treatment the factor set publishes nothing for is a warning; asked for by the row, it rejects it.
      if (!(e instanceof RowFailure) || !plan.auto || e.issue.code !== "FACTOR_NOT_PUBLISHED") throw e;
      warnings.push({ field: e.field, issue: e.issue });
    }
    if (p !== null) {
      const q = inUnit(r.mass, r.massUnit, "kg", p.activityUnit, "mass");
      env.lines.push(g, lineCode(env.codes, CODE.endOfLife), q.times(p.per), lineDqi(rs.row, worsePacked(p.dqi, plan.keyDqi), rs.ov));
    }
  }
  if ((r.disposition === "REUSE-DEVICE" || r.disposition === "REUSE-PART") && r.reuse) reuseLine(r, g, env, rs, warnings);
  for (const w of warnings) env.warn("dispositions", index, r.row, w.field, w.issue);
}

function scored(r: Resolution, field: string): { value: Dec; dqi: number } {
  if (!r.ok) throw new RowFailure("resolve", field, r.issue);
  return { value: r.value, dqi: r.dqi ?? 0 };
}

function reuseLine(r: DispositionRecord, g: number, env: KernelEnv, rs: { row: number; ov: ReturnType<typeof overrideOf> }, warnings: Array<{ field: string; issue: Issue }>): void {
  const p = r.reuse!;
  const dr = dec(displacementRateOf(r, env).raw);
  if (dr.lt(ZERO) || dr.gt(ONE)) rowFail("calculate", "reuse.displacementRate", "OUT_OF_RANGE", { value: dr.toFixed(), expected: "a fraction between 0 and 1" });
  const efr = scored(env.cache.avoidedFactor(p.newProductFactor, "unit", "efNew"), "reuse.newProductFactor");
  const ef = efr.value;
  if (ef.isNegative()) rowFail("resolve", "reuse.newProductFactor", "NEGATIVE_NOT_ALLOWED", { value: ef.toFixed(), expected: "kg CO2e/unit >= 0" });
  const lifeExt = dec(p.lifetimeExtendedYears);
  const lifeNew = dec(p.lifetimeNewYears);
  if (lifeNew.isZero()) rowFail("calculate", "reuse.lifetimeNewYears", "OUT_OF_RANGE", { value: "0", expected: "a lifetime greater than 0 years" });
  const bad = reuseIneligibility(r, dr);
  if (bad) {
    warnings.push(bad);
    return;
  }
  const lef = Dec.min(ONE, lifeExt.div(lifeNew));
  const gross = dr.times(lef).times(ef);
  const burdens = dec(p.refurbishmentKg).plus(dec(p.partsKg)).plus(dec(p.extraLogisticsKg));
  const powerDelta = present(p.powerDeltaKw) ? dec(p.powerDeltaKw!) : ZERO;
  let useDelta = ZERO;
  let fq = efr.dqi;
  if (!powerDelta.isZero() && !lifeExt.isZero()) {
    if (!present(p.hoursPerYear)) rowFail("calculate", "reuse.hoursPerYear", "MISSING_INPUT", { expected: "use hours per year" });
    if (!present(p.gridFactor)) rowFail("calculate", "reuse.gridFactor", "MISSING_INPUT", { expected: "a factor id or a number in kg CO2e/kWh" });
    const gridF = scored(env.cache.avoidedFactor(p.gridFactor!, "kWh", "gridFactor"), "reuse.gridFactor");
    fq = worsePacked(fq, gridF.dqi);
    useDelta = powerDelta.times(dec(p.hoursPerYear!)).times(lifeExt).times(gridF.value);
  }
  const ae = gross.minus(burdens).minus(useDelta);
  const units = present(r.quantity) ? dec(r.quantity!) : ONE;
  const pathway = reusePathwayOf(r);
  env.lines.push(g, memoCode(env, `r${pathway}`, () => CODE.reuse(pathway)), ae.times(units), lineDqi(rs.row, fq, rs.ov));
  if (r.lotId) env.claim(r.lotId, pathway);
}

/**
 * Material flow at the final disposition (downstream certificate); recycling credit (avoided
 * ledger, end-of-life share 1 - A) when the output is recycled, evidenced and not claimed by another party.
 */
export function outputKernel(r: MaterialOutputRecord, g: number, env: KernelEnv, index: number): void {
  const rs = rowScores("outputs", r, g, env);
  const kg = inUnit(r.outputMass, r.massUnit, "kg", "kg", "outputMass");
  env.lines.push(g, memoCode(env, `fo${r.disposition}${String(r.hazardous)}`, () => CODE.flow("outputs", r.disposition, r.hazardous)), kg, lineDqi(rs.row, 0, rs.ov));
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
  const ev = scored(env.cache.avoidedFactor(r.virginFactor!, "kg", "virginFactor"), "virginFactor");
  const er = scored(env.cache.avoidedFactor(r.recyclingFactor!, "kg", "recyclingFactor"), "recyclingFactor");
  const evStar = ev.value;
  const erec = er.value;
  const q = present(r.qualityRatio) ? dec(r.qualityRatio!) : ONE;
  const perKg = evStar.times(q).minus(erec);
  const gross = kg.times(perKg);
  const dq = lineDqi(rs.row, worsePacked(ev.dqi, er.dqi), rs.ov);
  env.lines.push(g, lineCode(env.codes, CODE.recyclingEol), ONE.minus(alloc.A).times(gross), dq);
  env.lines.push(g, lineCode(env.codes, CODE.recyclingReserved), alloc.A.times(gross), dq);
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
