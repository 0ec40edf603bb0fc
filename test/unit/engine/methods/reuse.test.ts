import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import { reuseCredit, lifeExtensionCredit, harvestedComponentCredit, type ReuseCreditInput } from "../../../../src/engine/methods/reuse";
import { avoidedRegistry } from "./m2-libraries";

const base: ReuseCreditInput = {
  units: 10,
  efNew: "200",
  lifetimeExtendedYears: 3,
  lifetimeNewYears: 4,
  refurbishmentKg: 4,
  partsKg: 0,
  extraLogisticsKg: 1,
  powerDeltaKw: 0,
  testRecord: "T-1",
  dataBearing: false,
};
const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);
const param = <T>(o: Outcome<T>, k: string) => (o.ok ? undefined : o.issue.params[k]);

describe("reuse credit eligibility (brief §2.2 engine rule)", () => {
  it("no functional test record: CREDIT_EVIDENCE_MISSING, no credit", () => {
    const o = attempt(() => reuseCredit({ ...base, testRecord: undefined }));
    expect(code(o)).toBe("CREDIT_EVIDENCE_MISSING");
    expect(param(o, "argument")).toBe("testRecord");
  });
  it("data-bearing without a sanitization record: CREDIT_EVIDENCE_MISSING", () => {
    const o = attempt(() => reuseCredit({ ...base, dataBearing: true }));
    expect(code(o)).toBe("CREDIT_EVIDENCE_MISSING");
    expect(param(o, "argument")).toBe("sanitizationRecord");
  });
  it("data-bearing with a sanitization record earns the credit", () => {
    expect(attempt(() => reuseCredit({ ...base, dataBearing: true, sanitizationRecord: "S-9" })).ok).toBe(true);
  });
  it("dataBearing must be stated", () => {
    expect(code(attempt(() => reuseCredit({ ...base, dataBearing: undefined as unknown as boolean })))).toBe("MISSING_INPUT");
  });
  it("DR = 1 needs displacement evidence", () => {
    const o = attempt(() => reuseCredit({ ...base, displacementRate: 1 }));
    expect(code(o)).toBe("CREDIT_EVIDENCE_MISSING");
    expect(param(o, "argument")).toBe("displacementEvidence");
    const ok = reuseCredit({ ...base, displacementRate: 1, displacementEvidence: "PO-cancelled-7781" });
    expect(plain(ok.perUnit.value)).toBe("145"); // 1 x 0.75 x 200 - 5
    expect(ok.perUnit.trace.flags.some((f) => /assumption/.test(f))).toBe(false);
  });
  it("DR above 1 or below 0 is OUT_OF_RANGE", () => {
    expect(code(attempt(() => reuseCredit({ ...base, displacementRate: "1.2" })))).toBe("OUT_OF_RANGE");
    expect(code(attempt(() => reuseCredit({ ...base, displacementRate: "-0.1" })))).toBe("OUT_OF_RANGE");
  });
});

