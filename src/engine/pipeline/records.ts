/**
 * The records a pipeline run reads, one schema per sheet kind, written in zod.
 *
 * A record is what the mapping layer makes of one spreadsheet row: the field
 * values as the sheet gave them (numbers may still be numbers or decimal
 * strings; they become Decimals in the calculate stage, once), the source row
 * number, and where each field came from (entered, defaulted, mapped).
 * Validation turns every problem into a row-level issue with a catalogue code,
 * a message and the field it is about. A record is never dropped: it is either
 * valid or rejected with its reasons.
 */
import { z } from "zod";
import { isDecimalLiteral, toDec } from "../quantities/decimal";
import { findUnit, unitsOf, type Dimension } from "../quantities/units";
import { issue, type Issue } from "../issues/issue";
import type { IssueCode } from "../issues/catalogue";
import { suggest } from "../issues/suggest";
import type { InputOrigin } from "../trace/trace";
import { DISPOSITION_CODES, type DispositionCode } from "../ledgers/material-flow";

/** A number as a sheet gives it: a JS number or a decimal string. */
export type NumLike = number | string;

/** A factor given by library id, as a number in the field's default unit, or as a number with its own unit. */
export type FactorField = string | number | { value: NumLike; unit: string } | readonly FactorField[];

// ---------------------------------------------------------------------------------------------
// Field builders. Each check reports a catalogue code through zod's custom-issue params, so the
// mapping to row issues (below) never guesses from zod's prose.
// ---------------------------------------------------------------------------------------------

interface CodedParams {
  issue: IssueCode;
  params: Record<string, string>;
  suggestions?: string[];
}

type Ctx = { addIssue: (i: { code: "custom"; message: string; params: CodedParams; input?: unknown }) => void };

