import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { LOCAL_DISPOSITIONS, materialFlowLedger, type OutboundRecord } from "../../../../src/engine/ledgers/material-flow";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import dispositionsTable from "../../../../data/taxonomy/tables/1.0.0/dispositions.json";

const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);
const rec = (over: Partial<OutboundRecord>): OutboundRecord => ({ stream: "Ferrous", mass: 100, hazardous: false, disposition: "RECYCLE", evidence: "C", ...over });

describe("local disposition table", () => {
  it("matches the shipped taxonomy table (ids, groups, GRI and ESRS lines)", () => {
    const shipped = dispositionsTable.dispositions.map((d) => ({ id: d.id, group: d.group, gri306: d.gri306, esrsE5: d.esrsE5 }));
    expect(LOCAL_DISPOSITIONS).toEqual(shipped);
  });
});

describe("mass balance", () => {
  it("closes within the 2 % default tolerance", () => {
    const l = materialFlowLedger({ received: 1000, stockChange: 0, outbound: [rec({ mass: 985 })] });
    expect(plain(l.massBalance.gap)).toBe("0.015"); // 15 kg in t
    expect(plain(l.massBalance.gapPercent)).toBe("1.5");
    expect(l.massBalance.withinTolerance).toBe(true);
    expect(plain(l.massBalance.tolerancePercent)).toBe("2");
  });
  it("flags a gap above tolerance with MASS_BALANCE_OPEN (value, not an exception)", () => {
    const l = materialFlowLedger({ scope: "Site B 2025", received: 1000, stockChange: 0, outbound: [rec({ mass: 950 })] });
    expect(l.massBalance.withinTolerance).toBe(false);
    expect(l.massBalance.issue?.code).toBe("MASS_BALANCE_OPEN");
    expect(l.flags).toHaveLength(1);
    expect(plain(l.massBalance.gapPercent)).toBe("5");
  });
  it("measured loss and a configurable tolerance close the balance", () => {
    expect(materialFlowLedger({ received: 1000, stockChange: "-20", measuredLoss: 70, outbound: [rec({ mass: 950 })] }).massBalance.withinTolerance).toBe(true);
    expect(materialFlowLedger({ received: 1000, stockChange: 0, tolerance: "0.06", outbound: [rec({ mass: 950 })] }).massBalance.withinTolerance).toBe(true);
  });
  it("a negative outbound mass or an unknown disposition is an issue", () => {
    expect(code(attempt(() => materialFlowLedger({ received: 1, stockChange: 0, outbound: [rec({ mass: -1 })] })))).toBe("NEGATIVE_NOT_ALLOWED");
    expect(code(attempt(() => materialFlowLedger({ received: 1, stockChange: 0, outbound: [rec({ disposition: "COMPOST" })] })))).toBe("UNKNOWN_ID");
  });
  it("hazardous must be stated (or come from the fraction with a taxonomy)", () => {
    expect(code(attempt(() => materialFlowLedger({ received: 1, stockChange: 0, outbound: [rec({ hazardous: undefined })] })))).toBe("MISSING_INPUT");
  });
});

describe("disclosure details", () => {
  it("onsite and offsite splits", () => {
    const l = materialFlowLedger({ received: 300, stockChange: 0, unit: "kg", reportUnit: "kg", outbound: [rec({ onsite: true }), rec({}), rec({ disposition: "LANDFILL", hazardous: true })] });
    expect(plain(l.gri306_4.recycling.onsite.total)).toBe("100");
    expect(plain(l.gri306_4.recycling.offsite.total)).toBe("100");
    expect(plain(l.gri306_5.landfilling.offsite.hazardous)).toBe("100");
    expect(plain(l.gri306_5.hazardous)).toBe("100");
  });
  it("never-waste reuse stays out of the waste disclosures; marking a waste operation as never-waste is refused", () => {
    const l = materialFlowLedger({ received: 200, stockChange: 0, reportUnit: "kg", outbound: [rec({ disposition: "REUSE-DEVICE", wasWaste: false }), rec({})] });
    expect(plain(l.notWaste.total)).toBe("100");
    expect(plain(l.gri306_4.preparationForReuse.total)).toBe("0");
    expect(plain(l.esrsE5_5.p37a_totalGenerated)).toBe("100");
    expect(code(attempt(() => materialFlowLedger({ received: 1, stockChange: 0, outbound: [rec({ wasWaste: false })] })))).toBe("RULE_VIOLATION");
  });
  it("SENT-DOWNSTREAM without final disposition: in the balance and waste generated, in no 306-4/5 line, flagged", () => {
    const l = materialFlowLedger({ received: 200, stockChange: 0, reportUnit: "kg", outbound: [rec({ disposition: "SENT-DOWNSTREAM" }), rec({})] });
    expect(plain(l.unresolved.total)).toBe("100");
    expect(plain(l.gri306_4.total.plus(l.gri306_5.total))).toBe("100");
    expect(plain(l.esrsE5_5.p37a_totalGenerated)).toBe("200");
    expect(l.flags.some((f) => /SENT-DOWNSTREAM/.test(f))).toBe(true);
  });
  it("missing downstream evidence is flagged", () => {
    const l = materialFlowLedger({ received: 100, stockChange: 0, outbound: [rec({ evidence: undefined })] });
    expect(l.flags.some((f) => /evidence/.test(f))).toBe(true);
  });
  it("per-category WEEE-style rates", () => {
    const l = materialFlowLedger({
      received: 400, stockChange: 0, reportUnit: "kg",
      outbound: [rec({ category: "6" }), rec({ category: "6", disposition: "ENERGY-RECOVERY" }), rec({ category: "2", disposition: "LANDFILL" }), rec({ category: "2", disposition: "REUSE-DEVICE" })],
    });
    expect(l.rates.byCategory.map((c) => [c.category, plain(c.preparationForReuseAndRecyclingPercent), plain(c.recoveryPercent)])).toEqual([
      ["2", "50", "50"],
      ["6", "50", "100"],
    ]);
  });
  it("radioactive waste is stated as not tracked, not zero", () => {
    expect(materialFlowLedger({ received: 100, stockChange: 0, outbound: [rec({})] }).esrsE5_5.p39_radioactive).toBeNull();
  });
});

describe("with the taxonomy", () => {
  it("accepts disposition synonyms and takes the hazardous default from the fraction code", () => {
    const l = materialFlowLedger({
      received: 300, stockChange: 0, reportUnit: "kg", taxonomy: bundledTaxonomy(),
      outbound: [rec({ disposition: "landfilled" }), rec({ fraction: "PCB-HG", hazardous: undefined }), rec({ fraction: "FE", hazardous: undefined })],
    });
    expect(plain(l.gri306_5.landfilling.total)).toBe("100");
    expect(plain(l.gri306_4.recycling.hazardous)).toBe("100");
    expect(plain(l.gri306_4.recycling.nonHazardous)).toBe("100");
  });
});
