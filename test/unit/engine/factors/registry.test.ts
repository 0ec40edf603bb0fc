import { FactorRegistry, loadLibrary, attempt, traceOfFactor, userFactor, IssueError, type Outcome, type Resolved } from "../../../../src/engine";
import { fixtureFactor, fixtureLibrary, sha256 } from "../../../helpers/fixture-library";

const lib2025 = fixtureLibrary("test-2025", "1.0.0", [
  fixtureFactor({ id: "test.freight.hgv.average-laden.ttw", label: "HGV all diesel, average laden (TTW)", value: "0.10163" }),
  fixtureFactor({ id: "test.freight.hgv.average-laden.wtt", label: "WTT HGV all diesel, average laden", value: "0.02359", boundary: "WTT" }),
  fixtureFactor({ id: "test.electricity.grid", label: "Electricity grid", value: "0.177", region: "GB", unit: "kg CO2e/kWh", activityUnit: "kWh" }),
  fixtureFactor({ id: "test.electricity.grid", label: "Electricity grid", value: "0.4", region: "US", unit: "kg CO2e/kWh", activityUnit: "kWh" }),
]);
const lib2024 = fixtureLibrary("test-2024", "1.0.0", [
  fixtureFactor({ id: "test.freight.hgv.average-laden.ttw", label: "HGV all diesel, average laden (TTW)", value: "0.10", year: 2024 }),
]);

function load(l: ReturnType<typeof fixtureLibrary>) {
  return loadLibrary(l.meta, l.factors, { factorsText: l.factorsText, sha256 });
}

function codeOf<T>(o: Outcome<T>): string | undefined {
  return o.ok ? undefined : o.issue.code;
}

describe("loadLibrary", () => {
  it("parses each value once, exactly", () => {
    const l = load(lib2025);
    expect(l.factors[0]!.value.toFixed()).toBe("0.10163");
  });
  it("refuses a library whose factors.json does not match its SHA-256", () => {
    const out = attempt(() => loadLibrary(lib2025.meta, lib2025.factors, { factorsText: lib2025.factorsText.replace("0.10163", "0.10164"), sha256 }));
    expect(codeOf(out)).toBe("LIBRARY_HASH_MISMATCH");
  });
  it("refuses a factor whose value is not a decimal string", () => {
    const bad = [{ ...lib2025.factors[0]!, value: "0,1" }, ...lib2025.factors.slice(1)];
    expect(codeOf(attempt(() => loadLibrary(lib2025.meta, bad)))).toBe("LIBRARY_INVALID");
  });
  it("refuses a count that does not match", () => {
    expect(codeOf(attempt(() => loadLibrary({ ...lib2025.meta, factorCount: 3 }, lib2025.factors)))).toBe("LIBRARY_INVALID");
  });
});

describe("FactorRegistry.get", () => {
  const reg = new FactorRegistry([load(lib2025), load(lib2024)], ["test-2025", "test-2024"]);
  const get = (id: string, q = {}): Outcome<Resolved> => attempt(() => reg.get(id, q));

  it("finds by id and year", () => {
    const r = get("test.freight.hgv.average-laden.ttw", { year: 2024 });
    expect(r.ok && r.value.value.toFixed()).toBe("0.1");
  });
  it("picks the method's preferred edition when no year is given, and says so", () => {
    const r = get("test.freight.hgv.average-laden.ttw");
    expect(r.ok && r.value.value.toFixed()).toBe("0.10163");
    expect(r.ok && r.value.defaultedYear).toBe(true);
  });
  it("has no silent fallback for a missing year or region", () => {
    expect(codeOf(get("test.freight.hgv.average-laden.ttw", { year: 2023 }))).toBe("NO_FACTOR_FOR_SCOPE");
    expect(codeOf(get("test.electricity.grid", { region: "FR" }))).toBe("NO_FACTOR_FOR_SCOPE");
  });
  it("asks for a region when an id exists for several", () => {
    expect(codeOf(get("test.electricity.grid"))).toBe("AMBIGUOUS_FACTOR");
    const us = get("test.electricity.grid", { region: "us" });
    expect(us.ok && us.value.value.toFixed()).toBe("0.4");
  });
  it("suggests near matches for an unknown id", () => {
    const r = get("test.freight.hgv.average-laden.tt");
    expect(codeOf(r)).toBe("UNKNOWN_FACTOR");
    expect(!r.ok && r.issue.suggestions?.[0]).toBe("test.freight.hgv.average-laden.ttw");
    expect(!r.ok && r.issue.message).toContain("Did you mean");
  });
  it("without a preference, several editions are ambiguous", () => {
    const plain = new FactorRegistry([load(lib2025), load(lib2024)]);
    expect(codeOf(attempt(() => plain.get("test.freight.hgv.average-laden.ttw")))).toBe("AMBIGUOUS_FACTOR");
  });
  it("refuses the same library twice", () => {
    expect(() => new FactorRegistry([load(lib2025), load(lib2025)])).toThrow(/twice/);
  });
});

describe("FactorRegistry.search", () => {
  const reg = new FactorRegistry([load(lib2025), load(lib2024)], ["test-2025"]);
  it("needs every word to match and ranks word starts first", () => {
    const hits = reg.search("HGV average laden");
    expect(hits.map((h) => h.loaded.factor.id).sort()).toEqual([
      "test.freight.hgv.average-laden.ttw",
      "test.freight.hgv.average-laden.ttw",
      "test.freight.hgv.average-laden.wtt",
    ]);
    const ttwYears = hits.filter((h) => h.loaded.factor.id.endsWith(".ttw")).map((h) => h.loaded.factor.year);
    expect(ttwYears).toEqual([2025, 2024]);
    expect(reg.search("test.electricity.grid")[0]!.loaded.factor.id).toBe("test.electricity.grid");
    expect(reg.search("hgv electricity")).toEqual([]);
    expect(reg.search("   ")).toEqual([]);
  });
});

describe("traces of factors", () => {
  it("carry source, table, row, year, licence, library version and GWP basis", () => {
    const reg = new FactorRegistry([load(lib2025)]);
    const t = traceOfFactor(reg.get("test.freight.hgv.average-laden.ttw"));
    expect(t).toMatchObject({
      id: "test.freight.hgv.average-laden.ttw",
      value: "0.10163",
      table: "Test table; row row-test.freight.hgv.average-laden.ttw",
      year: 2025,
      licence: "Open Government Licence v3.0",
      library: "test-2025",
      libraryVersion: "1.0.0",
      gwpBasis: "AR5",
      userSupplied: false,
    });
  });
  it("a number in place of an id is recorded as user-supplied", () => {
    const u = userFactor(0.095, "kg CO2e/t.km", "mode");
    expect(u.value.toFixed()).toBe("0.095");
    expect(u.trace.userSupplied).toBe(true);
    expect(() => userFactor("abc", "kg CO2e/t.km", "mode")).toThrow(IssueError);
  });
});
