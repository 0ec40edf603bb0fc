import { main } from "../../../src/cli/main";

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("esg eval", () => {
  it("prints a scalar with its unit", () => {
    const r = run("eval", '=ESG.TRANSPORT_CO2(1000, 500, "road.hgv")');
    expect(r).toEqual({ code: 0, out: "62.61 kg CO2e", err: "" });
    expect(run("eval", "=1+2*3").out).toBe("7");
  });
  it("prints an aligned table for a spilled result", () => {
    const r = run("eval", '=ESG.TRANSPORT_CO2({1000;2000}, 500, {"road.hgv","rail.freight"})');
    expect(r.code).toBe(0);
    expect(r.out).toBe([" 62.61  17.35", "125.22   34.7", "(kg CO2e)"].join("\n"));
  });
  it("--json gives value, exact value, unit and the trace of the outermost ESG call", () => {
    const r = run("eval", '=ESG.TRANSPORT_CO2(1000, 500, "road.hgv", "boundary=TTW")', "--json");
    const j = JSON.parse(r.out) as { value: number; exact: string; unit: string; trace: { method: { clause: string }; factors: Array<{ id: string; year: number }> } };
    expect(j.value).toBe(50.815);
    expect(j.exact).toBe("50.815");
    expect(j.unit).toBe("kg CO2e");
    expect(j.trace.method.clause).toContain("§3.3");
    expect(j.trace.factors[0]).toMatchObject({ id: "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw", year: 2025 });
  });
  it("--json gives one trace per element for arrays", () => {
    const j = JSON.parse(run("eval", "--json", '=ESG.FACTOR({"desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw";"nope"})').out) as {
      value: unknown[][];
      trace: Array<Array<unknown>>;
    };
    expect(j.value[0]).toEqual([0.10163]);
    expect(j.value[1]![0]).toMatchObject({ error: "#N/A", code: "UNKNOWN_FACTOR" });
    expect(j.trace).toHaveLength(2);
    expect(j.trace[1]![0]).toBeNull();
  });
  it("exits 1 with the error and its message for error results", () => {
    const r = run("eval", '=ESG.TRANSPORT_CO2("abc", 500, "road.hgv")');
    expect(r.code).toBe(1);
    expect(r.err).toBe("#VALUE! mass_kg: 'abc' is not a number; expected a number in kg.");
    const n = run("eval", '=ESG.FACTOR("nope.nope")');
    expect(n.code).toBe(1);
    expect(n.err).toMatch(/^#N\/A No factor with id 'nope.nope'/);
  });
  it("exits 2 with a clear message for malformed or unknown formulas", () => {
    const p = run("eval", "=1+(2");
    expect(p.code).toBe(2);
    expect(p.err).toBe("Formula error: Expected ')' to close the '(' at position 4, found the end of the formula (at position 6)\n=1+(2\n     ^");
    const u = run("eval", "=ESG.TRANSPORT_C02(1, 2, 3)");
    expect(u.code).toBe(2);
    expect(u.err).toContain("Did you mean ESG.TRANSPORT_CO2");
    expect(run("eval").code).toBe(2);
  });
  it("--list lists the functions with their arguments", () => {
    const r = run("eval", "--list");
    expect(r.out).toContain("ESG.TRANSPORT_CO2(mass_kg, distance_km, mode, [options])");
    expect(r.out).toContain("ESG.FACTOR(factor_id, [field], [region], [year])");
  });
});
