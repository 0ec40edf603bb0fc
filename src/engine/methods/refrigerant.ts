/**
 * Refrigerant and other fluorinated-gas releases (method-brief §3.2 S2 formula 4.1 pattern, §4.1).
 *
 *   E = released_kg x GWP_gas                                   [V S2 formula 4.1 pattern]
 *   released = charge - recovered, when only those are known (temperature-exchange equipment
 *   events: the charge of the unit and the mass recovered from it) — never negative [P]
 *
 * GWP by gas and GWP set from the taxonomy (AR4/AR5/AR6; blends as mass-weighted sums), a library
 * factor (DESNZ refrigerant rows, EPA Hub GWP table; used as published) or a number. Recovered
 * refrigerant is reported (mass and the CO2e it would have been) but NOT emitted.
 */
import { Dec, ZERO, plain } from "../quantities/decimal";
import { fail } from "../issues/issue";
import type { Result } from "../trace/trace";
import { traceOfFactor } from "../factors/registry";
import { userFactor } from "../factors/registry";
import { GWP_REPORTS, type GwpReport } from "../taxonomy";
import { requireTaxonomy, type InventoryContext } from "./common/context";
import { amountArg, decArg, newTrace, traceAmount, type Amount, type Num } from "./common/method-ref";

const KG = "kg CO2e";
const CLAUSE = "§3.2/§4.1 refrigerant releases (GHG Protocol Scope 3 TG formula 4.1 pattern: leak kg x GWP)";

export interface RefrigerantInput {
  label?: string;
  /** Refrigerant id or synonym in the taxonomy ("r-410a", "R410A", "HFC-134a" ...); needs `ctx.taxonomy`. */
  gas?: string;
  /** A GWP given as a number (kg CO2e per kg), instead of `gas`. */
  gwp?: Num;
  /** A library factor id in kg CO2e/kg (DESNZ refrigerant row, EPA Hub "epa.gwp.*"), instead of `gas`. */
  gwpFactor?: string;
  /** Mass released (leaked, vented). */
  released?: Amount;
  /** Charge of the equipment (with `recovered`, when the release was not measured). */
  charge?: Amount;
  /** Mass recovered (reported, not emitted). */
  recovered?: Amount;
}

export interface RefrigerantResult {
  /** Emissions of the released mass. */
  emitted: Result;
  /** Released mass, kg. */
  releasedMass: Result;
  /** Recovered mass, kg (not emitted), when given. */
  recoveredMass: Result | null;
  /** Memo: CO2e of the recovered mass, NOT emitted and not part of any total. */
  recoveredCo2eNotEmitted: Result | null;
}

