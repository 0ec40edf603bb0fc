import { Dec, plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { recyclingCredit, warmRecyclingCredit, energyRecoveryCredit } from "../../../../src/engine/methods/recycling";
import { avoidedRegistry } from "./m2-libraries";

const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);
const base = { material: "AL", lotId: "L1", outputMass: 1000, virginFactor: "8", recyclingFactor: "0.5", certificate: "COR-1" };

describe("recycling credit (brief §5.3)", () => {
  it("needs a certificate from the final-disposition point", () => {
    expect(code(attempt(() => recyclingCredit({ ...base, A: "0.2", certificate: undefined })))).toBe("CREDIT_EVIDENCE_MISSING");
  });
  it("needs A or a named allocation", () => {
    expect(code(attempt(() => recyclingCredit(base)))).toBe("MISSING_INPUT");
  });
  it("cut-off (A = 1): no end-of-life credit, all reserved to the recycled-content user", () => {
    const c = recyclingCredit({ ...base, allocation: "cut-off" });
    expect(plain(c.gross.value)).toBe("7500");
    expect(plain(c.eolShare.value)).toBe("0");
    expect(plain(c.reservedToUser.value)).toBe("7500");
  });
  it("avoided-burden (A = 0): all to the end-of-life chain", () => {
    const c = recyclingCredit({ ...base, allocation: "avoided-burden" });
    expect(plain(c.eolShare.value)).toBe("7500");
    expect(plain(c.reservedToUser.value)).toBe("0");
  });
  it("Qsout/Qp scales the substituted virgin burden and defaults to 1 (recorded as defaulted)", () => {
    const c = recyclingCredit({ ...base, A: "0.5", qsoutOverQp: "0.5" });
    expect(plain(c.gross.value)).toBe("3500"); // 1000 x (8 x 0.5 - 0.5)
    const d = recyclingCredit({ ...base, A: "0.5" });
    expect(d.gross.trace.inputs.find((i) => i.name === "Qsout/Qp")?.origin).toBe("defaulted");
  });
  it("A sensitivity at 0.2 / 0.5 / 0.8 on the end-of-life share", () => {
    const c = recyclingCredit({ ...base, A: "0.2" });
    expect([c.sensitivity!.low, c.sensitivity!.central, c.sensitivity!.high].map((x) => plain(x.result.value))).toEqual(["6000", "3750", "1500"]);
    expect(plain(c.sensitivity!.max)).toBe("6000");
  });
  it("DESNZ primary production (E*v) vs closed-loop source (Erec) by id, kg CO2e/t converted to per kg", () => {
    const reg = avoidedRegistry();
    const primary = "desnz.material.metal.metal-aluminium-cans-and-foil-excl-forming.primary-material-production.t.cradle-to-gate";
    const closed = "desnz.material.metal.metal-aluminium-cans-and-foil-excl-forming.closed-loop-source.t.cradle-to-gate";
    const c = recyclingCredit({ ...base, outputMass: 2, massUnit: "t", virginFactor: { id: primary, year: 2025 }, recyclingFactor: { id: closed, year: 2025 }, A: "0.2", registry: reg });
    // 2,000 kg x (9.11590131 - 0.9950779) = 16,241.64682 kg
    expect(plain(c.gross.value)).toBe("16241.64682");
    expect(plain(c.eolShare.value)).toBe("12993.317456");
    expect(c.gross.trace.factors.map((f) => f.library)).toEqual(["desnz-2025", "desnz-2025"]);
    expect(c.gross.trace.steps.some((s) => s.label === "E*v in kg CO2e/kg" && s.value === "9.11590131")).toBe(true);
  });
  it("a mass unit that is not a mass is UNKNOWN_UNIT", () => {
    expect(code(attempt(() => recyclingCredit({ ...base, A: "0.2", massUnit: "km" })))).toBe("UNKNOWN_UNIT");
  });
});

describe("WARM scenario difference (brief §5.5)", () => {
  it("recycling vs landfilling of mixed electronics, t CO2e/short ton converted exactly", () => {
    const reg = avoidedRegistry();
    const c = warmRecyclingCredit({
      material: "mixed electronics",
      lotId: "L2",
      mass: 1,
      massUnit: "short ton",
      alternativeFactor: "warm.mixed-electronics.recycling",
      baselineFactor: "warm.mixed-electronics.landfilling",
      allocation: "avoided-burden",
      certificate: "COR-2",
      registry: reg,
    });
    // 1 short ton x (0.0203 - (-0.7853)) t CO2e/short ton = 0.8056 t = 805.6 kg
    expect(plain(c.gross.value.toDecimalPlaces(20))).toBe("805.6");
    expect(plain(c.eolShare.value.toDecimalPlaces(20))).toBe("805.6");
    expect(c.gross.trace.notes.some((n) => /AR4/.test(n))).toBe(true);
  });
});

describe("energy-recovery credit (brief §5.3)", () => {
  it("M x (LHV XER,heat ESE,heat + LHV XER,elec ESE,elec - EER), B default 0", () => {
    const c = energyRecoveryCredit({ material: "PLA-BFR", mass: 1000, LHV: 38, XERheat: "0.1", ESEheat: "0.07", XERelec: "0.2", ESEelec: "0.12", EER: "2.9", certificate: "R1-1" });
    // 1000 x (0.266 + 0.912 - 2.9) = -1722 (a net burden, not a credit)
    expect(plain(c.gross.value)).toBe("-1722");
    expect(plain(c.eolShare.value)).toBe("-1722");
  });
  it("ESE,elec by a kWh factor id is converted to kg CO2e/MJ", () => {
    const reg = avoidedRegistry();
    const c = energyRecoveryCredit({ material: "RES", mass: 1, LHV: 36, XERheat: 0, XERelec: "0.25", ESEelec: { id: "desnz.electricity.uk.kwh.generation", year: 2025 }, EER: 0, certificate: "R1-2", registry: reg });
    // 36 x 0.25 x 0.177/3.6 = 0.4425
    expect(plain(c.gross.value)).toBe(plain(new Dec("0.4425")));
  });
});
