/**
 * The pipeline's Scope 3 category 3 lines (electricity T&D and WTT, fuel WTT), end-of-life lines through
 * `endOfLifeEmissions`, UNU-KEY classification of descriptions, and data-quality scores (per row, per
 * line, aggregated per output line). Values are compared with the methods called directly, digit for digit.
 */
import { runPipeline, explainRow, rowLines, rowLineDqi, RECORD_KINDS, type Dataset, type PipelineOutput, type PipelineSettings } from "../../../../src/engine/pipeline";
import { plain, Dec } from "../../../../src/engine/quantities";
import { electricityLocationBased } from "../../../../src/engine/methods/electricity";
import { fuelCombustion } from "../../../../src/engine/methods/fuel";
import { endOfLifeEmissions } from "../../../../src/engine/methods/end-of-life";
import { aggregateDqi } from "../../../../src/engine/methods/data-quality";
import { packDqi, unpackDqi, worsePacked } from "../../../../src/engine/pipeline/dqi";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { FIXTURE } from "../../../fixtures/pipeline-fixture";

const SETTINGS: PipelineSettings = { reportingPeriod: "2025", factorYear: 2025, claimant: "ACME", region: "GB" };
const ctx = (extra: Partial<PipelineSettings> = {}) => ({ registry: bundledRegistry(), taxonomy: bundledTaxonomy(), settings: { ...SETTINGS, ...extra } });
const mctx = () => ({ registry: bundledRegistry(), taxonomy: bundledTaxonomy(), year: 2025 });
const run = (ds: Dataset, extra: Partial<PipelineSettings> = {}) => runPipeline(ds, ctx(extra));
const ids = (out: PipelineOutput, kind: (typeof RECORD_KINDS)[number], i: number) => rowLines(out, kind, i).map((l) => [l.code.id, plain(l.value)]);

function expectAllAgree(out: PipelineOutput, ds: Dataset): void {
  for (const k of RECORD_KINDS) {
    (ds[k] ?? []).forEach((_, i) => {
      for (const l of explainRow(out, k, i).lines) expect({ k, i, id: l.code.id, value: l.agrees, dqi: l.dqi.agrees }).toEqual({ k, i, id: l.code.id, value: true, dqi: true });
    });
  }
}