function coded(ctx: Ctx, code: IssueCode, params: Record<string, string>, suggestions?: string[]): void {
  ctx.addIssue({ code: "custom", message: code, params: { issue: code, params, ...(suggestions && suggestions.length ? { suggestions } : {}) } });
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

function isNum(v: unknown): v is NumLike {
  return typeof v === "number" ? Number.isFinite(v) : typeof v === "string" && isDecimalLiteral(v);
}

function isNegative(v: NumLike): boolean {
  return typeof v === "number" ? v < 0 : v.trim().startsWith("-") && /[1-9]/.test(v);
}

type Check = (v: unknown, ctx: z.RefinementCtx) => void;

// The same checks also run in a plain fast path (no zod machinery per field): a record the fast
// path accepts is one zod accepts, because both call the very same check functions; only a
// record the fast path refuses goes through zod, which then reports the issues.
type FastNode =
  | { t: "field"; required: boolean; check: Check }
  | { t: "bool" }
  | { t: "origins" }
  | { t: "list"; required: boolean; min: number; item: FastNode }
  | { t: "obj"; optional: boolean; keys: string[]; nodes: FastNode[] };
const FAST = new WeakMap<object, FastNode>();

function register<T extends z.ZodType>(schema: T, node: FastNode): T {
  FAST.set(schema, node);
  return schema;
}

/** A field checked by `check`; an optional field skips the check when absent, a required one runs it (and reports MISSING_INPUT). */
function field(required: boolean | undefined, check: Check) {
  return register(required ? z.any().superRefine(check) : z.any().optional().superRefine(check), { t: "field", required: !!required, check });
}

const flagField = () => register(z.boolean().optional(), { t: "bool" });

function obj<S extends Record<string, z.ZodType>>(shape: S) {
  const schema = z.object(shape);
  return register(schema, { t: "obj", optional: false, keys: Object.keys(shape), nodes: Object.values(shape).map((v) => fastOf(v)) });
}
function optionalObj<S extends Record<string, z.ZodType>>(shape: S) {
  const node = { ...(fastOf(obj(shape)) as Extract<FastNode, { t: "obj" }>), optional: true };
  return register(obj(shape).optional(), node);
}
function fastOf(schema: z.ZodType): FastNode {
  const n = FAST.get(schema);
  if (!n) throw new Error("records: a schema without a fast-path node");
  return n;
}

let fastFailed = false;
const fastCtx = {
  addIssue(): void {
    fastFailed = true;
  },
} as unknown as z.RefinementCtx;

function fastValid(node: FastNode, v: unknown): boolean {
  switch (node.t) {
    case "field":
      if (v === undefined && !node.required) return true;
      fastFailed = false;
      node.check(v, fastCtx);
      return !fastFailed;
    case "bool":
      return v === undefined || typeof v === "boolean";
    case "origins":
      if (v === undefined) return true;
      if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
      for (const k in v) {
        const o = (v as Record<string, unknown>)[k];
        if (o !== "entered" && o !== "defaulted" && o !== "mapped") return false;
      }
      return true;
    case "list":
      if (v === undefined) return !node.required && node.min === 0;
      if (!Array.isArray(v) || v.length < node.min) return false;
      for (let i = 0; i < v.length; i++) if (!fastValid(node.item, v[i])) return false;
      return true;
    case "obj":
      if (v === undefined) return node.optional;
      if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
      for (let i = 0; i < node.keys.length; i++) if (!fastValid(node.nodes[i]!, (v as Record<string, unknown>)[node.keys[i]!])) return false;
      return true;
  }
}

interface NumOptions {
  required?: boolean;
  /** Negative values are rejected unless allowed. */
  allowNegative?: boolean;
  /** Value must lie in [0, 1]. */
  fraction?: boolean;
  integer?: boolean;
  expected: string;
}

/** A decimal field (number or decimal string). */
export function decimalField(o: NumOptions) {
  return field(o.required, (v: unknown, ctx) => {
    const c = ctx as unknown as Ctx;
    const argument = "";
    if (isBlank(v)) {
      if (o.required) coded(c, "MISSING_INPUT", { argument, expected: o.expected });
      return;
    }
    if (!isNum(v)) return coded(c, "NOT_A_NUMBER", { argument, value: String(v), expected: o.expected });
    if (!o.allowNegative && isNegative(v)) return coded(c, "NEGATIVE_NOT_ALLOWED", { argument, value: String(v), expected: o.expected });
    if (o.fraction) {
      const n = toDec(v);
      if (n === null || n.isNegative() || n.gt(1)) return coded(c, "OUT_OF_RANGE", { argument, value: String(v), expected: "a fraction between 0 and 1" });
    }
    if (o.integer && !/^[+-]?\d+$/.test(String(v).trim())) coded(c, "OUT_OF_RANGE", { argument, value: String(v), expected: o.expected });
  });
}

/** A text field (ids, names). */
export function textField(o: { required?: boolean; expected: string; pattern?: RegExp }) {
  return field(o.required, (v: unknown, ctx) => {
    const c = ctx as unknown as Ctx;
    const argument = "";
    if (isBlank(v)) {
      if (o.required) coded(c, "MISSING_INPUT", { argument, expected: o.expected });
      return;
    }
    if (typeof v !== "string" && typeof v !== "number") return coded(c, "INVALID_OPTION", { argument, value: String(v), expected: o.expected });
    if (o.pattern && !o.pattern.test(String(v).trim())) coded(c, "INVALID_OPTION", { argument, value: String(v), expected: o.expected });
  });
}

/** One of a fixed list of options (matched case-insensitively). */
export function optionField(options: readonly string[], o: { required?: boolean; what: string }) {
  const lower = new Set(options.map((x) => x.toLowerCase()));
  const expected = options.join(", ");
  return field(o.required, (v: unknown, ctx) => {
    const c = ctx as unknown as Ctx;
    const argument = "";
    if (isBlank(v)) {
      if (o.required) coded(c, "MISSING_INPUT", { argument, expected: `one of ${expected}` });
      return;
    }
    if ((typeof v !== "string" && typeof v !== "number") || !lower.has(String(v).trim().toLowerCase())) {
      coded(c, "UNKNOWN_ID", { argument, what: o.what, value: String(v) }, suggest(String(v), options));
    }
  });
}

/** A unit of a dimension; blank means the documented default (the record's origins say "defaulted"). */
export function unitField(dimensions: readonly Dimension[], o: { required?: boolean } = {}) {
  const pool = dimensions.flatMap((d) => unitsOf(d));
  const expected = pool.map((u) => u.symbol).join(", ");
  const names = pool.flatMap((u) => [u.symbol, ...u.aliases]);
  const known = new Map<string, boolean>();
  return field(o.required, (v: unknown, ctx) => {
    const c = ctx as unknown as Ctx;
    const argument = "";
    if (isBlank(v)) {
      if (o.required) coded(c, "MISSING_INPUT", { argument, expected });
      return;
    }
    let ok = typeof v === "string" ? known.get(v) : false;
    if (ok === undefined) {
      const u = findUnit(v as string);
      ok = !!u && dimensions.includes(u.dimension);
      if (known.size < 1000) known.set(v as string, ok);
    }
    if (!ok) coded(c, "UNKNOWN_UNIT", { argument, value: String(v), expected }, suggest(String(v), names));
  });
}

/** A factor: a library id, a number in the default unit, or `{ value, unit }`. */
export function factorField(o: { required?: boolean; defaultUnit: string }) {
  const expected = `a factor id or a number in ${o.defaultUnit}`;
  return field(o.required, (v: unknown, ctx) => {
    const c = ctx as unknown as Ctx;
    const argument = "";
    if (isBlank(v)) {
      if (o.required) coded(c, "MISSING_INPUT", { argument, expected });
      return;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) coded(c, "NOT_A_NUMBER", { argument, value: String(v), expected });
      else if (v < 0) coded(c, "NEGATIVE_NOT_ALLOWED", { argument, value: String(v), expected });
      return;
    }
    if (typeof v === "string") {
      if (/^\s*[+-]?(\d|\.\d)/.test(v) && !isDecimalLiteral(v)) coded(c, "NOT_A_NUMBER", { argument, value: v, expected });
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0 || v.some((x) => isBlank(x) || (typeof x !== "string" && typeof x !== "number"))) coded(c, "INVALID_OPTION", { argument, value: JSON.stringify(v), expected: "a list of factor ids or numbers (summed, e.g. TTW + WTT = WTW)" });
      return;
    }
    if (typeof v === "object" && v !== null && "value" in v && "unit" in v) {
      const fv = (v as { value: unknown }).value;
      if (!isNum(fv)) coded(c, "NOT_A_NUMBER", { argument, value: String(fv), expected });
      if (typeof (v as { unit: unknown }).unit !== "string") coded(c, "MISSING_INPUT", { argument, expected: "a factor unit such as 'kg CO2e/t.km'" });
      return;
    }
    coded(c, "INVALID_OPTION", { argument, value: String(v), expected });
  });
}

