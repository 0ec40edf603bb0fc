/** Row-level validation: one catalogue code, message and field per problem; the fast path never disagrees with zod. */
import fc from "fast-check";
import { validateRecord, zodAccepts, RECORD_KINDS, type RecordKind } from "../../../../src/engine/pipeline";
import { FIXTURE } from "../../../fixtures/pipeline-fixture";

function issues(kind: RecordKind, raw: unknown) {
  const r = validateRecord(kind, raw, 0);
  return r.ok ? [] : r.issues.map((i) => ({ field: i.field, code: i.issue.code, message: i.issue.message }));
}

const shipment = { row: 2, shipmentId: "S1", mass: 100, legs: [{ distance: 10, wtwIntensity: "0.1" }] };

describe("validation messages per field", () => {
  it.each([
    ["mass", { mass: "abc" }, "NOT_A_NUMBER", "mass: 'abc' is not a number; expected the freight mass."],
    ["mass", { mass: "" }, "MISSING_INPUT", "mass is required but empty; expected the freight mass."],
    ["mass", { mass: "-1" }, "NEGATIVE_NOT_ALLOWED", "mass: -1 is negative; expected the freight mass."],
    ["massUnit", { massUnit: "kgg" }, "UNKNOWN_UNIT", undefined],
    ["shipmentId", { shipmentId: undefined }, "MISSING_INPUT", "shipmentId is required but empty; expected a shipment id."],
    ["scope3Category", { scope3Category: "5" }, "UNKNOWN_ID", undefined],
    ["legs", { legs: [] }, "MISSING_INPUT", "legs is required but empty; expected a list of at least 1 leg."],
    ["legs.0.distance", { legs: [{ distance: "x", wtwIntensity: 1 }] }, "NOT_A_NUMBER", undefined],
    ["legs.0.distanceBasis", { legs: [{ distance: 1, distanceBasis: "straight", wtwIntensity: 1 }] }, "UNKNOWN_ID", undefined],
    ["row", { row: 0 }, "OUT_OF_RANGE", undefined],
  ])("%s", (field, patch, code, message) => {
    const got = issues("shipments", { ...shipment, ...patch });
    expect(got.map((g) => [g.field, g.code])).toEqual([[field, code]]);
    if (message) expect(got[0]!.message).toBe(message);
  });
  it("unknown unit suggests the near spelling", () => {
    const r = validateRecord("shipments", { ...shipment, massUnit: "kgs " }, 0);
    expect(r.ok).toBe(true);
    const bad = validateRecord("dispositions", { row: 3, assetId: "A", mass: 1, massUnit: "kilogramm", disposition: "RECYCLE" }, 0);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.issue.suggestions).toContain("kilogram");
  });
  it("several problems in one row are all reported", () => {
    const got = issues("dispositions", { row: 4, mass: "x", disposition: "SHRED", hazardous: "yes" });
    expect(got.map((g) => [g.field, g.code])).toEqual([
      ["assetId", "MISSING_INPUT"],
      ["mass", "NOT_A_NUMBER"],
      ["disposition", "UNKNOWN_ID"],
      ["hazardous", "INVALID_OPTION"],
    ]);
  });
  it("a record that is not an object is rejected, not dropped, with the position as row", () => {
    const r = validateRecord("fuels", "nonsense", 41);
    expect(r.ok ? null : r.issues.map((i) => [i.row, i.issue.code])).toEqual([[42, "MISSING_INPUT"]]);
  });
  it("electricity month and instruments; refrigerant date; output fractions", () => {
    expect(issues("electricity", { row: 2, siteId: "S", month: "2025-1", region: "GB", energy: 1 }).map((g) => g.code)).toEqual(["INVALID_OPTION"]);
    expect(issues("electricity", { row: 2, siteId: "S", month: "2025-01", region: "GB", energy: 1, instruments: [{ kind: "REC", energy: 1 }] }).map((g) => [g.field, g.code])).toEqual([["instruments.0.kind", "UNKNOWN_ID"]]);
    expect(issues("refrigerants", { row: 2, siteId: "S", date: "01/02/2025", gwp: 1, released: 1 }).map((g) => [g.field, g.code])).toEqual([["date", "INVALID_OPTION"]]);
    expect(issues("outputs", { row: 2, lotId: "L", material: "AL", outputMass: 1, disposition: "RECYCLE", allocationA: "1.5" }).map((g) => [g.field, g.code])).toEqual([["allocationA", "OUT_OF_RANGE"]]);
  });
});

describe("fast path and zod agree", () => {
  it("on every fixture record", () => {
    for (const k of RECORD_KINDS) for (const [i, rec] of (FIXTURE[k] ?? []).entries()) expect({ k, i, ok: validateRecord(k, rec, i).ok }).toEqual({ k, i, ok: zodAccepts(k, rec) });
  });
  it("on random mutations of fixture records", () => {
    const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(""), fc.string(), fc.double(), fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant([]), fc.constant({}));
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_KINDS), fc.nat(), fc.string({ maxLength: 12 }), junk, (kind, n, key, value) => {
        const list = FIXTURE[kind]!;
        const base = list[n % list.length] as Record<string, unknown>;
        const keys = Object.keys(base);
        const k = keys.length > 0 && n % 3 !== 0 ? keys[n % keys.length]! : key;
        const rec = { ...base, [k]: value };
        return validateRecord(kind, rec, 0).ok === zodAccepts(kind, rec);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
