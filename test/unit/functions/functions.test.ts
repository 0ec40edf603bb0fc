/**
 * The ESG functions called as Excel calls them: every argument a matrix (a scalar is [[x]]),
 * null for an omitted optional, the repeating options as an array. Values are compared exactly.
 */
import * as F from "../../../src/functions/functions";
import { Dec } from "../../../src/engine";
import { bundledRegistry } from "../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../src/bundled/taxonomy";
import { FUNCTIONS, invoke, isExcelError, type ExcelError, type FunctionSpec } from "../../../src/functions";

const HGV_TTW = "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw";
const m = (x: unknown): unknown[][] => [[x]];

function err(v: unknown): ExcelError {
  expect(isExcelError(v)).toBe(true);
  return v as ExcelError;
}

describe("FACTOR", () => {
  it("returns the value, other fields, and an edition by year", () => {
    expect(F.factor(m(HGV_TTW))).toEqual([[0.10163]]);
    expect(F.factor(m(HGV_TTW), m("unit"))).toEqual([["kg CO2e/t.km"]]);
    expect(F.factor(m(HGV_TTW), null as never, null as never, m(2024))).toEqual([[0.09752]]);
    expect(F.factor(m(HGV_TTW), m("year"))).toEqual([[2025]]);
    expect(F.factor(m(HGV_TTW), m("licence"))).toEqual([["Open Government Licence v3.0"]]);
  });
  it("spills over a column of ids, with errors per element", () => {
    const out = F.factor([[HGV_TTW], ["no.such.factor"], [""]]);
    expect(out[0]).toEqual([0.10163]);
    expect(err(out[1]![0]).excelError).toBe("#N/A");
    expect(err(out[1]![0]).code).toBe("UNKNOWN_FACTOR");
    expect(err(out[2]![0])).toMatchObject({ excelError: "#VALUE!", code: "MISSING_INPUT" });
  });
  it("rejects a bad field with the allowed list and a suggestion, and a fractional year", () => {
    const e = err(F.factor(m(HGV_TTW), m("valu"))[0]![0]);
    expect(e.excelError).toBe("#VALUE!");
    expect(e.message).toContain("field: 'valu' is not a valid option");
    expect(e.message).toContain("did you mean 'value'");
    expect(err(F.factor(m(HGV_TTW), null as never, null as never, m(2024.5))[0]![0]).message).toBe("year: '2024.5' is not a number; expected a whole number.");
  });
  it("passes an error value in an argument through", () => {
    expect(F.factor(m({ excelError: "#DIV/0!", message: "", code: "x" }))[0]![0]).toMatchObject({ excelError: "#DIV/0!" });
    expect(F.factor(m({ code: "#REF!" }))[0]![0]).toMatchObject({ excelError: "#REF!" });
  });
});

describe("FACTORS and METHOD", () => {
  it("spills matching factors with provenance and honours limit and headers", () => {
    const t = F.factors(m("HGV average laden"), m(2));
    expect(t[0]).toEqual(["id", "value", "unit", "region", "year", "source", "library", "licence"]);
    expect(t).toHaveLength(3);
    expect(t[1]!.slice(0, 5)).toEqual([HGV_TTW, 0.10163, "kg CO2e/t.km", "GB", 2025]);
    expect(t[1]![6]).toBe("desnz-2025@1.0.0");
    expect(F.factors(m("HGV average laden"), m(1), m(false))).toHaveLength(1);
    expect(err(F.factors(m("zzzz-nothing"))[0]![0]).excelError).toBe("#N/A");
    expect(err(F.factors([["a"], ["b"]])[0]![0]).code).toBe("NOT_A_SINGLE_VALUE");
  });
  it("METHOD lists the method and pinned libraries", () => {
    const t = F.method();
    expect(t[0]).toEqual(["method", "SERI-EVC-METHOD 0.1.0-draft"]);
    expect(t.map((r) => r[0])).toEqual(expect.arrayContaining(["desnz-2025", "desnz-2024", "epa-hub-2025"]));
  });
});