const origins = register(z.record(z.string(), z.enum(["entered", "defaulted", "mapped"])).optional(), { t: "origins" });

/** A data-quality score 1 (very good) to 4 (poor), GHG Protocol Scope 3 Standard Box 7.2. */
export function dqiScoreField() {
  return field(false, (v: unknown, ctx) => {
    if (isBlank(v)) return;
    if (v !== 1 && v !== 2 && v !== 3 && v !== 4 && v !== "1" && v !== "2" && v !== "3" && v !== "4") {
      coded(ctx as unknown as Ctx, "OUT_OF_RANGE", { argument: "", value: String(v), expected: "a data-quality score 1 (very good) to 4 (poor)" });
    }
  });
}

/** Scores the record states (assessed); each replaces the derived score of that indicator on all of the row's lines. */
export const DqiOverrideSchema = optionalObj({
  technology: dqiScoreField(),
  time: dqiScoreField(),
  geography: dqiScoreField(),
  completeness: dqiScoreField(),
  reliability: dqiScoreField(),
});
const rowNumber = field(true, (v: unknown, ctx) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) coded(ctx as unknown as Ctx, "OUT_OF_RANGE", { argument: "row", value: String(v), expected: "the source row number (an integer from 1)" });
});
const common = { row: rowNumber, origins, dqi: DqiOverrideSchema };
const yearMonth = textField({ required: true, expected: "a month as YYYY-MM", pattern: /^\d{4}-(0[1-9]|1[0-2])$/ });
const listOf = <T extends z.ZodType>(item: T, what: string, min: number) => {
  const list = field(min > 0, (v: unknown, ctx) => {
    if (!Array.isArray(v)) return coded(ctx as unknown as Ctx, isBlank(v) ? "MISSING_INPUT" : "INVALID_OPTION", { argument: "", value: String(v), expected: `a list of ${what}s` });
    if (v.length < min) coded(ctx as unknown as Ctx, "MISSING_INPUT", { argument: "", expected: `a list of at least ${min} ${what}` });
  }).pipe(z.array(item));
  return register(min > 0 ? list : list.optional(), { t: "list", required: min > 0, min, item: fastOf(item) });
};

