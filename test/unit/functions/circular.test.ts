/**
 * ESG.EMBODIED_CO2, ESG.REUSE_CO2, ESG.CFF and ESG.AVOIDED_CO2 called as Excel calls them: every argument a
 * matrix (a scalar is [[x]]), null for an omitted optional, the repeating options as an array. Exact values.
 */
import * as F from "../../../src/functions/functions";
import { Dec, plain } from "../../../src/engine";
import { bundledRegistry } from "../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../src/bundled/taxonomy";
import { FUNCTIONS, invoke, isExcelError, type ExcelError } from "../../../src/functions";
import { evaluateFormula } from "../../../src/functions/formula";

const m = (x: unknown): unknown[][] => [[x]];
const ctx = { registry: bundledRegistry(), taxonomy: bundledTaxonomy() };

function err(v: unknown): ExcelError {
  expect(isExcelError(v)).toBe(true);
  return v as ExcelError;
}
const first = (out: unknown[][]) => out[0]![0];

describe("EMBODIED_CO2", () => {
  it("a UNU-KEY gives the Boavizta category median (largest sample), a category option the other", () => {
    expect(F.embodiedCo2(m("0303"))).toEqual([[235.873]]);
    expect(F.embodiedCo2(m("0303"), ["category=tablet"])).toEqual([[77.04]]);
    expect(F.embodiedCo2(m("0302"))).toEqual([[248.805]]);
    expect(F.embodiedCo2(m("0302"), ["category", "Thin Client"])).toEqual([[45.32]]);
  });
  it("a factor id and a number", () => {
    expect(F.embodiedCo2(m("boavizta.product.apple.13-inch-macbook-air-m1-cpu-256gb-2020.embodied"))).toEqual([[122.36]]);
    expect(F.embodiedCo2(m(250.5))).toEqual([[250.5]]);
    expect(F.embodiedCo2(m("250.5"))).toEqual([[250.5]]);
  });
  it("spills over a column with errors per element", () => {
    const out = F.embodiedCo2([["0303"], ["0306"], ["0001"], [null], [{ code: "#REF!" }], [true]]);
    expect(out.slice(0, 2)).toEqual([[235.873], [52.845]]);
    const na = err(out[2]![0]);
    expect(na).toMatchObject({ excelError: "#N/A", code: "FACTOR_NOT_PUBLISHED" });
    expect(na.message).toContain("Keys with data: 0302 (desktop, thin-client), 0303 (laptop, tablet), 0306 (smartphone), 0307 (server), 0309 (monitor), 0401 (iot), 0702 (gaming)");
    expect(err(out[3]![0])).toMatchObject({ excelError: "#VALUE!", code: "MISSING_INPUT" });
    expect(err(out[4]![0]).excelError).toBe("#REF!");
    expect(err(out[5]![0])).toMatchObject({ excelError: "#VALUE!", code: "INVALID_OPTION" });
  });
  it("bad keys and options name the argument", () => {
    const unknown = err(first(F.embodiedCo2(m("9999"))));
    expect(unknown).toMatchObject({ excelError: "#VALUE!", code: "UNKNOWN_ID" });
    const cat = err(first(F.embodiedCo2(m("0303"), ["category=tablte"])));
    expect(cat.code).toBe("INVALID_OPTION");
    expect(cat.message).toContain("options category: 'tablte' is not a valid option");
    expect(cat.message).toContain("did you mean 'tablet'");
    expect(err(first(F.embodiedCo2(m("0303"), ["categroy=tablet"]))).message).toContain("did you mean 'category'");
    expect(err(first(F.embodiedCo2(m(-5)))).code).toBe("NEGATIVE_NOT_ALLOWED");
  });
  it("traces the category choice and flags the proxy", () => {
    const inv = invoke(FUNCTIONS.get("EMBODIED_CO2")!, ["0303"], ctx);
    expect(plain(inv.value as Dec)).toBe("235.873");
    expect(inv.unit).toBe("kg CO2e/unit");
    const t = inv.traces as { notes: string[]; flags: string[]; factors: { id: string }[] };
    expect(t.factors[0]!.id).toBe("boavizta.category.laptop.embodied.median");
    expect(t.notes[0]).toContain("'laptop' is used because its median rests on the most manufacturer PCFs");
    expect(t.flags[0]).toContain("Category median used as a proxy");
  });
});

