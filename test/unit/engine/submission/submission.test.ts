import {
  AuditEntrySchema,
  ENTRY,
  MemorySink,
  assembleSubmissionStream,
  buildBundle,
  buildBundleEntries,
  diffMethod,
  publicKeyFingerprint,
  readBundle,
  recomputeSubmission,
  writeBundleStream,
  type BundleContent,
} from "../../../../src/engine";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { nodeCrypto, nodeInflateRaw } from "../../../../src/cli/crypto-node";
import { createHash } from "node:crypto";
import { KEY_A } from "../bundle/tiny-bundle";
import { SETTINGS, smallContent, smallDataset, smallInput } from "./fixture";

const opts = { crypto: nodeCrypto, ...KEY_A };
const trust = [{ fingerprint: publicKeyFingerprint(KEY_A.publicKeyPem, nodeCrypto)! }];
const read = (b: Uint8Array) => readBundle(b, { crypto: nodeCrypto, trustedKeys: trust, inflateRaw: nodeInflateRaw });
const recompute = (entries: ReadonlyMap<string, Uint8Array>) => recomputeSubmission(entries, { registry: bundledRegistry(), taxonomy: bundledTaxonomy() });
const lines = (c: BundleContent, k: "results" | "records" | "traces") => c[k] as Array<Record<string, unknown>>;

/** Rebuilds a bundle's entries with one entry's text changed (and re-signed with the same key). */
function tampered(content: BundleContent, edit: (c: BundleContent) => BundleContent): Map<string, Uint8Array> {
  const bytes = buildBundle(edit(content), opts);
  const r = read(bytes);
  expect(r.problems).toEqual([]);
  return new Map(r.entries);
}

describe("assembleSubmission", () => {
  const content = smallContent();

  it("writes per-row results with exact decimal strings (golden: 1 t x 100 km x 0.1 = 10 kg CO2e WTW, 8 TTW)", () => {
    const s = lines(content, "results").find((l) => l.ref === "shipments#2")!;
    expect(s.lines).toEqual([
      { code: "inventory/scope3.cat4/WTW", value: expect.anything(), unit: "kg CO2e" },
      { code: "inventory/scope3.cat4/TTW", value: expect.anything(), unit: "kg CO2e" },
    ]);
    const values = (s.lines as Array<{ value: { toFixed(): string } }>).map((l) => l.value.toFixed());
    expect(values).toEqual(["10", "8"]);
    const e = lines(content, "results").find((l) => l.ref === "electricity#2")!;
    expect((e.lines as Array<{ code: string; value: { toFixed(): string } }>).map((l) => [l.code, l.value.toFixed()])).toEqual([
      ["inventory/scope2/location", "400"],
      ["inventory/scope2/market", "400"],
    ]);
  });

  it("keeps only computed records; the rejected row is in the validation report with its reason; rows reconcile", () => {
    expect(lines(content, "records").map((l) => l.ref)).toEqual(["shipments#2", "electricity#2", "fuels#2", "refrigerants#2", "dispositions#2", "dispositions#3", "outputs#2"]);
    expect(content.validation.rejected).toHaveLength(1);
    const rej = content.validation.rejected[0] as { ref: string; issues: Array<{ code: string; field: string }> };
    expect(rej.ref).toBe("dispositions#4");
    expect(rej.issues[0]).toMatchObject({ code: "NOT_A_NUMBER", field: "mass" });
    expect(content.manifest.inputRows).toBe(8);
  });

  it("traces every computed row (full traces: method, inputs, steps; factor provenance in factors-used.json)", () => {
    const t = lines(content, "traces");
    expect(t).toHaveLength(7);
    const ship = t[0] as { detail: string; lines: Array<{ trace: { method: { clause: string }; steps: unknown[] } }> };
    expect(ship.detail).toBe("full");
    expect(ship.lines[0]!.trace.method.clause).toMatch(/transport/);
    const ids = (content.factorsUsed as Array<{ id: string }>).map((f) => f.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith("epa."))).toBe(true);
    expect((content.factorsUsed as Array<{ source: string; licence: string }>)[0]).toMatchObject({ source: expect.stringMatching(/Environmental Protection Agency/), licence: expect.any(String) });
  });

  it("builds the disclosures: E1-6 totals and GRI 306 / E5-5 from the mass balance", () => {
    const e16 = content.disclosures.esrsE1_6 as unknown;
    expect(JSON.parse(JSON.stringify(e16)).scope2.locationBased.value).toBe("400");
    const gri3 = JSON.parse(JSON.stringify(content.disclosures.gri306_3)) as { massBalance: { withinTolerance: boolean } };
    expect(gri3.massBalance.withinTolerance).toBe(true);
  });

  it("the streaming writer writes exactly the bytes of buildBundle", () => {
    const a = buildBundle(content, opts);
    const sink = new MemorySink();
    writeBundleStream(assembleSubmissionStream(smallInput()), { ...opts, createSha256: () => {
      const h = createHash("sha256");
      return { update: (b: Uint8Array) => void h.update(b), digest: () => h.digest("hex") };
    }, chunkBytes: 64 }, sink);
    expect(Buffer.from(sink.bytes()).equals(Buffer.from(a))).toBe(true);
  });
});