/** Emissions from refrigerant released from equipment, by gas and GWP set. */
export function refrigerantRelease(input: RefrigerantInput, ctx: InventoryContext = {}): RefrigerantResult {
  const trace = newTrace("Refrigerant release", CLAUSE);
  if (input.label) trace.input("label", input.label, "entered");
  const sources = [input.gas, input.gwp, input.gwpFactor].filter((x) => x !== undefined).length;
  if (sources === 0) fail("MISSING_INPUT", { argument: "gas", expected: "a refrigerant id, a GWP number or a GWP factor id" });
  if (sources > 1) fail("INVALID_OPTION", { argument: "gas", value: "several GWP sources", expected: "exactly one of gas, gwp, gwpFactor" });

  let gwp: Dec;
  if (input.gas !== undefined) {
    const tax = requireTaxonomy(ctx, `refrigerant '${input.gas}'`);
    const report = reportOf(ctx.gwp);
    const r = tax.refrigerant(input.gas);
    trace.input("gas", r.id, normalise(input.gas) === r.id ? "entered" : "mapped", undefined, r.label);
    trace.input("gwp set", report, ctx.gwp === undefined ? "defaulted" : "entered", undefined, ctx.gwp === undefined ? "method default AR5" : undefined);
    const v = r.gwp100[report];
    if (!v) fail("FACTOR_NOT_PUBLISHED", { source: `IPCC ${report} (as held in the taxonomy)`, what: `a GWP-100 for ${r.id}` });
    gwp = v.value;
    const f = userFactor(v.value, "kg CO2e/kg", `gwp:${r.id}:${report}`).trace;
    trace.factor({ ...f, id: `taxonomy:refrigerants/${r.id}/${report}`, source: v.source, table: `taxonomy refrigerants ${tax.versions.refrigerants ?? ""}`.trim(), gwpBasis: report, userSupplied: false, library: "taxonomy", libraryVersion: tax.versions.refrigerants ?? "-" });
    if (v.derivation === "blend") trace.note(`${r.id} GWP is the mass-weighted sum of its components (${v.source}).`);
    if (!v.confirmed) trace.flag(`GWP of ${r.id} (${report}) is not confirmed against the IPCC table; check before release.`);
  } else if (input.gwp !== undefined) {
    gwp = decArg(input.gwp, "gwp", "a GWP-100 in kg CO2e/kg");
    trace.factor(userFactor(gwp, "kg CO2e/kg", "gwp").trace);
  } else {
    if (!ctx.registry) fail("MISSING_INPUT", { argument: "registry", expected: `a factor registry to resolve '${input.gwpFactor}'` });
    const r = ctx.registry.get(input.gwpFactor!, { year: ctx.year ?? null });
    if (r.loaded.factor.unit !== "kg CO2e/kg") fail("INCOMPATIBLE_UNITS", { argument: "gwpFactor", from: r.loaded.factor.unit, to: "kg CO2e/kg" });
    gwp = r.value;
    trace.factor(traceOfFactor(r));
    trace.note(`GWP from ${r.loaded.factor.id} used as published (basis ${r.loaded.library.gwpBasis}); not re-characterised.`);
  }

  const recovered = input.recovered === undefined ? null : amountArg(input.recovered, "mass", "recovered");
  let releasedKg: Dec;
  if (input.released !== undefined) {
    const released = amountArg(input.released, "mass", "released");
    traceAmount(trace, "released", released);
    releasedKg = released.in("kg");
    if (input.charge !== undefined) traceAmount(trace, "charge", amountArg(input.charge, "mass", "charge"));
    if (recovered) traceAmount(trace, "recovered", recovered);
  } else {
    if (input.charge === undefined) fail("MISSING_INPUT", { argument: "released", expected: "the released mass, or the charge and the recovered mass" });
    if (!recovered) fail("MISSING_INPUT", { argument: "recovered", expected: "the mass recovered from the equipment (with its charge)" });
    const charge = amountArg(input.charge, "mass", "charge");
    traceAmount(trace, "charge", charge);
    traceAmount(trace, "recovered", recovered);
    const diff = charge.in("kg").minus(recovered.in("kg"));
    releasedKg = diff.isNegative() ? ZERO : diff;
    trace.step("released = charge - recovered (never negative)", `max(0, ${plain(charge.in("kg"))} - ${plain(recovered.in("kg"))})`, releasedKg, "kg");
    if (diff.isNegative()) {
      trace.flag(`Recovered mass ${plain(recovered.in("kg"))} kg exceeds the charge ${plain(charge.in("kg"))} kg; released set to 0 (never negative) — check the nameplate charge and the recovery record.`);
    }
  }
  const emitted = releasedKg.times(gwp);
  trace.step("emissions = released x GWP", `${plain(releasedKg)} kg x ${plain(gwp)}`, emitted, KG);
  trace.note("Direct release: Scope 1 of the operator of the equipment or of the treatment where it happens. DESNZ: only Kyoto Protocol gases belong in Scope 1; report Montreal Protocol gases (CFCs, HCFCs) separately.");
  const built = trace.build();
  let recoveredCo2e: Result | null = null;
  if (recovered) {
    const v = recovered.in("kg").times(gwp);
    recoveredCo2e = { value: v, unit: KG, trace: { ...built, steps: [...built.steps, { label: "memo: recovered x GWP (NOT emitted)", formula: `${plain(recovered.in("kg"))} kg x ${plain(gwp)}`, value: v.toFixed(), unit: KG }] } };
  }
  return {
    emitted: { value: emitted, unit: KG, trace: built },
    releasedMass: { value: releasedKg, unit: "kg", trace: built },
    recoveredMass: recovered ? { value: recovered.in("kg"), unit: "kg", trace: built } : null,
    recoveredCo2eNotEmitted: recoveredCo2e,
  };
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function reportOf(gwp: InventoryContext["gwp"]): GwpReport {
  if (gwp === undefined) return "AR5";
  if (typeof gwp !== "string") fail("INVALID_OPTION", { argument: "gwp", value: "custom set", expected: `a GWP report for refrigerants: ${GWP_REPORTS.join(", ")} (or give the GWP as a number)` });
  const key = gwp.trim().toUpperCase();
  if (key.startsWith("AR6")) return "AR6";
  const hit = GWP_REPORTS.find((r) => r === key);
  if (!hit) fail("INVALID_OPTION", { argument: "gwp", value: gwp, expected: GWP_REPORTS.join(", ") });
  return hit;
}
