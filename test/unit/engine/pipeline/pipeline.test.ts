/**
 * The pipeline on the hand-worked fixture (test/fixtures/pipeline-fixture.ts): ledger totals to the
 * digit, counts, rejected rows with their reasons, and explainRow equal to the methods' own traces.
 */
import { runPipeline, explainRow, rowLines, RECORD_KINDS, type PipelineOutput } from "../../../../src/engine/pipeline";
import { plain } from "../../../../src/engine/quantities";
import { transportChain } from "../../../../src/engine/methods/transport";
import { electricityMarketBased } from "../../../../src/engine/methods/electricity";
import { reuseCredit } from "../../../../src/engine/methods/reuse";
import { recyclingCredit } from "../../../../src/engine/methods/recycling";
import { fuelCombustion } from "../../../../src/engine/methods/fuel";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { FIXTURE, FIXTURE_SETTINGS } from "../../../fixtures/pipeline-fixture";

let out: PipelineOutput;
const ctx = () => ({ registry: bundledRegistry(), taxonomy: bundledTaxonomy(), settings: FIXTURE_SETTINGS });
beforeAll(() => {
  out = runPipeline(FIXTURE, ctx());
});

describe("fixture ledgers (worked by hand in the fixture's comments)", () => {
  it("inventory", () => {
    const inv = out.ledgers.inventory;
    expect(plain(inv.scope1)).toBe("88527.18");
    expect(plain(inv.scope2Location)).toBe("480000");
    expect(plain(inv.scope2Market)).toBe("405000");
    expect(plain(inv.scope3["scope3.cat4"]!)).toBe("12202.44");
    expect(plain(inv.scope3Ttw["scope3.cat4"]!)).toBe("9937.66");
    expect(plain(inv.totalLocationBased)).toBe("580729.62");
    expect(plain(inv.totalMarketBased)).toBe("505729.62");
  });
  it("avoided, never netted with the inventory", () => {
    const av = out.ledgers.avoided;
    expect(plain(av.reuse.reuse!)).toBe("76000");
    expect(plain(av.recycling)).toBe("600000");
    expect(plain(av.recyclingReservedToUser)).toBe("150000");
    expect(plain(av.total)).toBe("676000");
  });
  it("material flow", () => {
    const mf = out.ledgers.materialFlow;
    expect(plain(mf.assets["REUSE-DEVICE"]!.nonHazardous)).toBe("2750");
    expect(plain(mf.assets.RECYCLE!.total)).toBe("10000");
    expect(plain(mf.assets["SENT-DOWNSTREAM"]!.unstated)).toBe("10000");
    expect(plain(mf.assets.LANDFILL!.total)).toBe("1000");
    expect(plain(mf.assetsTotal)).toBe("23750");
    expect(plain(mf.outputs.RECYCLE!.total)).toBe("130000");
  });
});

describe("counts", () => {
  it("rows in = computed + rejected, per kind and overall", () => {
    const c = out.counts;
    expect([c.rowsIn, c.rowsComputed, c.rowsRejected]).toEqual([110, 102, 8]);
    for (const k of RECORD_KINDS) expect(c.byKind[k].in).toBe(c.byKind[k].computed + c.byKind[k].rejected);
  });
  it("every rejected row carries at least one reason with code, field and stage", () => {
    const r = out.report.rejected.map((x) => [x.kind, x.row, x.field, x.stage, x.issue.code]);
    expect(r).toEqual([
      ["shipments", 24, "legs", "validate", "MISSING_INPUT"],
      ["shipments", 25, "mass", "validate", "NEGATIVE_NOT_ALLOWED"],
      ["electricity", 14, "month", "validate", "INVALID_OPTION"],
      ["fuels", 22, "quantity", "validate", "NOT_A_NUMBER"],
      ["refrigerants", 8, "refrigerant", "resolve", "MISSING_INPUT"],
      ["dispositions", 30, "disposition", "validate", "UNKNOWN_ID"],
      ["dispositions", 31, "mass", "validate", "NOT_A_NUMBER"],
      ["outputs", 16, "lotId", "validate", "MISSING_INPUT"],
    ]);
    expect(out.report.rejected.find((x) => x.field === "disposition")!.issue.suggestions).toContain("RECYCLE");
  });
  it("credits withheld for missing evidence are warnings, not rejections", () => {
    expect(out.report.warnings.map((w) => [w.kind, w.row, w.field, w.issue.code])).toEqual([
      ["dispositions", 12, "evidence.testRecord", "CREDIT_EVIDENCE_MISSING"],
      ["outputs", 13, "certificateId", "CREDIT_EVIDENCE_MISSING"],
    ]);
    // The row still books its mass.
    expect(rowLines(out, "dispositions", 10).map((l) => l.code.id)).toEqual(["materialFlow/assets/REUSE-DEVICE/non-hazardous"]);
  });
  it("a certificate claimed by another party books mass only", () => {
    expect(rowLines(out, "outputs", 10).map((l) => l.code.ledger)).toEqual(["materialFlow"]);
  });
});

