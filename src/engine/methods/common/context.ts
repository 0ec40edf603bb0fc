/**
 * What the inventory methods receive besides their inputs: the factor registry
 * (pinned libraries), the taxonomy (modes, carriers, refrigerants, crosswalks),
 * an optional factor year, and the GWP set. All passed in; nothing is imported.
 */
import type { FactorRegistry } from "../../factors/registry";
import type { Taxonomy } from "../../taxonomy";
import { fail } from "../../issues/issue";
import type { TraceBuilder } from "../../trace/trace";
import { resolveGwp, type GwpInput, type GwpSet } from "./gwp";
import type { FactorContext } from "./intensity";

export interface InventoryContext {
  registry?: FactorRegistry;
  taxonomy?: Taxonomy;
  /** Factor year (edition); default: the method's preferred library edition. */
  year?: number;
  /** GWP set for single-gas factors: "AR4", "AR5" (default), "AR6", or a custom `{CH4, N2O}`. */
  gwp?: GwpInput;
}

/** The two published default factor sets the taxonomy names for modes and carriers. */
export type FactorSetName = "desnz" | "epa";

export const FACTOR_SET_KEYS: Record<FactorSetName, "desnz2025" | "epaHub2025"> = { desnz: "desnz2025", epa: "epaHub2025" };

export function factorSetArg(value: string | undefined): FactorSetName {
  if (value === undefined) return "desnz";
  const v = value.trim().toLowerCase();
  if (v === "desnz" || v === "epa") return v;
  fail("INVALID_OPTION", { argument: "factorSet", value, expected: "desnz, epa" });
}

export function requireTaxonomy(ctx: InventoryContext, what: string): Taxonomy {
  if (!ctx.taxonomy) fail("MISSING_INPUT", { argument: "taxonomy", expected: `the taxonomy to resolve ${what}` });
  return ctx.taxonomy;
}

/**
 * Which taxonomy gas carries the CH4 value of each named set: AR4 and AR5 use the single CH4 value
 * (AR5 28, the EPA Hub and DESNZ basis), AR6 the fossil value 29.8 (combustion of fossil fuels).
 */
const TAXONOMY_GASES: Record<string, { report: "AR4" | "AR5" | "AR6"; ch4: string }> = {
  AR4: { report: "AR4", ch4: "ch4" },
  AR5: { report: "AR5", ch4: "ch4" },
  AR6: { report: "AR6", ch4: "ch4-fossil" },
  "AR6-non-fossil-CH4": { report: "AR6", ch4: "ch4-non-fossil" },
};

/**
 * Resolves the GWP set once and records it in the trace. With a taxonomy, the named sets take their
 * CH4 and N2O values from its refrigerants/GHG table (one source of truth); without, the built-in
 * constants of gwp.ts (a unit test keeps the two equal).
 */
export function gwpOf(ctx: InventoryContext, trace: TraceBuilder): GwpSet {
  const resolved = resolveGwp(ctx.gwp);
  const { defaulted } = resolved;
  let set = resolved.set;
  const map = TAXONOMY_GASES[set.id];
  if (ctx.taxonomy && map && typeof ctx.gwp !== "object") {
    const ch4 = ctx.taxonomy.gwp(map.ch4, map.report);
    const n2o = ctx.taxonomy.gwp("n2o", map.report);
    set = { ...set, CH4: ch4.value, N2O: n2o.value, note: `${set.note}; values from the taxonomy (${map.ch4} ${ch4.value.toFixed()}: ${ch4.source}; n2o ${n2o.value.toFixed()}: ${n2o.source})` };
  }
  trace.input("gwp", set.id, defaulted ? "defaulted" : "entered", undefined, defaulted ? "method default AR5 (basis of the DESNZ and EPA Hub factors)" : undefined);
  return set;
}

export function factorContext(ctx: InventoryContext, gwp: GwpSet, region?: string | null): FactorContext {
  return {
    ...(ctx.registry ? { registry: ctx.registry } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(ctx.year !== undefined ? { year: ctx.year } : {}),
    gwp,
  };
}
