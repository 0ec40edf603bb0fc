/**
 * End-of-life treatment emissions for the INVENTORY (GHG Protocol Scope 3 category 5 waste
 * generated in operations / category 12 end-of-life of sold products) — method-brief §5.5, §6.1.
 *
 *   E = mass x EF_treatment                                       (S2 category 5 waste-type method)
 *
 * Factor sets (both cut-off, no credits):
 *  - DESNZ "Waste disposal > Electrical items" per tonne, by WEEE class (fridges and freezers, large,
 *    small, mixed, batteries) reached from a UNU-KEY through the taxonomy crosswalk. Landfill covers
 *    collection, transport and landfill; recycling (open-loop) and combustion cover ONLY transport to
 *    the facility (DESNZ cut-off convention);
 *  - EPA EF Hub Table 9, metric tons CO2e per SHORT ton (converted exactly: 1 short ton =
 *    907.18474 kg), by WARM electronics material.
 * No credits: "Companies should not report negative or avoided emissions associated with recycling in
 * category 5 or category 12" [V S1 Box 5.6]. A treatment with no published factor (e.g. re-use) fails
 * with FACTOR_NOT_PUBLISHED — never zero.
 */
import { plain } from "../quantities/decimal";
import { fail } from "../issues/issue";
import type { Result } from "../trace/trace";
import type { Taxonomy } from "../taxonomy";
import { factorContext, factorSetArg, gwpOf, requireTaxonomy, type FactorSetName, type InventoryContext } from "./common/context";
import { intensityIn, resolveIntensity, traceIntensity, type FactorSpec } from "./common/intensity";
import { amountArg, newTrace, traceAmount, type Amount } from "./common/method-ref";

const KG = "kg CO2e";
const CLAUSE = "§5.5/§6.1 end-of-life treatment, inventory (GHG Protocol Scope 3 categories 5 and 12; S1 Box 5.6: no credits)";

/** Treatments the inventory factor sets distinguish. */
export type Treatment = "landfill" | "combustion" | "recycling" | "reuse" | "other-recovery" | "other-disposal";
export const TREATMENTS: readonly Treatment[] = ["landfill", "combustion", "recycling", "reuse", "other-recovery", "other-disposal"];

const DESNZ_CLASSES = ["fridges-and-freezers", "large", "small", "mixed", "batteries"] as const;
export type DesnzWeeeClass = (typeof DESNZ_CLASSES)[number];

const EPA_MATERIALS = ["desktop-cpus", "portable-electronic-devices", "flat-panel-displays", "crt-displays", "electronic-peripherals", "hard-copy-devices", "mixed-electronics"] as const;

/** Treatment -> the key DESNZ / EPA use in factor ids; null = not published by that set. */
const TREATMENT_KEYS: Record<FactorSetName, Record<Treatment, string | null>> = {
  desnz: { landfill: "landfill", combustion: "combustion", recycling: "open-loop", reuse: null, "other-recovery": null, "other-disposal": null },
  epa: { landfill: "landfilled", combustion: "combusted", recycling: "recycled", reuse: null, "other-recovery": null, "other-disposal": null },
};

/** Taxonomy disposition ids -> treatment (energy recovery and incineration both burn the waste). */
const DISPOSITION_TREATMENT: Record<string, Treatment> = {
  "REUSE-DEVICE": "reuse",
  "REUSE-PART": "reuse",
  RECYCLE: "recycling",
  "OTHER-RECOVERY": "other-recovery",
  "ENERGY-RECOVERY": "combustion",
  INCINERATION: "combustion",
  LANDFILL: "landfill",
  "OTHER-DISPOSAL": "other-disposal",
};