describe("TRANSPORT_CO2", () => {
  it("computes WTW by default and TTW on request (DESNZ 2025 HGV average laden)", () => {
    expect(F.transportCo2(m(1000), m(500), m("road.hgv"))).toEqual([[62.61]]);
    expect(F.transportCo2(m(1000), m(500), m("road.hgv"), ["boundary=TTW"])).toEqual([[50.815]]);
    // Bloomberg-style pair form
    expect(F.transportCo2(m(1000), m(500), m("road.hgv"), ["boundary", "TTW"])).toEqual([[50.815]]);
    // A factor id in place of a mode; a number as the carrier's own WTW intensity (user-supplied).
    expect(F.transportCo2(m(1000), m(500), m(HGV_TTW), ["boundary=ttw"])).toEqual([[50.815]]);
    expect(F.transportCo2(m(1000), m(500), m(0.1))).toEqual([[50]]);
  });
  it("coerces numeric text and TRUE like Excel and keeps decimals exact", () => {
    expect(F.transportCo2(m("1000"), m(" 500 "), m("road.hgv"), ["boundary=TTW"])).toEqual([[50.815]]);
    expect(F.transportCo2(m(true), m(1000), m("road.hgv"), ["boundary=TTW"])).toEqual([[0.10163]]);
    expect(F.transportCo2(m(0.1), m(0.2), m(0.3))).toEqual([[0.000006]]);
  });
  it("broadcasts a column against a row, and gives #N/A outside a shorter range", () => {
    expect(F.transportCo2([[1000], [2000]], m(500), [["road.hgv", "rail.freight"]])).toEqual([
      [62.61, 17.35],
      [125.22, 34.7],
    ]);
    const out = F.transportCo2([[1000], [2000], [3000]], [[500], [500]], m("road.hgv"));
    expect(out.slice(0, 2)).toEqual([[62.61], [125.22]]);
    expect(err(out[2]![0])).toMatchObject({ excelError: "#N/A", code: "SHAPE_MISMATCH" });
    expect(err(out[2]![0]).message).toContain("distance_km: the range is 2×1 but the result is 3×1");
  });
  it("names the argument, the value and what is expected for bad input", () => {
    expect(err(F.transportCo2(m("abc"), m(500), m("road.hgv"))[0]![0])).toEqual({ excelError: "#VALUE!", code: "NOT_A_NUMBER", message: "mass_kg: 'abc' is not a number; expected a number in kg." });
    expect(err(F.transportCo2(m(-1), m(500), m("road.hgv"))[0]![0]).code).toBe("NEGATIVE_NOT_ALLOWED");
    expect(err(F.transportCo2(m(null), m(500), m("road.hgv"))[0]![0])).toMatchObject({ excelError: "#VALUE!", code: "MISSING_INPUT" });
    const mode = err(F.transportCo2(m(1000), m(500), m("truk"))[0]![0]);
    expect(mode.excelError).toBe("#VALUE!");
    expect(mode.message).toContain("Did you mean 'truck'");
    const opt = err(F.transportCo2(m(1000), m(500), m("road.hgv"), ["gpw=AR6"])[0]![0]);
    expect(opt.message).toContain("did you mean 'gwp'");
    expect(err(F.transportCo2(m(1000), m(500), m("road.hgv"), ["boundary=XYZ"])[0]![0]).code).toBe("INVALID_OPTION");
  });
  it("gives #N/A when the factor set cannot give the boundary asked for", () => {
    const e = err(F.transportCo2(m(1000), m(500), m("road.hgv"), ["factorset=epa"])[0]![0]);
    expect(e).toMatchObject({ excelError: "#N/A", code: "FACTOR_NOT_PUBLISHED" });
  });
});

