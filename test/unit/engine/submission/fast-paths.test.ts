/**
 * The fast paths of assembling and recomputing give exactly what their reference definitions give:
 * `jsonSafeLine(v)` = `canonicalJsonLine(jsonSafe(v))`; the records' `texts()` = the canonical line
 * of each value `lines()` gives; `jsonLineTextsOf` / `jsonLinesOf` = decoding and parsing each line
 * on its own (byte-order marks, invalid UTF-8, block edges); the recompute reports the same findings
 * whether a results line is the canonical text or another spelling of the same values.
 */
import fc from "fast-check";
import {
  Dec,
  ENTRY,
  assembleSubmissionStream,
  buildBundleEntries,
  canonicalJsonLine,
  jsonLineTextsOf,
  jsonLinesOf,
  jsonSafe,
  jsonSafeLine,
  recomputeSubmission,
  type BundleContent,
  type LineSource,
} from "../../../../src/engine";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { nodeCrypto } from "../../../../src/cli/crypto-node";
import { KEY_A } from "../bundle/tiny-bundle";
import { smallContent, smallDataset, smallInput } from "./fixture";

const outcome = (f: () => string): string => {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `error ${(e as Error).message}`;
  }
};

describe("jsonSafeLine", () => {
  const leaf = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.integer(),
    fc.double(),
    fc.constantFrom(-0, 1e-7, 1.5e-7, 1e21, 123456789.123, 2 ** 53, -1e300, 5e-324, Number.NaN, -Infinity, () => 1, 10n),
    fc.constantFrom(new Dec("597.6"), new Dec("-0"), new Dec("1e-20"), new Dec(Number.NaN), new Date(0), new Map([[1, 2]])),
  );
  const key = fc.oneof(fc.string(), fc.constantFrom("0", "12", "__proto__", "toStringTag", "row", "mass"));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(key, tie("v"), { maxKeys: 5 })),
  })).v;
  it("equals canonicalJsonLine(jsonSafe(value)) for arbitrary values", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(() => jsonSafeLine(v))).toBe(outcome(() => canonicalJsonLine(jsonSafe(v))));
      }),
      { numRuns: 4000 },
    );
  });
  it("writes a number's decimal text exactly as new Dec(x).toFixed() does", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        if (Number.isSafeInteger(x)) return;
        expect(jsonSafe(x)).toBe(new Dec(x).toFixed());
        expect(jsonSafeLine({ x })).toBe(`{"x":"${new Dec(x).toFixed()}"}`);
      }),
      { numRuns: 20000 },
    );
  });
});

describe("assembleSubmissionStream: records texts", () => {
  it("each text is the canonical line of the value lines() gives", () => {
    const ds = smallDataset();
    (ds.outputs as Array<Record<string, unknown>>).push({ row: 3, lotId: "L4", material: "CU", outputMass: 12.75, disposition: "RECYCLE", certificateId: "C2\u2028\"q\"", virginFactor: 3.1, recyclingFactor: "0.5", hazardous: false, extra: undefined, nested: { b: [1.5, null], a: "é" } });
    const s = assembleSubmissionStream(smallInput(ds));
    const records = s.records as LineSource;
    const texts = [...records.texts!()];
    const lines = [...records.lines()].map((v) => canonicalJsonLine(v));
    expect(texts).toEqual(lines);
    expect(texts.length).toBe(records.count);
    expect(texts.some((t) => t.includes('"outputMass":"12.75"'))).toBe(true);
  });
});

