/**
 * Inventory functions (Scope 1-3): transport, electricity, fuel, refrigerant
 * and end-of-life emissions. Each is a thin spec over one engine method.
 */
import {
  Dec,
  electricityLocationBased,
  electricityMarketBased,
  endOfLifeEmissions,
  fuelCombustion,
  refrigerantRelease,
  transportLeg,
  type FactorSpec,
  type InventoryContext,
  type Result,
  type TransportBoundary,
  type LegInput,
  type TransportContext,
} from "../../engine";
import { exactPlus, exactTimes, shift } from "./exact";
import { excelError, isExcelError } from "../excel-values";
import type { Args, ElementSpec, FunctionContext, OptionSpec } from "../registry";

const GWP_OPTION: OptionSpec = { name: "gwp", values: ["AR4", "AR5", "AR6"], default: "AR5", description: "GWP-100 set used to characterise single-gas factors (AR5, the basis of DESNZ and EPA Hub, by default)." };
const YEAR_OPTION: OptionSpec = { name: "year", default: "the method's preferred edition", description: "Factor edition year, e.g. year=2024." };
const FACTORSET_OPTION: OptionSpec = { name: "factorset", values: ["desnz", "epa"], default: "desnz", description: "Default factor set: desnz (DESNZ 2025, CO2e with WTT) or epa (EPA GHG Emission Factors Hub 2025, per gas, no WTT)." };

/** The engine's inventory context from the function context and the gwp/year options. */
function inventoryContext(a: Args, ctx: FunctionContext): InventoryContext {
  const year = a.option("year");
  let y: number | undefined;
  if (year !== null) {
    if (!/^\d{4}$/.test(year)) throw badOption("year", year, "a four-digit year, e.g. year=2024");
    y = Number(year);
  }
  return {
    registry: ctx.registry,
    ...(ctx.taxonomy ? { taxonomy: ctx.taxonomy } : {}),
    ...(y !== undefined ? { year: y } : {}),
    ...(a.option("gwp") ? { gwp: a.option("gwp")! } : {}),
  };
}

class OptionError extends Error {
  constructor(readonly error: ReturnType<typeof excelError>) {
    super(error.message);
  }
}

function badOption(name: string, value: string, expected: string): OptionError {
  return new OptionError(excelError("#VALUE!", `options ${name}: '${value}' is not a valid option; expected ${expected}.`, "INVALID_OPTION"));
}

/** Runs a method body, turning option errors into their error value (issues are handled by the wrapper). */
function withOptions<T>(run: () => T): T | ReturnType<typeof excelError> {
  try {
    return run();
  } catch (err) {
    if (err instanceof OptionError) return err.error;
    throw err;
  }
}

/** A number option (a factor given as a number), or a factor id. */
function factorOption(a: Args, name: string): FactorSpec | undefined {
  const v = a.option(name);
  if (v === null) return undefined;
  const n = v.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n) ? new Dec(n) : n;
}

function out(r: Result) {
  return { value: r.value, unit: r.unit, trace: r.trace };
}

