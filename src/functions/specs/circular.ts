/**
 * Embodied footprint, reuse credit, the Circular Footprint Formula and the
 * avoided-emissions entry point: thin specs over `embodiedFootprint`,
 * `reuseCredit`, the CFF terms and `warmRecyclingCredit`. Avoided-ledger
 * results only (positive = avoided); nothing here touches the inventory.
 */
import {
  DEFAULT_RECYCLING_ALLOCATION,
  Dec,
  IssueError,
  TraceBuilder,
  ZERO,
  ONE,
  ALLOCATION_CHOICES,
  cffDisposal,
  cffEnergy,
  cffMaterial,
  embodiedCategories,
  embodiedFootprint,
  fail,
  issue,
  reuseCredit,
  warmRecyclingCredit,
  type AllocationChoice,
  type CffInput,
  type EmbodiedCategory,
  type EmbodiedResult,
  type FactorRegistry,
  type Result,
  type ReusePathway,
  type Taxonomy,
} from "../../engine";
import { BOAVIZTA_UNU_KEY_MAP } from "../../bundled/boavizta-map";
import { parseNumberText } from "../invoke";
import type { Args, ElementSpec, Evaluated, FunctionContext, OptionSpec } from "../registry";

/** Boavizta subcategory -> UNU-KEY (the Boavizta library's own mapping file). */
export const BOAVIZTA_CATEGORY_MAP: Readonly<Record<string, string>> = BOAVIZTA_UNU_KEY_MAP;

const UNU_KEY = /^\d{1,4}$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/;

/** The key-to-category table per registry, computed once. */
const categoriesCache = new WeakMap<FactorRegistry, Map<string, EmbodiedCategory[]>>();
export function embodiedKeys(registry: FactorRegistry): Map<string, EmbodiedCategory[]> {
  let m = categoriesCache.get(registry);
  if (!m) {
    m = embodiedCategories(BOAVIZTA_CATEGORY_MAP, registry);
    categoriesCache.set(registry, m);
  }
  return m;
}

/** Re-issues an engine issue with the argument named as the user typed it (option or parameter name). */
export function renamed<T>(names: Readonly<Record<string, string>>, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof IssueError) {
      const arg = err.issue.params.argument;
      if (typeof arg === "string" && names[arg] !== undefined) {
        throw new IssueError(issue(err.issue.code, { ...err.issue.params, argument: names[arg] }, err.issue.suggestions));
      }
    }
    throw err;
  }
}

/** A number option (exact; "50%" is 0.5), or null when not given. */
function numOption(a: Args, name: string, expected: string): Dec | null {
  const v = a.option(name);
  if (v === null) return null;
  const d = parseNumberText(v);
  if (d === null) fail("NOT_A_NUMBER", { argument: `options ${name}`, value: v, expected });
  return d;
}

/** A factor option: a number, or a factor id. */
function factorOption(a: Args, name: string): Dec | string | null {
  const v = a.option(name);
  if (v === null) return null;
  const t = v.trim();
  if (NUMBER_TEXT.test(t)) return parseNumberText(t)!;
  return t;
}

function out(r: Result): Evaluated {
  return { value: r.value, unit: r.unit, trace: r.trace };
}