describe("Scope 3 category 3 (S2 formula 3.3; S1 Table 5.6)", () => {
  const elec = (extra: Record<string, unknown>) => ({ row: 2, siteId: "S", month: "2025-03", energy: 1000, ...extra });
  it("GB electricity: DESNZ T&D (+ WTT of T&D) and WTT of generation, as separate cat 3 lines equal to the method", () => {
    const ds = { electricity: [elec({ region: "GB" })] };
    const out = run(ds);
    const m = electricityLocationBased({ energy: { amount: 1000, unit: "kWh" }, region: "GB", tdLosses: true, upstream: true }, mctx());
    expect(ids(out, "electricity", 0)).toEqual([
      ["inventory/scope2/location", "177"],
      ["inventory/scope2/market", "177"],
      ["inventory/scope3.cat3/electricity-td", plain(m.tdLosses!.value)],
      ["inventory/scope3.cat3/electricity-wtt", plain(m.upstream!.value)],
    ]);
    expect([plain(m.tdLosses!.value), plain(m.upstream!.value)]).toEqual(["22.5", "45.9"]);
    const e = explainRow(out, "electricity", 0);
    expect(e.lines[2]!.result.trace).toEqual(m.tdLosses!.trace);
    expect(e.lines[3]!.result.trace).toEqual(m.upstream!.trace);
    expect(plain(out.ledgers.inventory.scope3["scope3.cat3"]!)).toBe("68.4");
    expect(plain(out.ledgers.inventory.totalLocationBased)).toBe("245.4");
    expect(out.disclosures.ghg).not.toBeNull();
    expectAllAgree(out, ds);
  });
  it("elsewhere only with a loss rate (T&D = kWh x EF x rate) or an upstream factor; none otherwise", () => {
    const ds = { electricity: [elec({ region: "0.4" }), elec({ region: "0.4", tdLossRate: "0.042", upstreamFactor: "0.05" }), elec({ region: "RFCE", tdLossRate: 0.051 })] };
    const out = run(ds);
    expect(ids(out, "electricity", 0).map((x) => x[0])).toEqual(["inventory/scope2/location", "inventory/scope2/market"]);
    expect(ids(out, "electricity", 1).slice(2)).toEqual([
      ["inventory/scope3.cat3/electricity-td", "16.8"],
      ["inventory/scope3.cat3/electricity-wtt", "50"],
    ]);
    const m = electricityLocationBased({ energy: { amount: 1000, unit: "kWh" }, region: "RFCE", tdLosses: { lossRate: 0.051 } }, mctx());
    expect(ids(out, "electricity", 2)[2]).toEqual(["inventory/scope3.cat3/electricity-td", plain(m.tdLosses!.value)]);
    expectAllAgree(out, ds);
  });
  it("a loss rate of 1 rejects the row (the method's own check), and category3: false turns the lines off", () => {
    const out = run({ electricity: [elec({ region: "GB", tdLossRate: 1 })] });
    expect(out.report.rejected.map((r) => [r.field, r.stage, r.issue.code])).toEqual([["tdLossRate", "resolve", "OUT_OF_RANGE"]]);
    const off = run({ electricity: [elec({ region: "GB" })], fuels: [{ row: 2, siteId: "S", month: "2025-01", carrier: "diesel", quantity: 100, unit: "L" }] }, { category3: false });
    expect(off.totals.map((t) => t.code.id)).toEqual(["inventory/scope1/fuel", "inventory/scope2/location", "inventory/scope2/market"]);
  });
  it("fuel WTT (DESNZ) as its own cat 3 line; EPA publishes none", () => {
    const ds = {
      fuels: [
        { row: 2, siteId: "S", month: "2025-01", carrier: "diesel", quantity: 100, unit: "L" },
        { row: 3, siteId: "S", month: "2025-01", carrier: "natural-gas", factorSet: "epa", quantity: 100, unit: "MMBtu" },
        { row: 4, siteId: "S", month: "2025-01", factor: "desnz.fuels.liquid-fuels.diesel-average-biofuel-blend.l.ttw", quantity: "26.4172052358148", unit: "US gal" },
      ],
    };
    const out = run(ds);
    const m = fuelCombustion({ quantity: { amount: 100, unit: "L" }, carrier: "diesel" }, mctx());
    expect(ids(out, "fuels", 0)).toEqual([
      ["inventory/scope1/fuel", "257.082"],
      ["inventory/scope3.cat3/fuel-wtt", "61.101"],
    ]);
    expect(explainRow(out, "fuels", 0).lines[1]!.result.trace).toEqual(m.wtt!.trace);
    expect(ids(out, "fuels", 1).map((x) => x[0])).toEqual(["inventory/scope1/fuel"]);
    const m3 = fuelCombustion({ quantity: { amount: "26.4172052358148", unit: "US gal" }, factor: "desnz.fuels.liquid-fuels.diesel-average-biofuel-blend.l.ttw" }, mctx());
    expect(ids(out, "fuels", 2)[1]).toEqual(["inventory/scope3.cat3/fuel-wtt", plain(m3.wtt!.value)]);
    expectAllAgree(out, ds);
  });
});