// ---------------------------------------------------------------------------------------------
// The record kinds.
// ---------------------------------------------------------------------------------------------

export const DISTANCE_BASES = ["actual", "sfd", "gcd"] as const;

export const LegSchema = obj({
  /** A taxonomy mode (its default factors are used), or give ttwFactor, or a carrier's wtwIntensity. */
  mode: textField({ expected: "a transport mode id" }),
  factorSet: optionField(["desnz", "epa"], { what: "factor set" }),
  ttwFactor: factorField({ defaultUnit: "kg CO2e/t.km" }),
  wttFactor: factorField({ defaultUnit: "kg CO2e/t.km" }),
  wtwIntensity: decimalField({ expected: "a carrier-specific WTW intensity in kg CO2e/t.km" }),
  ttwIntensity: decimalField({ expected: "a carrier-specific TTW intensity in kg CO2e/t.km" }),
  distance: decimalField({ required: true, expected: "a distance" }),
  distanceUnit: unitField(["distance"]),
  distanceBasis: optionField(DISTANCE_BASES, { what: "distance basis" }),
  airGcdUplift: flagField(),
  /** Overrides the shipment mass on this leg (part of the consignment dropped at a hub). */
  mass: decimalField({ expected: "a mass" }),
});

export const HubSchema = obj({
  hubId: textField({ expected: "a hub id" }),
  /** Mass handled; defaults to the shipment mass. */
  mass: decimalField({ expected: "a mass" }),
  hocWtw: factorField({ required: true, defaultUnit: "kg CO2e/t" }),
  hocTtw: factorField({ defaultUnit: "kg CO2e/t" }),
});

export const ShipmentSchema = obj({
  ...common,
  shipmentId: textField({ required: true, expected: "a shipment id" }),
  mass: decimalField({ required: true, expected: "the freight mass" }),
  massUnit: unitField(["mass"]),
  /** GHG Protocol Scope 3 category: 4 (purchased transport, default) or 9 (downstream, not paid). */
  scope3Category: optionField(["4", "9"], { what: "Scope 3 category" }),
  lotId: textField({ expected: "a lot id" }),
  legs: listOf(LegSchema, "leg", 1),
  hubs: listOf(HubSchema, "hub", 0),
});

export const INSTRUMENT_KINDS = ["EAC", "PPA", "supplier"] as const;

export const InstrumentSchema = obj({
  kind: optionField(INSTRUMENT_KINDS, { required: true, what: "instrument kind" }),
  energy: decimalField({ required: true, expected: "the energy covered" }),
  /** kg CO2e/kWh; default 0 (renewable EACs), recorded as defaulted. */
  factor: decimalField({ expected: "the instrument's factor in kg CO2e/kWh" }),
  certificateId: textField({ expected: "a certificate id" }),
});

