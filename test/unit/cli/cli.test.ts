import { main } from "../../../src/cli/main";

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("esg factors", () => {
  it("prints the DESNZ 2025 HGV average-laden rows with provenance", () => {
    const r = run("factors", "HGV average laden");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/desnz\.freight\.hgv-all-diesel\.all-hgvs\.average-laden\.t\.km\.ttw\s+0\.10163\s+kg CO2e\/t\.km\s+CO2e\s+GB\s+2025\s+AR5\s+Freighting goods \/ 27_304_3140_14_1\s+desnz-2025@1\.0\.0/);
    expect(r.out).toContain("Open Government Licence v3.0");
    expect(r.out).toContain("Contains public sector information licensed under the Open Government Licence v3.0");
  });
  it("--json gives full factor records with the library's licence", () => {
    const r = run("factors", "HGV average laden", "--json", "--limit", "3");
    const rows = JSON.parse(r.out) as Array<{ id: string; value: string; library: { licence: { id: string } } }>;
    expect(rows).toHaveLength(3);
    expect(rows[0]!.value).toBe("0.10163");
    expect(rows[0]!.library.licence.id).toBe("OGL-UK-3.0");
  });
  it("says so when nothing matches, and rejects bad usage", () => {
    expect(run("factors", "zzzz-nothing").code).toBe(1);
    expect(run("factors").code).toBe(2);
    expect(run("factors", "hgv", "--limit", "0").code).toBe(2);
    expect(run("nonsense").code).toBe(2);
  });
});

describe("esg method", () => {
  it("prints the method and the pinned libraries with their hashes", () => {
    const r = run("method", "--json");
    const j = JSON.parse(r.out) as { method: { id: string }; libraries: Array<{ id: string; dataSha256: string }> };
    expect(j.method.id).toBe("SERI-EVC-METHOD");
    expect(j.libraries.map((l) => l.id)).toEqual(expect.arrayContaining(["desnz-2025", "desnz-2024"]));
    for (const l of j.libraries) expect(l.dataSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("esg taxonomy", () => {
  it("classifies the issue's examples", () => {
    expect(run("taxonomy", "classify", "Dell Latitude 7490").out).toMatch(/^0303 {2}Laptops/);
    expect(run("taxonomy", "classify", "notebook").out).toMatch(/^0303/);
    expect(run("taxonomy", "classify", "LCD monitor 24in").out).toMatch(/^0309 {2}Flat Display Panel Monitors/);
    const j = JSON.parse(run("taxonomy", "classify", "PowerEdge R740", "--json").out) as { key: string; confidence: number };
    expect(j.key).toBe("0307");
    expect(j.confidence).toBeGreaterThan(0.5);
  });
  it("says plainly when nothing matches, and on bad usage", () => {
    const r = run("taxonomy", "classify", "mystery thing");
    expect(r.code).toBe(1);
    expect(r.err).toContain("No UNU-KEY matches");
    expect(run("taxonomy", "classify").code).toBe(2);
    expect(run("taxonomy", "frobnicate").code).toBe(2);
  });
  it("shows a key with its EU-6 category and unit weight, and unknown keys with suggestions", () => {
    const r = run("taxonomy", "key", "0307");
    expect(r.out).toContain("Professional IT equipment");
    expect(r.out).toContain('"number":4');
    const bad = run("taxonomy", "key", "0399");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("UNKNOWN_ID");
  });
});
