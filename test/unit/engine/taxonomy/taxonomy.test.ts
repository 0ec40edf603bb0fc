import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundledTaxonomy, bundledTaxonomyData } from "../../../../src/bundled/taxonomy";
import { loadTaxonomy } from "../../../../src/engine/taxonomy";
import { attempt, IssueError } from "../../../../src/engine/issues/issue";

const ROOT = join(__dirname, "..", "..", "..", "..");
const t = bundledTaxonomy();

function issueOf(run: () => unknown) {
  const out = attempt(run);
  if (out.ok) throw new Error("expected an issue");
  return out.issue;
}

describe("UNU-KEYs", () => {
  it("has 54 keys with the WE-T1 EU-6 counts", () => {
    expect(t.unuKeys).toHaveLength(54);
    const counts: Record<number, number> = {};
    for (const k of t.unuKeys) counts[k.eu6.number] = (counts[k.eu6.number] ?? 0) + 1;
    expect(counts).toEqual({ 1: 6, 2: 5, 3: 4, 4: 14, 5: 19, 6: 6 });
  });

  it.each([
    ["0303", 2, 3],
    ["0307", 4, 3],
    ["0306", 6, 3],
    ["0702", 6, 7],
    ["0408", 2, 4],
    ["0002", 4, 4],
    ["1002", 1, 10],
  ])("WE-T2 spot lookup %s -> EU-6 %i, EU-10 %i", (key, eu6, eu10) => {
    const k = t.category(key);
    expect(k.eu6.number).toBe(eu6);
    expect(k.eu10.number).toBe(eu10);
  });

  it("keeps the CBS 4a/4b source codes and flags 0501", () => {
    expect(t.category("0002").eu6.cbsCode).toBe("4b");
    expect(t.category("0307").eu6.cbsCode).toBe("4a");
    expect(t.category("0501").pendingConfirmation).toMatch(/pending confirmation/);
    expect(t.category("303").key).toBe("0303");
  });

  it("gives the documented default unit weight and the series on request", () => {
    const w = t.unitWeightKg("0303");
    expect(w.year).toBe(2021);
    expect(w.country).toBeNull();
    expect(t.unitWeightKg("0303", { year: 2014 }).kg.toFixed()).toBe(t.category("0303").unitWeightSeriesKg.find((r) => r.year === 2014 && r.country === null)!.kg);
    expect(t.unitWeightKg("0303", { year: 2014, country: "nld" }).country).toBe("NLD");
    expect(issueOf(() => t.unitWeightKg("0303", { year: 1950 })).code).toBe("NO_FACTOR_FOR_SCOPE");
  });

  it("unknown key fails with suggestions", () => {
    const i = issueOf(() => t.category("0310"));
    expect(i.code).toBe("UNKNOWN_ID");
    expect(i.suggestions?.length).toBeGreaterThan(0);
  });
});