describe("end-of-life lines through endOfLifeEmissions (Scope 3 category 5)", () => {
  const d = (extra: Record<string, unknown>) => ({ row: 2, assetId: "A", mass: 1, massUnit: "t", disposition: "LANDFILL", ...extra });
  it("DESNZ by UNU-KEY and EPA by UNU-KEY (per short ton, exact), equal to the method, with its trace", () => {
    const ds = { dispositions: [d({ unuKey: "0108", treatmentFactorSet: "desnz" }), d({ unuKey: "0108", treatmentFactorSet: "epa", disposition: "RECYCLE", mass: 1234.5, massUnit: "kg" })] };
    const out = run(ds);
    expect(ids(out, "dispositions", 0)[1]).toEqual(["inventory/scope3.cat5/treatment", "8.98311"]);
    const epa = endOfLifeEmissions({ mass: { amount: 1234.5, unit: "kg" }, treatment: "RECYCLE", unuKey: "0108", factorSet: "epa" }, mctx());
    expect(ids(out, "dispositions", 1)[1]).toEqual(["inventory/scope3.cat5/treatment", plain(epa.value)]);
    expect(explainRow(out, "dispositions", 1).lines[1]!.result.trace).toEqual(epa.trace);
    expectAllAgree(out, ds);
  });
  it("an explicit treatment factor and a waste class go through the method too", () => {
    const ds = { dispositions: [d({ treatmentFactor: 21.3 }), d({ wasteClass: "mixed", treatmentFactorSet: "desnz", mass: 500, massUnit: "kg" })] };
    const out = run(ds);
    expect(ids(out, "dispositions", 0)[1]).toEqual(["inventory/scope3.cat5/treatment", "21.3"]);
    const m = endOfLifeEmissions({ mass: { amount: 1, unit: "t" }, treatment: "LANDFILL", factor: 21.3 }, mctx());
    expect(explainRow(out, "dispositions", 0).lines[1]!.result.trace).toEqual(m.trace);
    const mixed = endOfLifeEmissions({ mass: { amount: 500, unit: "kg" }, treatment: "LANDFILL", desnzClass: "mixed" }, mctx());
    expect(ids(out, "dispositions", 1)[1]).toEqual(["inventory/scope3.cat5/treatment", plain(mixed.value)]);
    expectAllAgree(out, ds);
  });
  it("run setting endOfLifeFactorSet: waste treatments get the line; reuse and sent-downstream do not; an unpublished treatment is a warning", () => {
    const ds = {
      dispositions: [
        d({ unuKey: "0303" }),
        d({ unuKey: "0303", disposition: "SENT-DOWNSTREAM" }),
        d({ unuKey: "0108", disposition: "INCINERATION" }),
        ...((FIXTURE.dispositions as unknown[]).slice(0, 1) as Record<string, unknown>[]),
      ],
    };
    const out = run(ds, { endOfLifeFactorSet: "desnz" });
    expect(out.counts.rowsRejected).toBe(0);
    expect(ids(out, "dispositions", 0).map((x) => x[0])).toContain("inventory/scope3.cat5/treatment");
    expect(ids(out, "dispositions", 1).map((x) => x[0])).toEqual(["materialFlow/assets/SENT-DOWNSTREAM/unstated"]);
    expect(ids(out, "dispositions", 2).map((x) => x[0])).toEqual(["materialFlow/assets/INCINERATION/unstated"]);
    expect(out.report.warnings.map((w) => [w.index, w.field, w.issue.code])).toEqual([[2, "unuKey", "FACTOR_NOT_PUBLISHED"]]);
    expect(ids(out, "dispositions", 3).map((x) => x[0])).toEqual(["materialFlow/assets/REUSE-DEVICE/non-hazardous", "avoided/reuse/reuse"]);
    expectAllAgree(out, ds);
  });
  it("a row that asks for an unpublished treatment is rejected with the method's reason", () => {
    const out = run({ dispositions: [d({ unuKey: "0108", disposition: "INCINERATION", treatmentFactorSet: "desnz" })] });
    expect(out.report.rejected.map((r) => [r.field, r.stage, r.issue.code])).toEqual([["unuKey", "resolve", "FACTOR_NOT_PUBLISHED"]]);
  });
});

