import { Dec, plain, sum } from "../../../../src/engine/quantities/decimal";
import { allocateExact, allocateFacilityEmissions, OTHER_THROUGHPUT } from "../../../../src/engine/methods/allocation";
import { codeOf } from "./inv-helpers";

const values = (a: ReturnType<typeof allocateExact>) => a.parts.map((p) => plain(p.value));

describe("allocateExact", () => {
  it("gives exact quotients when they terminate", () => {
    expect(values(allocateExact(100, [1, 3]))).toEqual(["25", "75"]);
    expect(values(allocateExact("533114.5", [450, 5550]))).toEqual(["39983.5875", "493130.9125"]);
  });
  it("sums exactly to the total when quotients do not terminate (default quantum: 50th digit)", () => {
    const a = allocateExact(100, [1, 1, 1]);
    expect(plain(sum(a.parts.map((p) => p.value)))).toBe("100");
    expect(a.quantumDefaulted).toBe(true);
    expect(a.quantum.eq(new Dec("1e-47"))).toBe(true);
    // the extra quantum goes to the first part (equal remainders: lower index first)
    expect(a.parts[0]!.value.gt(a.parts[1]!.value)).toBe(true);
    expect(a.parts[1]!.value.eq(a.parts[2]!.value)).toBe(true);
  });
  it("rounds to a stated quantum with largest remainder and index tie-break", () => {
    expect(values(allocateExact(10, [1, 1, 1], { quantum: 1 }))).toEqual(["4", "3", "3"]);
    expect(values(allocateExact(10, [1, 2, 2], { quantum: 1 }))).toEqual(["2", "4", "4"]);
    expect(values(allocateExact(1, [1, 1, 1], { quantum: "0.000001" }))).toEqual(["0.333334", "0.333333", "0.333333"]);
    // largest remainder, not index: 7 x (0.2, 0.35, 0.45) = 1.4, 2.45, 3.15 -> floors 1,2,3, left 1 -> part 2 (rem .45)
    expect(values(allocateExact(7, ["0.2", "0.35", "0.45"], { quantum: 1 }))).toEqual(["1", "3", "3"]);
  });
  it("zero weights get exactly zero; keyed parts keep their keys", () => {
    const a = allocateExact(9, [{ key: "a", weight: 0 }, { key: "b", weight: 2 }, { key: "c", weight: 1 }], { quantum: 1 });
    expect(a.parts.map((p) => [p.key, plain(p.value)])).toEqual([["a", "0"], ["b", "6"], ["c", "3"]]);
    expect(a.trace.notes.some((n) => /zero weight/.test(n))).toBe(true);
  });
  it("allocates a negative total by its absolute value with the sign restored", () => {
    expect(values(allocateExact(-10, [1, 1, 1], { quantum: 1 }))).toEqual(["-4", "-3", "-3"]);
  });
  it("a zero total with zero weights is all zeros", () => {
    expect(values(allocateExact(0, [0, 0]))).toEqual(["0", "0"]);
  });
  it("error paths", () => {
    expect(codeOf(() => allocateExact(10, []))).toBe("MISSING_INPUT");
    expect(codeOf(() => allocateExact(10, [1, -1]))).toBe("NEGATIVE_NOT_ALLOWED");
    expect(codeOf(() => allocateExact(10, [0, 0]))).toBe("ALLOCATION_BASIS_ZERO");
    expect(codeOf(() => allocateExact("10.5", [1, 1], { quantum: 1 }))).toBe("TOTAL_FINER_THAN_QUANTUM");
    expect(codeOf(() => allocateExact(10, [1, 1], { quantum: 0 }))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => allocateExact(10, [1, 1], { quantum: "1e-60" }))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => allocateExact("ten", [1]))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => allocateExact(10, ["x"]))).toBe("NOT_A_NUMBER");
  });
  it("trace: inputs, one step per part, and the sum check", () => {
    const a = allocateExact(10, [1, 4], { quantum: 1 });
    expect(a.trace.method.clause).toMatch(/§4\.3/);
    expect(a.trace.steps.find((s) => s.label === "check: sum of parts")?.value).toBe("10");
    expect(a.trace.inputs.find((i) => i.name === "quantum")?.origin).toBe("entered");
  });
});

