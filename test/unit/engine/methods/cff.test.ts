import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { cffMaterial, cffEnergy, cffDisposal, circularFootprint, resolveAllocation } from "../../../../src/engine/methods/cff";
import { avoidedRegistry } from "./m2-libraries";

const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);
const al = { R1: "0.3", R2: "0.9", Ev: "8", EvStar: "8", Erec: "0.6", ErecEoL: "0.5", qsinOverQp: "1", qsoutOverQp: "1" };

describe("CFF allocation choices", () => {
  it("cff without A is MISSING_INPUT", () => expect(code(attempt(() => cffMaterial(al)))).toBe("MISSING_INPUT"));
  it("a named allocation with a different A is INVALID_OPTION", () => {
    expect(code(attempt(() => cffMaterial({ ...al, allocation: "cut-off", A: "0.5" })))).toBe("INVALID_OPTION");
    expect(cffMaterial({ ...al, allocation: "cut-off", A: "1" }).A.toFixed()).toBe("1");
  });
  it("avoided-burden requires Qsin/Qp = 1 (RULE_VIOLATION otherwise) and defaults it to 1", () => {
    expect(code(attempt(() => cffMaterial({ ...al, allocation: "avoided-burden", qsinOverQp: "0.7" })))).toBe("RULE_VIOLATION");
    const { qsinOverQp: _q, ...noQ } = al;
    const r = cffMaterial({ ...noQ, allocation: "avoided-burden" });
    expect(plain(r.value)).toBe("1.25");
    expect(r.trace.inputs.find((i) => i.name === "qsinOverQp")?.origin).toBe("defaulted");
  });
  it("unknown allocation names are INVALID_OPTION", () => {
    expect(code(attempt(() => resolveAllocation("economic" as never, undefined)))).toBe("INVALID_OPTION");
  });
  it("A outside [0, 1] is OUT_OF_RANGE", () => expect(code(attempt(() => cffMaterial({ ...al, A: "1.5" })))).toBe("OUT_OF_RANGE"));
});

describe("CFF parameters", () => {
  it("a parameter with a non-zero coefficient cannot be missing", () => {
    const { Erec: _e, ...noErec } = al;
    expect(code(attempt(() => cffMaterial({ ...noErec, A: "0.2" })))).toBe("MISSING_INPUT");
    // A = 0: Erec's coefficient R1 x A is 0, so it is not needed
    expect(attempt(() => cffMaterial({ ...noErec, A: "0" })).ok).toBe(true);
  });
  it("R2 + R3 above 1 is OUT_OF_RANGE", () => {
    expect(code(attempt(() => cffDisposal({ R2: "0.7", R3: "0.5", ED: "0.1" })))).toBe("OUT_OF_RANGE");
  });
  it("energy term: B defaults to 0 (recorded), R3 = 0 needs no energy parameters", () => {
    const e = cffEnergy({ R3: "0" });
    expect(plain(e.value)).toBe("0");
    expect(e.trace.inputs.find((i) => i.name === "B")?.origin).toBe("defaulted");
    expect(code(attempt(() => cffEnergy({ R3: "0.5" })))).toBe("MISSING_INPUT");
  });
  it("B = 1 removes the energy term", () => {
    expect(plain(cffEnergy({ R3: "0.5", B: "1" }).value)).toBe("0");
  });
  it("factor ids are converted: DESNZ primary aluminium per t gives Ev per kg", () => {
    const reg = avoidedRegistry();
    const id = "desnz.material.metal.metal-aluminium-cans-and-foil-excl-forming.primary-material-production.t.cradle-to-gate";
    const r = cffMaterial({ ...al, R1: "0", R2: "0", Ev: { id, year: 2025 }, registry: reg, allocation: "cut-off" });
    expect(plain(r.value)).toBe("9.11590131");
    expect(r.trace.factors[0]!.id).toBe(id);
  });
  it("the total's trace carries all three terms", () => {
    const r = circularFootprint({ ...al, A: "0.2", R3: "0", ED: "0.1" });
    expect(plain(r.disposal.value)).toBe("0.01");
    expect(plain(r.total.value)).toBe("2.166");
    expect(r.total.trace.steps.some((s) => s.label.startsWith("Material:"))).toBe(true);
    expect(r.total.trace.steps.some((s) => s.label.startsWith("Disposal:"))).toBe(true);
  });
});