describe("ELECTRICITY_CO2, FUEL_CO2, REFRIGERANT_CO2, EOL_CO2", () => {
  it("electricity: UK location-based and the T&D line", () => {
    expect(F.electricityCo2(m(1000), m("GB"))).toEqual([[177]]);
    expect(F.electricityCo2(m(1000), m("GB"), ["line=td"])).toEqual([[22.5]]);
    expect(F.electricityCo2(m(1000), m(0.2))).toEqual([[200]]);
    expect(err(F.electricityCo2(m(1000), m("XX"))[0]![0]).code).toBe("UNKNOWN_ID");
  });
  it("fuel: diesel by the litre, Scope 1 and WTT", () => {
    expect(F.fuelCo2(m(100), m("L"), m("diesel"))).toEqual([[257.082]]);
    expect(F.fuelCo2(m(100), m("L"), m("diesel"), ["line=wtt"])).toEqual([[61.101]]);
    expect(err(F.fuelCo2(m(100), m("kg"), m("diesel"))[0]![0]).code).toBe("INCOMPATIBLE_UNITS");
  });
  it("refrigerant: R-410A under AR5 (default) and AR6", () => {
    expect(F.refrigerantCo2(m(2), m("R-410A"))).toEqual([[3847]]);
    expect(F.refrigerantCo2(m(2), m("R-410A"), ["gwp=AR6"])).toEqual([[4511]]);
    expect(F.refrigerantCo2(m(2), m(1000))).toEqual([[2000]]);
  });
  it("end of life: DESNZ WEEE class and UNU-KEY (a number key is padded)", () => {
    expect(F.eolCo2(m("small"), m(1000), m("landfill"))).toEqual([[8.98311]]);
    expect(F.eolCo2(m("0303"), m(1000), m("recycling"))).toEqual([[4.68568]]);
    expect(F.eolCo2(m(303), m(1000), m("landfill"))).toEqual([[8.98311]]);
  });
});

describe("CLASSIFY, CATEGORY, ALLOCATE, CREDIT_SHARE, RECYCLING_CO2", () => {
  it("classifies descriptions per element and reads UNU-KEY fields", () => {
    const out = F.classify([["Dell Latitude laptop"], ["zzz"]]);
    expect(out[0]).toEqual(["0303"]);
    expect(err(out[1]![0])).toMatchObject({ excelError: "#N/A", code: "CLASSIFY_NO_MATCH" });
    expect(F.category(m(303))).toEqual([["Laptops (incl. tablets)"]]);
    expect(F.category(m("0303"), m("unit_weight_kg"))).toEqual([[0.82]]);
  });
  it("allocates exactly in the shape of the weights; the parts add up to the total", () => {
    expect(F.allocate(m(100), [[1], [1], [2]])).toEqual([[25], [25], [50]]);
    expect(F.allocate(m(90), [[1, 2, 0]])).toEqual([[30, 60, 0]]);
    expect(err(F.allocate(m(90), [[1, "x"]])[0]![0]).code).toBe("NOT_A_NUMBER");
  });
  it("credit shares follow the attribution rules", () => {
    expect(F.creditShare(m("refurbisher"), m("reuse"))).toEqual([[1]]);
    expect(F.creditShare(m("recycler"), m("recycling"), ["A=0.5"])).toEqual([[0.5]]);
    expect(err(F.creditShare(m("recycler"), m("recycling"))[0]![0]).code).toBe("MISSING_INPUT");
    expect(err(F.creditShare(m("recycla"), m("recycling"))[0]![0]).message).toContain("did you mean 'recycler'");
  });
});

