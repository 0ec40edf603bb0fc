/**
 * Sheet -> pipeline records (datasetFromAnySheet): the fields added for fuels,
 * downstream certificates, evidence ids, hazardous flags and energy attribute certificates.
 */
import {
  anySheetKindOf,
  applyMapping,
  datasetFromAnySheet,
  plain,
  runPipeline,
  suggestMapping,
  taxonomyPort,
  toDec,
  type DispositionRecord,
  type ElectricityRecord,
  type FuelRecord,
  type MaterialOutputRecord,
  type ReuseAssumptions,
} from "../../../../src/engine";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const port = taxonomyPort(taxonomy);

function sheet(rows: string[][]) {
  const template = suggestMapping(rows, { taxonomy: port }).template;
  const check = applyMapping(template, rows, { taxonomy: port, firstRow: 1 });
  return { template, check, fields: Object.fromEntries(template.columns.map((c) => [c.header, c.field])) };
}

const FUEL = [
  ["Site", "Month", "Fuel", "Purpose", "Volume", "Volume Unit"],
  ["Leeds plant", "2025-01", "Natural gas", "Space heating", "1150", "m3"],
  ["Leeds plant", "2025-01", "Diesel", "Forklifts", "140", "L"],
];

const CERTS = [
  ["Certificate No", "Lot", "Material", "Net Weight (kg)", "Treatment", "Downstream Processor"],
  ["COR-1", "OUT-1", "FE", "300.5", "Recycled", "Midlands Metals Ltd"],
  ["COR-2", "OUT-2", "PCB-MG", "100", "Recycled", "PCB Refining GmbH"],
  ["COR-3", "OUT-3", "PLA-BFR", "120", "Energy recovery", "Ferrybridge EfW"],
];

const ASSETS = [
  ["Asset Tag", "Item Description", "Qty", "Weight", "UOM", "Disposition", "Lot", "Data Bearing", "Hazardous", "Test Report", "Erasure Report", "Sales Order"],
  ["A-1", "Latitude 5420 Laptop 14in", "2", "3.5", "kg", "Resold", "RS-1", "Yes", "Yes", "TR-1", "ER-1", "SO-1"],
  ["A-2", "P2419H 24in LCD monitor", "1", "4", "kg", "Recycled", "PAL-1", "No", "No", "", "", ""],
];

const ENERGY = [
  ["Site", "Month", "Country", "Usage", "Unit", "REGO (MWh)", "REGO Certificate"],
  ["Leeds plant", "2025-01", "GB", "6800", "kWh", "4.08", "REGO-1"],
];

describe("mapping: the added canonical fields", () => {
  it("suggests them from their headers", () => {
    expect(sheet(FUEL).fields).toMatchObject({ Fuel: "fuel", Volume: "fuelQuantity", "Volume Unit": "fuelUnit", Site: "site", Month: "period" });
    expect(sheet(FUEL).fields.Purpose).toBeNull();
    expect(sheet(CERTS).fields).toMatchObject({ "Certificate No": "certificateId", Lot: "lotId", Material: "material", "Net Weight (kg)": "mass", Treatment: "disposition" });
    expect(sheet(ASSETS).fields).toMatchObject({ Hazardous: "hazardous", "Data Bearing": "dataBearing", "Test Report": "testRecordId", "Erasure Report": "sanitizationRecordId", "Sales Order": "saleRecordId" });
    expect(sheet(ENERGY).fields).toMatchObject({ "REGO (MWh)": "instrumentEnergy", "REGO Certificate": "certificateId", Usage: "energyAmount" });
  });
});

