/**
 * Turning a factor argument into an emission intensity in kg CO2e per activity
 * unit, with the trace entries that show how.
 *
 * A factor argument is one of:
 *  - a factor id from the registry. A single-gas factor (EPA Hub CO2, CH4, N2O) brings
 *    its sibling gases (same id with the gas segment swapped) and each gas is
 *    characterised with the chosen GWP set; a CO2e factor (DESNZ, EPA Table 9) is used
 *    as published and never re-characterised;
 *  - a number, read in the caller's default unit (a carrier's, supplier's or user's own
 *    factor; the trace marks it user-supplied);
 *  - `{ value, unit }`, a number with its own unit, e.g. "kg CO2/short ton-mile" or
 *    "g CH4/MMBtu" (single gases are characterised too);
 *  - a list of the above, summed (e.g. one number per gas).
 */
import { Dec, ZERO } from "../../quantities/decimal";
import { findUnit, toBaseFactor, type UnitDef } from "../../quantities/units";
import { Quantity } from "../../quantities/quantity";
import { fail } from "../../issues/issue";
import type { TraceFactor } from "../../trace/trace";
import type { TraceBuilder } from "../../trace/trace";
import { traceOfFactor, userFactor, type FactorRegistry } from "../../factors/registry";
import type { GwpSet } from "./gwp";
import { decArg, type Num } from "./method-ref";

export type FactorSpec = string | Num | { value: Num; unit: string; name?: string } | readonly FactorSpec[];

export interface FactorContext {
  registry?: FactorRegistry;
  region?: string | null;
  year?: number | null;
  gwp: GwpSet;
}

export type GasName = "CO2e" | "CO2" | "CH4" | "N2O";

export interface IntensityComponent {
  factor: TraceFactor;
  /** Gas of the factor as published (CO2e parts such as "CO2e-CH4" count as CO2e). */
  gas: GasName;
  /** Library boundary (TTW, WTT, generation...) or "as supplied". */
  boundary: string;
  /** Factor value in kg of its gas per activity unit of the intensity. */
  kgGasPerUnit: Dec;
  /** GWP applied, or null when the factor is already CO2e. */
  gwp: Dec | null;
  kgCo2ePerUnit: Dec;
}

export interface Intensity {
  /** kg CO2e per one `activityUnit`. */
  kgCo2ePerUnit: Dec;
  activityUnit: UnitDef;
  /** Qualifier of the activity unit as published, e.g. "Gross CV" for "kWh (Gross CV)". */
  activityQualifier?: string;
  components: IntensityComponent[];
  notes: string[];
}

const GAS_SEGMENTS = ["co2", "ch4", "n2o"] as const;

/** Parses "kg CO2e" into a mass unit and a gas. */
function parseNumerator(text: string, argument: string): { mass: UnitDef; gas: GasName } {
  const m = /^(.+?)\s+(CO2e|CO2|CH4|N2O)(?:-(?:CO2|CH4|N2O))?$/i.exec(text.trim());
  const mass = m ? findUnit(m[1]!) : undefined;
  if (!m || !mass || mass.dimension !== "mass") {
    fail("UNKNOWN_UNIT", { argument, value: text, expected: "a mass and a gas, e.g. 'kg CO2e', 'g CH4', 'lb CO2'" });
  }
  const gasText = m[2]!.toUpperCase();
  return { mass, gas: gasText === "CO2E" ? "CO2e" : (gasText as GasName) };
}

/** Parses an activity unit as published: "kWh (Gross CV)" -> kWh + qualifier. */
export function parseActivityUnit(text: string, argument: string): { unit: UnitDef; qualifier?: string } {
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(text.trim());
  const base = m ? m[1]! : text.trim();
  const unit = findUnit(base);
  if (!unit) fail("UNKNOWN_UNIT", { argument, value: text, expected: "an activity unit such as t.km, kWh, MMBtu, L, US gal, scf, t, short ton" });
  return m ? { unit, qualifier: m[2]! } : { unit };
}

/** Parses "kg CO2e/t.km" into numerator and activity. */
function parseFactorUnit(text: string, argument: string): { mass: UnitDef; gas: GasName; activity: UnitDef; qualifier?: string } {
  const slash = text.indexOf("/");
  if (slash < 0) fail("UNKNOWN_UNIT", { argument, value: text, expected: "a factor unit such as 'kg CO2e/t.km'" });
  const num = parseNumerator(text.slice(0, slash), argument);
  const act = parseActivityUnit(text.slice(slash + 1), argument);
  return { ...num, activity: act.unit, ...(act.qualifier ? { qualifier: act.qualifier } : {}) };
}

