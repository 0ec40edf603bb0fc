import { draftStatement, evaluateFindings, FindingsFileSchema, lotsInMultipleBundles, type FindingsFile } from "../../../../src/engine";

const base = {
  findingsFormat: "1.0",
  engagement: { organization: "Acme Recycling", reportingPeriod: "1 January to 31 December 2025", criteria: "SERI-EVC-METHOD 0.1.0-draft" },
  assurance: "limited",
  materialityThreshold: "0.05",
  inventoryTotalKgCo2e: "1000000",
  lineItems: [
    { name: "Scope 1", reportedKgCo2e: "100000" },
    { name: "Scope 3 category 4", reportedKgCo2e: "900000" },
  ],
};
const finding = (id: string, lineItem: string, kg: string, extra: Record<string, unknown> = {}) => ({ id, recordRef: `r#${id}`, lineItem, misstatementKgCo2e: kg, kind: "factual", corrected: false, ...extra });
const parse = (x: unknown): FindingsFile => FindingsFileSchema.parse(x);

describe("findings file", () => {
  it("validates: decimal strings, kinds, unique ids, materiality a fraction", () => {
    expect(FindingsFileSchema.safeParse({ ...base, findings: [finding("F1", "Scope 1", "-1250.5")] }).success).toBe(true);
    expect(FindingsFileSchema.safeParse({ ...base, findings: [finding("F1", "Scope 1", "12 t")] }).success).toBe(false);
    expect(FindingsFileSchema.safeParse({ ...base, findings: [finding("F1", "Scope 1", "1", { kind: "guess" })] }).success).toBe(false);
    expect(FindingsFileSchema.safeParse({ ...base, findings: [finding("F1", "Scope 1", "1"), finding("F1", "Scope 1", "2")] }).success).toBe(false);
    expect(FindingsFileSchema.safeParse({ ...base, materialityThreshold: "5", findings: [] }).success).toBe(false);
  });
});

describe("evaluateFindings", () => {
  it("counts only uncorrected misstatements; over- and understatements do not offset (gross), net shown too", () => {
    const f = parse({ ...base, findings: [finding("F1", "Scope 3 category 4", "30000"), finding("F2", "Scope 3 category 4", "-25000"), finding("F3", "Scope 1", "90000", { corrected: true })] });
    const e = evaluateFindings(f);
    expect(e.total).toMatchObject({ count: 2, netKgCo2e: "5000", grossKgCo2e: "55000", thresholdKgCo2e: "50000", ratio: "0.055", material: true });
    expect(e.correctedCount).toBe(1);
  });
  it("tests each line item against its own threshold", () => {
    const f = parse({ ...base, findings: [finding("F1", "Scope 1", "6000")] });
    const e = evaluateFindings(f);
    expect(e.total.material).toBe(false); // 0.6 % of the total
    expect(e.lineItems.find((l) => l.lineItem === "Scope 1")).toMatchObject({ thresholdKgCo2e: "5000", ratio: "0.06", material: true });
    expect(e.material).toBe(true);
  });
  it("at exactly the threshold is material; the command-line total overrides the file's; unknown total is untested", () => {
    expect(evaluateFindings(parse({ ...base, findings: [finding("F1", "X", "50000")] })).total.material).toBe(true);
    expect(evaluateFindings(parse({ ...base, findings: [finding("F1", "X", "50000")] }), { inventoryTotalKgCo2e: "2000000" }).total).toMatchObject({ ratio: "0.025", material: false });
    const { inventoryTotalKgCo2e: _t, ...noTotal } = base;
    expect(evaluateFindings(parse({ ...noTotal, findings: [finding("F1", "X", "1")] })).total.material).toBeUndefined();
  });
  it("sums projected, judgemental and factual separately", () => {
    const e = evaluateFindings(parse({ ...base, findings: [finding("F1", "X", "1.5", { kind: "projected" }), finding("F2", "X", "2", { kind: "judgemental" }), finding("F3", "X", "-0.5")] }));
    expect(e.byKind).toEqual({ factual: "-0.5", judgemental: "2", projected: "1.5" });
  });
});

describe("draftStatement", () => {
  it("limited assurance, nothing material: negative form", () => {
    const f = parse({ ...base, findings: [finding("F1", "Scope 3 category 4", "1000")] });
    const s = draftStatement(f, evaluateFindings(f));
    expect(s).toMatch(/^DRAFT/);
    expect(s).toContain("nothing has come to our attention that causes us to believe that the greenhouse gas statement of Acme Recycling for 1 January to 31 December 2025 is not prepared, in all material respects, in accordance with SERI-EVC-METHOD 0.1.0-draft.");
    expect(s).not.toMatch(/fairly stated|except for/);
  });
  it("reasonable assurance, nothing material: positive form", () => {
    const f = parse({ ...base, assurance: "reasonable", findings: [] });
    const s = draftStatement(f, evaluateFindings(f));
    expect(s).toContain("Opinion: In our opinion, the greenhouse gas statement of Acme Recycling for 1 January to 31 December 2025 is fairly stated, in all material respects");
    expect(s).not.toMatch(/nothing has come|except for/);
  });
  it("material misstatement left uncorrected: qualified form with its basis", () => {
    const f = parse({ ...base, findings: [finding("F1", "Scope 3 category 4", "60000")] });
    const s = draftStatement(f, evaluateFindings(f));
    expect(s).toContain("Basis for qualified conclusion: the aggregate of uncorrected misstatements (60 t CO2e, 6 %) is at or above the materiality threshold of 50 t CO2e");
    expect(s).toContain("Qualified conclusion: Based on the procedures performed and the evidence obtained, except for the effects of the matter described in the Basis for qualified conclusion, nothing has come to our attention");
  });
});

describe("lotsInMultipleBundles", () => {
  it("lists lot ids found in the records of more than one bundle", () => {
    const lots = lotsInMultipleBundles([
      { label: "a.zip", records: [{ kind: "outputs", row: 2, record: { lotId: "L1" } }, { kind: "outputs", row: 3, record: { lotId: "L2" } }] },
      { label: "b.zip", records: [{ kind: "outputs", row: 5, record: { lotId: "L2" } }, { kind: "shipments", row: 2, record: { shipmentId: "S" } }] },
      { label: "c.zip", records: [{ kind: "dispositions", row: 9, record: { lotId: "L1" } }] },
    ]);
    expect(lots).toEqual([
      { lotId: "L1", bundles: ["a.zip", "c.zip"], refs: ["a.zip: outputs#2", "c.zip: dispositions#9"] },
      { lotId: "L2", bundles: ["a.zip", "b.zip"], refs: ["a.zip: outputs#3", "b.zip: outputs#5"] },
    ]);
    expect(lotsInMultipleBundles([{ label: "a", records: [{ record: { lotId: "L1" } }, { record: { lotId: "L1" } }] }])).toEqual([]);
  });
});