export const TRANSPORT_CO2: ElementSpec = {
  name: "TRANSPORT_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "transport",
  description: "Freight transport emissions of one leg, distance-based: mass x distance x mode intensity (well-to-wheel by default), in kg CO2e.",
  params: [
    { name: "mass_kg", kind: "number", unit: "kg", nonNegative: true, description: "Freight mass of the consignment in kg (including packaging)." },
    { name: "distance_km", kind: "number", unit: "km", nonNegative: true, description: "Distance of the leg in km." },
    {
      name: "mode",
      kind: "any",
      description: 'Transport mode id or synonym (e.g. "road.hgv", "rail.freight", "sea.container", "air.longhaul"), a TTW factor id, or a carrier\'s own WTW intensity in kg CO2e/t.km as a number.',
    },
  ],
  options: [
    { name: "boundary", values: ["WTW", "TTW"], default: "WTW", description: "Reported boundary: WTW (well-to-wheel, default) or TTW (tank-to-wheel)." },
    FACTORSET_OPTION,
    GWP_OPTION,
    YEAR_OPTION,
  ],
  errors: ["NOT_A_NUMBER", "NEGATIVE_NOT_ALLOWED", "UNKNOWN_ID", "INVALID_OPTION", "UNKNOWN_FACTOR", "FACTOR_NOT_PUBLISHED"],
  examples: [
    { formula: '=ESG.TRANSPORT_CO2(1000, 500, "road.hgv")', result: "" },
    { formula: '=ESG.TRANSPORT_CO2(1000, 500, "road.hgv", "boundary=TTW")', result: "" },
    { formula: "=ESG.TRANSPORT_CO2(1000, 500, 0.1)", result: "", note: "a carrier's own WTW intensity of 0.1 kg CO2e/t.km" },
  ],
  run: (a, ctx) =>
    withOptions(() => {
      const { leg, tctx } = transportArgs(a, ctx);
      const r = transportLeg({ mass: { amount: a.num("mass_kg"), unit: "kg" }, distance: { amount: a.num("distance_km"), unit: "km" }, ...leg }, tctx);
      return out(r.reported);
    }),
  // One engine call per distinct mode at 1 t.km gives the per-t.km components (TTW, WTT or the
  // carrier's WTW); each element is then mass / 1000 x km x component, summed as the engine does.
  prepare: (ctx) => {
    const perMode = new Map<string, Dec[] | null>();
    return (a) => {
      const mode = a.any("mode");
      if (mode === null || typeof mode === "boolean") return null;
      const key = mode instanceof Dec ? `#${mode.toFixed()}` : mode;
      let comps = perMode.get(key);
      if (comps === undefined) {
        comps = null;
        try {
          const { leg, tctx } = transportArgs(a, ctx);
          const r = transportLeg({ mass: { amount: new Dec(1000), unit: "kg" }, distance: { amount: new Dec(1), unit: "km" }, ...leg }, tctx);
          const boundary = tctx.boundary ?? "WTW";
          if (boundary === "TTW") comps = r.ttw ? [r.ttw.value] : null;
          else if (r.ttw && r.wtt) comps = [r.ttw.value, r.wtt.value];
          else if (r.wtw && !r.ttw) comps = [r.wtw.value];
          if (comps && r.wtw && r.ttw && r.wtt && boundary === "WTW" && !r.ttw.value.plus(r.wtt.value).eq(r.wtw.value)) comps = null;
        } catch {
          comps = null;
        }
        perMode.set(key, comps);
      }
      if (!comps) return null;
      const tkm = exactTimes(shift(a.num("mass_kg"), 3), a.num("distance_km"));
      if (!tkm) return null;
      let total: Dec | null = null;
      for (const c of comps) {
        const part = exactTimes(tkm, c);
        if (!part) return null;
        total = total === null ? part : exactPlus(total, part);
        if (!total) return null;
      }
      return total ? { value: total, unit: "kg CO2e" } : null;
    };
  },
};

/** The leg (without mass and distance) and context of a TRANSPORT_CO2 call. */
function transportArgs(a: Args, ctx: FunctionContext): { leg: Omit<LegInput, "mass" | "distance">; tctx: TransportContext } {
  const mode = a.any("mode");
  if (typeof mode === "boolean" || mode === null) throw new OptionError(excelError("#VALUE!", `mode: '${String(mode)}' is not a mode; expected a mode id such as road.hgv, or a number in kg CO2e/t.km.`, "INVALID_OPTION"));
  const leg =
    mode instanceof Dec
      ? { wtwIntensity: mode }
      : ctx.registry.has(mode)
        ? { ttwFactor: mode }
        : { mode, ...(a.option("factorset") ? { factorSet: a.option("factorset")! } : {}) };
  return { leg, tctx: { ...inventoryContext(a, ctx), ...(a.option("boundary") ? { boundary: a.option("boundary") as TransportBoundary } : {}) } };
}