describe("datasetFromAnySheet", () => {
  it("reads a fuel log: natural gas metered in m3 gets the DESNZ per-m3 factor, diesel in litres its carrier; Scope 1 is quantity x factor exactly", () => {
    const s = sheet(FUEL);
    expect(anySheetKindOf(s.template)).toBe("fuels");
    const { kind, dataset } = datasetFromAnySheet(s.template, s.check.records, { taxonomy, registry });
    expect(kind).toBe("fuels");
    const [gas, diesel] = dataset.fuels as FuelRecord[];
    expect(gas).toMatchObject({ row: 2, siteId: "Leeds plant", month: "2025-01", factor: "desnz.fuels.gaseous-fuels.natural-gas.m3.ttw", quantity: "1150", unit: "m3" });
    expect(gas!.carrier).toBeUndefined();
    expect(diesel).toMatchObject({ carrier: "diesel", quantity: "140", unit: "L" });
    const out = runPipeline(dataset, { registry, taxonomy, settings: { reportingPeriod: "2025" } });
    expect(out.counts.rowsRejected).toBe(0);
    const f = (id: string) => registry.get(id, { year: 2025 }).value;
    const expected = toDec(1150)!.times(f("desnz.fuels.gaseous-fuels.natural-gas.m3.ttw")).plus(toDec(140)!.times(f("desnz.fuels.liquid-fuels.diesel-average-biofuel-blend.l.ttw")));
    expect(plain(out.ledgers.inventory.scope1)).toBe(plain(expected));
  });

  it("reads downstream certificates: recycling factor pair where DESNZ publishes one, hazardous from the fraction default (defaulted)", () => {
    const s = sheet(CERTS);
    expect(anySheetKindOf(s.template)).toBe("outputs");
    const outputs = datasetFromAnySheet(s.template, s.check.records, { taxonomy, registry }).dataset.outputs as MaterialOutputRecord[];
    expect(outputs[0]).toMatchObject({
      lotId: "OUT-1",
      material: "FE",
      outputMass: "300.5",
      massUnit: "kg",
      disposition: "RECYCLE",
      certificateId: "COR-1",
      hazardous: false,
      virginFactor: "desnz.material.metal.metal-steel-cans.primary-material-production.t.cradle-to-gate",
      recyclingFactor: "desnz.material.metal.metal-steel-cans.closed-loop-source.t.cradle-to-gate",
    });
    expect(outputs[0]!.origins).toMatchObject({ hazardous: "defaulted", virginFactor: "defaulted" });
    expect(outputs[1]).toMatchObject({ material: "PCB-MG", hazardous: true });
    expect(outputs[1]!.virginFactor).toBeUndefined(); // no published pair: material flow only, no credit
    expect(outputs[2]).toMatchObject({ disposition: "ENERGY-RECOVERY", hazardous: true });
    const out = runPipeline({ outputs }, { registry, taxonomy, settings: { reportingPeriod: "2025", claimant: "ACME" } });
    expect(out.counts.rowsRejected).toBe(0);
    expect(out.ledgers.avoided.total.gt(0)).toBe(true);
  });

  it("reads evidence ids, hazardous flags and (with the caller's assumptions) reuse parameters on disposition rows", () => {
    const s = sheet(ASSETS);
    const assumptions: ReuseAssumptions = { newProductFactorByUnuKey: { "0303": 250 }, lifetimeExtendedYears: "3", lifetimeNewYears: "5", refurbishmentKg: "1.5", partsKg: "0", extraLogisticsKg: "0.8" };
    const list = datasetFromAnySheet(s.template, s.check.records, { taxonomy, registry, reuseAssumptions: assumptions }).dataset.dispositions as DispositionRecord[];
    expect(list[0]).toMatchObject({
      unuKey: "0303",
      disposition: "REUSE-DEVICE",
      hazardous: true,
      dataBearing: true,
      evidence: { testRecord: "TR-1", sanitizationRecord: "ER-1", saleRecord: "SO-1" },
      reuse: { newProductFactor: 250, lifetimeExtendedYears: "3", lifetimeNewYears: "5", refurbishmentKg: "1.5", partsKg: "0", extraLogisticsKg: "0.8" },
    });
    expect(list[1]).toMatchObject({ disposition: "RECYCLE", hazardous: false });
    expect(list[1]!.evidence).toBeUndefined();
    expect(list[1]!.reuse).toBeUndefined();
    // 2 units x (DR 0.5 x min(1, 3/5) x 250 - (1.5 + 0 + 0.8)) = 2 x 72.7 = 145.4
    const out = runPipeline({ dispositions: list }, { registry, taxonomy, settings: { reportingPeriod: "2025" } });
    expect(plain(out.ledgers.avoided.total)).toBe("145.4");
    // Without assumptions: no reuse parameters (no credit), evidence still carried.
    const plainList = datasetFromAnySheet(s.template, s.check.records, { taxonomy, registry }).dataset.dispositions as DispositionRecord[];
    expect(plainList[0]!.reuse).toBeUndefined();
    expect(plainList[0]!.evidence).toEqual({ testRecord: "TR-1", sanitizationRecord: "ER-1", saleRecord: "SO-1" });
  });

  it("reads the energy covered by certificates as an EAC instrument, converted exactly to the row's unit (Scope 2 market-based)", () => {
    const s = sheet(ENERGY);
    const [row] = datasetFromAnySheet(s.template, s.check.records, { taxonomy, registry }).dataset.electricity as ElectricityRecord[];
    expect(row!.instruments).toEqual([{ kind: "EAC", energy: "4080", certificateId: "REGO-1" }]);
    const out = runPipeline({ electricity: [row] }, { registry, taxonomy, settings: { reportingPeriod: "2025" } });
    const location = out.ledgers.inventory.scope2Location;
    // The remainder (6800 - 4080 kWh) at the grid factor (no residual mix shipped): market = location x 2720/6800.
    expect(plain(out.ledgers.inventory.scope2Market)).toBe(plain(location.times(2720).div(6800)));
  });
});