// WE-D5 (method brief §5.2): 1,000 laptops, EF_new 250, DR 0.8, L 2/4, burdens 5 + 8 + 3, 0.005 kW x 2,000 h x 0.4.
const WE_D5 = ["ef_new=250", "life=2", "ref_life=4", "refurb=5", "parts=8", "logistics=3", "power_delta=0.005", "hours=2000", "grid=0.4", "tested=T-1", "data_bearing=TRUE", "sanitized=S-1"];

describe("REUSE_CO2", () => {
  it("reproduces WE-D5: 76 kg per unit, 76,000 kg in total; sensitivity 7.25 / 38.5 / 101 per unit", () => {
    expect(F.reuseCo2(m("0303"), m(1000), m(0.8), WE_D5)).toEqual([[76000]]);
    expect(F.reuseCo2(m("0303"), m(1000), m(0.8), [...WE_D5, "per=unit"])).toEqual([[76]]);
    expect(F.reuseCo2(m("0303"), m(1000), null as never, [...WE_D5, "sensitivity=low", "per=unit"])).toEqual([[7.25]]);
    expect(F.reuseCo2(m("0303"), m(1000), null as never, [...WE_D5, "sensitivity=central", "per=unit"])).toEqual([[38.5]]);
    expect(F.reuseCo2(m("0303"), m(1000), null as never, [...WE_D5, "sensitivity=high"])).toEqual([[101000]]);
    // A grid factor id in place of the number: DESNZ 2025 UK generation 0.177 kg CO2e/kWh:
    // 0.8 x 0.5 x 250 - 16 - 0.005 x 2000 x 2 x 0.177 = 100 - 16 - 3.54 = 80.46
    expect(F.reuseCo2(m("0303"), m(1), m(0.8), [...WE_D5.filter((o) => !o.startsWith("grid=")), "grid=desnz.electricity.uk.kwh.generation", "per=unit"])).toEqual([[80.46]]);
  });
  it("omitted DR is 0.5 and flagged; EF_new defaults to the key's embodied footprint (proxy flagged)", () => {
    // 10 x (0.5 x min(1, 3/5) x 235.873 - (4 + 0 + 1)) = 10 x (70.7619 - 5) = 657.619
    const opts = ["life=3", "ref_life=5", "refurb=4", "parts=0", "logistics=1", "power_delta=0", "tested=T-9", "data_bearing=TRUE", "sanitized=S-9"];
    expect(F.reuseCo2(m("0303"), m(10), null as never, opts)).toEqual([[657.619]]);
    expect(F.reuseCo2(m(303), m(10), m(null), opts)).toEqual([[657.619]]);
    const inv = invoke(FUNCTIONS.get("REUSE_CO2")!, ["0303", 10, null, opts], ctx);
    const t = inv.traces as { flags: string[]; inputs: { name: string; origin: string }[] };
    expect(t.flags.join(" ")).toContain("Displacement rate 0.5 is an assumption");
    expect(t.flags.join(" ")).toContain("EF_new is a proxy");
    expect(t.inputs.find((i) => i.name === "DR displacement rate")!.origin).toBe("defaulted");
  });
  it("spills over a column of unit counts and a row of DRs", () => {
    expect(F.reuseCo2(m("0303"), [[1], [2]], [[0.25, 0.8]], [...WE_D5, "per=total"])).toEqual([
      [7.25, 76],
      [14.5, 152],
    ]);
  });
  it("requires the evidence: test record, sanitization for data-bearing units, displacement evidence for DR 1", () => {
    const without = (name: string) => WE_D5.filter((o) => !o.startsWith(`${name}=`));
    const tested = err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), without("tested"))));
    expect(tested).toMatchObject({ excelError: "#VALUE!", code: "CREDIT_EVIDENCE_MISSING" });
    expect(tested.message).toMatch(/^options tested: no functional test record/);
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), without("sanitized")))).message).toMatch(/^options sanitized: no data sanitization record/);
    expect(F.reuseCo2(m("0303"), m(1000), m(0.8), [...without("sanitized").filter((o) => o !== "data_bearing=TRUE"), "data_bearing=FALSE"])).toEqual([[76000]]);
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(1), WE_D5))).message).toMatch(/^options displacement: no evidence/);
    expect(F.reuseCo2(m("0303"), m(1000), m(1), [...WE_D5, "displacement=PO-42"])).toEqual([[101000]]);
  });
  it("names a missing assumption by its option and rejects bad values", () => {
    const life = err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), WE_D5.filter((o) => !o.startsWith("life=")))));
    expect(life).toMatchObject({ excelError: "#VALUE!", code: "MISSING_INPUT" });
    expect(life.message).toBe("options life is required but empty; expected life=<years of service the reused unit delivers> (an explicit assumption of the reuse credit, method brief §5.2).");
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), WE_D5.filter((o) => !o.startsWith("hours=")))))).toMatchObject({ code: "MISSING_INPUT", message: expect.stringMatching(/^options hours /) });
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(1.5), WE_D5))).message).toBe("displacement_rate: 1.5 is out of range; expected a fraction between 0 and 1.");
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m("half"), WE_D5)))).toMatchObject({ excelError: "#VALUE!", code: "NOT_A_NUMBER" });
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), [...WE_D5.filter((o) => !o.startsWith("life=")), "life=two"]))).message).toBe("options life: 'two' is not a number; expected years.");
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), [...WE_D5, "sensitivity=high"]))).code).toBe("INVALID_OPTION");
    expect(err(first(F.reuseCo2(m("0303"), m(-1), m(0.8), WE_D5))).code).toBe("NEGATIVE_NOT_ALLOWED");
    expect(err(first(F.reuseCo2(m("0303"), m(1000), m(0.8), [...WE_D5, "data_bearing=maybe"]))).code).toBe("INVALID_OPTION");
    expect(err(first(F.reuseCo2(m("0303"), m({ code: "#DIV/0!" }), m(0.8), WE_D5))).excelError).toBe("#DIV/0!");
  });
  it("without ef_new, a key without an embodied footprint is #N/A naming the keys that have data", () => {
    const e = err(first(F.reuseCo2(m("0001"), m(1), null as never, ["life=3", "ref_life=5", "refurb=4", "parts=0", "logistics=1", "power_delta=0", "tested=T", "data_bearing=FALSE"])));
    expect(e).toMatchObject({ excelError: "#N/A", code: "FACTOR_NOT_PUBLISHED" });
  });
});