export const ElectricitySchema = obj({
  ...common,
  siteId: textField({ required: true, expected: "a site id" }),
  month: yearMonth,
  /** ISO country code or eGRID subregion (or a grid factor in kg CO2e/kWh). */
  region: textField({ required: true, expected: "a grid region (ISO code such as GB, DE, or an eGRID subregion such as RFCE)" }),
  energy: decimalField({ required: true, expected: "the electricity consumed" }),
  energyUnit: unitField(["energy"]),
  instruments: listOf(InstrumentSchema, "instrument", 0),
  supplierFactor: factorField({ defaultUnit: "kg CO2e/kWh" }),
  /** Residual mix for the uncovered remainder; the grid average of the region is used (flagged) when absent. */
  residualMix: factorField({ defaultUnit: "kg CO2e/kWh" }),
  /** T&D loss fraction (Scope 3 category 3, S2 formula 3.3); GB uses the published DESNZ T&D factor without it. */
  tdLossRate: decimalField({ fraction: true, expected: "a T&D loss fraction between 0 and 1 (e.g. 0.042)" }),
  /** Upstream (WTT) factor of the electricity, kg CO2e/kWh (Scope 3 category 3); GB uses the published DESNZ WTT without it. */
  upstreamFactor: factorField({ defaultUnit: "kg CO2e/kWh" }),
});

export const FuelSchema = obj({
  ...common,
  siteId: textField({ required: true, expected: "a site id" }),
  month: yearMonth,
  /** A taxonomy carrier (its default factors are used) — or give `factor`. */
  carrier: textField({ expected: "a fuel (carrier) id such as natural-gas, diesel" }),
  factorSet: optionField(["desnz", "epa"], { what: "factor set" }),
  factor: factorField({ defaultUnit: "kg CO2e per unit of quantity" }),
  /** Upstream (WTT) factor (Scope 3 category 3); default: the carrier's DESNZ WTT, or the ".wtt" sibling of a ".ttw" factor id. */
  wttFactor: factorField({ defaultUnit: "kg CO2e per unit of quantity" }),
  quantity: decimalField({ required: true, expected: "the fuel quantity" }),
  unit: unitField(["energy", "volume", "mass"], { required: true }),
});

export const RefrigerantEventSchema = obj({
  ...common,
  siteId: textField({ required: true, expected: "a site id" }),
  date: textField({ expected: "a date as YYYY-MM-DD", pattern: /^\d{4}-\d{2}-\d{2}$/ }),
  /** Refrigerant id (taxonomy), or give gwp or gwpFactor. */
  refrigerant: textField({ expected: "a refrigerant (e.g. R-410A)" }),
  gwp: decimalField({ expected: "a GWP-100 value" }),
  gwpFactor: textField({ expected: "a GWP factor id in kg CO2e/kg" }),
  /** Released (leaked, vented) mass; or charge and recovered. */
  released: decimalField({ expected: "the released mass" }),
  charge: decimalField({ expected: "the equipment charge" }),
  recovered: decimalField({ expected: "the recovered mass" }),
  massUnit: unitField(["mass"]),
});

// Disposition codes of the method: one list, owned by the material-flow ledger.
export { DISPOSITION_CODES, type DispositionCode };

export const EvidenceSchema = optionalObj({
    testRecord: textField({ expected: "a test record id" }),
    sanitizationRecord: textField({ expected: "a sanitization record id" }),
    saleRecord: textField({ expected: "a sale or transfer record id" }),
    displacementRecord: textField({ expected: "evidence that the unit displaces a new purchase" }),
});