describe("RECYCLING_CO2(material, mass_kg, [virgin_factor], [recycling_factor], [options])", () => {
  const CERT = "certificate=CERT-1";
  const AL_PRIMARY = "desnz.material.metal.metal-aluminium-cans-and-foil-excl-forming.primary-material-production.t.cradle-to-gate";
  const AL_CLOSED = "desnz.material.metal.metal-aluminium-cans-and-foil-excl-forming.closed-loop-source.t.cradle-to-gate";
  const spec = FUNCTIONS.get("RECYCLING_CO2")!;
  const ctx = () => ({ registry: bundledRegistry(), taxonomy: bundledTaxonomy() });
  const traceOf = (args: unknown[]) => {
    const inv = invoke(spec, args, ctx());
    return inv.traces as Exclude<typeof inv.traces, null | unknown[]>;
  };

  it("your own factors: the EoL share at the default 50-50, gross and reserved on request", () => {
    // gross = 1000 x (8.5 x 1 - 0.5) = 8000; EoL share (1 - 0.5) x 8000 = 4000
    expect(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT])).toEqual([[4000]]);
    expect(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "allocation=50-50"])).toEqual([[4000]]);
    expect(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "share=gross"])).toEqual([[8000]]);
    expect(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "share=reserved"])).toEqual([[4000]]);
    // any label is accepted when both factors are given
    expect(F.recyclingCo2(m("tantalum"), m(10), m(3), m(1), [CERT, "allocation=avoided-burden"])).toEqual([[20]]);
  });
  it("WE-D4: 100 t aluminium, E*v 8, ErecEoL 0.5, A = 0.2 (A alone means cff)", () => {
    expect(F.recyclingCo2(m("AL"), m(100000), m(8), m(0.5), [CERT, "A=0.2"])).toEqual([[600000]]);
    expect(F.recyclingCo2(m("AL"), m(100000), m(8), m(0.5), [CERT, "allocation=cff", "A=0.2", "share=reserved"])).toEqual([[150000]]);
    expect(F.recyclingCo2(m("AL"), m(100000), m(8), m(0.5), [CERT, "A=0.2", "share=gross"])).toEqual([[750000]]);
  });
  it("omitted factors (null) default to the DESNZ primary / closed-loop pair of the material", () => {
    // 1000 x (9.11590131 - 0.9950779) = 8120.82341; 50-50 -> 4060.411705
    expect(F.recyclingCo2(m("aluminium"), m(1000), null as never, null as never, [CERT])).toEqual([[4060.411705]]);
    expect(F.recyclingCo2(m("Aluminum"), m(1000), undefined, undefined, [CERT, "share=gross"])).toEqual([[8120.82341]]);
    expect(F.recyclingCo2(m("AL"), m(1000), m(null), m(""), [CERT])).toEqual([[4060.411705]]);
    // one factor given, the other defaulted: 1000 x (9 - 0.9950779) / 2
    expect(F.recyclingCo2(m("AL"), m(1000), m(9), null as never, [CERT])).toEqual([[4002.46105]]);
    // steel cut-off: 1000 x (2.86390131 - 1.82390131) = 1040, all reserved to the user of recycled content
    expect(F.recyclingCo2(m("ferrous"), m(1000), null as never, null as never, [CERT, "allocation=cut-off", "share=reserved"])).toEqual([[1040]]);
    expect(F.recyclingCo2(m("FE"), m(1000), null as never, null as never, [CERT, "allocation=cut-off"])).toEqual([[0]]);
    // year=2024: 1000 x (9.10691851 - 0.9904781) / 2
    expect(F.recyclingCo2(m("AL"), m(1000), null as never, null as never, [CERT, "year=2024"])).toEqual([[4058.220205]]);
    // quality 0.5: 1000 x (9.11590131 x 0.5 - 0.9950779) / 2
    expect(F.recyclingCo2(m("AL"), m(1000), null as never, null as never, [CERT, "quality=0.5"])).toEqual([[1781.4363775]]);
  });
  it("the trace marks the defaults: factors defaulted, closed-loop flagged as a proxy for ErecEoL, allocation DEFAULTED", () => {
    const t = traceOf([m("aluminium"), m(1000), null, null, [CERT]]);
    const input = (n: string) => t.inputs.find((i) => i.name === n)!;
    expect(input("virgin_factor")).toMatchObject({ value: AL_PRIMARY, origin: "defaulted" });
    expect(input("recycling_factor")).toMatchObject({ value: AL_CLOSED, origin: "defaulted" });
    expect(input("allocation")).toMatchObject({ value: "50-50", origin: "defaulted" });
    expect(input("allocation").note).toContain("submission pipeline");
    expect(input("A")).toMatchObject({ value: "0.5", origin: "defaulted" });
    expect(input("certificate")).toMatchObject({ value: "CERT-1", origin: "entered" });
    expect(t.factors.find((f) => f.id === AL_CLOSED)!.proxyFor).toContain("ErecEoL");
    expect(t.factors.find((f) => f.id === AL_PRIMARY)!.proxyFor).toBeUndefined();
    expect(t.flags.some((f) => f.startsWith(`${AL_CLOSED} is a proxy`))).toBe(true);
    expect(t.steps.find((s) => s.label === "end-of-life chain share")!.value).toBe("4060.411705");
    // Entered allocation and own factors: nothing defaulted, no proxy flag.
    const u = traceOf([m("AL"), m(1000), m(8.5), m(0.5), [CERT, "allocation=cut-off"]]);
    expect(u.inputs.find((i) => i.name === "allocation")).toMatchObject({ value: "cut-off", origin: "entered" });
    expect(u.inputs.some((i) => i.name === "virgin_factor")).toBe(false);
    expect(u.flags.some((f) => f.includes("is a proxy"))).toBe(false);
    expect(u.factors.every((f) => f.userSupplied)).toBe(true);
  });
  it("without certificate= there is no credit: #VALUE! naming the missing evidence", () => {
    const e = err(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5))[0]![0]);
    expect(e).toMatchObject({ excelError: "#VALUE!", code: "CREDIT_EVIDENCE_MISSING" });
    expect(e.message).toContain("certificate of recycling/processing from the final-disposition point");
    expect(e.message).toContain('certificate=<id>');
    expect(err(F.recyclingCo2(m("aluminium"), m(1000))[0]![0]).code).toBe("CREDIT_EVIDENCE_MISSING");
    // The old positional certificate is now an unknown option.
    expect(err(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), ["CERT-1", "allocation=50-50"])[0]![0]).code).toBe("INVALID_OPTION");
  });
  it("unknown material: #VALUE! with did-you-mean; known without a default pair: #N/A asking for numbers", () => {
    const e = err(F.recyclingCo2(m("alumnium"), m(1000), null as never, null as never, [CERT])[0]![0]);
    expect(e).toMatchObject({ excelError: "#VALUE!", code: "UNKNOWN_ID" });
    expect(e.message).toContain("Did you mean 'aluminium'");
    const n = err(F.recyclingCo2(m("copper"), m(1000), null as never, null as never, [CERT])[0]![0]);
    expect(n).toMatchObject({ excelError: "#N/A", code: "FACTOR_NOT_PUBLISHED" });
    expect(n.message).toContain("pass the virgin and recycling factors as numbers");
    // copper with its factors given works
    expect(F.recyclingCo2(m("CU"), m(1000), m(4), m(1), [CERT])).toEqual([[1500]]);
  });
  it("other errors name the argument", () => {
    expect(err(F.recyclingCo2(m("AL"), m(1000), m(true), m(0.5), [CERT])[0]![0])).toMatchObject({ excelError: "#VALUE!", code: "NOT_A_NUMBER" });
    expect(err(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "A=1.5"])[0]![0]).message).toContain("options A");
    expect(err(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "allocation=cut-off", "A=0.2"])[0]![0]).code).toBe("INVALID_OPTION");
    expect(err(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "allocation=cff"])[0]![0])).toMatchObject({ excelError: "#VALUE!", code: "MISSING_INPUT" });
    expect(err(F.recyclingCo2(m("AL"), m(1000), m(8.5), m(0.5), [CERT, "share=user"])[0]![0]).message).toContain("eol, gross, reserved");
    expect(err(F.recyclingCo2(m("AL"), m(1000), m("no.such.factor"), m(0.5), [CERT])[0]![0])).toMatchObject({ excelError: "#N/A", code: "UNKNOWN_FACTOR" });
    expect(err(F.recyclingCo2(m("AL"), m(1000), null as never, null as never, [CERT, "year=2019"])[0]![0])).toMatchObject({ excelError: "#N/A", code: "NO_FACTOR_FOR_SCOPE" });
    expect(err(F.recyclingCo2(m("AL"), m(-5), m(8.5), m(0.5), [CERT])[0]![0]).code).toBe("NEGATIVE_NOT_ALLOWED");
    expect(err(F.recyclingCo2(m("AL"), m(null), m(8.5), m(0.5), [CERT])[0]![0]).code).toBe("MISSING_INPUT");
    expect(F.recyclingCo2(m("AL"), m({ code: "#DIV/0!" }), m(8.5), m(0.5), [CERT])[0]![0]).toMatchObject({ excelError: "#DIV/0!" });
  });
  it("spills over ranges of materials and masses, with errors per element", () => {
    const out = F.recyclingCo2([["AL"], ["steel"], ["copper"], ["alumnium"]], [[1000], [1000], [1000], [1000]], null as never, null as never, [CERT, "share=gross"]);
    expect(out[0]).toEqual([8120.82341]);
    expect(out[1]).toEqual([1040]);
    expect(err(out[2]![0]).excelError).toBe("#N/A");
    expect(err(out[3]![0]).excelError).toBe("#VALUE!");
    expect(F.recyclingCo2(m("AL"), [[1000, 2000]], m(8.5), [[0.5, 1.5]], [CERT])).toEqual([[4000, 7000]]);
  });
});

