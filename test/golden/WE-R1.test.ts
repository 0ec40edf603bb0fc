/** WE-R1 Mass balance -> GRI 306 / ESRS E5-5 (worked-examples.md, DERIVED). */
import { plain } from "../../src/engine/quantities/decimal";
import { materialFlowLedger, type OutboundRecord } from "../../src/engine/ledgers/material-flow";

const WE_R1_OUTBOUND: OutboundRecord[] = [
  { stream: "Whole devices prepared for reuse", mass: 300, hazardous: false, disposition: "REUSE-DEVICE", evidence: "sales" },
  { stream: "Harvested components for reuse", mass: 50, hazardous: false, disposition: "REUSE-PART", evidence: "sales" },
  { stream: "Ferrous", mass: 2100, hazardous: false, disposition: "RECYCLE", evidence: "COR-1" },
  { stream: "Aluminium", mass: 450, hazardous: false, disposition: "RECYCLE", evidence: "COR-2" },
  { stream: "Copper-bearing", mass: 300, hazardous: false, disposition: "RECYCLE", evidence: "COR-3" },
  { stream: "Plastics without BFR", mass: 600, hazardous: false, disposition: "RECYCLE", evidence: "COR-4" },
  { stream: "Printed circuit boards", mass: 240, hazardous: true, disposition: "RECYCLE", evidence: "COR-5" },
  { stream: "CRT glass", mass: 500, hazardous: true, disposition: "RECYCLE", evidence: "COR-6" },
  { stream: "Batteries", mass: 60, hazardous: true, disposition: "RECYCLE", evidence: "COR-7" },
  { stream: "BFR plastics", mass: 250, hazardous: true, disposition: "ENERGY-RECOVERY", evidence: "COR-8" },
  { stream: "BFR plastics", mass: 150, hazardous: true, disposition: "INCINERATION", evidence: "COD-9" },
  { stream: "Shredder residue", mass: 900, hazardous: false, disposition: "LANDFILL", evidence: "COD-10" },
];

describe("WE-R1 mass balance to GRI 306 / ESRS E5-5", () => {
  const l = materialFlowLedger({ scope: "WE-R1 site, one year", unit: "t", reportUnit: "t", received: 6000, stockChange: 100, outbound: WE_R1_OUTBOUND });
  const two = (d: { toDecimalPlaces(n: number): { toFixed(n: number): string } }) => d.toDecimalPlaces(2).toFixed(2);

  it("mass balance: 5,900 + 100 = 6,000, closure 0 %", () => {
    expect(plain(l.massBalance.outbound)).toBe("5900");
    expect(plain(l.massBalance.gap)).toBe("0");
    expect(plain(l.massBalance.gapPercent)).toBe("0");
    expect(l.massBalance.withinTolerance).toBe(true);
    expect(l.flags).toEqual([]);
  });
  it("recycling 4,250 t (non-hazardous 3,450; hazardous 800); preparation for reuse 350 t, all non-hazardous", () => {
    expect(plain(l.gri306_4.recycling.total)).toBe("4250");
    expect(plain(l.gri306_4.recycling.nonHazardous)).toBe("3450");
    expect(plain(l.gri306_4.recycling.hazardous)).toBe("800");
    expect(plain(l.gri306_4.preparationForReuse.total)).toBe("350");
    expect(plain(l.gri306_4.preparationForReuse.hazardous)).toBe("0");
  });
  it("ESRS §37(b) diverted 4,850 (energy recovery as other recovery); §37(c) directed 1,050", () => {
    expect(plain(l.esrsE5_5.p37b_diverted.total)).toBe("4850");
    expect(plain(l.esrsE5_5.p37b_diverted.otherRecovery.total)).toBe("250");
    expect(plain(l.esrsE5_5.p37c_directed.total)).toBe("1050");
    expect(plain(l.esrsE5_5.p37c_directed.incineration.total)).toBe("150");
    expect(plain(l.esrsE5_5.p37c_directed.landfill.total)).toBe("900");
    expect(plain(l.esrsE5_5.p37c_directed.otherDisposal.total)).toBe("0");
  });
  it("GRI 306-4 diverted 4,600; GRI 306-5 1,300 (250 with, 150 without energy recovery, 900 landfilling)", () => {
    expect(plain(l.gri306_4.total)).toBe("4600");
    expect(plain(l.gri306_5.total)).toBe("1300");
    expect(plain(l.gri306_5.incinerationWithEnergyRecovery.total)).toBe("250");
    expect(plain(l.gri306_5.incinerationWithoutEnergyRecovery.total)).toBe("150");
    expect(plain(l.gri306_5.landfilling.total)).toBe("900");
    expect(plain(l.gri306_4.offsite)).toBe("4600");
    expect(plain(l.gri306_4.onsite)).toBe("0");
  });
  it("ESRS §37(d) non-recycled 1,650 t = 27.97 %", () => {
    expect(plain(l.esrsE5_5.p37d_nonRecycled.total)).toBe("1650");
    expect(two(l.esrsE5_5.p37d_nonRecycled.percent)).toBe("27.97");
  });
  it("ESRS §39 hazardous total 1,200 t", () => expect(plain(l.esrsE5_5.p39_hazardous)).toBe("1200"));
  it("WEEE-style rates 77.97 % and 82.20 %", () => {
    expect(two(l.rates.preparationForReuseAndRecyclingPercent)).toBe("77.97");
    expect(two(l.rates.recoveryPercent)).toBe("82.20");
  });
  it("states the project choices (energy recovery mapping, literal non-recycled definition)", () => {
    expect(l.choices.some((c) => /ENERGY-RECOVERY/.test(c) && /306-5/.test(c) && /37\(b\)\(iii\)/.test(c))).toBe(true);
    expect(l.choices.some((c) => /non-recycled/.test(c) && /literal/.test(c))).toBe(true);
  });
});
