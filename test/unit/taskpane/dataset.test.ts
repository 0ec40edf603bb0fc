/**
 * Every sheet kind of the workbench sample: the taskpane's records are the engine's
 * `datasetFromAnySheet` records (what `esg run` computes from), and each `=ESG.*` formula of a
 * results-table cell recomputes to the value the pipeline booked for that row and column.
 */
import { applyMapping, datasetFromAnySheet, exactSum, mergeDatasets, rowLines, runPipeline, suggestMapping, toExcelNumber, type Dec, type RecordKind } from "../../../src/engine";
import { evaluateFormula } from "../../../src/functions/formula";
import { assetLog, certificates, facilityEnergy, fuelLog, sampleWorkbook, shipments } from "../../../src/workbench/sample/generate";
import { buildDataset, formulaOf } from "../../../src/taskpane/features/calculate/dataset";
import { DEFAULT_SETTINGS, pipelineSettings, readSettings, reuseAssumptions, type EsgSettings } from "../../../src/taskpane/features/settings/settings";
import { services } from "../../../src/taskpane/services";
import type { CellValue } from "../../../src/office/gateway";

jest.setTimeout(60_000);

const SHEETS: Record<string, CellValue[][]> = {
  "Asset Log": assetLog(400),
  Shipments: shipments(40),
  "Facility Energy": facilityEnergy(),
  "Fuel Log": fuelLog(),
  "Downstream Certs": certificates(60),
};
const settings: EsgSettings = readSettings(sampleWorkbook({ assets: 10 }).settings["esg.settings"]);

function prepare() {
  const { registry, taxonomy, mappingTaxonomy } = services();
  return Object.entries(SHEETS).map(([sheet, rows]) => {
    const template = { ...suggestMapping(rows as never, { taxonomy: mappingTaxonomy, source: { sheet } }).template, confirmed: true };
    const check = applyMapping(template, rows as never, { taxonomy: mappingTaxonomy, firstRow: 1 });
    const built = buildDataset(check.records, { template, firstColumn: 1, settings, taxonomy, registry });
    return { sheet, rows, template, check, built };
  });
}

test("each sample sheet has its kind, and the records are datasetFromAnySheet's (esg run's) for the same sheet", () => {
  const { registry, taxonomy } = services();
  const kinds = prepare().map((p) => [p.sheet, p.built.kind]);
  expect(kinds).toEqual([
    ["Asset Log", "dispositions"],
    ["Shipments", "shipments"],
    ["Facility Energy", "electricity"],
    ["Fuel Log", "fuels"],
    ["Downstream Certs", "outputs"],
  ]);
  for (const p of prepare()) {
    const reuse = reuseAssumptions(settings, registry);
    const engine = datasetFromAnySheet(p.template, p.check.records, { taxonomy, registry, regionDefault: settings.regionDefault, gwpSet: settings.gwpSet, ...(reuse ? { reuseAssumptions: reuse } : {}) });
    expect(p.built.dataset).toEqual(engine.dataset);
  }
  expect(reuseAssumptions(DEFAULT_SETTINGS, registry)).toBeUndefined();
});

test("every formula recomputes to the pipeline's value of its row and column (all five kinds, one run)", () => {
  const { registry, taxonomy, functionContext } = services();
  const prepared = prepare();
  const out = runPipeline(mergeDatasets(prepared.map((p) => p.built.dataset)), { registry, taxonomy, settings: pipelineSettings(settings) });
  // Every kind contributes: Scope 1 (fuel), Scope 2 both bases, Scope 3, avoided (reuse and recycling), GRI 306.
  const inv = out.ledgers.inventory;
  for (const v of [inv.scope1, inv.scope2Location, inv.scope2Market, inv.scope3Total, out.ledgers.avoided.total]) expect(v.gt(0)).toBe(true);
  expect(inv.scope2Market.lt(inv.scope2Location)).toBe(true); // RECs cover part of the Columbus plant's use
  expect(out.totals.some((t) => t.code.id.startsWith("avoided/reuse/"))).toBe(true);
  expect(out.totals.some((t) => t.code.id === "avoided/recycling/eol-share")).toBe(true);
  expect(out.disclosures.materialFlow).not.toBeNull();

  const seen: Partial<Record<RecordKind, number>> = {};
  const checked: Record<string, number> = {};
  for (const p of prepared) {
    const kind = p.built.kind as RecordKind;
    const at = seen[kind] ?? 0;
    seen[kind] = at + (p.built.dataset[kind]?.length ?? 0);
    const cells = { resolve: (ref: { start: { row: number; col: number }; end: { row: number; col: number } }) => [[p.rows[ref.start.row]?.[ref.start.col] ?? null]] };
    for (const plan of p.built.plans) {
      if (!plan.first) continue;
      const lines = rowLines(out, kind, at + plan.record);
      expect(lines.length).toBeGreaterThan(0);
      for (const ledger of ["inventory", "avoided"] as const) {
        const mine = lines.filter((l) => l.code.ledger === ledger && l.code.inTotal);
        const formula = formulaOf(plan.terms, new Set(mine.map((l) => l.code.id)));
        if (!formula) continue;
        const value = evaluateFormula(formula, { context: functionContext, cells: cells as never }).value as Dec;
        const booked = exactSum(mine.map((l) => l.value));
        expect([formula, toExcelNumber(value)]).toEqual([formula, toExcelNumber(booked)]);
        checked[`${kind}/${ledger}`] = (checked[`${kind}/${ledger}`] ?? 0) + 1;
      }
    }
  }
  // Formulas exist for every kind's booked emissions, and for the recycling credits.
  expect(Object.keys(checked).sort()).toEqual(["dispositions/inventory", "electricity/inventory", "fuels/inventory", "outputs/avoided", "shipments/inventory"]);
  expect(checked["fuels/inventory"]).toBe(24);
  expect(checked["electricity/inventory"]).toBe(24);

});