describe("CFF", () => {
  it("WE-D2 material term at A = 0.2 / 1 / 0 / 0.5 (R3 = 0, no ED: disposal left out and flagged)", () => {
    const d2 = (A: number) => first(F.cff(m(8), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(A), m(1), m(1)));
    expect([d2(0.2), d2(1), d2(0), d2(0.5)]).toEqual([2.156, 5.78, 1.25, 3.515]);
    const inv = invoke(FUNCTIONS.get("CFF")!, [8, 0.6, 0.5, 8, 0.3, 0.9, 0.2, 1, 1], ctx);
    expect(plain(inv.value as Dec)).toBe("2.156");
    expect((inv.traces as { flags: string[] }).flags[0]).toBe("ED not given: the disposal term (1 - R2 - R3) x ED = 0.1 x ED is NOT included; give ED=... to include it.");
  });
  it("WE-D2 over a row of A values: one call spills", () => {
    expect(F.cff(m(8), m(0.6), m(0.5), m(8), m(0.3), m(0.9), [[0.2, 1, 0, 0.5]], m(1), m(1))).toEqual([[2.156, 5.78, 1.25, 3.515]]);
  });
  const D3 = ["R3=0.5", "B=0", "EER=2.9", "LHV=38", "XER_heat=0.1", "ESE_heat=0.07", "XER_elec=0.2", "ESE_elec=0.12", "ED=0.05"];
  const d3 = (extra: string[] = []) => first(F.cff(m(3.5), m(0), m(0.4), m(3.5), m(0), m(0.3), m(0.5), m(1), m(0.9), [...D3, ...extra]));
  it("WE-D3 full CFF 3.9585 and its terms 3.0875 / 0.861 / 0.01", () => {
    expect(d3()).toBe(3.9585);
    expect(d3(["term=material"])).toBe(3.0875);
    expect(d3(["term=energy"])).toBe(0.861);
    expect(d3(["term=disposal"])).toBe(0.01);
    expect(d3(["term=total"])).toBe(3.9585);
    const inv = invoke(FUNCTIONS.get("CFF")!, [3.5, 0, 0.4, 3.5, 0, 0.3, 0.5, 1, 0.9, D3], ctx);
    expect((inv.value as Dec).toFixed()).toBe("3.9585");
    expect((inv.traces as { flags: string[] }).flags).toEqual([]);
  });
  it("exact with numeric text and percentages", () => {
    expect(first(F.cff(m("8"), m("0.6"), m("0.5"), m("8"), m("30%"), m("90%"), m("20%"), m(true), m(1)))).toBe(2.156);
  });
  it("names missing energy options, bad shares and wrong types", () => {
    const e = err(first(F.cff(m(3.5), m(0), m(0.4), m(3.5), m(0), m(0.3), m(0.5), m(1), m(0.9), ["R3=0.5"])));
    expect(e).toMatchObject({ excelError: "#VALUE!", code: "MISSING_INPUT" });
    expect(e.message).toMatch(/^options EER is required but empty/);
    expect(err(d3(["term=nope"])).message).toContain("options term: 'nope' is not a valid option");
    expect(err(first(F.cff(m(8), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(1.2), m(1), m(1)))).message).toBe("A: 1.2 is out of range; expected a fraction between 0 and 1.");
    expect(err(first(F.cff(m(8), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(0.2), m(1), m(1), ["R3=0.2"]))).code).toBe("MISSING_INPUT");
    expect(err(first(F.cff(m(8), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(0.2), m(1), m(1), ["term=disposal"]))).message).toMatch(/^options ED is required/);
    expect(err(first(F.cff(m(true), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(0.2), m(1), m(1)))).code).toBe("NOT_A_NUMBER");
    expect(err(first(F.cff(m(8), m(null), m(0.5), m(8), m(0.3), m(0.9), m(0.2), m(1), m(1)))).code).toBe("MISSING_INPUT");
    expect(err(first(F.cff(m(8), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(0.2), m(1), m({ code: "#N/A" })))).excelError).toBe("#N/A");
    expect(err(first(F.cff(m("no.such.factor"), m(0.6), m(0.5), m(8), m(0.3), m(0.9), m(0.2), m(1), m(1)))).code).toBe("UNKNOWN_FACTOR");
  });
  it("esg eval gives the same digits", () => {
    expect(plain(evaluateFormula("=ESG.CFF(8,0.6,0.5,8,0.3,0.9,0.2,1,1)", { context: ctx }).value as Dec)).toBe("2.156");
  });
});

