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
import { endOfLifeEmissions } from "../methods/end-of-life";
import type { DqiScores } from "../methods/data-quality";
import type { Trace } from "../trace/trace";
import { hubInput, legInput, reusePathwayOf, displacementRateOf, endOfLifePlan, unuKeyOf, LOW_CONFIDENCE, type EndOfLifePlan } from "./calculators";
import { ROW_COMPUTED, type LineCode } from "./lines";
import { dqiContext, rowIssues, rowLines, type PipelineOutput } from "./run";
import { cat3Options, electricityRegion, endOfLifeProxy } from "./probes";
import { lineDqi, mergeBasis, overrideOf, scoreFactors, scoreRow, unpackDqi, worsePacked, type DqiBasis, type DqiContext, type FactorProfile } from "./dqi";
import type { DispositionRecord, ElectricityRecord, FuelRecord, MaterialOutputRecord, RecordKind, RefrigerantEventRecord, RowIssue, ShipmentRecord } from "./records";

export interface ExplainedLine {
  code: LineCode;
  /** The value the run holds for this line. */
  value: Dec;
  /** The method's result for this row (its trace is the row's working paper). */
  result: Result;
  /** True when the method's value equals the run's value, digit for digit. */
  agrees: boolean;
  /**
   * Data quality of the line: the scores the run holds, why each is what it is (row or factor, Box 7.2
   * wording), and whether scoring the method's own trace gives the same scores (it must).
   */
  dqi: { scores: DqiScores | null; basis: DqiBasis; agrees: boolean };
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
function flowResult(kind: "assets" | "outputs", disposition: string, amount: unknown, unit: string, kg: Dec, hazardous: boolean | undefined, key?: ReturnType<typeof unuKeyOf>, description?: string): Result {
  const tb = new TraceBuilder(methodRef("Material flow (disposition ledger)", "§2.4 disposition categories, §2.5 mass balance [P]"));
  tb.input("mass", String(amount), "entered", unit);
  if (key && key.key !== null) {
    const c = key.classification;
    tb.input("unuKey", key.key, c ? "mapped" : "entered", undefined, c ? `classified from the description '${description ?? ""}' (confidence ${c.confidence})` : undefined);
    if (c && c.confidence < LOW_CONFIDENCE) tb.flag(`UNU-KEY ${c.key} classified from '${description ?? ""}' with low confidence (${c.confidence} < ${LOW_CONFIDENCE}); confirm it.`);
  } else if (key && key.unclassified) tb.flag(`The description '${description ?? ""}' matches no UNU-KEY; the row books its mass without one.`);
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
  const dq = dqiContext(out.context.settings);
  const rowBasis = {} as DqiBasis;
  const rowP = scoreRow(kind, raw as { origins?: Record<string, never> }, dq, rowBasis);
  const ov = overrideOf((raw as { dqi?: Parameters<typeof overrideOf>[0] }).dqi);
  const first = out.firstLine[g]!;
  const explained: ExplainedLine[] = lines.map((l, j) => {
    const r = results.get(l.code.id);
    if (!r) throw new Error(`explainRow: no method result for line ${l.code.id}`);
    const factorBasis: Partial<DqiBasis> = {};
    const fp = factorPart(kind, raw, l.code, r.trace, dq, factorBasis, out);
    const mine = lineDqi(rowP, fp, ov);
    const held = out.lines.dqi[first + j]!;
    return {
      code: l.code,
      value: l.value,
      result: r,
      agrees: r.value.eq(l.value) && r.value.toFixed() === l.value.toFixed(),
      dqi: { scores: unpackDqi(held), basis: mergeBasis(rowP, rowBasis, fp, factorBasis, held, ov), agrees: mine === held },
    };
  });
  return { kind, index, row: rowNo, status: "computed", lines: explained, issues: [] };
}

/** The profile a line's factors are scored under (the kernels use the same, at probe time). */
function profileOf(kind: RecordKind, raw: unknown, code: LineCode): FactorProfile | null {
  if (code.ledger === "materialFlow") return null;
  if (code.ledger === "avoided") return "avoided";
  switch (kind) {
    case "shipments":
      return "transport";
    case "electricity": {
      if (code.category === "scope3.cat3") return "category3";
      if (code.variant === "location") return "grid";
      const r = raw as ElectricityRecord;
      return present(r.supplierFactor) || present(r.residualMix) ? "market" : "market-fallback";
    }
    case "fuels":
      return code.category === "scope3.cat3" ? "category3" : "fuel";
    case "refrigerants":
      return "refrigerant";
    case "dispositions":
      return "end-of-life";
    default:
      return null;
  }
}

/** The factors' part of a line's DQI, scored from the method's own trace. */
function factorPart(kind: RecordKind, raw: unknown, code: LineCode, trace: Trace, dq: DqiContext, basis: Partial<DqiBasis>, out: PipelineOutput): number {
  const profile = profileOf(kind, raw, code);
  if (profile === null) return 0;
  const region = kind === "electricity" ? electricityRegion(raw as ElectricityRecord, dq) : dq.region;
  let p = scoreFactors(trace.factors, profile, dq, region, basis);
  if (kind === "dispositions" && code.id === "inventory/scope3.cat5/treatment") {
    const plan = planOf(out, raw as DispositionRecord)!;
    const proxy = endOfLifeProxy(trace);
    if (worsePacked(p, proxy) !== p) basis.technology = "the method flags the waste class as a proxy for the UNU-KEY";
    p = worsePacked(p, proxy);
    if (worsePacked(p, plan.keyDqi) !== p) basis.reliability = "UNU-KEY mapped from the description by the classifier (3; below 0.6 confidence: 4, a non-qualified estimate)";
    p = worsePacked(p, plan.keyDqi);
  }
  return p;
}

function planOf(out: PipelineOutput, r: DispositionRecord): EndOfLifePlan | null {
  const tax = out.context.taxonomy;
  return endOfLifePlan(r, unuKeyOf(r, tax ? (t) => tax.classify(t) : undefined), out.context.settings.endOfLifeFactorSet);
}

/** The method's end-of-life result for a row, with a classified UNU-KEY marked as mapped (and its confidence) in the trace. */
function endOfLifeResult(out: PipelineOutput, r: DispositionRecord, ctx: InventoryContext): Result | null {
  const plan = planOf(out, r);
  if (plan === null) return null;
  const res = attempt(() => endOfLifeEmissions({ ...plan.input, mass: { amount: r.mass, unit: r.massUnit ?? "kg" } }, ctx));
  if (!res.ok) return null;
  const tax = out.context.taxonomy;
  const key = unuKeyOf(r, tax ? (t) => tax.classify(t) : undefined);
  if (key.classification === null) return res.value;
  const c = key.classification;
  const trace: Trace = {
    ...res.value.trace,
    inputs: res.value.trace.inputs.map((i) =>
      i.name === "unuKey"
        ? { ...i, origin: "mapped" as const, note: `classified from the description '${String(r.description)}' (confidence ${c.confidence}; rules ${c.matched.map((m) => `${m.rule} '${m.text}'`).join(", ")})${i.note ? `; ${i.note}` : ""}` }
        : i,
    ),
    flags: c.confidence < LOW_CONFIDENCE ? [...res.value.trace.flags, `UNU-KEY ${c.key} classified from '${String(r.description)}' with low confidence (${c.confidence} < ${LOW_CONFIDENCE}); confirm it.`] : res.value.trace.flags,
  };
  return { ...res.value, trace };
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
      const opts = s.category3 === false ? null : cat3Options(r);
      const requested = present(r.tdLossRate) || present(r.upstreamFactor);
      const withCat3 = opts === null ? null : attempt(() => electricityLocationBased({ energy, region: r.region, ...opts }, ctx));
      if (withCat3 !== null && !withCat3.ok && requested) throw new Error(`explainRow: category 3 of a computed row fails: ${withCat3.issue.message}`);
      const lb = withCat3 !== null && withCat3.ok ? withCat3.value : electricityLocationBased({ energy, region: r.region }, ctx);
      m.set("inventory/scope2/location", lb.scope2);
      if (lb.tdLosses) m.set("inventory/scope3.cat3/electricity-td", lb.tdLosses);
      if (lb.upstream) m.set("inventory/scope3.cat3/electricity-wtt", lb.upstream);
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
        {
          quantity: { amount: r.quantity, unit: r.unit },
          ...(present(r.carrier) ? { carrier: String(r.carrier) } : {}),
          ...(present(r.factorSet) ? { factorSet: r.factorSet } : {}),
          ...(present(r.factor) ? { factor: r.factor as FactorSpec } : {}),
          ...(present(r.wttFactor) ? { wttFactor: r.wttFactor as FactorSpec } : {}),
        },
        ctx,
      );
      m.set("inventory/scope1/fuel", res.scope1);
      if (res.wtt && s.category3 !== false) m.set("inventory/scope3.cat3/fuel-wtt", res.wtt);
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
      const tax = out.context.taxonomy;
      const key = unuKeyOf(r, tax ? (t) => tax.classify(t) : undefined);
      for (const l of lines) {
        if (l.code.ledger === "materialFlow") m.set(l.code.id, flowResult("assets", r.disposition, r.mass, unit, l.value, r.hazardous, key, r.description));
        if (l.code.id === "inventory/scope3.cat5/treatment") {
          const eol = endOfLifeResult(out, r, ctx);
          if (eol) m.set(l.code.id, eol);
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
