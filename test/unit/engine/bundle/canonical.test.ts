import { canonicalJson, canonicalJsonLines, parseJsonLines, Dec, formatSha256Sums, parseSha256Sums, base64Decode, base64Encode, ManifestSchema } from "../../../../src/engine";

describe("canonical JSON", () => {
  it("sorts keys at every depth, drops undefined, writes Decimals as plain strings, LF and final LF", () => {
    const text = canonicalJson({ b: 1, a: { d: new Dec("5.976e2"), c: [new Dec("0.000000001"), "x"] }, u: undefined });
    expect(text).toBe('{\n  "a": {\n    "c": [\n      "0.000000001",\n      "x"\n    ],\n    "d": "597.6"\n  },\n  "b": 1\n}\n');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(text).not.toContain("\r");
  });
  it("refuses floats, non-finite numbers and non-plain objects", () => {
    expect(() => canonicalJson({ x: 0.1 })).toThrow(/not a safe integer/);
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(() => canonicalJson({ x: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
  });
  it("JSON lines: one compact canonical value per line", () => {
    const text = canonicalJsonLines([{ b: 1, a: "x" }, { c: new Dec("-0.5") }]);
    expect(text).toBe('{"a":"x","b":1}\n{"c":"-0.5"}\n');
    expect(parseJsonLines(text)).toEqual([{ a: "x", b: 1 }, { c: "-0.5" }]);
    expect(parseJsonLines("")).toEqual([]);
    expect(() => parseJsonLines('{"a":1}')).toThrow(/LF/);
  });
});

describe("SHA256SUMS", () => {
  const h = (c: string) => c.repeat(64);
  it("is sorted '<hex>  <path>' lines and parses back", () => {
    const text = formatSha256Sums([
      { path: "b.json", sha256: h("b") },
      { path: "a/x.json", sha256: h("a") },
    ]);
    expect(text).toBe(`${h("a")}  a/x.json\n${h("b")}  b.json\n`);
    expect(parseSha256Sums(text)).toEqual({ lines: [{ path: "a/x.json", sha256: h("a") }, { path: "b.json", sha256: h("b") }], problems: [] });
  });
  it("reports malformed, unsorted and repeated lines", () => {
    expect(parseSha256Sums(`${h("a")} x\n`).problems[0]).toMatch(/line 1/);
    expect(parseSha256Sums(`${h("a")}  b\n${h("a")}  a\n`).problems[0]).toMatch(/out of order/);
    expect(parseSha256Sums(`${h("A")}  a\n`).problems).toHaveLength(1);
    expect(parseSha256Sums(`${h("a")}  a`).problems[0]).toMatch(/LF/);
  });
});

describe("base64", () => {
  it("round trips every length and refuses bad text", () => {
    for (let n = 0; n < 10; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(base64Encode(b)).toBe(Buffer.from(b).toString("base64"));
      expect(Buffer.from(base64Decode(base64Encode(b))!).equals(Buffer.from(b))).toBe(true);
    }
    expect(base64Decode("abc")).toBeNull();
    expect(base64Decode("ab!=")).toBeNull();
  });
});

describe("manifest schema", () => {
  it("requires bundleFormat 1.0 and a period that does not run backwards", () => {
    const base = {
      bundleFormat: "1.0",
      organization: { name: "A" },
      reportingPeriod: { start: "2025-01-01", end: "2025-12-31" },
      preparer: { name: "P" },
      approvals: [],
      method: { id: "M", version: "1" },
      engine: { version: "0.1.0" },
      factorLibraries: [],
      taxonomy: [],
      inputs: [],
      recordCounts: { records: 0, results: 0, traces: 0, rejected: 0, factorsUsed: 0, evidence: 0, auditEvents: 0 },
      signer: { organization: "A", publicKeyFingerprint: "a".repeat(64) },
    };
    expect(ManifestSchema.safeParse(base).success).toBe(true);
    expect(ManifestSchema.safeParse({ ...base, bundleFormat: "2.0" }).success).toBe(false);
    expect(ManifestSchema.safeParse({ ...base, reportingPeriod: { start: "2026-01-01", end: "2025-12-31" } }).success).toBe(false);
    expect(ManifestSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});
