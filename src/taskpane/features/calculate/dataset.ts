/**
 * From checked rows to pipeline records, and the per-row formulas of the results table.
 *
 * The records come from the engine's `datasetFromAnySheet` (src/engine/submission/dataset.ts), the
 * same function `esg run` uses, so the taskpane, the command line and a submission bundle compute
 * from identical records. The kind of a sheet follows from its mapped fields (`anySheetKindOf`): a
 * fuel volume → fuel log; an energy amount → electricity; a distance or mode → shipments (rows with
 * one shipment id being its legs); a material → downstream certificates; otherwise a disposition log.
 *
 * What stays here is Excel-specific: the plan of each row of the results table, with the `=ESG.*`
 * terms that book the same numbers as the pipeline. A term is keyed by the pipeline line code it
 * stands for; the results table writes a formula for a column only when every line the pipeline
 * booked for the row in that column has its term (else the exact value, as a number).
 */
import { anySheetKindOf, datasetFromAnySheet, plain, type AnySheetKind, type FieldId, type MappingTemplate, type NormalisedRecord, type NormalisedValue, type QuantityValue, type ClassValue, type Taxonomy, type FactorRegistry } from "../../../engine";
import { columnLetters } from "../../../office/a1";
import type { Dataset, DispositionRecord, ElectricityRecord, FuelRecord, MaterialOutputRecord } from "../../../engine";
import { reuseAssumptions, type EsgSettings } from "../settings/settings";

export type SheetKind = AnySheetKind;

export const sheetKind = (template: MappingTemplate): SheetKind => anySheetKindOf(template);

/** One `=ESG.*` call (without "=") standing for one pipeline line of the row. */
export interface FormulaTerm {
  /** The pipeline line code id it books (e.g. "inventory/scope1/fuel"). */
  code: string;
  term: string;
}

/** What the results table shows for one data row (before the run fills in the values). */
export interface RowPlan {
  row: number;
  kind: SheetKind;
  /** Index of the row's record in the sheet's dataset[kind] (legs share their shipment's record). */
  record: number;
  /** The ESG calls of the row's lines (shipments: every leg's call, on the shipment's first row). */
  terms: FormulaTerm[];
  /** The row's first leg (shipments): the shipment's results are shown there. */
  first: boolean;
  /** Sheet row of the shipment's first leg (for the other legs' note). */
  firstRow: number;
}

export interface BuiltDataset {
  kind: SheetKind;
  dataset: Dataset;
  plans: RowPlan[];
}

export interface BuildContext {
  template: MappingTemplate;
  /** 1-based sheet column of the source's first column. */
  firstColumn: number;
  settings: EsgSettings;
  taxonomy: Taxonomy;
  registry: FactorRegistry;
}