export const ReuseParamsSchema = optionalObj({
    /** EF_new: footprint of the new product displaced, kg CO2e per unit (id or number). */
    newProductFactor: factorField({ required: true, defaultUnit: "kg CO2e/unit" }),
    lifetimeExtendedYears: decimalField({ required: true, expected: "years of service delivered by the reused unit" }),
    lifetimeNewYears: decimalField({ required: true, expected: "years of a new product's service life" }),
    /** DR; default: the run's displacement rate setting, else the method default 0.5. */
    displacementRate: decimalField({ fraction: true, expected: "a fraction between 0 and 1" }),
    refurbishmentKg: decimalField({ required: true, expected: "kg CO2e per unit (enter 0 if none)" }),
    partsKg: decimalField({ required: true, expected: "kg CO2e per unit (enter 0 if none)" }),
    extraLogisticsKg: decimalField({ required: true, allowNegative: true, expected: "kg CO2e per unit (enter 0 if none)" }),
    /** P_reused - P_new in kW (default 0: equal power, recorded as defaulted). */
    powerDeltaKw: decimalField({ allowNegative: true, expected: "kW" }),
    hoursPerYear: decimalField({ expected: "use hours per year" }),
    gridFactor: factorField({ defaultUnit: "kg CO2e/kWh" }),
});

export const DispositionSchema = obj({
  ...common,
  assetId: textField({ required: true, expected: "an asset id" }),
  unuKey: textField({ expected: "a UNU-KEY (4 digits)", pattern: /^\d{4}$/ }),
  description: textField({ expected: "a product description" }),
  quantity: decimalField({ integer: true, expected: "a whole number of units" }),
  mass: decimalField({ required: true, expected: "the mass" }),
  massUnit: unitField(["mass"]),
  disposition: optionField(DISPOSITION_CODES, { required: true, what: "disposition" }),
  evidence: EvidenceSchema,
  lotId: textField({ expected: "a lot id" }),
  pathway: textField({ expected: "a pathway" }),
  hazardous: flagField(),
  dataBearing: flagField(),
  wasWaste: flagField(),
  reuse: ReuseParamsSchema,
  /** End-of-life treatment factor (inventory, kg CO2e per kg unless a unit is given). */
  treatmentFactor: factorField({ defaultUnit: "kg CO2e/kg" }),
  /** End-of-life factor set for this row ("desnz" or "epa"): the treatment line from the UNU-KEY (or wasteClass) and the disposition. */
  treatmentFactorSet: optionField(["desnz", "epa"], { what: "end-of-life factor set" }),
  /** DESNZ WEEE class (desnz) or EPA Table 9 electronics material (epa), instead of a UNU-KEY. */
  wasteClass: textField({ expected: "a DESNZ WEEE class (small, large, mixed...) or an EPA electronics material (mixed-electronics...)" }),
});

export const MaterialOutputSchema = obj({
  ...common,
  lotId: textField({ required: true, expected: "a lot id" }),
  material: textField({ required: true, expected: "a material class (e.g. AL, FE, CU)" }),
  outputMass: decimalField({ required: true, expected: "the output mass" }),
  massUnit: unitField(["mass"]),
  disposition: optionField(DISPOSITION_CODES, { required: true, what: "disposition" }),
  certificateId: textField({ expected: "a certificate of recycling id" }),
  creditClaimedBy: textField({ expected: "the claimant's id" }),
  hazardous: flagField(),
  /** Virgin material substituted E*v (kg CO2e/kg). */
  virginFactor: factorField({ defaultUnit: "kg CO2e/kg" }),
  /** Recycling process ErecEoL (kg CO2e/kg). */
  recyclingFactor: factorField({ defaultUnit: "kg CO2e/kg" }),
  qualityRatio: decimalField({ fraction: true, expected: "Qsout/Qp between 0 and 1" }),
  allocationA: decimalField({ fraction: true, expected: "the CFF allocation factor A" }),
});

export type Origins = Partial<Record<string, InputOrigin>>;