describe("explainRow equals the trace the method produces directly for that row", () => {
  it("every computed row's lines agree with their methods", () => {
    for (const k of RECORD_KINDS) {
      (FIXTURE[k] ?? []).forEach((_, i) => {
        const e = explainRow(out, k, i);
        for (const l of e.lines) expect({ k, i, id: l.code.id, agrees: l.agrees }).toEqual({ k, i, id: l.code.id, agrees: true });
      });
    }
  });
  it("shipment: the transport chain's trace (WE-B8 597.6 / 486.72)", () => {
    const e = explainRow(out, "shipments", 0);
    const direct = transportChain(
      [
        { kind: "leg", label: "leg 1", mass: { amount: 12, unit: "t" }, distance: { amount: 180, unit: "km" }, distanceBasis: "sfd", wtwIntensity: "0.095", ttwIntensity: "0.078" },
        { kind: "leg", label: "leg 2", mass: { amount: 12, unit: "t" }, distance: { amount: 420, unit: "km" }, distanceBasis: "sfd", wtwIntensity: "0.075", ttwIntensity: "0.061" },
        { kind: "hub", label: "hub HUB-1", massHandled: { amount: 12, unit: "t" }, hocWtw: "1.2", hocTtw: "0.9" },
      ],
      { registry: bundledRegistry(), taxonomy: bundledTaxonomy(), year: 2025, boundary: "WTW" },
    );
    expect(plain(direct.wtw!.value)).toBe("597.6");
    expect(e.lines[0]!.result.trace).toEqual(direct.wtw!.trace);
    expect(plain(e.lines[0]!.value)).toBe("597.6");
    expect(plain(e.lines[1]!.value)).toBe("486.72");
  });
  it("electricity market-based, fuel, reuse and recycling rows", () => {
    const opts = { registry: bundledRegistry(), taxonomy: bundledTaxonomy(), year: 2025 };
    const mb = electricityMarketBased({ energy: { amount: 100000, unit: "kWh" }, instruments: [{ label: "EAC GO-1", energy: { amount: 25000, unit: "kWh" } }], residualMix: "0.45", fallbackRegion: "0.40" }, opts);
    expect(explainRow(out, "electricity", 0).lines[1]!.result.trace).toEqual(mb.scope2.trace);
    const fuel = fuelCombustion({ quantity: { amount: 100, unit: "MMBtu" }, carrier: "natural-gas", factorSet: "epa" }, opts);
    expect(explainRow(out, "fuels", 0).lines[0]!.result.trace).toEqual(fuel.scope1.trace);
    expect(plain(fuel.scope1.value)).toBe("5311.45");
    const reuse = reuseCredit({
      pathway: "reuse", lotId: "LOT-R0", units: 100, efNew: 250, displacementRate: "0.8", lifetimeExtendedYears: 2, lifetimeNewYears: 4,
      refurbishmentKg: 5, partsKg: 8, extraLogisticsKg: 3, powerDeltaKw: "0.005", hoursPerYear: 2000, gridFactor: "0.4",
      testRecord: "TR-0", dataBearing: true, sanitizationRecord: "SR-0", displacementEvidence: null, registry: bundledRegistry(), factorQuery: { year: 2025 },
    });
    const er = explainRow(out, "dispositions", 0).lines.find((l) => l.code.ledger === "avoided")!;
    expect(er.result.trace).toEqual(reuse.total.trace);
    expect(plain(er.value)).toBe("7600");
    const rec = recyclingCredit({ material: "AL", lotId: "LOT-A0", outputMass: 10, massUnit: "t", virginFactor: 8, recyclingFactor: "0.5", allocation: "cff", A: "0.2", certificate: "COR-0", registry: bundledRegistry(), factorQuery: { year: 2025 } });
    const eo = explainRow(out, "outputs", 0).lines.find((l) => l.code.id === "avoided/recycling/eol-share")!;
    expect(eo.result.trace).toEqual(rec.eolShare.trace);
    expect(plain(eo.value)).toBe("60000");
  });
  it("a rejected row explains itself with its issues", () => {
    const e = explainRow(out, "fuels", 20);
    expect(e.status).toBe("rejected");
    expect(e.issues.map((i) => i.issue.code)).toEqual(["NOT_A_NUMBER"]);
  });
});

describe("stacking across kinds", () => {
  it("a lot with a reuse credit and a recycling credit in one period is a CREDIT_STACKING conflict", () => {
    const ds = {
      dispositions: [(FIXTURE.dispositions as Record<string, unknown>[])[0]],
      outputs: [{ ...(FIXTURE.outputs as Record<string, unknown>[])[0], lotId: "LOT-R0" }],
    };
    const o = runPipeline(ds, ctx());
    expect(o.report.conflicts.map((c) => [c.kind, c.lotId, c.issue.code])).toEqual([["stacking", "LOT-R0", "CREDIT_STACKING"]]);
  });
});

describe("disclosures from the ledgers module", () => {
  it("ESRS E1-6 figures equal the run's inventory ledger; the material-flow ledger closes with a stated mass balance", () => {
    expect(plain(out.disclosures.ghg!.inventory.totalLocationBased.value)).toBe("580729.62");
    expect(plain(out.disclosures.ghg!.inventory.totalMarketBased.value)).toBe("505729.62");
    expect(out.disclosures.materialFlow).toBeNull();
    expect(out.disclosureIssues).toEqual([]);
    // The fixture's SENT-DOWNSTREAM rows do not state "hazardous": the ledgers module refuses to guess.
    const unstated = runPipeline(FIXTURE, { ...ctx(), settings: { ...FIXTURE_SETTINGS, massBalance: { received: 23750, stockChange: 0 } } });
    expect(unstated.disclosures.materialFlow).toBeNull();
    expect(unstated.disclosureIssues.map((i) => i.code)).toEqual(["MISSING_INPUT"]);
    const stated = { ...FIXTURE, dispositions: (FIXTURE.dispositions as Record<string, unknown>[]).map((r) => ({ ...r, hazardous: r.hazardous ?? false })) };
    const o = runPipeline(stated, { ...ctx(), settings: { ...FIXTURE_SETTINGS, massBalance: { received: 23750, stockChange: 0 } } });
    expect(o.disclosures.materialFlow!.massBalance.withinTolerance).toBe(true);
    expect(plain(o.disclosures.materialFlow!.massBalance.outbound)).toBe("23.75"); // reported in t
  });
});
