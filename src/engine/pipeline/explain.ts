/**
 * Explain stage, on demand: the full trace of one row, built by calling the row's
 * method(s) directly with the row's inputs (the same mapping the kernels use), so the
 * trace is exactly what the method gives for that row. Each line also says whether the
 * method's value equals the value the run computed (it must; a disagreement is a bug).
 */
import type { Dec } from "../quantities/decimal";
import { attempt } from "../issues/issue";
import { TraceBuilder, type Result } from "../trace/trace";
import { transportChain, type ChainElement } from "../methods/transport";
import { electricityLocationBased, electricityMarketBased } from "../methods/electricity";
import { fuelCombustion } from "../methods/fuel";
import { refrigerantRelease } from "../methods/refrigerant";
import { reuseCredit } from "../methods/reuse";
import { recyclingCredit } from "../methods/recycling";
import { methodRef } from "../methods/common/method-ref";
import type { FactorSpec } from "../methods/common/intensity";
import type { InventoryContext } from "../methods/common/context";
import { hubInput, legInput, reusePathwayOf, displacementRateOf } from "./calculators";
import { ROW_COMPUTED, type LineCode } from "./lines";
import { rowIssues, rowLines, type PipelineOutput } from "./run";
import type { DispositionRecord, ElectricityRecord, FuelRecord, MaterialOutputRecord, RecordKind, RefrigerantEventRecord, RowIssue, ShipmentRecord } from "./records";

export interface ExplainedLine {
  code: LineCode;
  /** The value the run holds for this line. */
  value: Dec;
  /** The method's result for this row (its trace is the row's working paper). */
  result: Result;
  /** True when the method's value equals the run's value, digit for digit. */
  agrees: boolean;
}

