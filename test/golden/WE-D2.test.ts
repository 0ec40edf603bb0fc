/** WE-D2 CFF material term: A-value variants (worked-examples.md, DERIVED). */
import { plain } from "../../src/engine/quantities/decimal";
import { cffMaterial, type CffInput } from "../../src/engine/methods/cff";

const aluminium: CffInput = { R1: "0.3", R2: "0.9", R3: "0", Ev: "8.0", EvStar: "8.0", Erec: "0.6", ErecEoL: "0.5", qsinOverQp: "1", qsoutOverQp: "1" };

describe("WE-D2 CFF material term, A-value variants", () => {
  it.each([
    ["cff", "0.2", "2.156"],
    ["cut-off", undefined, "5.78"],
    ["avoided-burden", undefined, "1.25"],
    ["50-50", undefined, "3.515"],
  ] as const)("%s (A = %s) gives %s kg CO2e/kg", (allocation, A, expected) => {
    const r = cffMaterial({ ...aluminium, allocation, ...(A ? { A } : {}) });
    expect(plain(r.value)).toBe(expected);
    expect(r.unit).toBe("kg CO2e/kg");
  });

  it("A = 0.2 decomposes as 5.6 + 0.3 x (0.12 + 6.4) + 0.8 x 0.9 x (-7.5)", () => {
    const r = cffMaterial({ ...aluminium, A: "0.2" });
    const steps = Object.fromEntries(r.trace.steps.map((s) => [s.label, s.value]));
    expect(steps["virgin input"]).toBe("5.6");
    expect(steps["recycled input"]).toBe("1.956");
    expect(steps["end-of-life recycling"]).toBe("-5.4");
  });
});
