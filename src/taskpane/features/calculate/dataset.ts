/**
 * From checked rows to pipeline records, and the per-row formulas of the results table.
 *
 * The records come from the engine's `datasetFromSheet` (src/engine/submission/dataset.ts), the
 * same function `esg run` uses, so the taskpane, the command line and a submission bundle compute
 * from identical records: the kind of a sheet follows from its mapped fields (energy amount →
 * electricity; distance or mode → shipments, rows with one shipment id being its legs; otherwise
 * a disposition log), free-text products are classified to UNU-KEYs and each disposition gets the
 * end-of-life factor the EOL method maps it to. What stays here is Excel-specific: the plan of each
 * row of the results table, with the `=ESG.*` formula that books the same number as the pipeline.
 */
import { datasetFromSheet, sheetKindOf, plain, type FieldId, type MappingTemplate, type NormalisedRecord, type NormalisedValue, type QuantityValue, type ClassValue, type Taxonomy, type FactorRegistry } from "../../../engine";
import { columnLetters } from "../../../office/a1";
import type { Dataset, DispositionRecord, ElectricityRecord } from "../../../engine";
import type { EsgSettings } from "../settings/settings";

export type SheetKind = "dispositions" | "electricity" | "shipments";

export const sheetKind = (template: MappingTemplate): SheetKind => sheetKindOf(template);

/** What the results table shows for one data row (before the run fills in the values). */
export interface RowPlan {
  row: number;
  kind: SheetKind;
  /** Index of the row's record in dataset[kind] (legs share their shipment's record). */
  record: number;
  /** The `=ESG.*` formula of the row's inventory emissions, when it has one. */
  formula?: string;
  /** The row's first leg (shipments): the shipment's results are shown there. */
  first: boolean;
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

export function buildDataset(records: readonly NormalisedRecord[], ctx: BuildContext): BuiltDataset {
  const { kind, dataset } = datasetFromSheet(ctx.template, records, { taxonomy: ctx.taxonomy, registry: ctx.registry, regionDefault: ctx.settings.regionDefault, gwpSet: ctx.settings.gwpSet });
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
  const gwpOption = ctx.settings.gwpSet !== "AR5" ? `,${quote(`gwp=${ctx.settings.gwpSet}`)}` : "";
  const plans: RowPlan[] = [];

  if (kind === "electricity") {
    records.forEach((r, i) => {
      const energy = qty(r.fields.energyAmount);
      const rec = (dataset.electricity as ElectricityRecord[])[i]!;
      const plan: RowPlan = { row: r.row, kind, record: i, first: true };
      if (energy) plan.formula = `=ESG.ELECTRICITY_CO2(${amountExpr("energyAmount", energy, r.row, "kWh")},${quote(rec.region)}${gwpOption})`;
      plans.push(plan);
    });
    return { kind, dataset, plans };
  }

  if (kind === "shipments") {
    // The same grouping as datasetFromSheet: rows with one shipment id are the legs of one record, in row order.
    const byId = new Map<string, number>();
    for (const r of records) {
      const f = r.fields;
      const id = str(f.shipmentId) ?? `row ${r.row}`;
      const mass = qty(f.mass);
      const distance = qty(f.distance);
      const mode = cls(f.mode)?.id;
      let index = byId.get(id);
      const first = index === undefined;
      if (index === undefined) {
        index = byId.size;
        byId.set(id, index);
      }
      const plan: RowPlan = { row: r.row, kind, record: index, first };
      if (mass && distance && mode) plan.formula = `=ESG.TRANSPORT_CO2(${amountExpr("mass", mass, r.row, "kg")},${amountExpr("distance", distance, r.row, "km")},${quote(mode)}${gwpOption})`;
      plans.push(plan);
    }
    return { kind, dataset, plans };
  }

  const list = dataset.dispositions as DispositionRecord[];
  records.forEach((r, i) => {
    const rec = list[i]!;
    const mass = qty(r.fields.mass);
    const plan: RowPlan = { row: r.row, kind, record: i, first: true };
    if (rec.treatmentFactor && mass && rec.unuKey) plan.formula = `=ESG.EOL_CO2(${quote(rec.unuKey)},${amountExpr("mass", mass, r.row, "kg")},${quote(rec.disposition)}${gwpOption})`;
    plans.push(plan);
  });
  return { kind, dataset, plans };
}