export interface EndOfLifeInput {
  label?: string;
  mass: Amount;
  /** A treatment (landfill, combustion, recycling, reuse ...) or, with a taxonomy, a disposition id or synonym. */
  treatment: string;
  /** "desnz" (default) or "epa". */
  factorSet?: string;
  /** UNU-KEY of the waste (mapped through the taxonomy crosswalk to the DESNZ class or EPA material). */
  unuKey?: string;
  /** DESNZ WEEE class, instead of a UNU-KEY. */
  desnzClass?: string;
  /** EPA Table 9 electronics material (e.g. "mixed-electronics"), instead of a UNU-KEY. */
  epaMaterial?: string;
  /** An explicit factor: id, number in kg CO2e/t, or `{ value, unit }` (e.g. "t CO2e/short ton"). Overrides the mapping. */
  factor?: FactorSpec;
}

function treatmentOf(text: string, taxonomy: Taxonomy | undefined): { treatment: Treatment; mapped: boolean } {
  const t = text.trim().toLowerCase();
  const direct = TREATMENTS.find((x) => x === t);
  if (direct) return { treatment: direct, mapped: false };
  if (!taxonomy) fail("INVALID_OPTION", { argument: "treatment", value: text, expected: `${TREATMENTS.join(", ")} (or a disposition, with the taxonomy)` });
  const d = taxonomy.disposition(text);
  const mapped = DISPOSITION_TREATMENT[d.id];
  if (!mapped) fail("INVALID_OPTION", { argument: "treatment", value: text, expected: `an end-of-life treatment (${d.id} is not one)` });
  return { treatment: mapped, mapped: true };
}