describe("UNU-KEY classification of descriptions (once per distinct text)", () => {
  const d = (row: number, extra: Record<string, unknown>) => ({ row, assetId: `A${row}`, mass: 2, disposition: "LANDFILL", treatmentFactorSet: "desnz", ...extra });
  it("a classified key is MAPPED in the method's trace with its confidence, and gives the same line as the key entered", () => {
    const ds = { dispositions: [d(2, { description: "Dell Latitude 5420 laptop" }), d(3, { unuKey: "0303" }), d(4, { description: "Dell Latitude 5420 laptop" })] };
    const out = run(ds);
    expect(out.counts.rowsRejected).toBe(0);
    expect(ids(out, "dispositions", 0)).toEqual(ids(out, "dispositions", 1));
    const line = explainRow(out, "dispositions", 0).lines[1]!;
    const key = line.result.trace.inputs.find((i) => i.name === "unuKey")!;
    expect([key.value, key.origin]).toEqual(["0303", "mapped"]);
    expect(key.note).toMatch(/classified from the description 'Dell Latitude 5420 laptop' \(confidence 1;/);
    expect(explainRow(out, "dispositions", 1).lines[1]!.result.trace.inputs.find((i) => i.name === "unuKey")!.origin).toBe("entered");
    expect(out.report.warnings).toEqual([]);
    // A classified key is a mapped input: reliability 3 (entered: 2); technology 2 either way (WEEE class average).
    expect(rowLineDqi(out, "dispositions", 0)[1]!.scores).toEqual({ technology: 2, time: 1, geography: 1, completeness: 1, reliability: 3 });
    expect(rowLineDqi(out, "dispositions", 1)[1]!.scores).toEqual({ technology: 2, time: 1, geography: 1, completeness: 1, reliability: 2 });
    expect(explainRow(out, "dispositions", 0).lines[1]!.dqi.basis.reliability).toMatch(/^UNU-KEY mapped from the description/);
    expectAllAgree(out, ds);
  });
  it("low confidence (< 0.6) is a warning and a flag; reliability 4 (non-qualified estimate)", () => {
    const ds = { dispositions: [d(2, { description: "phone" })] };
    const out = run(ds);
    expect(out.report.warnings.map((w) => [w.field, w.issue.code, w.issue.params.confidence])).toEqual([["description", "MAPPING_LOW_CONFIDENCE", "0.5"]]);
    const line = explainRow(out, "dispositions", 0).lines[1]!;
    expect(line.result.trace.flags.join(" ")).toMatch(/low confidence \(0.5 < 0.6\)/);
    expect(line.dqi.scores!.reliability).toBe(4);
    expectAllAgree(out, ds);
  });
  it("no key and no classifiable text: rejected with a reason, never dropped; where no key is needed, a warning", () => {
    const out = run({ dispositions: [d(2, {}), d(3, { description: "misc stuff" }), d(4, { description: "misc stuff", treatmentFactorSet: undefined })] });
    expect(out.report.rejected.map((r) => [r.row, r.field, r.issue.code])).toEqual([
      [2, "unuKey", "MISSING_INPUT"],
      [3, "description", "CLASSIFY_NO_MATCH"],
    ]);
    expect(out.counts.rowsIn).toBe(out.counts.rowsComputed + out.counts.rowsRejected);
    expect(out.report.warnings.map((w) => [w.row, w.issue.code])).toEqual([[4, "CLASSIFY_NO_MATCH"]]);
    expect(explainRow(out, "dispositions", 2).lines[0]!.result.trace.flags.join(" ")).toMatch(/matches no UNU-KEY/);
  });
});

describe("data quality (GHG Protocol Box 7.2 indicators, 1-4)", () => {
  it("packing round-trips and 'worse' is the per-indicator max (combineDqi)", () => {
    const a = { technology: 1, time: 4, geography: 2, completeness: 3, reliability: 1 } as const;
    const b = { technology: 2, time: 1, geography: 2, completeness: 4, reliability: 3 } as const;
    expect(unpackDqi(packDqi(a))).toEqual(a);
    expect(unpackDqi(worsePacked(packDqi(a), packDqi(b)))).toEqual({ technology: 2, time: 4, geography: 2, completeness: 4, reliability: 3 });
    expect(unpackDqi(0)).toBeNull();
  });
  it("a GB electricity row: DESNZ 2025 factors for a 2025 GB site score 1 except reliability 2 (entered, not verified)", () => {
    const out = run({ electricity: [{ row: 2, siteId: "S", month: "2025-03", region: "GB", energy: 1000 }] });
    const all = { technology: 1, time: 1, geography: 1, completeness: 1, reliability: 2 };
    // Market-based without a residual mix: the grid average stands in for it (technology 3).
    expect(rowLineDqi(out, "electricity", 0).map((l) => l.scores)).toEqual([all, { ...all, technology: 3 }, all, all]);
    expect(explainRow(out, "electricity", 0).lines[1]!.dqi.basis.technology).toMatch(/grid average standing in for a residual mix/);
    const e = explainRow(out, "electricity", 0);
    expect(e.lines[0]!.dqi.basis.reliability).toMatch(/^row: energy entered/);
    expect(e.lines[0]!.dqi.basis.time).toMatch(/desnz\.electricity\.uk\.kwh\.generation|row:/);
  });
  it("time from factor year and row date; geography from factor region vs site; user numbers unknown (4)", () => {
    const ds = {
      electricity: [
        { row: 2, siteId: "S", month: "2019-03", region: "GB", energy: 1000 },
        { row: 3, siteId: "S", month: "2025-03", region: "0.4", energy: 1000, residualMix: "0.45" },
      ],
      fuels: [{ row: 2, siteId: "S", month: "2025-01", carrier: "natural-gas", factorSet: "epa", quantity: 100, unit: "MMBtu" }],
    };
    const out = run(ds);
    expect(rowLineDqi(out, "electricity", 0)[0]!.scores).toEqual({ technology: 1, time: 3, geography: 1, completeness: 1, reliability: 2 });
    expect(rowLineDqi(out, "electricity", 1)[0]!.scores).toEqual({ technology: 1, time: 4, geography: 4, completeness: 2, reliability: 3 });
    // EPA (US) factors for a GB site: a different area (3).
    expect(rowLineDqi(out, "fuels", 0)[0]!.scores).toEqual({ technology: 1, time: 1, geography: 3, completeness: 1, reliability: 2 });
    expectAllAgree(out, ds);
  });
  it("reliability from the row's origins (a mass from the UNU-KEY average weight is Fair, 3); the record's assessed scores win", () => {
    const base = { assetId: "A", mass: 2, disposition: "RECYCLE" };
    const ds = { dispositions: [{ row: 2, ...base }, { row: 3, ...base, origins: { mass: "defaulted" } }, { row: 4, ...base, disposition: "SENT-DOWNSTREAM" }, { row: 5, ...base, origins: { mass: "defaulted" }, dqi: { reliability: 1, time: "2" } }] };
    const out = run(ds);
    // Per row (typed array): the row's own scores, with the record's assessed scores applied.
    expect(Array.from(out.rowDqi).map((p) => unpackDqi(p)!.reliability)).toEqual([2, 3, 2, 1]);
    expect(rowLineDqi(out, "dispositions", 2)[0]!.scores!.completeness).toBe(3);
    expect(rowLineDqi(out, "dispositions", 3)[0]!.scores).toEqual({ technology: 1, time: 2, geography: 1, completeness: 1, reliability: 1 });
    expect(explainRow(out, "dispositions", 3).lines[0]!.dqi.basis.reliability).toMatch(/^assessed on the record \(1: verified data based on measurements\)/);
    // Material-flow line: mass-weighted; RECYCLE weights 2 kg at reliability 2, 2 kg at 3, 2 kg at 1 -> 2.
    const q = out.dataQuality.find((x) => x.code.id === "materialFlow/assets/RECYCLE/unstated")!;
    expect(q.dqi!.basis).toBe("mass");
    expect(plain(q.dqi!.averages.reliability)).toBe("2");
    expect(plain(q.dqi!.averages.time)).toBe(plain(new Dec(4).div(3)));
  });
  it("out-of-range assessed scores are rejected at validation", () => {
    const out = run({ dispositions: [{ row: 2, assetId: "A", mass: 2, disposition: "RECYCLE", dqi: { reliability: 5 } }] });
    expect(out.report.rejected.map((r) => [r.field, r.issue.code])).toEqual([["dqi.reliability", "OUT_OF_RANGE"]]);
  });
  it("aggregated per output line, emission-weighted, with aggregateDqi, exact", () => {
    const ds = {
      electricity: [
        { row: 2, siteId: "S", month: "2025-03", region: "GB", energy: 1000 },
        { row: 3, siteId: "S", month: "2025-03", region: "GB", energy: 3000, origins: { energy: "mapped" } },
      ],
    };
    const out = run(ds);
    const q = out.dataQuality.find((x) => x.code.id === "inventory/scope2/location")!;
    const direct = aggregateDqi(
      [
        { weight: "177", scores: { technology: 1, time: 1, geography: 1, completeness: 1, reliability: 2 } },
        { weight: "531", scores: { technology: 1, time: 1, geography: 1, completeness: 1, reliability: 3 } },
      ],
      "emissions",
    );
    expect(q.dqi).toEqual(direct); // aggregateDqi's own result (its sums do not round here)
    expect(plain(q.dqi!.averages.reliability)).toBe("2.75");
    expect(plain(q.dqi!.overall)).toBe("1.35");
    expect(q.groups.map((g) => [g.scores!.reliability, plain(g.weight), g.lines])).toEqual([
      [3, "531", 1],
      [2, "177", 1],
    ]);
  });
  it("the fixture: every line of every computed row agrees with its method (value and DQI)", () => {
    const out = run(FIXTURE, { allocation: "cff", allocationA: "0.2" });
    expectAllAgree(out, FIXTURE);
    expect(out.dataQuality.every((q) => q.dqi !== null)).toBe(true);
  });
});