function embodiedOf(key: Dec | string, ctx: FunctionContext, category: string | null): EmbodiedResult {
  return embodiedFootprint({
    key,
    registry: ctx.registry,
    categoryMap: BOAVIZTA_CATEGORY_MAP,
    ...(ctx.taxonomy ? { taxonomy: ctx.taxonomy } : {}),
    ...(category ? { category } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// ESG.EMBODIED_CO2

export const EMBODIED_CO2: ElementSpec = {
  name: "EMBODIED_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e/unit",
  methodCard: "embodied",
  description: "Embodied (cradle-to-gate, manufacturing) footprint of one new unit, in kg CO2e per unit: a UNU-KEY's Boavizta category median (a proxy), a factor id, or your own number.",
  params: [
    {
      name: "key",
      kind: "any",
      description:
        'UNU-KEY as text (e.g. "0303": the median of the Boavizta category mapped to it), a factor id in kg CO2e/unit (e.g. a Boavizta "boavizta.product.....embodied" factor), or a footprint in kg CO2e/unit as a number.',
    },
  ],
  options: [
    {
      name: "category",
      description: "Boavizta category to use when several map to the UNU-KEY (0302: desktop or thin-client; 0303: laptop or tablet); by default the one with the largest sample.",
    },
  ],
  errors: ["FACTOR_NOT_PUBLISHED", "UNKNOWN_ID", "UNKNOWN_FACTOR", "INVALID_OPTION", "INCOMPATIBLE_UNITS", "NEGATIVE_NOT_ALLOWED"],
  examples: [
    { formula: '=ESG.EMBODIED_CO2("0303")', result: "", note: "laptops: median of 226 manufacturer PCFs (Boavizta), flagged as a proxy" },
    { formula: '=ESG.EMBODIED_CO2("0303", "category=tablet")', result: "" },
    { formula: '=ESG.EMBODIED_CO2("boavizta.product.apple.13-inch-macbook-air-m1-cpu-256gb-2020.embodied")', result: "" },
    { formula: "=ESG.EMBODIED_CO2(250)", result: "", note: "your own footprint, recorded as user-supplied" },
  ],
  run: (a, ctx) => {
    const key = a.any("key");
    if (typeof key === "boolean" || key === null) {
      fail("INVALID_OPTION", { argument: "key", value: String(key).toUpperCase(), expected: 'a UNU-KEY such as "0303", a factor id, or a number in kg CO2e/unit' });
    }
    return out(renamed({ category: "options category" }, () => embodiedOf(key, ctx, a.option("category"))));
  },
};

// ---------------------------------------------------------------------------------------------
// Reuse options shared by ESG.REUSE_CO2 and ESG.AVOIDED_CO2

const SENSITIVITY = ["low", "central", "high"] as const;

const REUSE_OPTIONS: readonly OptionSpec[] = [
  { name: "life", description: "L_extended: years of service the reused unit delivers (repair/extend: years added). Required." },
  { name: "ref_life", description: "L_new: service life of a new reference product in years (repair/extend: the reference lifetime). Required." },
  { name: "refurb", description: "E_refurb: testing, data sanitization, cleaning and repair, kg CO2e per unit (0 if none). Required." },
  { name: "parts", description: "E_parts: replacement parts, kg CO2e per unit (0 if none). Required." },
  { name: "logistics", description: "E_logistics_extra: extra transport to the reuse market vs the recycling route, kg CO2e per unit (0 if none). Required." },
  { name: "power_delta", description: "P_reused - P_new: use-phase power difference in kW (negative when the reused unit is more efficient; 0 if equal). Required." },
  { name: "hours", description: "Use hours per year (required when power_delta is not 0)." },
  { name: "grid", description: "EF_grid_use: grid factor of the use phase, kg CO2e/kWh as a number or a factor id (required when power_delta is not 0)." },
  { name: "ef_new", default: "ESG.EMBODIED_CO2(key)", description: "EF_new: footprint of the new unit displaced, kg CO2e per unit as a number or a factor id (e.g. the model's PCF); by default the key's embodied footprint." },
  { name: "category", description: "Boavizta category for the default EF_new when several map to the key (e.g. tablet for 0303)." },
  { name: "tested", description: "Id of the functional test record (required evidence, R2v3 Appendix C)." },
  { name: "data_bearing", values: ["TRUE", "FALSE"], description: "TRUE if the unit can hold data, FALSE if not. Required." },
  { name: "sanitized", description: "Id of the data sanitization record (required when data_bearing=TRUE)." },
  { name: "displacement", description: "Id of the evidence that the unit displaces a new purchase (required for a displacement rate of 1)." },
  { name: "sensitivity", values: SENSITIVITY, description: "Return the DR sensitivity point instead of the claim: low (DR 0.25), central (0.5) or high (1.0); not a claim." },
  { name: "per", values: ["total", "unit"], default: "total", description: "total: kg CO2e for all units (default); unit: kg CO2e per unit." },
];

/** Engine argument names -> what the user typed. */
const REUSE_NAMES: Readonly<Record<string, string>> = {
  lifetimeExtendedYears: "options life",
  lifetimeNewYears: "options ref_life",
  refurbishmentKg: "options refurb",
  partsKg: "options parts",
  extraLogisticsKg: "options logistics",
  powerDeltaKw: "options power_delta",
  hoursPerYear: "options hours",
  gridFactor: "options grid",
  efNew: "options ef_new",
  testRecord: "options tested",
  dataBearing: "options data_bearing",
  sanitizationRecord: "options sanitized",
  displacementEvidence: "options displacement",
  category: "options category",
};

const REQUIRED_REUSE: ReadonlyArray<[string, string]> = [
  ["life", "life=<years of service the reused unit delivers>"],
  ["ref_life", "ref_life=<service life of a new unit in years>"],
  ["refurb", "refurb=<kg CO2e per unit, 0 if none>"],
  ["parts", "parts=<kg CO2e per unit, 0 if none>"],
  ["logistics", "logistics=<kg CO2e per unit, 0 if none>"],
  ["power_delta", "power_delta=<kW, 0 if equal>"],
];

function describeKey(key: string, taxonomy: Taxonomy | undefined): string | null {
  if (!UNU_KEY.test(key) || !taxonomy) return null;
  return taxonomy.category(key.padStart(4, "0")).description;
}

/** The reuse / life-extension credit with the options above. `dr` null: default 0.5 (flagged). */
function reuseFromOptions(a: Args, ctx: FunctionContext, pathway: ReusePathway, keyRaw: string, units: Dec, dr: Dec | null, drName: string, unitsName: string): Evaluated {
  const names: Record<string, string> = { ...REUSE_NAMES, displacementRate: drName, units: unitsName };
  const point = a.option("sensitivity") as (typeof SENSITIVITY)[number] | null;
  if (point !== null && dr !== null) {
    fail("INVALID_OPTION", { argument: `options sensitivity`, value: point, expected: `either ${drName.replace(/^options /, "")} or sensitivity=..., not both (a sensitivity point sets DR to 0.25 / 0.5 / 1.0)` });
  }
  for (const [name, form] of REQUIRED_REUSE) {
    if (a.option(name) === null) fail("MISSING_INPUT", { argument: `options ${name}`, expected: `${form} (an explicit assumption of the reuse credit, method brief §5.2)` });
  }
  const dataBearing = a.option("data_bearing");
  if (dataBearing === null) fail("MISSING_INPUT", { argument: "options data_bearing", expected: "data_bearing=TRUE or data_bearing=FALSE (can the unit hold data?)" });

  const key = UNU_KEY.test(keyRaw) ? keyRaw.padStart(4, "0") : keyRaw;
  const efOpt = factorOption(a, "ef_new");
  const tb = new TraceBuilder({ id: "", version: "", name: "", clause: "" });
  let efNew: Dec | string;
  let embodied: EmbodiedResult | null = null;
  if (efOpt !== null) {
    if (a.option("category") !== null) fail("INVALID_OPTION", { argument: "options category", value: a.option("category")!, expected: "no category when ef_new is given (the category chooses the default EF_new)" });
    const described = describeKey(key, ctx.taxonomy);
    tb.input("key", key, "entered", undefined, described ? `UNU-KEY ${key}: ${described}` : "a label (EF_new given)");
    efNew = efOpt;
  } else {
    embodied = renamed(names, () => embodiedOf(key, ctx, a.option("category")));
    efNew = embodied.factorId ?? embodied.value;
  }

  const num = (name: string, expected: string) => numOption(a, name, expected);
  const credit = renamed(names, () =>
    reuseCredit({
      pathway,
      units,
      efNew,
      displacementRate: dr,
      lifetimeExtendedYears: num("life", "years")!,
      lifetimeNewYears: num("ref_life", "years")!,
      refurbishmentKg: num("refurb", "kg CO2e per unit")!,
      partsKg: num("parts", "kg CO2e per unit")!,
      extraLogisticsKg: num("logistics", "kg CO2e per unit")!,
      powerDeltaKw: num("power_delta", "kW")!,
      hoursPerYear: num("hours", "hours per year"),
      gridFactor: factorOption(a, "grid"),
      testRecord: a.option("tested"),
      dataBearing: dataBearing === "TRUE",
      sanitizationRecord: a.option("sanitized"),
      displacementEvidence: a.option("displacement"),
      registry: ctx.registry,
    }),
  );
  const perUnit = a.option("per") === "unit";
  const picked = point !== null ? (perUnit ? credit.sensitivity : credit.sensitivityTotal)[point].result : perUnit ? credit.perUnit : credit.total;
  const final = new TraceBuilder(picked.trace.method);
  if (embodied) {
    final.input("key", embodied.unuKey ?? key, "entered", undefined, embodied.trace.inputs[0]?.note);
    final.absorb({ ...embodied.trace, inputs: embodied.trace.inputs.slice(1) }, "EF_new");
  } else final.absorb(tb.build());
  final.absorb(picked.trace);
  if (point !== null) final.flag(`Sensitivity point '${point}' (DR = ${credit.sensitivity[point].assumption.toFixed()}): not a claim.`);
  final.note("Avoided-emissions ledger (positive = avoided); never netted against Scope 1-3.");
  return out(final.result(picked.value, picked.unit));
}

// ---------------------------------------------------------------------------------------------
// ESG.REUSE_CO2

const REUSE_PATHWAYS: readonly ReusePathway[] = ["reuse", "refurbish", "repair", "extend", "harvest"];

export const REUSE_CO2: ElementSpec = {
  name: "REUSE_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "reuse",
  description:
    "Reuse credit (avoided-emissions ledger, never netted against Scope 1-3): units x (DR x LEF x EF_new - burdens - use-phase difference), in kg CO2e; needs a test record and, for data-bearing units, a sanitization record.",
  params: [
    { name: "key", kind: "text", description: 'UNU-KEY of the units (e.g. "0303"; EF_new defaults to its embodied footprint), or a factor id of the new unit in kg CO2e/unit; any label when ef_new=... is given.' },
    { name: "units", kind: "number", unit: "units", nonNegative: true, description: "Number of units reused (placed on the reuse market), in units." },
    {
      name: "displacement_rate",
      kind: "number",
      unit: "0 to 1",
      optional: true,
      default: "0.5 (project default, flagged as an assumption)",
      description: "DR: share of reused units that displace a new purchase, 0 to 1; 0.5 when omitted (flagged); 1 only with displacement=<evidence id>.",
    },
  ],
  options: [{ name: "pathway", values: REUSE_PATHWAYS, default: "reuse", description: "reuse, refurbish, repair, extend or harvest (harvested component: key and EF_new of the component)." }, ...REUSE_OPTIONS],
  errors: ["MISSING_INPUT", "CREDIT_EVIDENCE_MISSING", "FACTOR_NOT_PUBLISHED", "OUT_OF_RANGE", "NOT_A_NUMBER", "INVALID_OPTION", "UNKNOWN_ID", "UNKNOWN_FACTOR"],
  examples: [
    {
      formula:
        '=ESG.REUSE_CO2("0303", 1000, 0.8, "ef_new=250", "life=2", "ref_life=4", "refurb=5", "parts=8", "logistics=3", "power_delta=0.005", "hours=2000", "grid=0.4", "tested=T-1", "data_bearing=TRUE", "sanitized=S-1")',
      result: "",
      note: "WE-D5: 1,000 laptops, 76 kg CO2e per unit",
    },
    {
      formula: '=ESG.REUSE_CO2("0303", 1000, 0.8, "ef_new=250", "life=2", "ref_life=4", "refurb=5", "parts=8", "logistics=3", "power_delta=0.005", "hours=2000", "grid=0.4", "tested=T-1", "data_bearing=TRUE", "sanitized=S-1", "per=unit")',
      result: "",
    },
    {
      formula: '=ESG.REUSE_CO2("0303", 1000, , "ef_new=250", "life=2", "ref_life=4", "refurb=5", "parts=8", "logistics=3", "power_delta=0.005", "hours=2000", "grid=0.4", "tested=T-1", "data_bearing=TRUE", "sanitized=S-1", "sensitivity=high")',
      result: "",
      note: "WE-D5 sensitivity at DR = 1.0 (101 kg per unit); not a claim",
    },
    {
      formula: '=ESG.REUSE_CO2("0303", 10, , "life=3", "ref_life=5", "refurb=4", "parts=0", "logistics=1", "power_delta=0", "tested=T-9", "data_bearing=TRUE", "sanitized=S-9")',
      result: "",
      note: "EF_new from ESG.EMBODIED_CO2(\"0303\") (Boavizta laptop median, flagged), DR 0.5 (default, flagged)",
    },
  ],
  run: (a, ctx) => {
    const dr = a.optNum("displacement_rate");
    const pathway = (a.option("pathway") ?? "reuse") as ReusePathway;
    return reuseFromOptions(a, ctx, pathway, a.text("key"), a.num("units"), dr, "displacement_rate", "units");
  },
};

// ---------------------------------------------------------------------------------------------
// ESG.CFF

const CFF_NAMES: Readonly<Record<string, string>> = {
  Erec: "Erecycled",
  EvStar: "Ev_star",
  qsinOverQp: "Qsin_Qp",
  qsoutOverQp: "Qsout_Qp",
  R3: "options R3",
  B: "options B",
  EER: "options EER",
  LHV: "options LHV",
  XERheat: "options XER_heat",
  XERelec: "options XER_elec",
  ESEheat: "options ESE_heat",
  ESEelec: "options ESE_elec",
  ED: "options ED",
};

const CFF_TERMS = ["total", "material", "energy", "disposal"] as const;

function factorParam(a: Args, name: string): Dec | string {
  const v = a.any(name);
  if (typeof v === "boolean" || v === null) fail("NOT_A_NUMBER", { argument: name, value: String(v).toUpperCase(), expected: "a number in kg CO2e/kg or a factor id" });
  return v;
}

export const CFF: ElementSpec = {
  name: "CFF",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e/kg",
  methodCard: "cff",
  description:
    "EU PEF Circular Footprint Formula per kg of material, kg CO2e/kg: Material + Energy + Disposal terms (energy with R3=..., disposal with ED=...); term=... returns one term.",
  params: [
    { name: "Ev", kind: "any", unit: "kg CO2e/kg", description: "Ev: virgin material acquisition and pre-processing, kg CO2e/kg (a number or a factor id)." },
    { name: "Erecycled", kind: "any", unit: "kg CO2e/kg", description: "Erecycled: recycling of the recycled input material, kg CO2e/kg (0 when R1 is 0)." },
    { name: "ErecEoL", kind: "any", unit: "kg CO2e/kg", description: "ErecEoL: recycling at end of life incl. collection and sorting, kg CO2e/kg." },
    { name: "Ev_star", kind: "any", unit: "kg CO2e/kg", description: "E*v: virgin material substituted by the recycled output, kg CO2e/kg." },
    { name: "R1", kind: "number", unit: "0 to 1", description: "R1: recycled content of the input, 0 to 1." },
    { name: "R2", kind: "number", unit: "0 to 1", description: "R2: share recycled at end of life (at the recycling-plant output), 0 to 1." },
    { name: "A", kind: "number", unit: "0 to 1", description: "A: allocation factor between supplier and user of recycled material, 0 to 1 (PEF Annex C: 0.2, 0.5 or 0.8)." },
    { name: "Qsin_Qp", kind: "number", unit: "ratio", description: "Qsin/Qp: quality ratio of the recycled input, as a ratio (irrelevant when R1 is 0)." },
    { name: "Qsout_Qp", kind: "number", unit: "ratio", description: "Qsout/Qp: quality ratio of the recycled output, as a ratio." },
  ],
  options: [
    { name: "R3", default: "0 (no energy recovery)", description: "R3: share sent to energy recovery, 0 to 1; 0 when omitted." },
    { name: "B", default: "0 (PEF default)", description: "B: allocation factor of energy recovery, 0 to 1." },
    { name: "EER", description: "EER: energy-recovery process emissions, kg CO2e/kg (needed when R3 > 0)." },
    { name: "LHV", description: "LHV: lower heating value, MJ/kg (needed when R3 > 0)." },
    { name: "XER_heat", description: "XER,heat: heat recovery efficiency, 0 to 1 (needed when R3 > 0)." },
    { name: "XER_elec", description: "XER,elec: electricity recovery efficiency, 0 to 1 (needed when R3 > 0)." },
    { name: "ESE_heat", description: "ESE,heat: substituted heat, kg CO2e/MJ (a number or a factor id)." },
    { name: "ESE_elec", description: "ESE,elec: substituted electricity, kg CO2e/MJ (a number or a kWh factor id, converted)." },
    { name: "ED", description: "ED: disposal without energy recovery, kg CO2e/kg; when omitted the disposal term is left out (flagged)." },
    { name: "term", values: CFF_TERMS, default: "total", description: "total (default), material, energy or disposal." },
  ],
  errors: ["MISSING_INPUT", "OUT_OF_RANGE", "NOT_A_NUMBER", "INVALID_OPTION", "UNKNOWN_FACTOR", "INCOMPATIBLE_UNITS"],
  examples: [
    { formula: "=ESG.CFF(8, 0.6, 0.5, 8, 0.3, 0.9, 0.2, 1, 1)", result: "", note: "WE-D2, A = 0.2 (material term; no ED given)" },
    { formula: "=ESG.CFF(8, 0.6, 0.5, 8, 0.3, 0.9, 1, 1, 1)", result: "", note: "WE-D2, A = 1: cut-off" },
    { formula: "=ESG.CFF(8, 0.6, 0.5, 8, 0.3, 0.9, 0, 1, 1)", result: "", note: "WE-D2, A = 0: avoided burden" },
    { formula: "=ESG.CFF(8, 0.6, 0.5, 8, 0.3, 0.9, 0.5, 1, 1)", result: "", note: "WE-D2, A = 0.5: 50:50" },
    {
      formula: '=ESG.CFF(3.5, 0, 0.4, 3.5, 0, 0.3, 0.5, 1, 0.9, "R3=0.5", "EER=2.9", "LHV=38", "XER_heat=0.1", "ESE_heat=0.07", "XER_elec=0.2", "ESE_elec=0.12", "ED=0.05")',
      result: "",
      note: "WE-D3 full CFF",
    },
    {
      formula: '=ESG.CFF(3.5, 0, 0.4, 3.5, 0, 0.3, 0.5, 1, 0.9, "R3=0.5", "EER=2.9", "LHV=38", "XER_heat=0.1", "ESE_heat=0.07", "XER_elec=0.2", "ESE_elec=0.12", "ED=0.05", "term=energy")',
      result: "",
      note: "WE-D3 energy term",
    },
  ],
  run: (a, ctx) =>
    renamed(CFF_NAMES, () => {
      const opt = (name: string) => {
        const v = a.option(name);
        return v === null ? null : v.trim();
      };
      const fopt = (name: string) => factorOption(a, name);
      const r3 = opt("R3");
      const ed = fopt("ED");
      const input: CffInput = {
        allocation: "cff",
        A: a.num("A"),
        R1: a.num("R1"),
        R2: a.num("R2"),
        R3: r3 ?? "0",
        B: opt("B"),
        qsinOverQp: a.num("Qsin_Qp"),
        qsoutOverQp: a.num("Qsout_Qp"),
        Ev: factorParam(a, "Ev"),
        Erec: factorParam(a, "Erecycled"),
        ErecEoL: factorParam(a, "ErecEoL"),
        EvStar: factorParam(a, "Ev_star"),
        EER: fopt("EER"),
        ED: ed,
        LHV: opt("LHV"),
        XERheat: opt("XER_heat"),
        XERelec: opt("XER_elec"),
        ESEheat: fopt("ESE_heat"),
        ESEelec: fopt("ESE_elec"),
        registry: ctx.registry,
      };
      const term = a.option("term") ?? "total";
      if (term === "material") return out(cffMaterial(input));
      if (term === "energy") return out(cffEnergy(input));
      if (term === "disposal") return out(cffDisposal(input));
      const material = cffMaterial(input);
      const energy = cffEnergy(input);
      const share = ONE.minus(a.num("R2")).minus(new Dec(r3 ?? "0"));
      const disposal = ed !== null || share.isZero() ? cffDisposal(input) : null;
      const tb = new TraceBuilder({ ...material.trace.method, name: "CFF total" });
      tb.absorb(material.trace, "Material").absorb(energy.trace, "Energy");
      if (disposal) tb.absorb(disposal.trace, "Disposal");
      if (r3 === null) tb.note("R3 not given: 0 used (no energy recovery); the energy term is 0.");
      if (!disposal) {
        if (share.isNegative()) fail("OUT_OF_RANGE", { argument: "R2 + R3", value: ONE.minus(share).toFixed(), expected: "R2 + R3 <= 1 (shares of the same material at end of life)" });
        tb.flag(`ED not given: the disposal term (1 - R2 - R3) x ED = ${share.toFixed()} x ED is NOT included; give ED=... to include it.`);
      }
      const d = disposal ? disposal.value : ZERO;
      const total = material.value.plus(energy.value).plus(d);
      tb.step("CFF", `Material ${material.value.toFixed()} + Energy ${energy.value.toFixed()} + Disposal ${disposal ? d.toFixed() : "(not included)"}`, total, "kg CO2e/kg");
      return out(tb.result(total, "kg CO2e/kg"));
    }),
};

// ---------------------------------------------------------------------------------------------
// ESG.AVOIDED_CO2

const AVOIDED_PATHWAYS = ["reuse", "refurbish", "repair", "extend", "recycle"] as const;
const WARM_ROWS = ["desktop-cpus", "portable-electronic-devices", "flat-panel-displays", "crt-displays", "electronic-peripherals", "hard-copy-devices", "mixed-electronics"] as const;

const RECYCLE_OPTIONS: readonly OptionSpec[] = [
  { name: "certificate", description: "recycle: id of the certificate of recycling from the final-disposition point (required evidence)." },
  { name: "baseline", values: ["landfill", "combustion"], default: "landfill", description: "recycle: business-as-usual pathway the recycling is compared with (WARM), landfill (default) or combustion." },
  { name: "allocation", values: ALLOCATION_CHOICES, description: "recycle: allocation of the credit: cut-off, avoided-burden, 50-50 (the default when neither allocation nor A is given) or cff (with A=...)." },
  { name: "A", description: "recycle: allocation factor A, 0 to 1 (the end-of-life chain claims 1 - A)." },
];
const DR_OPTION: OptionSpec = {
  name: "dr",
  default: "0.5 (project default, flagged as an assumption)",
  description: "reuse pathways: displacement rate DR, 0 to 1; 0.5 when omitted (flagged); 1 only with displacement=<evidence id>.",
};
const REUSE_ONLY = new Set([DR_OPTION.name, ...REUSE_OPTIONS.map((o) => o.name)]);
const RECYCLE_ONLY = new Set(RECYCLE_OPTIONS.map((o) => o.name));

const WARM_NAMES: Readonly<Record<string, string>> = { certificate: "options certificate", A: "options A", allocation: "options allocation", mass: "quantity" };

function recycleCredit(a: Args, ctx: FunctionContext, keyRaw: string, massKg: Dec): Evaluated {
  const isKey = UNU_KEY.test(keyRaw);
  const key = isKey ? keyRaw.padStart(4, "0") : keyRaw.trim().toLowerCase();
  let row: string;
  const tb = new TraceBuilder({ id: "", version: "", name: "", clause: "" });
  if (isKey) {
    if (!ctx.taxonomy) throw new Error("the taxonomy is not loaded");
    const cw = ctx.taxonomy.crosswalk(key);
    row = cw.epa.row;
    tb.input("key", key, "entered", undefined, `UNU-KEY ${key}: ${cw.description}`);
    tb.input("WARM material", row, "mapped", undefined, `taxonomy crosswalk: ${cw.epa.rationale}`);
    if (cw.epa.proxy) tb.flag(`WARM '${cw.epa.label}' is a proxy for UNU-KEY ${key} (${cw.epa.rationale})`);
  } else if ((WARM_ROWS as readonly string[]).includes(key)) {
    row = key;
    tb.input("key", key, "entered", undefined, "a WARM electronics material");
  } else {
    return fail("UNKNOWN_ID", { argument: "key", what: "UNU-KEY or WARM electronics material", value: keyRaw }, [...WARM_ROWS]);
  }
  const baseline = a.option("baseline") ?? "landfill";
  tb.input("baseline", baseline, a.option("baseline") ? "entered" : "defaulted", undefined, a.option("baseline") ? undefined : "default: landfill (business as usual)");
  const alternativeFactor = `warm.${row}.recycling`;
  const baselineFactor = `warm.${row}.${baseline === "combustion" ? "combustion" : "landfilling"}`;
  const A = a.option("A");
  let allocation = a.option("allocation") as AllocationChoice | null;
  if (allocation === null && A === null) {
    // Same default as ESG.RECYCLING_CO2 and the pipeline, recorded as defaulted.
    allocation = DEFAULT_RECYCLING_ALLOCATION;
    tb.input("allocation", allocation, "defaulted", undefined, "method default when neither allocation nor A is given");
  }
  const c = renamed(WARM_NAMES, () =>
    warmRecyclingCredit({
      material: row,
      mass: massKg,
      alternativeFactor,
      baselineFactor,
      certificate: a.option("certificate"),
      registry: ctx.registry,
      ...(allocation ? { allocation } : {}),
      ...(A !== null ? { A } : {}),
    }),
  );
  const r = c.eolShare;
  const final = new TraceBuilder(r.trace.method).absorb(tb.build()).absorb(r.trace);
  final.note("Reported: the end-of-life chain's (1 - A) share (method brief §6.2 rule 3); share A is reserved to the user of recycled content.");
  return out(final.result(r.value, r.unit));
}

export const AVOIDED_CO2: ElementSpec = {
  name: "AVOIDED_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "reuse",
  description:
    "Avoided emissions (avoided ledger, positive = avoided, never netted against Scope 1-3) of reuse, refurbish, repair, extend (quantity in units) or recycle (quantity in kg, WARM scenario difference), in kg CO2e.",
  params: [
    { name: "key", kind: "text", description: 'UNU-KEY of the units or waste (e.g. "0303"); for recycle also a WARM electronics material (e.g. "mixed-electronics").' },
    { name: "quantity", kind: "number", unit: "units or kg", nonNegative: true, description: "Units for reuse, refurbish, repair and extend; kg for recycle (units or kg)." },
    { name: "pathway", kind: "text", values: AVOIDED_PATHWAYS, description: "reuse, refurbish, repair, extend or recycle." },
  ],
  options: [DR_OPTION, ...REUSE_OPTIONS, ...RECYCLE_OPTIONS],
  errors: ["MISSING_INPUT", "CREDIT_EVIDENCE_MISSING", "FACTOR_NOT_PUBLISHED", "OUT_OF_RANGE", "NOT_A_NUMBER", "INVALID_OPTION", "UNKNOWN_ID", "UNKNOWN_FACTOR"],
  examples: [
    {
      formula:
        '=ESG.AVOIDED_CO2("0303", 1000, "refurbish", "dr=0.8", "ef_new=250", "life=2", "ref_life=4", "refurb=5", "parts=8", "logistics=3", "power_delta=0.005", "hours=2000", "grid=0.4", "tested=T-1", "data_bearing=TRUE", "sanitized=S-1")',
      result: "",
      note: "WE-D5 as a refurbishment",
    },
    {
      formula: '=ESG.AVOIDED_CO2("0303", 50, "extend", "life=2", "ref_life=5", "refurb=2", "parts=15", "logistics=0", "power_delta=0", "tested=T-2", "data_bearing=FALSE")',
      result: "",
      note: "battery replacement adding 2 years; EF_new from the Boavizta laptop median (proxy), DR 0.5 (default)",
    },
    {
      formula: '=ESG.AVOIDED_CO2("0303", 1000, "recycle", "certificate=COR-7", "allocation=50-50")',
      result: "",
      note: "1 t of laptops recycled instead of landfilled (WARM portable electronic devices), EoL-chain share",
    },
  ],
  run: (a, ctx) => {
    const pathway = a.text("pathway") as (typeof AVOIDED_PATHWAYS)[number];
    const given = [...a.options.keys()];
    const wrong = given.filter((n) => (pathway === "recycle" ? REUSE_ONLY.has(n) : RECYCLE_ONLY.has(n)));
    if (wrong.length > 0) {
      fail("INVALID_OPTION", {
        argument: `options ${wrong[0]}`,
        value: `${wrong[0]}=${a.option(wrong[0]!)}`,
        expected: pathway === "recycle" ? "recycle options: certificate, baseline, allocation, A" : `${pathway} options (not certificate, baseline, allocation or A, which are for recycle)`,
      });
    }
    const quantity = a.num("quantity");
    if (pathway === "recycle") return recycleCredit(a, ctx, a.text("key"), quantity);
    const dr = numOption(a, "dr", "a displacement rate from 0 to 1");
    return reuseFromOptions(a, ctx, pathway, a.text("key"), quantity, dr, "options dr", "quantity");
  },
};

export const CIRCULAR_SPECS: readonly ElementSpec[] = [EMBODIED_CO2, REUSE_CO2, CFF, AVOIDED_CO2];
