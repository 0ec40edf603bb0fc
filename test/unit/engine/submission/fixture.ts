/** A small run for the submission tests: every record kind, one bad row, a reuse and a recycling credit, a mass balance. */
import { assembleSubmission, recordingRegistry, runPipeline, type Dataset, type PipelineSettings, type SubmissionInput } from "../../../../src/engine";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";

export function smallDataset(overrides: Partial<Record<keyof Dataset, unknown[]>> = {}): Dataset {
  return {
    shipments: [{ row: 2, shipmentId: "S1", mass: 1000, massUnit: "kg", legs: [{ distance: 100, wtwIntensity: "0.1", ttwIntensity: "0.08" }] }],
    electricity: [{ row: 2, siteId: "A", month: "2025-01", region: "0.4", energy: 1000 }],
    fuels: [{ row: 2, siteId: "A", month: "2025-03", carrier: "natural-gas", factorSet: "epa", quantity: 10, unit: "MMBtu" }],
    refrigerants: [{ row: 2, siteId: "A", refrigerant: "R-410A", released: "1.5" }],
    dispositions: [
      { row: 2, assetId: "A1", mass: 10, massUnit: "kg", disposition: "RECYCLE", lotId: "L1", hazardous: false },
      {
        row: 3,
        assetId: "A2",
        quantity: 1,
        mass: "2.5",
        massUnit: "kg",
        disposition: "REUSE-DEVICE",
        lotId: "L2",
        hazardous: false,
        dataBearing: true,
        evidence: { testRecord: "T2", sanitizationRecord: "S2" },
        reuse: { newProductFactor: 250, lifetimeExtendedYears: 2, lifetimeNewYears: 4, refurbishmentKg: 5, partsKg: 2, extraLogisticsKg: 3 },
      },
      { row: 4, assetId: "A3", mass: "x", massUnit: "kg", disposition: "LANDFILL", lotId: "L9" },
    ],
    outputs: [{ row: 2, lotId: "L3", material: "AL", outputMass: 100, disposition: "RECYCLE", certificateId: "C1", virginFactor: "8", recyclingFactor: "0.5", hazardous: false }],
    ...overrides,
  };
}

export const SETTINGS: PipelineSettings = { reportingPeriod: "2025", claimant: "ACME", massBalance: { received: "12.5", stockChange: "0" } };

export function smallInput(dataset: Dataset = smallDataset(), settings: PipelineSettings = SETTINGS): SubmissionInput {
  const registry = recordingRegistry(bundledRegistry());
  const out = runPipeline(dataset, { registry, taxonomy: bundledTaxonomy(), settings });
  return {
    inputsAsReceived: [{ name: "assets.csv", text: "Asset,Weight\nA1,10\n" }],
    mapping: { sheets: [] },
    records: dataset,
    pipelineOutput: out,
    settings,
    organization: { name: "Acme Recycling" },
    reportingPeriod: { start: "2025-01-01", end: "2025-12-31" },
    preparer: { name: "P. Reparer", role: "preparer" },
    approvals: [{ name: "A. Prover", role: "approver", date: "2026-01-15" }],
    auditLog: [],
    evidenceIndex: [],
  };
}

export const smallContent = (dataset?: Dataset, settings?: PipelineSettings) => assembleSubmission(smallInput(dataset, settings));