describe("jsonLineTextsOf / jsonLinesOf", () => {
  const enc = new TextEncoder();
  /** The reference: each line decoded on its own (fatal), then parsed. */
  function* perLine(bytes: Uint8Array): Iterable<unknown> {
    const d = new TextDecoder("utf-8", { fatal: true });
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      yield JSON.parse(d.decode(bytes.subarray(start, end)));
      start = end + 1;
    }
  }
  const collect = (it: Iterable<unknown>): { values: unknown[]; error: string | null } => {
    const values: unknown[] = [];
    try {
      for (const v of it) values.push(v);
      return { values, error: null };
    } catch (e) {
      return { values, error: (e as Error).message };
    }
  };
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const many = (n: number) => enc.encode(Array.from({ length: n }, (_, i) => JSON.stringify({ i, s: "x".repeat(i % 200), u: "é€😀" })).join("\n") + "\n");
  const cases: Array<[string, Uint8Array]> = [
    ["plain, several blocks", many(20000)],
    ["no final LF", enc.encode('{"a":1}\n[2]')],
    ["empty", new Uint8Array(0)],
    ["a BOM at the start of a line in the middle of a block", concat(many(3000), Uint8Array.from([0xef, 0xbb, 0xbf]), enc.encode('{"bom":true}\n'), many(10))],
    ["invalid UTF-8 in a later block", concat(many(15000), Uint8Array.from([0x22, 0xc0, 0x80, 0x22, 0x0a]), many(10))],
    ["a bad JSON line in a later block", concat(many(15000), enc.encode("{oops}\n"), many(10))],
    ["an empty line", enc.encode('1\n\n2\n')],
    ["one line longer than a block", enc.encode(JSON.stringify("y".repeat(3 << 20)) + "\n1\n")],
  ];
  it.each(cases)("%s: the same values and the same error, in the same place", (_, bytes) => {
    const ref = collect(perLine(bytes));
    const mine = collect(jsonLinesOf(bytes));
    expect(mine.error).toBe(ref.error);
    expect(mine.values.length).toBe(ref.values.length);
    expect(JSON.stringify(mine.values)).toBe(JSON.stringify(ref.values));
    const texts = collect(jsonLineTextsOf(bytes));
    if (ref.error === null) expect(texts.values.length).toBe(ref.values.length);
  });
});

describe("recomputeSubmission: results compared as text, or field by field", () => {
  const opts = { crypto: nodeCrypto, ...KEY_A };
  const recompute = (entries: ReadonlyMap<string, Uint8Array>) => recomputeSubmission(entries, { registry: bundledRegistry(), taxonomy: bundledTaxonomy() });
  const content = smallContent();
  const entries = (c: BundleContent) => new Map(buildBundleEntries(c, opts).map((e) => [e.name, e.data]));
  const base = recompute(entries(content));

  it("another spelling of the same results (key order, spaces, extra fields) gives the same report as the canonical text", () => {
    const e = entries(content);
    const text = new TextDecoder().decode(e.get(ENTRY.results)!);
    const respelled = text
      .slice(0, -1)
      .split("\n")
      .map((l) => {
        const v = JSON.parse(l) as { ref: string; lines: Array<Record<string, string>> };
        return JSON.stringify({ ref: v.ref, note: "x", lines: v.lines.map((x) => ({ value: x.value, unit: x.unit, code: x.code })) }, null, 1).replace(/\n/g, "");
      })
      .join("\n") + "\n";
    e.set(ENTRY.results, new TextEncoder().encode(respelled));
    const r = recompute(e);
    expect(base.ok).toBe(true);
    expect(r.findings).toEqual(base.findings);
    expect(r.ok).toBe(true);
    expect(r.claims).toEqual(base.claims);
    expect(r.claims.length).toBeGreaterThan(0);
  });
  it("a changed value is still named, a missing or extra results line still reported", () => {
    const e = entries(content);
    const text = new TextDecoder().decode(e.get(ENTRY.results)!);
    const lines = text.slice(0, -1).split("\n");
    const changed = lines.map((l) => (l.includes('"ref":"shipments#2"') ? l.replace(/"value":"10"/, '"value":"10.0"') : l));
    e.set(ENTRY.results, new TextEncoder().encode(changed.join("\n") + "\n"));
    const r = recompute(e);
    expect(r.findings).toEqual([expect.objectContaining({ type: "difference", ref: "shipments#2", stored: "10.0", recomputed: "10" })]);
    e.set(ENTRY.results, new TextEncoder().encode(lines.slice(0, -1).join("\n") + "\n"));
    expect(recompute(e).findings.map((f) => f.message)).toEqual([expect.stringMatching(/no result line in results.jsonl/)]);
    e.set(ENTRY.results, new TextEncoder().encode([...lines, lines[0]].join("\n") + "\n"));
    expect(recompute(e).findings.map((f) => f.message)).toEqual(["results.jsonl holds more lines than records.jsonl"]);
  });
});