/** Inventory emissions of an end-of-life treatment (Scope 3 category 5 or 12), in kg CO2e. */
export function endOfLifeEmissions(input: EndOfLifeInput, ctx: InventoryContext = {}): Result {
  const trace = newTrace("End-of-life treatment (inventory)", CLAUSE);
  const gwp = gwpOf(ctx, trace);
  if (input.label) trace.input("label", input.label, "entered");
  const mass = amountArg(input.mass, "mass", "mass");
  traceAmount(trace, "mass", mass);
  if (!input.treatment) fail("MISSING_INPUT", { argument: "treatment", expected: TREATMENTS.join(", ") });
  const { treatment, mapped } = treatmentOf(input.treatment, ctx.taxonomy);
  trace.input("treatment", treatment, mapped ? "mapped" : "entered", undefined, mapped ? `from '${input.treatment}'` : undefined);
  const set = factorSetArg(input.factorSet);
  trace.input("factorSet", set, input.factorSet === undefined ? "defaulted" : "entered");

  let spec: FactorSpec;
  if (input.factor !== undefined) {
    spec = input.factor;
  } else {
    const key = TREATMENT_KEYS[set][treatment];
    const source = set === "desnz" ? "DESNZ (Waste disposal, Electrical items)" : "The EPA GHG Emission Factors Hub (Table 9)";
    let row: string;
    if (input.unuKey !== undefined) {
      const cw = requireTaxonomy(ctx, `UNU-KEY ${input.unuKey}`).crosswalk(input.unuKey);
      const side = set === "desnz" ? cw.desnz : cw.epa;
      row = set === "desnz" ? cw.desnz.wasteClass : cw.epa.row;
      trace.input("unuKey", cw.key, "entered", undefined, cw.description);
      trace.input(set === "desnz" ? "desnzClass" : "epaMaterial", row, "mapped", undefined, `taxonomy crosswalk: ${side.rationale}`);
      if (side.proxy) trace.flag(`UNU-KEY ${cw.key} has no close ${set === "desnz" ? "DESNZ WEEE class" : "EPA material"}; '${row}' is a proxy (${side.rationale}).`);
      if (key === null) fail("FACTOR_NOT_PUBLISHED", { source, what: `${treatment} of ${row} (UNU-KEY ${cw.key})` });
      const ids = set === "desnz" ? cw.desnz.wasteFactorIds : cw.epa.factorIds;
      const id = ids[key];
      if (!id) fail("FACTOR_NOT_PUBLISHED", { source, what: `${treatment} of ${row} (UNU-KEY ${cw.key})` });
      spec = id;
    } else if (set === "desnz") {
      if (input.desnzClass === undefined) fail("MISSING_INPUT", { argument: "unuKey", expected: "a UNU-KEY, a desnzClass or a factor" });
      const cls = DESNZ_CLASSES.find((c) => c === input.desnzClass!.trim().toLowerCase().replace(/^weee-/, ""));
      if (!cls) fail("INVALID_OPTION", { argument: "desnzClass", value: input.desnzClass, expected: DESNZ_CLASSES.join(", ") });
      trace.input("desnzClass", cls, "entered");
      if (key === null) fail("FACTOR_NOT_PUBLISHED", { source, what: `${treatment} of ${cls}` });
      spec = `desnz.waste.electrical-items.${cls === "batteries" ? "batteries" : `weee-${cls}`}.${key}.t.end-of-life`;
      if (!ctx.registry?.has(spec)) fail("FACTOR_NOT_PUBLISHED", { source, what: `${treatment} of ${cls}` });
    } else {
      if (input.epaMaterial === undefined) fail("MISSING_INPUT", { argument: "unuKey", expected: "a UNU-KEY, an epaMaterial or a factor" });
      const mat = EPA_MATERIALS.find((m) => m === input.epaMaterial!.trim().toLowerCase());
      if (!mat) fail("INVALID_OPTION", { argument: "epaMaterial", value: input.epaMaterial, expected: EPA_MATERIALS.join(", ") });
      trace.input("epaMaterial", mat, "entered");
      if (key === null) fail("FACTOR_NOT_PUBLISHED", { source, what: `${treatment} of ${mat}` });
      spec = `epa.waste.${mat}.${key}`;
      if (!ctx.registry?.has(spec)) fail("FACTOR_NOT_PUBLISHED", { source, what: `${treatment} of ${mat}` });
    }
  }

  const intensity = resolveIntensity(spec, factorContext(ctx, gwp), "factor", "kg CO2e/t");
  if (intensity.activityUnit.dimension !== "mass") fail("INCOMPATIBLE_UNITS", { argument: "factor", from: intensity.activityUnit.symbol, to: "t" });
  for (const c of intensity.components) {
    if (c.boundary !== "end-of-life" && c.boundary !== "as supplied") {
      fail("RULE_VIOLATION", { rule: "inventory end-of-life factor", detail: `${c.factor.id} has boundary ${c.boundary}; only cut-off end-of-life factors (no credits) belong in the inventory` });
    }
    if (c.kgCo2ePerUnit.isNegative()) fail("RULE_VIOLATION", { rule: "S1 Box 5.6", detail: `${c.factor.id} is negative (a credit); credits are not reported in category 5 or 12` });
  }
  traceIntensity(trace, intensity, "end-of-life factor", gwp);
  const q = mass.in(intensity.activityUnit);
  if (mass.unit.symbol !== intensity.activityUnit.symbol) {
    trace.step(`mass in ${intensity.activityUnit.symbol}`, `${plain(mass.value)} ${mass.unit.symbol} -> ${intensity.activityUnit.symbol} (1 short ton = 907.18474 kg exactly)`, q, intensity.activityUnit.symbol);
  }
  const value = q.times(intensity.kgCo2ePerUnit);
  trace.step("emissions = mass x factor", `${plain(q)} ${intensity.activityUnit.symbol} x ${plain(intensity.kgCo2ePerUnit)} kg CO2e/${intensity.activityUnit.symbol}`, value, KG);
  trace.step("per tonne (for comparison)", "factor per t", intensityIn(intensity, "t"), "kg CO2e/t");
  trace.note("Inventory (Scope 3 category 5 / 12): no recycling, energy-recovery or landfill-storage credits [V S1 Box 5.6]; avoided emissions belong in the separate avoided-emissions ledger.");
  if (set === "desnz" && input.factor === undefined && (treatment === "recycling" || treatment === "combustion")) {
    trace.note("DESNZ recycling (open-loop) and combustion factors cover only the transport of the waste to the treatment facility (GHG Protocol cut-off); the treatment itself is in the recycler's or operator's inventory.");
  }
  if (set === "epa" && input.factor === undefined) {
    trace.note("EPA Table 9 factors are already CO2e on IPCC AR4 (not re-characterised), per short ton, and include transport to the facility.");
  }
  return trace.result(value, KG);
}