describe("dispositions, modes, carriers, stages, fractions", () => {
  it.each([
    ["resale", "REUSE-DEVICE"],
    ["Remarketed", "REUSE-DEVICE"],
    ["refurb", "REUSE-DEVICE"],
    ["shred", "RECYCLE"],
    ["scrap", "RECYCLE"],
    ["smelt", "RECYCLE"],
    ["landfilled", "LANDFILL"],
    ["WtE", "ENERGY-RECOVERY"],
    ["recycle", "RECYCLE"],
  ])("disposition synonym %s -> %s", (word, id) => expect(t.disposition(word).id).toBe(id));

  it("maps ENERGY-RECOVERY per the project choice", () => {
    const d = t.disposition("ENERGY-RECOVERY");
    expect(d.gri306).toEqual({ disclosure: "306-5", line: "incineration (with energy recovery)" });
    expect(d.esrsE5?.paragraph).toBe("37(b)(iii)");
    expect(d.esrsE5?.projectChoice).toBe(true);
    expect(t.disposition("LANDFILL").esrsE5?.paragraph).toBe("37(c)(ii)");
    expect(t.disposition("REUSE-DEVICE").gri306?.disclosure).toBe("306-4");
  });

  it.each([
    ["truck", "road.hgv"],
    ["lorry", "road.hgv"],
    ["LTL", "road.hgv"],
    ["FTL", "road.hgv"],
    ["box truck", "road.hgv.rigid"],
    ["sprinter", "road.van"],
    ["ocean", "sea.container"],
    ["air freight", "air.shorthaul"],
    ["rail", "rail.freight"],
    ["road.hgv.articulated", "road.hgv.articulated"],
  ])("mode synonym %s -> %s", (word, id) => expect(t.mode(word).id).toBe(id));

  it("has the required modes", () => {
    for (const id of ["road.hgv", "road.hgv.rigid", "road.hgv.articulated", "road.van", "rail.freight", "sea.container", "sea.bulk", "air.shorthaul", "air.longhaul"]) {
      expect(t.mode(id).id).toBe(id);
    }
  });

  it("carriers, stages and fractions resolve", () => {
    expect(t.carrier("red diesel").id).toBe("gas-oil");
    expect(t.carrier("Natural Gas").id).toBe("natural-gas");
    expect(t.stage("ITAD").id).toBe("itad");
    expect(t.fraction("PCB-OIL").r2FocusMaterial).toBe(true);
    expect(t.fraction("BAT-NICD").ewcHint).toBe("16 06 02*");
  });

  it("unknown ids fail with near matches", () => {
    const i = issueOf(() => t.mode("road.hvg"));
    expect(i.code).toBe("UNKNOWN_ID");
    expect(i.suggestions).toContain("road.hgv");
    expect(issueOf(() => t.disposition("recylce")).suggestions).toContain("recycle");
    expect(() => t.mode("nope")).toThrow(IssueError);
  });
});

describe("GWP", () => {
  it.each([
    ["R-134a", "AR4", "1430"],
    ["r134a", "AR5", "1300"],
    ["HFC-134a", "AR6", "1530"],
    ["sf6", "AR5", "23500"],
    ["n2o", "AR6", "273"],
    ["R-410A", "AR4", "2087.5"],
    ["R-410A", "AR5", "1923.5"],
    ["R-410A", "AR6", "2255.5"],
    ["R-404A", "AR4", "3921.6"],
    ["R-404A", "AR5", "3942.8"],
    ["R-407C", "AR4", "1773.85"],
    ["R-407C", "AR5", "1624.21"],
    ["R-507A", "AR5", "3985"],
    ["R-502", "AR4", "4656.72"],
    ["R-500", "AR4", "8076.688"],
  ] as const)("%s %s = %s", (gas, report, value) => {
    expect(t.gwp(gas, report).value.toFixed()).toBe(value);
  });

  it("blends carry derivation and composition", () => {
    const v = t.gwp("R-410A", "AR5");
    expect(v.derivation).toBe("blend");
    expect(v.source).toContain("0.5 x r-32");
    expect(t.refrigerant("puron").composition).toHaveLength(2);
  });

  it("has at least 15 refrigerants and reports missing values as FACTOR_NOT_PUBLISHED", () => {
    const raw = bundledTaxonomyData.refrigerants as { gases: unknown[]; blends: unknown[] };
    expect(raw.gases.length + raw.blends.length).toBeGreaterThanOrEqual(15);
    expect(issueOf(() => t.gwp("R-1234yf", "AR4")).code).toBe("FACTOR_NOT_PUBLISHED");
    expect(issueOf(() => t.gwp("R-502", "AR6")).code).toBe("FACTOR_NOT_PUBLISHED");
    expect(issueOf(() => t.gwp("R-134a", "AR3" as never)).code).toBe("INVALID_OPTION");
  });

  it("rejects a blend whose fractions do not sum to 1", () => {
    const refrigerants = JSON.parse(JSON.stringify(bundledTaxonomyData.refrigerants)) as { blends: Array<{ composition: Array<{ massFraction: string }> }> };
    refrigerants.blends[0]!.composition[0]!.massFraction = "0.6";
    expect(issueOf(() => loadTaxonomy({ ...bundledTaxonomyData, refrigerants })).code).toBe("LIBRARY_INVALID");
  });
});

