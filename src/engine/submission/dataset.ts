/**
 * From checked sheet rows (the mapping layer's normalised records) to pipeline records, for a
 * headless run (`esg run`). The kind of a sheet follows from its mapped fields: an energy amount
 * makes it monthly facility energy (electricity); a distance or a mode makes it shipments (rows
 * with the same shipment id are the legs of one shipment); otherwise it is a disposition log. Free
 * text products are classified to UNU-KEYs, and each disposition gets the end-of-life factor the EOL
 * method maps (UNU-KEY, disposition) to. The same rules as the taskpane's Calculate step.
 */
import { plain } from "../quantities/decimal";
import { attempt } from "../issues/issue";
import type { FactorRegistry } from "../factors/registry";
import type { Taxonomy } from "../taxonomy";
import { endOfLifeEmissions } from "../methods/end-of-life";
import type { GwpInput } from "../methods/common/gwp";
import type { ClassValue, FieldId, MappingTemplate, NormalisedRecord, NormalisedValue, QuantityValue } from "../mapping";
import { DISPOSITION_CODES, type Dataset, type DispositionRecord, type ElectricityRecord, type ShipmentRecord } from "../pipeline";

export type SheetKind = "dispositions" | "electricity" | "shipments";

export function sheetKindOf(template: MappingTemplate): SheetKind {
  const mapped = new Set(template.columns.map((c) => c.field).filter((f): f is FieldId => f !== null));
  if (mapped.has("energyAmount")) return "electricity";
  if (mapped.has("distance") || mapped.has("mode")) return "shipments";
  return "dispositions";
}

export interface DatasetOptions {
  taxonomy?: Taxonomy;
  registry?: FactorRegistry;
  /** Grid region for energy rows without a country (default "GB"). */
  regionDefault?: string;
  gwpSet?: GwpInput;
}

const str = (v: NormalisedValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const qty = (v: NormalisedValue | undefined): QuantityValue | undefined => (typeof v === "object" && v !== null && "unit" in v && "amount" in v ? (v as QuantityValue) : undefined);
const cls = (v: NormalisedValue | undefined): ClassValue | undefined => (typeof v === "object" && v !== null && "id" in v && "raw" in v ? (v as ClassValue) : undefined);

/** The pipeline records of one mapped sheet. */
export function datasetFromSheet(template: MappingTemplate, records: readonly NormalisedRecord[], options: DatasetOptions = {}): { kind: SheetKind; dataset: Dataset } {
  const kind = sheetKindOf(template);
  if (kind === "electricity") {
    const list: ElectricityRecord[] = records.map((r) => {
      const f = r.fields;
      const energy = qty(f.energyAmount);
      const period = str(f.period) ?? str(f.date)?.slice(0, 7);
      return {
        row: r.row,
        siteId: str(f.site) ?? "site",
        month: period ?? "",
        region: str(f.country) ?? options.regionDefault ?? "GB",
        energy: energy ? plain(energy.amount) : "",
        ...(energy ? { energyUnit: energy.unit } : {}),
        origins: { region: f.country ? "mapped" : "defaulted" },
      };
    });
    return { kind, dataset: { electricity: list } };
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
      list[index]!.legs.push({
        ...(mode ? { mode } : {}),
        distance: distance ? plain(distance.amount) : "",
        ...(distance ? { distanceUnit: distance.unit } : {}),
        ...(mass && !first ? { mass: plain(mass.amount), massUnit: mass.unit } : {}),
      } as ShipmentRecord["legs"][number]);
    }
    return { kind, dataset: { shipments: list } };
  }
  const eol = new Map<string, string | null>();
  const list: DispositionRecord[] = [];
  for (const r of records) {
    const f = r.fields;
    const description = str(f.description) ?? str(f.category);
    const unuKey = str(f.unuKey) ?? (description && options.taxonomy ? (options.taxonomy.classify(description)?.key ?? undefined) : undefined);
    const mass = qty(f.mass);
    const dispositionId = cls(f.disposition)?.id;
    const disposition = dispositionId && (DISPOSITION_CODES as readonly string[]).includes(dispositionId) ? dispositionId : (dispositionId ?? "");
    let treatmentFactor: string | null = null;
    if (unuKey && disposition && mass && options.registry) {
      const key = `${unuKey}|${disposition}`;
      if (!eol.has(key)) {
        const got = attempt(() =>
          endOfLifeEmissions(
            { mass: { amount: "1", unit: "kg" }, treatment: disposition, unuKey },
            { registry: options.registry!, ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}), ...(options.gwpSet !== undefined ? { gwp: options.gwpSet } : {}) },
          ),
        );
        eol.set(key, got.ok ? (got.value.trace.factors[0]?.id ?? null) : null);
      }
      treatmentFactor = eol.get(key)!;
    }
    const quantity = f.quantity;
    list.push({
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
    });
  }
  return { kind, dataset: { dispositions: list } };
}

/** Concatenates datasets kind by kind (sheets in the order given). */
export function mergeDatasets(parts: readonly Dataset[]): Dataset {
  const out: Record<string, unknown[]> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) if (v) (out[k] ??= []).push(...(v as unknown[]));
  return out as Dataset;
}
