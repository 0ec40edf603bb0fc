/**
 * From checked sheet rows (the mapping layer's normalised records) to pipeline records, for a
 * headless run (`esg run`). The kind of a sheet follows from its mapped fields: an energy amount
 * makes it monthly facility energy (electricity); a distance or a mode makes it shipments (rows
 * with the same shipment id are the legs of one shipment); otherwise it is a disposition log. Free
 * text products are classified to UNU-KEYs, and each disposition gets the end-of-life factor the EOL
 * method maps (UNU-KEY, disposition) to. The same rules as the taskpane's Calculate step.
 */
import { plain } from "../quantities/decimal";
import { convert } from "../quantities/quantity";
import { attempt } from "../issues/issue";
import type { FactorRegistry } from "../factors/registry";
import type { Taxonomy } from "../taxonomy";
import { endOfLifeEmissions } from "../methods/end-of-life";
import type { GwpInput } from "../methods/common/gwp";
import type { ClassValue, FieldId, MappingTemplate, NormalisedRecord, NormalisedValue, QuantityValue } from "../mapping";
import { defaultRecyclingFactors } from "../methods/recycling-defaults";
import { DISPOSITION_CODES, type Dataset, type DispositionRecord, type ElectricityRecord, type FactorField, type FuelRecord, type MaterialOutputRecord, type NumLike, type ShipmentRecord } from "../pipeline";

type SheetKind = "dispositions" | "electricity" | "shipments";
/** Every sheet kind `datasetFromAnySheet` reads: the three of `datasetFromSheet`, fuel logs and downstream certificates. */
export type AnySheetKind = SheetKind | "fuels" | "outputs";

/**
 * The kind of a sheet, all kinds: a mapped fuel volume makes a fuel log; then the rules of
 * `baseSheetKindOf` (energy amount -> electricity; distance or mode -> shipments); a mapped material
 * (without those) makes downstream material certificates; otherwise a disposition log.
 */
export function anySheetKindOf(template: MappingTemplate): AnySheetKind {
  const mapped = new Set(template.columns.map((c) => c.field).filter((f): f is FieldId => f !== null));
  if (mapped.has("fuelQuantity") && !mapped.has("distance") && !mapped.has("mode")) return "fuels";
  const base = baseSheetKindOf(template);
  if (base === "dispositions" && mapped.has("material")) return "outputs";
  return base;
}

/** The base reading: energy amount -> electricity; distance or mode -> shipments; otherwise dispositions. */
function baseSheetKindOf(template: MappingTemplate): SheetKind {
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
  /**
   * Reuse parameters for REUSE-DEVICE rows (a sheet does not hold them): the new product each
   * reused unit stands in for, by UNU-KEY (a factor id or a number in kg CO2e/unit), and the
   * lifetimes and burdens, the same for every row. Without it reuse rows carry no reuse parameters
   * (material flow and end of life only, no credit).
   */
  reuseAssumptions?: ReuseAssumptions;
}

export interface ReuseAssumptions {
  newProductFactorByUnuKey: Readonly<Record<string, FactorField>>;
  lifetimeExtendedYears: NumLike;
  lifetimeNewYears: NumLike;
  refurbishmentKg: NumLike;
  partsKg: NumLike;
  extraLogisticsKg: NumLike;
  displacementRate?: NumLike;
}