describe("crosswalks and referenced factor ids", () => {
  const ids = (lib: string) =>
    new Set((JSON.parse(readFileSync(join(ROOT, "data", "factors", lib, "1.0.0", "factors.json"), "utf8")) as Array<{ id: string }>).map((f) => f.id));
  const desnz = ids("desnz-2025");
  const epa = ids("epa-hub-2025");
  const check = (id: string) => {
    if (id.startsWith("desnz.")) expect({ id, found: desnz.has(id) }).toEqual({ id, found: true });
    else if (id.startsWith("epa.")) expect({ id, found: epa.has(id) }).toEqual({ id, found: true });
    else throw new Error(`unexpected id ${id}`);
  };
  const walk = (x: unknown): void => {
    if (typeof x === "string" && /^(desnz|epa)\./.test(x)) check(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") Object.values(x).forEach(walk);
  };

  it("every UNU key has a DESNZ and an EPA row", () => {
    for (const k of t.unuKeys) {
      const row = t.crosswalk(k.key);
      expect(row.desnz.wasteClass).toBeTruthy();
      expect(row.epa.row).toBeTruthy();
      if (row.epa.row === "mixed-electronics") expect(row.epa.proxy).toBe(true);
      if (row.desnz.wasteClass === "mixed") expect(row.desnz.proxy).toBe(true);
    }
    expect(t.crosswalk("0303").epa.row).toBe("portable-electronic-devices");
    expect(t.crosswalk("0108").desnz.wasteClass).toBe("fridges-and-freezers");
  });

  it("every factor id in modes, carriers, crosswalks and refrigerants exists", () => {
    for (const table of ["modes", "carriers", "crosswalks", "refrigerants"] as const) walk(bundledTaxonomyData[table]);
    expect(() => check("desnz.does-not-exist")).toThrow();
  });
});

describe("classifier", () => {
  it.each([
    ["Dell Latitude 7490", "0303"],
    ["notebook", "0303"],
    ["LCD monitor 24in", "0309"],
    ["iPhone 12", "0306"],
    ["HP LaserJet Pro M404", "0304"],
    ["PowerEdge R740", "0307"],
    ["OptiPlex 7070", "0302"],
    ["ThinkPad T480", "0303"],
    ["Surface Pro 7", "0303"],
    ['27" display', "0309"],
    ["Dell Precision 7540", "0303"],
    ["Dell Precision 3640 Tower", "0302"],
    ["fridge freezer", "0108"],
    ["0408", "0408"],
    ["UNU-KEY 0303", "0303"],
  ])("%s -> %s", (text, key) => expect(t.classify(text)?.key).toBe(key));

  it("explains the match and is deterministic", () => {
    const a = t.classify("Apple iMac 24-inch with Retina display")!;
    expect(a.key).toBe("0302");
    expect(a.matched.map((m) => m.rule)).toContain("apple-desktops");
    expect(a.alternatives[0]?.key).toBe("0309");
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
    expect(t.classify("Apple iMac 24-inch with Retina display")).toEqual(a);
  });

  it("returns null / CLASSIFY_NO_MATCH when nothing fits", () => {
    expect(t.classify("banana")).toBeNull();
    expect(t.classify("   ")).toBeNull();
    expect(issueOf(() => t.classifier.classifyOrFail("banana")).code).toBe("CLASSIFY_NO_MATCH");
  });

  it("rejects a lexicon rule with an unknown key", () => {
    const lexicon = JSON.parse(JSON.stringify(bundledTaxonomyData.lexicon)) as { rules: Array<{ key: string }> };
    lexicon.rules[0]!.key = "9999";
    expect(issueOf(() => loadTaxonomy({ ...bundledTaxonomyData, lexicon })).code).toBe("LIBRARY_INVALID");
  });
});