describe("TRACE", () => {
  it("spills the explanation of one call: result, method, steps, inputs, factors with source and year", () => {
    const t = F.trace(m("TRANSPORT_CO2"), [m(1000), m(500), m("road.hgv")]) as string[][];
    expect(t[0]).toEqual(['ESG.TRANSPORT_CO2(1000, 500, "road.hgv")', "= 62.61 kg CO2e"]);
    expect(t.find((r) => r[0] === "clause")![1]).toContain("§3.3 distance-based transport");
    const f = t.find((r) => r[0] === `factor: ${HGV_TTW}`)!;
    expect(f[1]).toContain("0.10163 kg CO2e/t.km");
    expect(f[1]).toContain("GB 2025");
    expect(f[1]).toContain("Open Government Licence v3.0");
    expect(t.every((r) => r.length === 2)).toBe(true);
  });
  it("explains an error and rejects unknown functions and ranges", () => {
    const t = F.trace(m("FACTOR"), [m("nope")]) as string[][];
    expect(t[0]).toEqual(['ESG.FACTOR("nope")', "= #N/A"]);
    expect(t[1]![0]).toBe("message");
    expect(err(F.trace(m("TRANSPORT_C02"))[0]![0]).message).toContain("Did you mean ESG.TRANSPORT_CO2");
    expect(err(F.trace(m("FACTOR"), [[[HGV_TTW], [HGV_TTW]]])[0]![0]).code).toBe("NOT_A_SINGLE_VALUE");
  });
});