describe("allocateFacilityEmissions", () => {
  const base = { scope1: 600, scope2LocationBased: 300, scope2MarketBased: 150 };
  it("allocates each scope by received mass in any mass unit", () => {
    const r = allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 1000, unit: "kg" } }, { key: "B", receivedMass: { amount: 2, unit: "t" } }] });
    expect(r.clients.map((c) => plain(c.scope1.value))).toEqual(["200", "400"]);
    expect(r.clients.map((c) => plain(c.totalMarketBased.value))).toEqual(["250", "500"]);
    expect(plain(r.clients[1]!.intensityLocationBased!.value)).toBe("300");
  });
  it("a zero-mass client gets zero and no intensity", () => {
    const r = allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 0, unit: "t" } }, { key: "B", receivedMass: { amount: 2, unit: "t" } }] });
    expect(plain(r.clients[0]!.totalLocationBased.value)).toBe("0");
    expect(r.clients[0]!.intensityLocationBased).toBeNull();
  });
  it("the rest of the throughput is a hidden part when a site total is given", () => {
    const r = allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 1, unit: "t" } }], totalMass: { amount: 3, unit: "t" } });
    expect(r.clients).toHaveLength(1);
    expect(plain(r.clients[0]!.scope1.value)).toBe("200");
    expect(r.trace.inputs.some((i) => i.name === `mass[${OTHER_THROUGHPUT}]` && i.origin === "defaulted")).toBe(true);
  });
  it("accepts Results in kg CO2e and absorbs their traces", () => {
    const s1 = { value: new Dec(600), unit: "kg CO2e", trace: allocateExact(600, [1]).trace };
    const r = allocateFacilityEmissions({ ...base, scope1: s1, clients: [{ key: "A", receivedMass: { amount: 1, unit: "t" } }] });
    expect(plain(r.clients[0]!.scope1.value)).toBe("600");
    expect(codeOf(() => allocateFacilityEmissions({ ...base, scope1: { ...s1, unit: "t CO2e" }, clients: [{ key: "A", receivedMass: { amount: 1, unit: "t" } }] }))).toBe("INCOMPATIBLE_UNITS");
  });
  it("an input with digits beyond the site total's precision is taken to the common quantum, noted; sums stay exact", () => {
    const third = new Dec(1).div(3);
    const r = allocateFacilityEmissions({ scope1: third, scope2LocationBased: 1000, scope2MarketBased: 10, clients: [1, 2, 3].map((m) => ({ key: `c${m}`, receivedMass: { amount: m, unit: "t" } })) });
    const total = r.clients.reduce((s, c) => s.plus(c.totalLocationBased.value), new Dec(0));
    expect(total.eq(r.clients.reduce((s, c) => s.plus(c.scope1.value).plus(c.scope2LocationBased.value), new Dec(0)))).toBe(true);
    expect(total.eq(r.siteTotalLocationBased)).toBe(true);
    expect(r.trace.notes.some((n) => /beyond the Decimal precision/.test(n))).toBe(true);
  });
  it("error paths", () => {
    expect(codeOf(() => allocateFacilityEmissions({ ...base, clients: [] }))).toBe("MISSING_INPUT");
    expect(codeOf(() => allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 1, unit: "t" } }, { key: "A", receivedMass: { amount: 1, unit: "t" } }] }))).toBe("RULE_VIOLATION");
    expect(codeOf(() => allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 5, unit: "t" } }], totalMass: { amount: 3, unit: "t" } }))).toBe("RULE_VIOLATION");
    expect(codeOf(() => allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 5, unit: "km" } }] }))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => allocateFacilityEmissions({ ...base, clients: [{ key: "A", receivedMass: { amount: 0, unit: "t" } }] }))).toBe("ALLOCATION_BASIS_ZERO");
    expect(codeOf(() => allocateFacilityEmissions({ ...base, scope1: -1, clients: [{ key: "A", receivedMass: { amount: 1, unit: "t" } }] }))).toBe("NEGATIVE_NOT_ALLOWED");
  });
});