describe("recomputeSubmission", () => {
  const content = smallContent();
  const entries = new Map(buildBundleEntries(content, opts).map((e) => [e.name, e.data]));

  it("recomputes every row, ledger and disclosure exactly: no findings", () => {
    const r = recompute(entries);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.rows).toBe(7);
    expect(r.claims.map((c) => `${c.lotId}:${c.pathway}`).sort()).toEqual(["L2:reuse", "L3:recycling"]);
  });

  it("names the row whose stated result differs from the recompute", () => {
    const bad = tampered(content, (c) => ({
      ...c,
      results: lines(c, "results").map((l) => (l.ref === "shipments#2" ? { ...l, lines: [{ code: "inventory/scope3.cat4/WTW", value: "10.5", unit: "kg CO2e" }, (l.lines as unknown[])[1]] } : l)) as BundleContent["results"],
    }));
    const r = recompute(bad);
    expect(r.ok).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ type: "difference", entry: ENTRY.results, ref: "shipments#2", stored: "10.5", recomputed: "10" })]);
  });

  it("names the ledger value that differs", () => {
    const bad = tampered(content, (c) => ({ ...c, ledgers: { ...c.ledgers, inventory: { ...(c.ledgers.inventory as object), scope1: "1" } } }));
    const r = recompute(bad);
    expect(r.findings.map((f) => `${f.entry} ${f.path}`)).toEqual([`${ENTRY.ledgerInventory} scope1`]);
  });

  it("a record changed in records.jsonl is reported through its result", () => {
    const bad = tampered(content, (c) => ({
      ...c,
      records: lines(c, "records").map((l) => (l.ref === "electricity#2" ? { ...l, record: { ...(l.record as object), energy: 1001 } } : l)) as BundleContent["records"],
    }));
    const r = recompute(bad);
    expect(r.findings.some((f) => f.ref === "electricity#2" && f.stored === "400" && f.recomputed === "400.4")).toBe(true);
  });

  it("reports stacking (reuse and recycling credit on one lot) as a violation of the no-stacking rule", () => {
    const ds = smallDataset();
    (ds.outputs as Array<Record<string, unknown>>)[0]!.lotId = "L2";
    const c = smallContent(ds);
    const r = recompute(new Map(buildBundleEntries(c, opts).map((e) => [e.name, e.data])));
    expect(r.findings.filter((f) => f.type === "violation").map((f) => f.rule)).toContain("no stacking");
  });

  it("reports a mass balance that does not close", () => {
    const c = smallContent(undefined, { ...SETTINGS, massBalance: { received: "100", stockChange: "0" } });
    const r = recompute(new Map(buildBundleEntries(c, opts).map((e) => [e.name, e.data])));
    expect(r.findings.filter((f) => f.type === "violation").map((f) => f.rule)).toEqual(["mass balance"]);
  });

  it("gives the same totals when run in chunks of one record", () => {
    const r = recomputeSubmission(entries, { registry: bundledRegistry(), taxonomy: bundledTaxonomy(), chunkRows: 1 });
    expect(r.findings).toEqual([]);
  });
});

describe("diffMethod", () => {
  it("reports the refrigerant line changing under AR6 (absolute and %), and nothing else in Scope 1", () => {
    const entries = new Map(buildBundleEntries(smallContent(), opts).map((e) => [e.name, e.data]));
    const d = diffMethod(entries, { registry: bundledRegistry(), taxonomy: bundledTaxonomy(), settingsOverride: { gwpSet: "AR6" } });
    const ref = d.changes.find((c) => c.line === "inventory/scope1/refrigerant")!;
    expect(ref).toBeDefined();
    expect(ref.percent).not.toBeNull();
    const same = diffMethod(entries, { registry: bundledRegistry(), taxonomy: bundledTaxonomy() });
    expect(same.changes).toEqual([]);
  });
});

describe("AuditEntrySchema", () => {
  it("accepts a complete entry and refuses an unknown action or a bad hash", () => {
    const e = { action: "calculate", who: "P. Reparer", when: "2026-01-15T10:00:00+01:00", method: { id: "M", version: "1" }, factorLibraries: [], settings: {}, inputsSha256: { "a.csv": "0".repeat(64) } };
    expect(AuditEntrySchema.safeParse(e).success).toBe(true);
    expect(AuditEntrySchema.safeParse({ ...e, action: "delete" }).success).toBe(false);
    expect(AuditEntrySchema.safeParse({ ...e, inputsSha256: { "a.csv": "xyz" } }).success).toBe(false);
  });
});