function gwpOf(gas: GasName, set: GwpSet): Dec | null {
  if (gas === "CO2e") return null;
  return set[gas];
}

function component(factor: TraceFactor, value: Dec, mass: UnitDef, gas: GasName, boundary: string, set: GwpSet): IntensityComponent {
  const kgGasPerUnit = Quantity.of(value, mass).in("kg");
  const gwp = gwpOf(gas, set);
  return { factor, gas, boundary, kgGasPerUnit, gwp, kgCo2ePerUnit: gwp ? kgGasPerUnit.times(gwp) : kgGasPerUnit };
}

/** Resolves a library factor id (with its sibling gases when it is a single-gas factor). */
function fromRegistry(id: string, ctx: FactorContext, argument: string, expandGases: boolean): Array<{ comp: IntensityComponent; activity: UnitDef; qualifier?: string; note?: string }> {
  if (!ctx.registry) fail("MISSING_INPUT", { argument: "registry", expected: `a factor registry to resolve '${id}' (or give the factor as a number)` });
  const query = { region: ctx.region ?? null, year: ctx.year ?? null };
  const first = ctx.registry.get(id, query);
  const ids = [id];
  const segments = id.split(".");
  const gasAt = segments.findIndex((s) => (GAS_SEGMENTS as readonly string[]).includes(s));
  const singleGas = first.loaded.factor.gas === "CO2" || first.loaded.factor.gas === "CH4" || first.loaded.factor.gas === "N2O";
  const missing: string[] = [];
  if (expandGases && singleGas && gasAt >= 0) {
    for (const g of GAS_SEGMENTS) {
      if (g === segments[gasAt]) continue;
      const sibling = [...segments.slice(0, gasAt), g, ...segments.slice(gasAt + 1)].join(".");
      if (ctx.registry.has(sibling)) ids.push(sibling);
      else missing.push(g.toUpperCase());
    }
  }
  return ids.map((fid, i) => {
    const r = i === 0 ? first : ctx.registry!.get(fid, query);
    const f = r.loaded.factor;
    const { mass, gas } = parseNumerator(f.numeratorUnit, argument);
    const act = parseActivityUnit(f.activityUnit, argument);
    // "CO2e-CH4" style parts are already characterised: they count as CO2e.
    const published: GasName = f.gas === "CO2" || f.gas === "CH4" || f.gas === "N2O" ? f.gas : "CO2e";
    if (published !== gas && !(published === "CO2e" && gas === "CO2e")) {
      fail("LIBRARY_INVALID", { library: r.loaded.library.id, detail: `factor ${fid}: gas ${f.gas} does not match unit ${f.numeratorUnit}` });
    }
    const comp = component(traceOfFactor(r), r.value, mass, published, f.boundary, ctx.gwp);
    const notes: string[] = [];
    if (r.defaultedYear) notes.push(`Factor ${fid}: no year given; the edition of ${r.loaded.library.id} (${f.year}) was chosen by the method's library preference.`);
    if (i === 0 && missing.length > 0) notes.push(`Factor ${id}: the library publishes no ${missing.join(", ")} sibling; only the published gases are counted.`);
    return { comp, activity: act.unit, ...(act.qualifier ? { qualifier: act.qualifier } : {}), ...(notes.length ? { note: notes.join(" ") } : {}) };
  });
}

/**
 * Resolves a factor argument to an intensity in kg CO2e per activity unit.
 * @param defaultUnit unit of a bare number, e.g. "kg CO2e/t.km"
 */