const str = (v: NormalisedValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const qty = (v: NormalisedValue | undefined): QuantityValue | undefined => (typeof v === "object" && v !== null && "unit" in v && "amount" in v ? (v as QuantityValue) : undefined);
const cls = (v: NormalisedValue | undefined): ClassValue | undefined => (typeof v === "object" && v !== null && "id" in v && "raw" in v ? (v as ClassValue) : undefined);

/** The pipeline records of one mapped sheet, any kind (`anySheetKindOf`): also fuel logs and downstream certificates. */
export function datasetFromAnySheet(template: MappingTemplate, records: readonly NormalisedRecord[], options: DatasetOptions = {}): { kind: AnySheetKind; dataset: Dataset } {
  const kind = anySheetKindOf(template);
  return { kind, dataset: build(kind, records, options) };
}

/** DESNZ fuel ids name their activity unit: `desnz.fuels.<group>.<fuel>.<unit>.ttw`. */
const DESNZ_UNIT_SLUG: Readonly<Record<string, string>> = { L: "l", m3: "m3", t: "t", kWh: "kwh-gross-cv" };

/**
 * A fuel row: the carrier (taxonomy id when the fuel names one). When the carrier's default DESNZ
 * factor is per another unit than the row's (natural gas per kWh, metered in m3), the DESNZ factor
 * of the same fuel per the row's unit, when the registry has it (its WTT sibling follows).
 */
function fuelRecord(r: NormalisedRecord, options: DatasetOptions): FuelRecord {
  const f = r.fields;
  const amount = qty(f.fuelQuantity) ?? qty(f.energyAmount);
  const text = cls(f.energyCarrier)?.id ?? str(f.fuel);
  let carrier = text;
  let factor: string | undefined;
  if (text !== undefined && options.taxonomy) {
    const c = attempt(() => options.taxonomy!.carrier(text));
    if (c.ok) {
      carrier = c.value.id;
      const ttw = c.value.defaultFactors["desnz2025"]?.ttw;
      const slug = amount ? DESNZ_UNIT_SLUG[amount.unit] : undefined;
      if (typeof ttw === "string" && slug !== undefined && options.registry) {
        const own = ttw.replace(/\.[^.]+\.ttw$/, `.${slug}.ttw`);
        if (own !== ttw && options.registry.has(own)) factor = own;
      }
    }
  }
  const period = str(f.period) ?? str(f.date)?.slice(0, 7);
  return {
    row: r.row,
    siteId: str(f.site) ?? "site",
    month: period ?? "",
    ...(factor !== undefined ? { factor } : carrier !== undefined ? { carrier } : {}),
    quantity: amount ? plain(amount.amount) : "",
    unit: amount?.unit ?? "",
    origins: { ...(factor !== undefined ? { factor: "mapped" as const } : carrier !== undefined ? { carrier: "mapped" as const } : {}) },
  };
}

/**
 * A downstream certificate row: the output fraction, its final disposition and certificate id; the
 * hazardous flag as given, else the fraction's default (taxonomy, recorded as defaulted); for a
 * recycled material with a DESNZ default factor pair, E*v and ErecEoL (the recycling credit's factors).
 */
function outputRecord(r: NormalisedRecord, options: DatasetOptions): MaterialOutputRecord {
  const f = r.fields;
  const mass = qty(f.mass);
  const material = str(f.material) ?? "";
  const dispositionId = cls(f.disposition)?.id ?? "";
  let hazardous = typeof f.hazardous === "boolean" ? f.hazardous : undefined;
  let hazardousDefaulted = false;
  if (hazardous === undefined && material !== "" && options.taxonomy) {
    const fr = attempt(() => options.taxonomy!.fraction(material.trim().toUpperCase()));
    if (fr.ok) {
      hazardous = fr.value.hazardousDefault;
      hazardousDefaulted = true;
    }
  }
  let factors: { virginFactor: string; recyclingFactor: string } | null = null;
  if (dispositionId === "RECYCLE" && material !== "" && options.registry) {
    const d = attempt(() => defaultRecyclingFactors(material, options.registry));
    if (d.ok) factors = { virginFactor: d.value.virginFactorId, recyclingFactor: d.value.recyclingFactorId };
  }
  return {
    row: r.row,
    lotId: str(f.lotId) ?? str(f.certificateId) ?? "",
    material,
    outputMass: mass ? plain(mass.amount) : "",
    ...(mass ? { massUnit: mass.unit } : {}),
    disposition: dispositionId as MaterialOutputRecord["disposition"],
    ...(str(f.certificateId) ? { certificateId: str(f.certificateId)! } : {}),
    ...(hazardous !== undefined ? { hazardous } : {}),
    ...(factors ?? {}),
    origins: { disposition: "mapped", ...(hazardousDefaulted ? { hazardous: "defaulted" as const } : {}), ...(factors ? { virginFactor: "defaulted" as const, recyclingFactor: "defaulted" as const } : {}) },
  };
}

function build(kind: AnySheetKind, records: readonly NormalisedRecord[], options: DatasetOptions): Dataset {
  if (kind === "fuels") return { fuels: records.map((r) => fuelRecord(r, options)) };
  if (kind === "outputs") return { outputs: records.map((r) => outputRecord(r, options)) };
  if (kind === "electricity") {
    const list: ElectricityRecord[] = records.map((r) => {
      const f = r.fields;
      const energy = qty(f.energyAmount);
      const period = str(f.period) ?? str(f.date)?.slice(0, 7);
      const covered = qty(f.instrumentEnergy);
      // Certificates (EACs: REGOs, GOs, RECs) covering part of the use, in the row's energy unit (converted exactly).
      const instrument =
        covered && !covered.amount.isZero()
          ? { kind: "EAC" as const, energy: energy ? plain(energy.unit === covered.unit ? covered.amount : convert(covered.amount, covered.unit, energy.unit)) : "", ...(str(f.certificateId) ? { certificateId: str(f.certificateId)! } : {}) }
          : null;
      return {
        row: r.row,
        siteId: str(f.site) ?? "site",
        month: period ?? "",
        region: str(f.country) ?? options.regionDefault ?? "GB",
        energy: energy ? plain(energy.amount) : "",
        ...(energy ? { energyUnit: energy.unit } : {}),
        ...(instrument ? { instruments: [instrument] } : {}),
        origins: { region: f.country ? "mapped" : "defaulted" },
      };
    });
    return { electricity: list };
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
    return { shipments: list };
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
    const evidence = {
      ...(str(f.testRecordId) ? { testRecord: str(f.testRecordId)! } : {}),
      ...(str(f.sanitizationRecordId) ? { sanitizationRecord: str(f.sanitizationRecordId)! } : {}),
      ...(str(f.saleRecordId) ? { saleRecord: str(f.saleRecordId)! } : {}),
    };
    const reuseFactor = disposition === "REUSE-DEVICE" && unuKey && options.reuseAssumptions ? options.reuseAssumptions.newProductFactorByUnuKey[unuKey] : undefined;
    let reuse: DispositionRecord["reuse"];
    if (reuseFactor !== undefined) {
      const a = options.reuseAssumptions!;
      reuse = {
        newProductFactor: reuseFactor,
        lifetimeExtendedYears: a.lifetimeExtendedYears,
        lifetimeNewYears: a.lifetimeNewYears,
        refurbishmentKg: a.refurbishmentKg,
        partsKg: a.partsKg,
        extraLogisticsKg: a.extraLogisticsKg,
        ...(a.displacementRate !== undefined ? { displacementRate: a.displacementRate } : {}),
      };
    }
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
      ...(typeof f.hazardous === "boolean" ? { hazardous: f.hazardous } : {}),
      ...(Object.keys(evidence).length > 0 ? { evidence } : {}),
      ...(reuse ? { reuse } : {}),
      ...(treatmentFactor ? { treatmentFactor } : {}),
      origins: { ...(unuKey && !f.unuKey ? { unuKey: "mapped" as const } : {}), disposition: "mapped", ...(reuse ? { reuse: "defaulted" as const } : {}) },
    });
  }
  return { dispositions: list };
}

/** Concatenates datasets kind by kind (sheets in the order given). */
export function mergeDatasets(parts: readonly Dataset[]): Dataset {
  const out: Record<string, unknown[]> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) if (v) (out[k] ??= []).push(...(v as unknown[]));
  return out as Dataset;
}