describe("AVOIDED_CO2", () => {
  it("reuse pathways delegate to the reuse / life-extension credit with the same options", () => {
    expect(F.avoidedCo2(m("0303"), m(1000), m("refurbish"), ["dr=0.8", ...WE_D5])).toEqual([[76000]]);
    expect(F.avoidedCo2(m("0303"), m(1000), m("reuse"), ["dr=0.8", ...WE_D5, "per=unit"])).toEqual([[76]]);
    // Repair adding 2 years to a 5-year reference: 50 x (0.5 x 0.4 x 235.873 - 17) = 1508.73
    const ext = ["life=2", "ref_life=5", "refurb=2", "parts=15", "logistics=0", "power_delta=0", "tested=T-2", "data_bearing=FALSE"];
    expect(F.avoidedCo2(m("0303"), m(50), m("extend"), ext)).toEqual([[1508.73]]);
    expect(F.avoidedCo2(m("0303"), m(50), m("REPAIR"), ext)).toEqual([[1508.73]]);
    const inv = invoke(FUNCTIONS.get("AVOIDED_CO2")!, ["0303", 50, "repair", ext], ctx);
    expect((inv.traces as { method: { name: string } }).method.name).toBe("repair credit");
  });
  it("recycle: WARM scenario difference vs landfill (default) or combustion, EoL-chain share", () => {
    // 1000 kg x (0.0203 - (-1.0618)) t CO2e/short ton = 1000 x 1.0821 x 1000 / 907.18474 kg; x (1 - 0.5)
    const perKg = new Dec("1.0821").times(1000).div("907.18474");
    const inv = invoke(FUNCTIONS.get("AVOIDED_CO2")!, ["0303", 1000, "recycle", ["certificate=COR-7", "allocation=50-50"]], ctx);
    expect((inv.value as Dec).eq(perKg.times(1000).times("0.5"))).toBe(true);
    expect(inv.unit).toBe("kg CO2e");
    expect(F.avoidedCo2(m("0303"), m(1000), m("recycle"), ["certificate=COR-7", "allocation=50-50"])).toEqual([[596.40553477564]]);
    // combustion baseline: 0.6541 - (-1.0618) = 1.7159 t/short ton; A = 0.2 -> 0.8 share
    const comb = invoke(FUNCTIONS.get("AVOIDED_CO2")!, ["0303", 1000, "recycle", ["certificate=COR-7", "A=0.2", "baseline=combustion"]], ctx);
    expect((comb.value as Dec).eq(new Dec("1.7159").times(1000).div("907.18474").times(1000).times("0.8"))).toBe(true);
    // A key without a specific WARM row uses mixed electronics, flagged as a proxy; a WARM material works directly.
    const proxy = invoke(FUNCTIONS.get("AVOIDED_CO2")!, ["0001", 1000, "recycle", ["certificate=C", "A=0.5"]], ctx);
    expect((proxy.traces as { flags: string[] }).flags.join(" ")).toContain("WARM 'Mixed Electronics' is a proxy for UNU-KEY 0001");
    const direct = invoke(FUNCTIONS.get("AVOIDED_CO2")!, ["mixed-electronics", 1000, "recycle", ["certificate=C", "A=0.5"]], ctx);
    expect((direct.value as Dec).eq(proxy.value as Dec)).toBe(true);
  });
  it("recycle needs the certificate, defaults the allocation to 50-50 (recorded), and rejects options of the other pathway", () => {
    const cert = err(first(F.avoidedCo2(m("0303"), m(1000), m("recycle"), ["allocation=50-50"])));
    expect(cert).toMatchObject({ excelError: "#VALUE!", code: "CREDIT_EVIDENCE_MISSING" });
    expect(cert.message).toMatch(/^options certificate: no certificate of recycling/);
    const explicit = F.avoidedCo2(m("0303"), m(1000), m("recycle"), ["certificate=C", "allocation=50-50"]);
    expect(F.avoidedCo2(m("0303"), m(1000), m("recycle"), ["certificate=C"])).toEqual(explicit);
    expect(F.avoidedCo2(m("0303"), m(1000), m("recycle"), ["certificate=C", "A=0.2"])).not.toEqual(explicit);
    expect(err(first(F.avoidedCo2(m("0303"), m(1000), m("recycle"), ["certificate=C", "A=0.5", "life=2"]))).message).toContain("options life");
    expect(err(first(F.avoidedCo2(m("0303"), m(10), m("reuse"), [...WE_D5, "certificate=C"]))).message).toContain("options certificate");
    expect(err(first(F.avoidedCo2(m("0303"), m(10), m("recycel"), []))).message).toContain("did you mean 'recycle'");
    expect(err(first(F.avoidedCo2(m("laptop"), m(10), m("recycle"), ["certificate=C", "A=0.5"]))).code).toBe("UNKNOWN_ID");
    expect(err(first(F.avoidedCo2(m("0303"), m(10), m("reuse"), [...WE_D5, "dr=2"]))).message).toBe("options dr: 2 is out of range; expected a fraction between 0 and 1.");
  });
  it("spills over a column of keys, per element", () => {
    const out = F.avoidedCo2([["0303"], ["0001"], [""]], m(10), m("reuse"), ["life=3", "ref_life=5", "refurb=4", "parts=0", "logistics=1", "power_delta=0", "tested=T-9", "data_bearing=FALSE"]);
    expect(out[0]).toEqual([657.619]);
    expect(err(out[1]![0]).code).toBe("FACTOR_NOT_PUBLISHED");
    expect(err(out[2]![0]).code).toBe("MISSING_INPUT");
  });
});
