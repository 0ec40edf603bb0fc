/**
 * From checked rows to pipeline records, and the per-row formulas of the results table.
 *
 * The kind of a sheet follows from its mapped fields: an energy amount makes it monthly
 * facility energy (electricity), a distance or mode makes it shipments (rows with the same
 * shipment id are the legs of one shipment), otherwise it is a disposition log (asset
 * lists and downstream certificates). Free-text products are classified to UNU-KEYs,
 * and each disposition gets the end-of-life factor the EOL method maps it to, so the
 * `=ESG.EOL_CO2(...)` formula of a row and the pipeline book the same number.
 */
import { attempt, endOfLifeEmissions, plain, type ClassValue, type FieldId, type MappingTemplate, type NormalisedRecord, type NormalisedValue, type QuantityValue, type Taxonomy, type FactorRegistry } from "../../../engine";
import { columnLetters } from "../../../office/a1";
import type { Dataset, DispositionRecord, ElectricityRecord, ShipmentRecord } from "../../../engine";
import { DISPOSITION_CODES } from "../../../engine";
import type { EsgSettings } from "../settings/settings";

export type SheetKind = "dispositions" | "electricity" | "shipments";

export function sheetKind(template: MappingTemplate): SheetKind {
  const mapped = new Set(template.columns.map((c) => c.field).filter((f): f is FieldId => f !== null));
  if (mapped.has("energyAmount")) return "electricity";
  if (mapped.has("distance") || mapped.has("mode")) return "shipments";
  return "dispositions";
}

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
  const kind = sheetKind(ctx.template);
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
    const list: ElectricityRecord[] = [];
    for (const r of records) {
      const f = r.fields;
      const energy = qty(f.energyAmount);
      const period = str(f.period) ?? str(f.date)?.slice(0, 7);
      const region = str(f.country) ?? ctx.settings.regionDefault;
      const rec: ElectricityRecord = {
        row: r.row,
        siteId: str(f.site) ?? "site",
        month: period ?? "",
        region,
        energy: energy ? plain(energy.amount) : "",
        ...(energy ? { energyUnit: energy.unit } : {}),
        origins: { region: f.country ? "mapped" : "defaulted" },
      };
      const plan: RowPlan = { row: r.row, kind, record: list.length, first: true };
      if (energy) plan.formula = `=ESG.ELECTRICITY_CO2(${amountExpr("energyAmount", energy, r.row, "kWh")},${quote(region)}${gwpOption})`;
      list.push(rec);
      plans.push(plan);
    }
    return { kind, dataset: { electricity: list }, plans };
  }

  if (kind === "shipments") {
    const list: ShipmentRecord[] = [];
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
        index = list.length;
        byId.set(id, index);
        list.push({ row: r.row, shipmentId: id, mass: mass ? plain(mass.amount) : "", ...(mass ? { massUnit: mass.unit } : {}), ...(str(f.lotId) ? { lotId: str(f.lotId)! } : {}), legs: [] });
      }
      const s = list[index]!;
      s.legs.push({ ...(mode ? { mode } : {}), distance: distance ? plain(distance.amount) : "", ...(distance ? { distanceUnit: distance.unit } : {}), ...(mass && !first ? { mass: plain(mass.amount) } : {}) });
      const plan: RowPlan = { row: r.row, kind, record: index, first };
      if (mass && distance && mode) plan.formula = `=ESG.TRANSPORT_CO2(${amountExpr("mass", mass, r.row, "kg")},${amountExpr("distance", distance, r.row, "km")},${quote(mode)}${gwpOption})`;
      plans.push(plan);
    }
    // Legs in leg-number order are already in row order in the sheets we read.
    return { kind, dataset: { shipments: list }, plans };
  }

  const eol = new Map<string, string | null>();
  const list: DispositionRecord[] = [];
  for (const r of records) {
    const f = r.fields;
    const description = str(f.description) ?? str(f.category);
    const unuKey = str(f.unuKey) ?? (description ? (ctx.taxonomy.classify(description)?.key ?? undefined) : undefined);
    const mass = qty(f.mass);
    const dispositionId = cls(f.disposition)?.id;
    const disposition = dispositionId && (DISPOSITION_CODES as readonly string[]).includes(dispositionId) ? dispositionId : (dispositionId ?? "");
    const quantity = f.quantity;
    let treatmentFactor: string | null = null;
    if (unuKey && disposition && mass) {
      const key = `${unuKey}|${disposition}`;
      if (!eol.has(key)) {
        // The factor the EOL method maps (UNU-KEY, disposition) to; none for reuse and stock.
        const got = attempt(() => endOfLifeEmissions({ mass: { amount: "1", unit: "kg" }, treatment: disposition, unuKey }, { registry: ctx.registry, taxonomy: ctx.taxonomy, gwp: ctx.settings.gwpSet }));
        eol.set(key, got.ok ? (got.value.trace.factors[0]?.id ?? null) : null);
      }
      treatmentFactor = eol.get(key)!;
    }
    const rec: DispositionRecord = {
      row: r.row,
      assetId: str(f.assetId) ?? str(f.serialNumber) ?? str(f.certificateId) ?? str(f.lotId) ?? `row ${r.row}`,
      ...(unuKey ? { unuKey } : {}),
      ...(description ? { description } : {}),
      ...(quantity !== undefined && typeof quantity === "object" && "toFixed" in quantity ? { quantity: quantity.toFixed() } : {}),
      mass: mass ? plain(mass.amount) : "",
      ...(mass ? { massUnit: mass.unit } : {}),
      disposition: disposition as DispositionRecord["disposition"],
      ...(str(f.lotId) ? { lotId: str(f.lotId)! } : {}),
      ...(typeof f.dataBearing === "boolean" ? { dataBearing: f.dataBearing } : {}),
      ...(treatmentFactor ? { treatmentFactor } : {}),
      origins: { ...(unuKey && !f.unuKey ? { unuKey: "mapped" as const } : {}), disposition: "mapped" },
    };
    const plan: RowPlan = { row: r.row, kind, record: list.length, first: true };
    if (treatmentFactor && mass && unuKey) plan.formula = `=ESG.EOL_CO2(${quote(unuKey)},${amountExpr("mass", mass, r.row, "kg")},${quote(disposition)}${gwpOption})`;
    list.push(rec);
    plans.push(plan);
  }
  return { kind, dataset: { dispositions: list }, plans };
}
