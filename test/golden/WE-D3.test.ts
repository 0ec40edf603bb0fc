/** WE-D3 Full CFF with energy and disposal terms (worked-examples.md, DERIVED). */
import { plain } from "../../src/engine/quantities/decimal";
import { circularFootprint } from "../../src/engine/methods/cff";

describe("WE-D3 full CFF, ABS-like plastic", () => {
  const r = circularFootprint({
    R1: "0", R2: "0.3", R3: "0.5", A: "0.5", B: "0",
    Ev: "3.5", EvStar: "3.5", ErecEoL: "0.4", qsoutOverQp: "0.9",
    EER: "2.9", LHV: "38", XERheat: "0.1", ESEheat: "0.07", XERelec: "0.2", ESEelec: "0.12", ED: "0.05",
  });
  it("Material = 3.5 + 0.5 x 0.3 x (0.4 - 3.15) = 3.0875", () => expect(plain(r.material.value)).toBe("3.0875"));
  it("Energy = 0.5 x (2.9 - 0.266 - 0.912) = 0.861", () => expect(plain(r.energy.value)).toBe("0.861"));
  it("Disposal = (1 - 0.3 - 0.5) x 0.05 = 0.01", () => expect(plain(r.disposal.value)).toBe("0.01"));
  it("CFF total 3.9585 kg CO2e/kg", () => {
    expect(plain(r.total.value)).toBe("3.9585");
    expect(r.total.unit).toBe("kg CO2e/kg");
  });
  it("R1 = 0 needs no Erec or Qsin/Qp: recorded as not needed, not silently zero", () => {
    const erec = r.material.trace.inputs.find((i) => i.name === "Erec");
    expect(erec?.origin).toBe("defaulted");
    expect(erec?.note).toMatch(/not needed/);
  });
});