/** Assessed data-quality scores a record may state (1 very good .. 4 poor). */
export type DqiOverride = Partial<Record<"technology" | "time" | "geography" | "completeness" | "reliability", 1 | 2 | 3 | 4 | "1" | "2" | "3" | "4">>;

interface Base {
  row: number;
  origins?: Origins;
  dqi?: DqiOverride;
}
export interface LegRecord {
  mode?: string;
  factorSet?: "desnz" | "epa";
  ttwFactor?: FactorField;
  wttFactor?: FactorField;
  wtwIntensity?: NumLike;
  ttwIntensity?: NumLike;
  distance: NumLike;
  distanceUnit?: string;
  distanceBasis?: (typeof DISTANCE_BASES)[number];
  airGcdUplift?: boolean;
  mass?: NumLike;
}
export interface HubRecord {
  hubId?: string;
  mass?: NumLike;
  hocWtw: FactorField;
  hocTtw?: FactorField;
}
export interface ShipmentRecord extends Base {
  shipmentId: string;
  mass: NumLike;
  massUnit?: string;
  scope3Category?: "4" | "9" | 4 | 9;
  lotId?: string;
  legs: LegRecord[];
  hubs?: HubRecord[];
}
export interface InstrumentRecord {
  kind: (typeof INSTRUMENT_KINDS)[number];
  energy: NumLike;
  factor?: NumLike;
  certificateId?: string;
}
export interface ElectricityRecord extends Base {
  siteId: string;
  month: string;
  region: string;
  energy: NumLike;
  energyUnit?: string;
  instruments?: InstrumentRecord[];
  supplierFactor?: FactorField;
  residualMix?: FactorField;
  tdLossRate?: NumLike;
  upstreamFactor?: FactorField;
}
export interface FuelRecord extends Base {
  siteId: string;
  month: string;
  carrier?: string;
  factorSet?: "desnz" | "epa";
  factor?: FactorField;
  wttFactor?: FactorField;
  quantity: NumLike;
  unit: string;
}
export interface RefrigerantEventRecord extends Base {
  siteId: string;
  date?: string;
  refrigerant?: string;
  gwp?: NumLike;
  gwpFactor?: string;
  released?: NumLike;
  charge?: NumLike;
  recovered?: NumLike;
  massUnit?: string;
}
export interface ReuseParams {
  newProductFactor: FactorField;
  lifetimeExtendedYears: NumLike;
  lifetimeNewYears: NumLike;
  displacementRate?: NumLike;
  refurbishmentKg: NumLike;
  partsKg: NumLike;
  extraLogisticsKg: NumLike;
  powerDeltaKw?: NumLike;
  hoursPerYear?: NumLike;
  gridFactor?: FactorField;
}
export interface DispositionRecord extends Base {
  assetId: string;
  unuKey?: string;
  description?: string;
  quantity?: NumLike;
  mass: NumLike;
  massUnit?: string;
  disposition: DispositionCode;
  evidence?: { testRecord?: string; sanitizationRecord?: string; saleRecord?: string; displacementRecord?: string };
  lotId?: string;
  pathway?: string;
  hazardous?: boolean;
  dataBearing?: boolean;
  wasWaste?: boolean;
  reuse?: ReuseParams;
  treatmentFactor?: FactorField;
  treatmentFactorSet?: "desnz" | "epa";
  wasteClass?: string;
}
export interface MaterialOutputRecord extends Base {
  lotId: string;
  material: string;
  outputMass: NumLike;
  massUnit?: string;
  disposition: DispositionCode;
  certificateId?: string;
  creditClaimedBy?: string;
  hazardous?: boolean;
  virginFactor?: FactorField;
  recyclingFactor?: FactorField;
  qualityRatio?: NumLike;
  allocationA?: NumLike;
}

/** The sheets of a dataset, by record kind. Each list holds raw (unvalidated) records. */
export interface Dataset {
  shipments?: readonly unknown[];
  electricity?: readonly unknown[];
  fuels?: readonly unknown[];
  refrigerants?: readonly unknown[];
  dispositions?: readonly unknown[];
  outputs?: readonly unknown[];
}