export function resolveIntensity(spec: FactorSpec | undefined, ctx: FactorContext, argument: string, defaultUnit: string, options: { expandGases?: boolean } = {}): Intensity {
  if (spec === undefined || spec === null || spec === "") fail("MISSING_INPUT", { argument, expected: `a factor id or a number in ${defaultUnit}` });
  const expandGases = options.expandGases ?? true;
  const parts: Array<{ comp: IntensityComponent; activity: UnitDef; qualifier?: string; note?: string }> = [];
  const visit = (s: FactorSpec, path: string): void => {
    if (Array.isArray(s)) {
      if (s.length === 0) fail("MISSING_INPUT", { argument: path, expected: `at least one factor` });
      s.forEach((x, i) => visit(x as FactorSpec, `${path}[${i}]`));
      return;
    }
    if (typeof s === "string" && !/^[+-]?(\d|\.\d)/.test(s.trim())) {
      parts.push(...fromRegistry(s.trim(), ctx, path, expandGases));
      return;
    }
    const withUnit = typeof s === "object" && s !== null && !(s instanceof Dec) && "value" in (s as object);
    const value = withUnit ? (s as { value: Num }).value : (s as Num);
    const unitText = withUnit ? (s as { unit: string }).unit : defaultUnit;
    const name = (withUnit ? (s as { name?: string }).name : undefined) ?? path;
    const v = decArg(value, path, `a factor in ${unitText}`);
    const parsed = parseFactorUnit(unitText, `${path}.unit`);
    const uf = userFactor(v, unitText, name);
    parts.push({ comp: component(uf.trace, v, parsed.mass, parsed.gas, "as supplied", ctx.gwp), activity: parsed.activity, ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}) });
  };
  visit(spec, argument);
  const target = parts[0]!.activity;
  const qualifier = parts[0]!.qualifier;
  let total = ZERO;
  const components: IntensityComponent[] = [];
  const notes: string[] = [];
  for (const p of parts) {
    if (p.activity.dimension !== target.dimension) {
      fail("INCOMPATIBLE_UNITS", { argument, from: p.activity.symbol, to: target.symbol });
    }
    if ((p.qualifier ?? "") !== (qualifier ?? "") && p.qualifier && qualifier) {
      fail("INCOMPATIBLE_UNITS", { argument, from: `${p.activity.symbol} (${p.qualifier})`, to: `${target.symbol} (${qualifier})` });
    }
    const c = rescale(p.comp, p.activity, target);
    components.push(c);
    total = total.plus(c.kgCo2ePerUnit);
    if (p.note) notes.push(p.note);
  }
  for (const c of components) {
    if (c.gwp === null && !c.factor.userSupplied) {
      notes.push(`Factor ${c.factor.id} is published in CO2e (GWP basis ${c.factor.gwpBasis}); used as published, not re-characterised.`);
    }
  }
  return { kgCo2ePerUnit: total, activityUnit: target, ...(qualifier ? { activityQualifier: qualifier } : {}), components, notes };
}

/** Re-expresses a per-`from` component per `to` (exact: multiply by to/from base factors). */
function rescale(c: IntensityComponent, from: UnitDef, to: UnitDef): IntensityComponent {
  if (from.symbol === to.symbol) return c;
  const k = toBaseFactor(to).div(toBaseFactor(from));
  return { ...c, kgGasPerUnit: c.kgGasPerUnit.times(k), kgCo2ePerUnit: c.kgCo2ePerUnit.times(k) };
}

/** The intensity per another unit of the same dimension (e.g. per t.km from per short ton-mile). */
export function intensityIn(intensity: Intensity, unit: string): Dec {
  const to = findUnit(unit);
  if (!to || to.dimension !== intensity.activityUnit.dimension) {
    fail("INCOMPATIBLE_UNITS", { argument: "unit", from: intensity.activityUnit.symbol, to: unit });
  }
  return intensity.kgCo2ePerUnit.times(toBaseFactor(to)).div(toBaseFactor(intensity.activityUnit));
}

/** Writes an intensity's factors, characterisation steps and notes into a trace. */
export function traceIntensity(trace: TraceBuilder, intensity: Intensity, label: string, gwp: GwpSet): void {
  const unit = `kg CO2e/${intensity.activityUnit.symbol}${intensity.activityQualifier ? ` (${intensity.activityQualifier})` : ""}`;
  let characterised = false;
  for (const c of intensity.components) {
    trace.factor(c.factor);
    if (c.gwp !== null) {
      characterised = true;
      trace.step(
        `${label}: ${c.gas} characterised`,
        `${c.factor.value} ${c.factor.unit} -> ${c.kgGasPerUnit.toFixed()} kg ${c.gas}/${intensity.activityUnit.symbol} x GWP ${c.gwp.toFixed()} (${gwp.id})`,
        c.kgCo2ePerUnit,
        unit,
      );
    }
  }
  if (characterised) trace.note(`GWP set ${gwp.id}: ${gwp.note}.`);
  if (intensity.components.length > 1) {
    trace.step(`${label}: intensity`, intensity.components.map((c) => c.kgCo2ePerUnit.toFixed()).join(" + "), intensity.kgCo2ePerUnit, unit);
  }
  if (intensity.activityQualifier) trace.note(`${label}: the factor is per ${intensity.activityUnit.symbol} on a ${intensity.activityQualifier} basis; the quantity must be stated on the same basis.`);
  for (const n of intensity.notes) trace.note(n);
}