describe("reuse credit formula", () => {
  it("DR defaults to 0.5, recorded as defaulted and flagged as an assumption", () => {
    const c = reuseCredit(base);
    expect(plain(c.displacementRate)).toBe("0.5");
    const dr = c.perUnit.trace.inputs.find((i) => i.name === "DR displacement rate");
    expect(dr?.origin).toBe("defaulted");
    expect(c.perUnit.trace.flags.some((f) => /assumption/.test(f))).toBe(true);
    expect(plain(c.perUnit.value)).toBe("70"); // 0.5 x 0.75 x 200 - 5
    expect(plain(c.total.value)).toBe("700");
  });
  it("LEF is capped at 1", () => {
    const c = reuseCredit({ ...base, lifetimeExtendedYears: 6 });
    expect(plain(c.perUnit.value)).toBe("95");
    expect(c.perUnit.trace.notes.some((n) => /capped/.test(n))).toBe(true);
  });
  it("a more efficient reused unit has a negative use-phase term (credit rises)", () => {
    const c = reuseCredit({ ...base, powerDeltaKw: undefined, powerReusedKw: "0.02", powerNewKw: "0.03", hoursPerYear: 1000, gridFactor: "0.5" });
    // dE_use = -0.01 x 1000 x 3 x 0.5 = -15
    expect(plain(c.perUnit.value)).toBe("85");
  });
  it("a non-zero power difference needs hours and a grid factor", () => {
    expect(code(attempt(() => reuseCredit({ ...base, powerDeltaKw: "0.01" })))).toBe("MISSING_INPUT");
  });
  it("burdens above the displaced production give a negative credit, flagged", () => {
    const c = reuseCredit({ ...base, refurbishmentKg: 100 });
    expect(plain(c.perUnit.value)).toBe("-26");
    expect(c.perUnit.trace.flags.some((f) => /Negative credit/.test(f))).toBe(true);
  });
  it("refurbishment burden must be entered (no silent zero)", () => {
    expect(code(attempt(() => reuseCredit({ ...base, refurbishmentKg: undefined as unknown as number })))).toBe("MISSING_INPUT");
  });
  it("a user-supplied EF_new is marked userSupplied in the trace", () => {
    const c = reuseCredit(base);
    expect(c.perUnit.trace.factors[0]!.userSupplied).toBe(true);
    expect(c.perUnit.trace.method.id).toBe("SERI-EVC-METHOD");
    expect(c.perUnit.trace.method.version).toBe("0.1.0-draft");
  });
  it("EF_new by Boavizta category id: laptop median, flagged as a proxy", () => {
    const reg = avoidedRegistry();
    const f = reg.get("boavizta.category.laptop.embodied.median");
    const c = reuseCredit({ ...base, efNew: "boavizta.category.laptop.embodied.median", registry: reg });
    expect(plain(c.perUnit.value)).toBe(plain(f.value.times("0.375").minus(5)));
    expect(c.perUnit.trace.factors[0]!.library).toBe("boavizta-2025");
    expect(c.perUnit.trace.flags.some((x) => /proxy/.test(x))).toBe(true);
  });
  it("EF_new by per-model Boavizta embodied id", () => {
    const reg = avoidedRegistry();
    const id = "boavizta.product.apple.13-inch-macbook-air-m1-cpu-256gb-2020.embodied";
    const c = reuseCredit({ ...base, efNew: id, registry: reg });
    expect(plain(c.perUnit.value)).toBe(plain(reg.get(id).value.times("0.375").minus(5)));
  });
  it("a factor id without a registry, or an unknown id, is an issue", () => {
    expect(code(attempt(() => reuseCredit({ ...base, efNew: "boavizta.category.laptop.embodied.median" })))).toBe("MISSING_INPUT");
    expect(code(attempt(() => reuseCredit({ ...base, efNew: "boavizta.category.laptp.embodied.median", registry: avoidedRegistry() })))).toBe("UNKNOWN_FACTOR");
  });
  it("grid factor by DESNZ id (kg CO2e/kWh): 70 - 0.01 x 1000 x 3 x 0.177 = 64.69", () => {
    const reg = avoidedRegistry();
    const c = reuseCredit({ ...base, powerDeltaKw: "0.01", hoursPerYear: 1000, gridFactor: { id: "desnz.electricity.uk.kwh.generation", year: 2025 }, registry: reg });
    expect(plain(c.perUnit.value)).toBe("64.69");
    expect(c.perUnit.trace.factors.map((f) => f.id)).toContain("desnz.electricity.uk.kwh.generation");
  });
});

describe("repair, extension and harvested components", () => {
  it("extend: LEF = years added / reference lifetime", () => {
    const { lifetimeExtendedYears: _a, lifetimeNewYears: _b, pathway: _p, ...rest } = base;
    const c = lifeExtensionCredit({ ...rest, yearsAdded: 1, referenceLifetimeYears: 5 });
    expect(c.pathway).toBe("extend");
    expect(plain(c.perUnit.value)).toBe("15"); // 0.5 x 0.2 x 200 - 5
  });
  it("repair is the same formula under the repair pathway", () => {
    const { lifetimeExtendedYears: _a, lifetimeNewYears: _b, pathway: _p, ...rest } = base;
    const c = lifeExtensionCredit({ ...rest, pathway: "repair", yearsAdded: 2, referenceLifetimeYears: 4, partsKg: 10 });
    expect(c.pathway).toBe("repair");
    expect(plain(c.perUnit.value)).toBe("35");
  });
  it("harvested component: the component's EF_new, same evidence rules", () => {
    const c = harvestedComponentCredit({ ...base, efNew: "40", lifetimeExtendedYears: 4, lifetimeNewYears: 4, refurbishmentKg: "0.5", extraLogisticsKg: 0 });
    expect(c.pathway).toBe("harvest");
    expect(plain(c.perUnit.value)).toBe("19.5");
    expect(code(attempt(() => harvestedComponentCredit({ ...base, dataBearing: true })))).toBe("CREDIT_EVIDENCE_MISSING");
  });
  it("an unknown pathway is INVALID_OPTION", () => {
    expect(code(attempt(() => reuseCredit({ ...base, pathway: "donate" as never })))).toBe("INVALID_OPTION");
  });
});