export const ELECTRICITY_CO2: ElementSpec = {
  name: "ELECTRICITY_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "electricity",
  description: "Purchased electricity emissions (Scope 2 location-based by default; market-based, T&D losses or upstream with options), in kg CO2e.",
  params: [
    { name: "energy_kwh", kind: "number", unit: "kWh", nonNegative: true, description: "Electricity consumed in kWh." },
    { name: "region", kind: "any", description: 'Grid region: ISO country code (e.g. "GB", "DE"), eGRID subregion (e.g. "RFCE") or "US"; or a grid factor in kg CO2e/kWh as a number.' },
  ],
  options: [
    { name: "basis", values: ["location", "market"], default: "location", description: "Scope 2 basis: location (grid average) or market (supplier rate or residual mix, else the grid average, flagged)." },
    { name: "line", values: ["scope2", "td", "upstream"], default: "scope2", description: "Which line to return: scope2, td (T&D losses, Scope 3 category 3) or upstream (WTT of generation, Scope 3 category 3)." },
    { name: "lossrate", default: "the published T&D factor (UK only)", description: "T&D loss fraction for line=td outside the UK, e.g. lossrate=0.042." },
    { name: "supplier", description: "basis=market: supplier-specific rate in kg CO2e/kWh (a number or a factor id)." },
    { name: "residual", description: "basis=market: residual-mix factor in kg CO2e/kWh (a number or a factor id)." },
    GWP_OPTION,
    YEAR_OPTION,
  ],
  errors: ["NOT_A_NUMBER", "NEGATIVE_NOT_ALLOWED", "UNKNOWN_ID", "INVALID_OPTION", "FACTOR_NOT_PUBLISHED", "NO_FACTOR_FOR_SCOPE"],
  examples: [
    { formula: '=ESG.ELECTRICITY_CO2(1000, "GB")', result: "" },
    { formula: '=ESG.ELECTRICITY_CO2(1000, "RFCE")', result: "" },
    { formula: '=ESG.ELECTRICITY_CO2(1000, "GB", "line=td")', result: "" },
  ],
  run: (a, ctx) =>
    withOptions(() => {
      const region = a.any("region");
      if (typeof region === "boolean" || region === null) throw new OptionError(excelError("#VALUE!", `region: '${String(region)}' is not a region.`, "INVALID_OPTION"));
      const energy = { amount: a.num("energy_kwh"), unit: "kWh" };
      const line = a.option("line") ?? "scope2";
      const ictx = inventoryContext(a, ctx);
      let r;
      if ((a.option("basis") ?? "location") === "market") {
        const supplier = factorOption(a, "supplier");
        const residual = factorOption(a, "residual");
        r = electricityMarketBased({ energy, fallbackRegion: region, ...(supplier !== undefined ? { supplierFactor: supplier } : {}), ...(residual !== undefined ? { residualMix: residual } : {}) }, ictx);
      } else {
        const lossRate = a.option("lossrate");
        const td = line === "td" ? (lossRate !== null ? { lossRate } : true) : undefined;
        r = electricityLocationBased({ energy, region, ...(td !== undefined ? { tdLosses: td } : {}), ...(line === "upstream" ? { upstream: true } : {}) }, ictx);
      }
      const picked = line === "td" ? r.tdLosses : line === "upstream" ? r.upstream : r.scope2;
      if (!picked) return excelError("#N/A", `No ${line} line for this region and basis (only the UK publishes T&D and WTT factors; give lossrate=... for T&D).`, "FACTOR_NOT_PUBLISHED");
      return out(picked);
    }),
  // Location-based lines that are kWh x one factor: one engine call per distinct region at 1 kWh
  // gives the factor; each element is kWh x factor (exact products only, else the engine computes it).
  prepare: (ctx, options) => {
    if ((options.get("basis") ?? "location") !== "location" || options.has("lossrate")) return () => null;
    const perRegion = new Map<string, Dec | null>();
    return (a) => {
      const region = a.any("region");
      if (region === null || typeof region === "boolean") return null;
      const key = region instanceof Dec ? `#${region.toFixed()}` : region;
      let ef = perRegion.get(key);
      if (ef === undefined) {
        ef = null;
        try {
          const r = ELECTRICITY_CO2.run(new UnitArgs(a, { energy_kwh: new Dec(1) }), ctx);
          if (!isExcelError(r) && r.value instanceof Dec && r.unit === "kg CO2e") ef = r.value;
        } catch {
          ef = null;
        }
        perRegion.set(key, ef);
      }
      if (!ef) return null;
      const v = exactTimes(a.num("energy_kwh"), ef);
      return v ? { value: v, unit: "kg CO2e" } : null;
    };
  },
};