describe("the wrapper", () => {
  const ctx = { registry: bundledRegistry(), taxonomy: bundledTaxonomy(), log: jest.fn() };
  it("turns an unexpected exception into #VALUE! with a message, and logs it", () => {
    const boom: FunctionSpec = { name: "BOOM", shape: "element", result: "number", description: "test", params: [], run: () => { throw new Error("kaput"); } };
    const inv = invoke(boom, [], ctx);
    expect(inv.value).toMatchObject({ excelError: "#VALUE!", code: "INTERNAL" });
    expect((inv.value as ExcelError).message).toContain("kaput");
    expect(ctx.log).toHaveBeenCalled();
  });
  it("never returns text where a number is declared", () => {
    const bad: FunctionSpec = { name: "BAD", shape: "element", result: "number", description: "test", params: [], run: () => ({ value: "12" }) };
    expect(invoke(bad, [], ctx).value).toMatchObject({ excelError: "#VALUE!" });
  });
  it("keeps results exact until the Excel edge, scalar in and scalar out", () => {
    const inv = invoke(FUNCTIONS.get("TRANSPORT_CO2")!, [new Dec("0.1"), new Dec("0.2"), new Dec("0.3")], ctx);
    expect(inv.shape).toBe("scalar");
    expect((inv.value as Dec).toFixed()).toBe("0.000006");
    expect(inv.unit).toBe("kg CO2e");
  });
  it("rejects too many arguments", () => {
    expect(invoke(FUNCTIONS.get("CATEGORY")!, ["0303", "eu6", "extra"], ctx).value).toMatchObject({ excelError: "#VALUE!", code: "TOO_MANY_ARGUMENTS" });
  });
});