const str = (v: NormalisedValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const qty = (v: NormalisedValue | undefined): QuantityValue | undefined => (typeof v === "object" && v !== null && "unit" in v && "amount" in v ? (v as QuantityValue) : undefined);
const cls = (v: NormalisedValue | undefined): ClassValue | undefined => (typeof v === "object" && v !== null && "id" in v && "raw" in v ? (v as ClassValue) : undefined);
const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** Excel CONVERT unit names for the engine's symbols. */
const EXCEL_UNIT: Record<string, string> = { kg: "kg", lb: "lbm", t: "t", g: "g", ton: "ton", km: "km", mi: "mi", m: "m", kWh: "kWh", MWh: "MWh", GJ: "GJ", MJ: "MJ" };

/**
 * A formula for the cells of one column of a row: the row's terms for exactly the line codes the
 * pipeline booked in that column, or null when a booked line has no term (the value is written).
 */
export function formulaOf(terms: readonly FormulaTerm[], codes: ReadonlySet<string>): string | null {
  if (codes.size === 0) return null;
  const picked = terms.filter((t) => codes.has(t.code));
  for (const c of codes) if (!picked.some((t) => t.code === c)) return null;
  return `=${picked.map((t) => t.term).join("+")}`;
}

export function buildDataset(records: readonly NormalisedRecord[], ctx: BuildContext): BuiltDataset {
  const reuse = reuseAssumptions(ctx.settings, ctx.registry);
  const { kind, dataset } = datasetFromAnySheet(ctx.template, records, {
    taxonomy: ctx.taxonomy,
    registry: ctx.registry,
    regionDefault: ctx.settings.regionDefault,
    gwpSet: ctx.settings.gwpSet,
    ...(reuse ? { reuseAssumptions: reuse } : {}),
  });
  const cell = (field: FieldId, row: number): string | null => {
    const col = ctx.template.columns.find((c) => c.field === field);
    return col ? `${columnLetters(ctx.firstColumn + col.index)}${row}` : null;
  };
  /** An expression for a quantity in `to`: the input cell (converted), or the number when the cell carried its unit as text. */
  const amountExpr = (field: FieldId, q: QuantityValue, row: number, to: string): string => {
    const ref = q.unitFrom === "cell" ? null : cell(field, row);
    const base = ref ?? plain(q.amount);
    if (q.unit === to) return base;
    const from = EXCEL_UNIT[q.unit];
    return from ? `CONVERT(${base},${quote(from)},${quote(EXCEL_UNIT[to] ?? to)})` : `CONVERT(${plain(q.amount)},${quote(q.unit)},${quote(to)})`;
  };
  /** The quantity as written (the cell when it holds the number alone), in its own unit. */
  const rawExpr = (field: FieldId, q: QuantityValue, row: number): string => (q.unitFrom === "cell" ? null : cell(field, row)) ?? plain(q.amount);
  const gwpOption = ctx.settings.gwpSet !== "AR5" ? `,${quote(`gwp=${ctx.settings.gwpSet}`)}` : "";
  const plans: RowPlan[] = [];
  const plan = (r: NormalisedRecord, record: number, terms: FormulaTerm[] = []): RowPlan => ({ row: r.row, kind, record, terms, first: true, firstRow: r.row });

  if (kind === "electricity") {
    const list = dataset.electricity as ElectricityRecord[];
    records.forEach((r, i) => {
      const energy = qty(r.fields.energyAmount);
      const rec = list[i]!;
      const terms: FormulaTerm[] = [];
      if (energy) {
        const call = (line: string) => `ESG.ELECTRICITY_CO2(${amountExpr("energyAmount", energy, r.row, "kWh")},${quote(rec.region)}${line ? `,${quote(`line=${line}`)}` : ""}${gwpOption})`;
        terms.push({ code: "inventory/scope2/location", term: call("") }, { code: "inventory/scope3.cat3/electricity-td", term: call("td") }, { code: "inventory/scope3.cat3/electricity-wtt", term: call("upstream") });
      }
      plans.push(plan(r, i, terms));
    });
    return { kind, dataset, plans };
  }

  if (kind === "fuels") {
    const list = dataset.fuels as FuelRecord[];
    records.forEach((r, i) => {
      const rec = list[i]!;
      const amount = qty(r.fields.fuelQuantity) ?? qty(r.fields.energyAmount);
      const fuel = typeof rec.factor === "string" ? rec.factor : typeof rec.carrier === "string" ? rec.carrier : undefined;
      const terms: FormulaTerm[] = [];
      if (amount && fuel !== undefined) {
        const field: FieldId = qty(r.fields.fuelQuantity) ? "fuelQuantity" : "energyAmount";
        const call = (line: string) => `ESG.FUEL_CO2(${rawExpr(field, amount, r.row)},${quote(amount.unit)},${quote(fuel)}${line ? `,${quote(`line=${line}`)}` : ""}${gwpOption})`;
        terms.push({ code: "inventory/scope1/fuel", term: call("") }, { code: "inventory/scope3.cat3/fuel-wtt", term: call("wtt") });
      }
      plans.push(plan(r, i, terms));
    });
    return { kind, dataset, plans };
  }

  if (kind === "outputs") {
    const list = dataset.outputs as MaterialOutputRecord[];
    const allocation = ctx.settings.allocation;
    records.forEach((r, i) => {
      const rec = list[i]!;
      const mass = qty(r.fields.mass);
      const terms: FormulaTerm[] = [];
      // The recycling credit with the default factor pair (the same defaults the records carry) and the run's allocation;
      // cff needs an A the settings do not hold, so its rows show the value.
      if (rec.disposition === "RECYCLE" && mass && rec.certificateId && rec.virginFactor && rec.recyclingFactor && allocation !== "cff") {
        const options = [`certificate=${rec.certificateId}`, ...(allocation !== "50-50" ? [`allocation=${allocation}`] : [])].map(quote).join(",");
        terms.push({ code: "avoided/recycling/eol-share", term: `ESG.RECYCLING_CO2(${quote(rec.material)},${amountExpr("mass", mass, r.row, "kg")},,,${options})` });
      }
      plans.push(plan(r, i, terms));
    });
    return { kind, dataset, plans };
  }

  if (kind === "shipments") {
    // The same grouping as datasetFromAnySheet: rows with one shipment id are the legs of one record, in row order.
    const byId = new Map<string, RowPlan>();
    let records_ = 0;
    for (const r of records) {
      const f = r.fields;
      const id = str(f.shipmentId) ?? `row ${r.row}`;
      const mass = qty(f.mass);
      const distance = qty(f.distance);
      const mode = cls(f.mode)?.id;
      let head = byId.get(id);
      const p: RowPlan = head ? { row: r.row, kind, record: head.record, terms: [], first: false, firstRow: head.row } : plan(r, records_++);
      if (!head) {
        head = p;
        byId.set(id, p);
      }
      // Every leg's call goes on the shipment's first row: its cell holds the shipment total (WTW, category 4).
      const legMass = mass ?? qty(records.find((x) => x.row === head!.row)?.fields.mass);
      if (legMass && distance && mode) head.terms.push({ code: "inventory/scope3.cat4/WTW", term: `ESG.TRANSPORT_CO2(${amountExpr("mass", legMass, mass ? r.row : head.row, "kg")},${amountExpr("distance", distance, r.row, "km")},${quote(mode)}${gwpOption})` });
      else head.terms.push({ code: "(leg without a formula)", term: "" });
      plans.push(p);
    }
    // A shipment with a leg that has no call gets no formula.
    for (const head of byId.values()) if (head.terms.some((t) => t.term === "")) head.terms = [];
    return { kind, dataset, plans };
  }

  const list = dataset.dispositions as DispositionRecord[];
  records.forEach((r, i) => {
    const rec = list[i]!;
    const mass = qty(r.fields.mass);
    const terms: FormulaTerm[] = [];
    if (rec.treatmentFactor && mass && rec.unuKey) terms.push({ code: "inventory/scope3.cat5/treatment", term: `ESG.EOL_CO2(${quote(rec.unuKey)},${amountExpr("mass", mass, r.row, "kg")},${quote(rec.disposition)}${gwpOption})` });
    plans.push(plan(r, i, terms));
  });
  return { kind, dataset, plans };
}