/** The arguments of one element with some numbers replaced (the unit activity of a fast path). */
class UnitArgs implements Args {
  constructor(
    private readonly base: Args,
    private readonly nums: Readonly<Record<string, Dec>>,
  ) {}
  get options() {
    return this.base.options;
  }
  num(name: string): Dec {
    return this.nums[name] ?? this.base.num(name);
  }
  optNum(name: string): Dec | null {
    return this.nums[name] ?? this.base.optNum(name);
  }
  text(name: string) {
    return this.base.text(name);
  }
  optText(name: string) {
    return this.base.optText(name);
  }
  bool(name: string) {
    return this.base.bool(name);
  }
  optBool(name: string) {
    return this.base.optBool(name);
  }
  any(name: string) {
    return this.nums[name] ?? this.base.any(name);
  }
  range(name: string) {
    return this.base.range(name);
  }
  rest(name: string) {
    return this.base.rest(name);
  }
  option(name: string) {
    return this.base.option(name);
  }
}

export const FUEL_CO2: ElementSpec = {
  name: "FUEL_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "fuel",
  description: "Fuel combustion emissions (Scope 1; the upstream WTT line with line=wtt), in kg CO2e.",
  params: [
    { name: "quantity", kind: "number", nonNegative: true, description: "Amount of fuel, in the unit given next." },
    { name: "unit", kind: "text", description: "Unit of the quantity: L, m3, US gal, UK gal, kg, t, kWh, MWh, MJ, GJ, MMBtu or therm." },
    { name: "fuel", kind: "any", description: 'Fuel (carrier id or synonym, e.g. "diesel", "natural-gas", "lpg"), a combustion factor id, or a factor in kg CO2e per unit as a number.' },
  ],
  options: [
    { name: "line", values: ["scope1", "wtt"], default: "scope1", description: "scope1 (combustion) or wtt (well-to-tank upstream, Scope 3 category 3)." },
    FACTORSET_OPTION,
    GWP_OPTION,
    YEAR_OPTION,
  ],
  errors: ["NOT_A_NUMBER", "UNKNOWN_UNIT", "UNKNOWN_ID", "INVALID_OPTION", "FACTOR_NOT_PUBLISHED", "INCOMPATIBLE_UNITS"],
  examples: [
    { formula: '=ESG.FUEL_CO2(100, "L", "diesel")', result: "" },
    { formula: '=ESG.FUEL_CO2(100, "L", "diesel", "line=wtt")', result: "" },
  ],
  run: (a, ctx) =>
    withOptions(() => {
      const fuel = a.any("fuel");
      if (typeof fuel === "boolean" || fuel === null) throw new OptionError(excelError("#VALUE!", `fuel: '${String(fuel)}' is not a fuel.`, "INVALID_OPTION"));
      const src =
        fuel instanceof Dec
          ? { factor: fuel as FactorSpec }
          : ctx.registry.has(fuel)
            ? { factor: fuel as FactorSpec }
            : { carrier: fuel, ...(a.option("factorset") ? { factorSet: a.option("factorset")! } : {}) };
      const r = fuelCombustion({ quantity: { amount: a.num("quantity"), unit: a.text("unit") }, ...src }, inventoryContext(a, ctx));
      if (a.option("line") === "wtt") {
        if (!r.wtt) return excelError("#N/A", "No well-to-tank factor is published for this fuel and factor set (EPA Hub factors are combustion only).", "FACTOR_NOT_PUBLISHED");
        return out(r.wtt);
      }
      return out(r.scope1);
    }),
};