export interface ExplainedRow {
  kind: RecordKind;
  index: number;
  row: number;
  status: "computed" | "rejected";
  lines: ExplainedLine[];
  issues: RowIssue[];
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

function inventoryContext(out: PipelineOutput): InventoryContext & { boundary: "WTW" | "TTW" } {
  const s = out.context.settings;
  return {
    registry: out.context.registry,
    ...(out.context.taxonomy ? { taxonomy: out.context.taxonomy } : {}),
    ...(s.factorYear !== undefined ? { year: s.factorYear } : {}),
    ...(s.gwpSet !== undefined ? { gwp: s.gwpSet } : {}),
    boundary: s.transportBoundary ?? "WTW",
  };
}

/** A small trace for a mass booked in the material-flow ledger. */
function flowResult(kind: "assets" | "outputs", disposition: string, amount: unknown, unit: string, kg: Dec, hazardous: boolean | undefined): Result {
  const tb = new TraceBuilder(methodRef("Material flow (disposition ledger)", "§2.4 disposition categories, §2.5 mass balance [P]"));
  tb.input("mass", String(amount), "entered", unit);
  tb.input("disposition", disposition, "entered");
  tb.input("hazardous", hazardous === undefined ? "not stated" : String(hazardous), hazardous === undefined ? "defaulted" : "entered");
  tb.step("mass in kg", `${String(amount)} ${unit} -> kg (exact)`, kg, "kg");
  tb.note(kind === "assets" ? "Asset disposition at this facility; assets sent downstream reach their final disposition on the downstream certificates (outputs)." : "Final disposition from a downstream certificate of recycling/processing.");
  return tb.result(kg, "kg");
}

/** Full explanation of one row (by kind and position in its list). */
export function explainRow(out: PipelineOutput, kind: RecordKind, index: number): ExplainedRow {
  const raw = out.dataset[kind]?.[index];
  const g = out.offsets[kind] + index;
  const computed = out.status[g] === ROW_COMPUTED;
  const lines = rowLines(out, kind, index);
  const rowNo = (raw as { row?: number } | undefined)?.row ?? index + 1;
  if (!computed) return { kind, index, row: rowNo, status: "rejected", lines: [], issues: rowIssues(out, kind, index) };
  const results = methodResults(out, kind, raw, index);
  const explained: ExplainedLine[] = lines.map((l) => {
    const r = results.get(l.code.id);
    if (!r) throw new Error(`explainRow: no method result for line ${l.code.id}`);
    return { code: l.code, value: l.value, result: r, agrees: r.value.eq(l.value) && r.value.toFixed() === l.value.toFixed() };
  });
  return { kind, index, row: rowNo, status: "computed", lines: explained, issues: [] };
}

/** The method results of a row, by line code id. */
function methodResults(out: PipelineOutput, kind: RecordKind, raw: unknown, index: number): Map<string, Result> {
  const ctx = inventoryContext(out);
  const m = new Map<string, Result>();
  const s = out.context.settings;
  switch (kind) {
    case "shipments": {
      const r = raw as ShipmentRecord;
      const elements: ChainElement[] = [...r.legs.map((_, i) => ({ kind: "leg" as const, ...legInput(r, i) })), ...(r.hubs ?? []).map((_, i) => ({ kind: "hub" as const, ...hubInput(r, i) }))];
      const chain = transportChain(elements, ctx);
      const cat = String(r.scope3Category ?? "4");
      if (chain.wtw) m.set(`inventory/scope3.cat${cat}/WTW`, chain.wtw);
      if (chain.ttw) m.set(`inventory/scope3.cat${cat}/TTW`, chain.ttw);
      break;
    }
    case "electricity": {
      const r = raw as ElectricityRecord;
      const energy = { amount: r.energy, unit: r.energyUnit ?? "kWh" };
      m.set("inventory/scope2/location", electricityLocationBased({ energy, region: r.region }, ctx).scope2);
      m.set(
        "inventory/scope2/market",
        electricityMarketBased(
          {
            energy,
            instruments: (r.instruments ?? []).map((x) => ({ label: `${x.kind}${x.certificateId ? ` ${x.certificateId}` : ""}`, energy: { amount: x.energy, unit: r.energyUnit ?? "kWh" }, ...(present(x.factor) ? { factor: x.factor! } : {}) })),
            ...(present(r.supplierFactor) ? { supplierFactor: r.supplierFactor as FactorSpec } : {}),
            ...(present(r.residualMix) ? { residualMix: r.residualMix as FactorSpec } : {}),
            fallbackRegion: r.region,
          },
          ctx,
        ).scope2,
      );
      break;
    }
    case "fuels": {
      const r = raw as FuelRecord;
      const res = fuelCombustion(
        { quantity: { amount: r.quantity, unit: r.unit }, ...(present(r.carrier) ? { carrier: String(r.carrier) } : {}), ...(present(r.factorSet) ? { factorSet: r.factorSet } : {}), ...(present(r.factor) ? { factor: r.factor as FactorSpec } : {}) },
        ctx,
      );
      m.set("inventory/scope1/fuel", res.scope1);
      break;
    }
    case "refrigerants": {
      const r = raw as RefrigerantEventRecord;
      const unit = r.massUnit ?? "kg";
      const res = refrigerantRelease(
        {
          ...(present(r.refrigerant) ? { gas: String(r.refrigerant) } : {}),
          ...(present(r.gwp) ? { gwp: r.gwp! } : {}),
          ...(present(r.gwpFactor) ? { gwpFactor: String(r.gwpFactor) } : {}),
          ...(present(r.released) ? { released: { amount: r.released!, unit } } : {}),
          ...(present(r.charge) ? { charge: { amount: r.charge!, unit } } : {}),
          ...(present(r.recovered) ? { recovered: { amount: r.recovered!, unit } } : {}),
        },
        ctx,
      );
      m.set("inventory/scope1/refrigerant", res.emitted);
      if (res.recoveredMass) m.set("inventory/memo/refrigerant-recovered", res.recoveredMass);
      break;
    }
    case "dispositions": {
      const r = raw as DispositionRecord;
      const unit = r.massUnit ?? "kg";
      const lines = rowLines(out, kind, index);
      for (const l of lines) {
        if (l.code.ledger === "materialFlow") m.set(l.code.id, flowResult("assets", r.disposition, r.mass, unit, l.value, r.hazardous));
        if (l.code.id === "inventory/scope3.cat5/treatment") {
          const tb = new TraceBuilder(methodRef("End-of-life treatment", "§5.5 contrast / Scope 3 category 5 (inventory, no credits)"));
          tb.input("mass", l.value.toFixed(), "entered", "kg");
          tb.input("treatmentFactor", JSON.stringify(r.treatmentFactor), "entered", "kg CO2e/kg");
          m.set(l.code.id, tb.result(l.value, "kg CO2e"));
        }
      }
      if (r.reuse && (r.disposition === "REUSE-DEVICE" || r.disposition === "REUSE-PART")) {
        const p = r.reuse;
        const dr = displacementRateOf(r, { settings: { ...s, claimant: s.claimant ?? "reporter", reportingPeriod: s.reportingPeriod, transportBoundary: s.transportBoundary ?? "WTW" } });
        const credit = attempt(() =>
          reuseCredit({
            pathway: reusePathwayOf(r),
            ...(r.lotId ? { lotId: r.lotId } : {}),
            ...(present(r.quantity) ? { units: r.quantity! } : {}),
            efNew: Array.isArray(p.newProductFactor) ? String(p.newProductFactor[0]) : typeof p.newProductFactor === "object" ? (p.newProductFactor as { value: string | number }).value : (p.newProductFactor as string | number),
            ...(dr.origin === "entered" ? { displacementRate: dr.raw } : {}),
            lifetimeExtendedYears: p.lifetimeExtendedYears,
            lifetimeNewYears: p.lifetimeNewYears,
            refurbishmentKg: p.refurbishmentKg,
            partsKg: p.partsKg,
            extraLogisticsKg: p.extraLogisticsKg,
            powerDeltaKw: present(p.powerDeltaKw) ? p.powerDeltaKw! : 0,
            ...(present(p.hoursPerYear) ? { hoursPerYear: p.hoursPerYear! } : {}),
            ...(present(p.gridFactor) ? { gridFactor: p.gridFactor as string | number } : {}),
            testRecord: r.evidence?.testRecord ?? null,
            dataBearing: r.dataBearing as boolean,
            sanitizationRecord: r.evidence?.sanitizationRecord ?? null,
            displacementEvidence: r.evidence?.displacementRecord ?? null,
            registry: out.context.registry,
            ...(s.factorYear !== undefined ? { factorQuery: { year: s.factorYear } } : {}),
          }),
        );
        if (credit.ok) m.set(`avoided/reuse/${credit.value.pathway}`, credit.value.total);
      }
      break;
    }
    case "outputs": {
      const r = raw as MaterialOutputRecord;
      const unit = r.massUnit ?? "kg";
      for (const l of rowLines(out, kind, index)) {
        if (l.code.ledger === "materialFlow") m.set(l.code.id, flowResult("outputs", r.disposition, r.outputMass, unit, l.value, r.hazardous));
      }
      if (r.disposition === "RECYCLE" && present(r.virginFactor) && present(r.recyclingFactor) && present(r.certificateId)) {
        const own = present(r.allocationA);
        const res = attempt(() =>
          recyclingCredit({
            material: r.material,
            lotId: r.lotId,
            outputMass: r.outputMass,
            massUnit: unit,
            virginFactor: r.virginFactor as string | number,
            recyclingFactor: r.recyclingFactor as string | number,
            ...(present(r.qualityRatio) ? { qsoutOverQp: r.qualityRatio! } : {}),
            allocation: own ? "cff" : (s.allocation ?? (s.allocationA !== undefined ? "cff" : "50-50")),
            ...(own ? { A: r.allocationA! } : s.allocationA !== undefined ? { A: s.allocationA } : {}),
            certificate: r.certificateId ?? null,
            registry: out.context.registry,
            ...(s.factorYear !== undefined ? { factorQuery: { year: s.factorYear } } : {}),
          }),
        );
        if (res.ok) {
          m.set("avoided/recycling/eol-share", res.value.eolShare);
          m.set("avoided/recycling/reserved-A", res.value.reservedToUser);
        }
      }
      break;
    }
  }
  return m;
}