export const RECORD_KINDS = ["shipments", "electricity", "fuels", "refrigerants", "dispositions", "outputs"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordOf {
  shipments: ShipmentRecord;
  electricity: ElectricityRecord;
  fuels: FuelRecord;
  refrigerants: RefrigerantEventRecord;
  dispositions: DispositionRecord;
  outputs: MaterialOutputRecord;
}

export const RECORD_SCHEMAS: Readonly<Record<RecordKind, z.ZodType>> = {
  shipments: ShipmentSchema,
  electricity: ElectricitySchema,
  fuels: FuelSchema,
  refrigerants: RefrigerantEventSchema,
  dispositions: DispositionSchema,
  outputs: MaterialOutputSchema,
};

const FAST_ROOTS: Readonly<Record<RecordKind, FastNode>> = {
  shipments: fastOf(ShipmentSchema),
  electricity: fastOf(ElectricitySchema),
  fuels: fastOf(FuelSchema),
  refrigerants: fastOf(RefrigerantEventSchema),
  dispositions: fastOf(DispositionSchema),
  outputs: fastOf(MaterialOutputSchema),
};

/** Validation through zod only (tests compare it with the fast path). */
export function zodAccepts(kind: RecordKind, raw: unknown): boolean {
  return RECORD_SCHEMAS[kind].safeParse(raw).success;
}

/** A problem with one row: the catalogue issue, the field it is about and the stage that found it. */
export interface RowIssue {
  kind: RecordKind;
  /** Source row number (or the record's position + 1 when it has no valid row number). */
  row: number;
  /** Position of the record in its list. */
  index: number;
  field: string;
  stage: "validate" | "resolve" | "calculate";
  issue: Issue;
}

/** Validates one raw record; returns the record or its issues (at least one). */
export function validateRecord<K extends RecordKind>(kind: K, raw: unknown, index: number): { ok: true; record: RecordOf[K] } | { ok: false; issues: RowIssue[] } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ kind, row: index + 1, index, field: "", stage: "validate", issue: issue("MISSING_INPUT", { argument: "record", expected: `a ${kind} record (an object of fields)` }) }] };
  }
  if (fastValid(FAST_ROOTS[kind], raw)) return { ok: true, record: raw as RecordOf[K] };
  const r = RECORD_SCHEMAS[kind].safeParse(raw);
  if (r.success) return { ok: true, record: raw as RecordOf[K] };
  const rowValue = (raw as { row?: unknown }).row;
  const row = typeof rowValue === "number" && Number.isInteger(rowValue) && rowValue >= 1 ? rowValue : index + 1;
  const issues: RowIssue[] = r.error.issues.map((zi) => {
    const field = zi.path.map(String).join(".");
    return { kind, row, index, field, stage: "validate", issue: toIssue(zi, field, raw) };
  });
  return { ok: false, issues };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function toIssue(zi: z.core.$ZodIssue, field: string, raw: unknown): Issue {
  if (zi.code === "custom" && zi.params && typeof (zi.params as Partial<CodedParams>).issue === "string") {
    const p = zi.params as CodedParams;
    return issue(p.issue, { ...p.params, argument: p.params.argument || field }, p.suggestions);
  }
  const v = valueAt(raw, zi.path);
  if (isBlank(v)) return issue("MISSING_INPUT", { argument: field, expected: zi.message });
  return issue("INVALID_OPTION", { argument: field, value: typeof v === "object" ? JSON.stringify(v) : String(v), expected: zi.message });
}

/** Where a field's value came from: the record's own statement, else entered when present, defaulted when blank. */
export function originOf(record: { origins?: Origins }, field: string, present: boolean): InputOrigin {
  return record.origins?.[field] ?? (present ? "entered" : "defaulted");
}