export const REFRIGERANT_CO2: ElementSpec = {
  name: "REFRIGERANT_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "refrigerant",
  description: "Emissions of refrigerant released (leaked or vented): mass x GWP-100, in kg CO2e.",
  params: [
    { name: "mass_kg", kind: "number", unit: "kg", nonNegative: true, description: "Mass of refrigerant released in kg." },
    { name: "gas", kind: "any", description: 'Refrigerant id or name (e.g. "R-410A", "R134a", "HFC-134a"), a GWP factor id, or a GWP-100 as a number (kg CO2e per kg).' },
  ],
  options: [GWP_OPTION],
  errors: ["NOT_A_NUMBER", "NEGATIVE_NOT_ALLOWED", "UNKNOWN_ID", "FACTOR_NOT_PUBLISHED"],
  examples: [
    { formula: '=ESG.REFRIGERANT_CO2(2, "R-410A")', result: "" },
    { formula: '=ESG.REFRIGERANT_CO2(2, "R-410A", "gwp=AR6")', result: "" },
  ],
  run: (a, ctx) =>
    withOptions(() => {
      const gas = a.any("gas");
      if (typeof gas === "boolean" || gas === null) throw new OptionError(excelError("#VALUE!", `gas: '${String(gas)}' is not a refrigerant.`, "INVALID_OPTION"));
      const src = gas instanceof Dec ? { gwp: gas } : ctx.registry.has(gas) ? { gwpFactor: gas } : { gas };
      const r = refrigerantRelease({ released: { amount: a.num("mass_kg"), unit: "kg" }, ...src }, inventoryContext(a, ctx));
      return out(r.emitted);
    }),
};

export const EOL_CO2: ElementSpec = {
  name: "EOL_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "end-of-life",
  description: "Inventory emissions of an end-of-life treatment of WEEE (landfill, combustion, recycling ...), in kg CO2e; not a credit.",
  params: [
    {
      name: "key_or_material",
      kind: "text",
      description: 'UNU-KEY of the waste (e.g. "0303"), or a DESNZ WEEE class (fridges-and-freezers, large, small, mixed, batteries), or with factorset=epa an EPA electronics material (e.g. mixed-electronics).',
    },
    { name: "mass_kg", kind: "number", unit: "kg", nonNegative: true, description: "Mass treated in kg." },
    { name: "treatment", kind: "text", description: "Treatment: landfill, combustion, recycling, reuse, other-recovery, other-disposal, or a disposition id (e.g. RECYCLE, LANDFILL)." },
  ],
  options: [FACTORSET_OPTION, GWP_OPTION, YEAR_OPTION, { name: "factor", description: "An explicit factor id, or a number in kg CO2e/t, overriding the mapping." }],
  errors: ["UNKNOWN_ID", "INVALID_OPTION", "FACTOR_NOT_PUBLISHED", "NOT_A_NUMBER"],
  examples: [
    { formula: '=ESG.EOL_CO2("small", 1000, "landfill")', result: "" },
    { formula: '=ESG.EOL_CO2("0303", 1000, "recycling")', result: "" },
  ],
  run: (a, ctx) =>
    withOptions(() => {
      const key = a.text("key_or_material");
      const set = a.option("factorset");
      const factor = factorOption(a, "factor");
      const which = /^\d{1,4}$/.test(key) ? { unuKey: key.padStart(4, "0") } : set === "epa" ? { epaMaterial: key } : { desnzClass: key };
      const r = endOfLifeEmissions(
        { mass: { amount: a.num("mass_kg"), unit: "kg" }, treatment: a.text("treatment"), ...which, ...(set ? { factorSet: set } : {}), ...(factor !== undefined ? { factor } : {}) },
        inventoryContext(a, ctx),
      );
      return out(r);
    }),
};

export const INVENTORY_SPECS: readonly ElementSpec[] = [TRANSPORT_CO2, ELECTRICITY_CO2, FUEL_CO2, REFRIGERANT_CO2, EOL_CO2];
