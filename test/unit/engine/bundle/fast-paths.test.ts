/**
 * The fast paths of the bundle writer and reader give exactly what their reference definitions give:
 * the direct canonical writer (`canonicalJsonLine`) = JSON.stringify of the normalized copy, or the
 * same error; the byte-level line check (`isCanonicalJsonLine`) never accepts a line the reference
 * check (fatal UTF-8 decode, JSON.parse, JSON.stringify round trip, sorted keys, safe integers)
 * rejects; slicing-by-8 CRC-32 = the bitwise definition, also when continued across chunks; the
 * streaming writer's reused chunk buffer gives the bytes of `buildBundle` at any chunk size.
 */
import fc from "fast-check";
import { createHash } from "node:crypto";
import { Dec, MemorySink, buildBundle, canonicalJsonLine, crc32, crc32Update, isCanonicalJsonLine, writeBundleStream, type JsonValue } from "../../../../src/engine";
import { nodeCrypto } from "../../../../src/cli/crypto-node";
import { KEY_A, tinyContent } from "./tiny-bundle";

/** The reference serialization: the normalized copy, then JSON.stringify (the writer's definition before the fast path). */
function reference(value: unknown): string {
  const norm = (v: unknown, path: string): unknown => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v)) throw new Error(`${path}: the number ${v} is not a safe integer; write quantities as decimal strings`);
      return Object.is(v, -0) ? 0 : v;
    }
    if (Dec.isDecimal(v)) {
      const d = v as Dec;
      if (!d.isFinite()) throw new Error(`${path}: ${d.toString()} is not a finite decimal`);
      return d.isZero() ? "0" : d.toFixed();
    }
    if (Array.isArray(v)) return v.map((x, i) => {
      if (x === undefined) throw new Error(`${path}[${i}]: undefined in an array`);
      return norm(x, `${path}[${i}]`);
    });
    if (typeof v === "object") {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new Error(`${path}: a ${proto?.constructor?.name ?? "non-plain"} object is not JSON`);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[key];
        if (x === undefined) continue;
        out[key] = norm(x, `${path}.${key}`);
      }
      return out;
    }
    throw new Error(`${path}: a ${typeof v} is not JSON`);
  };
  return JSON.stringify(norm(value, "$"));
}

const outcome = (f: () => string): string => {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `error ${(e as Error).message}`;
  }
};

const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", '"', "\\", "\u0000", "\u001f", "\u007f", "\u2028", "\ud800", "\udc00x", "😀", "a\nb", "-----BEGIN", "x".repeat(30) + '"'),
);
const awkwardKey = fc.oneof(awkwardString, fc.constantFrom("0", "10", "9", "a", "b", "__proto__", "toStringTag", "constructor", "lines", "ref", "value"));
const leaf = fc.oneof(
  awkwardString,
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 0.5, Number.NaN, Infinity, undefined),
  fc.double(),
  fc.constantFrom(new Dec("597.6"), new Dec("-0.000001"), new Dec("1e30"), new Dec(0), new Dec(-0), new Dec(Number.NaN), new Dec(Infinity)),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(awkwardKey, tie("v"), { maxKeys: 5 })),
})).v;

describe("canonicalJsonLine: the direct writer equals the reference serialization", () => {
  it("for arbitrary values: same text, or an error where the reference has one", () => {
    fc.assert(
      fc.property(value, (v) => {
        const mine = outcome(() => canonicalJsonLine(v));
        const ref = outcome(() => reference(v));
        expect(mine.startsWith("ok")).toBe(ref.startsWith("ok"));
        if (ref.startsWith("ok")) expect(mine).toBe(ref);
      }),
      { numRuns: 3000 },
    );
  });
  it("the same shapes over and over (the key-order cache) and awkward cases", () => {
    for (let i = 0; i < 50; i++) {
      const o = { row: i, shipmentId: `S${i}`, mass: new Dec(i).div(7), legs: [{ distance: i, ttw: "x" }], z: undefined };
      expect(canonicalJsonLine(o)).toBe(reference(o));
      const p = { b: 1, a: 2, ...(i % 2 ? { c: 3 } : {}) };
      expect(canonicalJsonLine(p)).toBe(reference(p));
    }
    const numeric = { b: 1, 10: "x", 9: "y", a: [] };
    expect(canonicalJsonLine(numeric)).toBe(reference(numeric));
    expect(canonicalJsonLine(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe(reference(JSON.parse('{"__proto__":{"x":1},"a":1}')));
    expect(canonicalJsonLine(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(canonicalJsonLine(deep)).toBe(reference(deep));
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJsonLine([1, , 2])).toBe(reference([1, , 2])); // a hole: written as null, as before
    expect(() => canonicalJsonLine({ x: 0.1 })).toThrow(/\$\.x: the number 0\.1 is not a safe integer/);
    expect(() => canonicalJsonLine({ d: new Date(0) })).toThrow(/Date/);
  });
});

// ---------------------------------------------------------------------------------------------
// The byte-level line check.
// ---------------------------------------------------------------------------------------------

/** The reference check of one line (what `readBundle` decides without the fast path). */
function referenceCanonical(bytes: Uint8Array): boolean {
  let line: string;
  try {
    line = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return false;
  }
  const sortedExact = (x: unknown): boolean => {
    if (x === null || typeof x === "string" || typeof x === "boolean") return true;
    if (typeof x === "number") return Number.isSafeInteger(x) && !Object.is(x, -0);
    if (Array.isArray(x)) return x.every(sortedExact);
    let prev: string | null = null;
    for (const k in x as Record<string, unknown>) {
      if (prev !== null && !(prev < k)) return false;
      prev = k;
      if (!sortedExact((x as Record<string, unknown>)[k])) return false;
    }
    return true;
  };
  return JSON.stringify(v) === line && sortedExact(v);
}

const enc = new TextEncoder();
const check = (bytes: Uint8Array) => isCanonicalJsonLine(bytes, 0, bytes.length);

describe("isCanonicalJsonLine: never accepts what the reference check rejects", () => {
  const lines = [
    '{"kind":"shipments","record":{"legs":[{"distance":"12.5","ttwFactor":"desnz.x"}],"mass":"100","massUnit":"kg","row":2},"ref":"shipments#2","row":2}',
    '{"lines":[{"code":"inventory/scope3.cat4/WTW","unit":"kg CO2e","value":"-0.000125"}],"ref":"a\\"b\\\\c\\n\\u0001\\u001f"}',
    '["é","€","😀","\u2028",true,false,null,0,-1,9007199254740991,-9007199254740991,{},[],""]',
    '{"":1,"A":2,"_":3,"a":{"b":[{"c":null}]}}',
  ];
  it("accepts canonical lines (a fast path that is used)", () => {
    for (const l of lines) {
      expect(referenceCanonical(enc.encode(l))).toBe(true);
      expect(check(enc.encode(l))).toBe(true);
    }
  });
  it("every single-byte mutation of canonical lines: accepted only if the reference accepts", () => {
    const probe = [0x00, 0x09, 0x0a, 0x20, 0x22, 0x2c, 0x2d, 0x2e, 0x30, 0x31, 0x39, 0x3a, 0x41, 0x45, 0x5b, 0x5c, 0x5d, 0x61, 0x65, 0x75, 0x7b, 0x7d, 0x7f, 0x80, 0xa0, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    let accepted = 0;
    for (const l of lines) {
      const base = enc.encode(l);
      for (let i = 0; i < base.length; i++) {
        for (const b of probe) {
          const m = base.slice();
          m[i] = b;
          const fast = check(m);
          if (fast) {
            accepted++;
            expect(referenceCanonical(m)).toBe(true);
          }
        }
        // Deletion and duplication of the byte too.
        for (const m of [Uint8Array.from([...base.subarray(0, i), ...base.subarray(i + 1)]), Uint8Array.from([...base.subarray(0, i + 1), ...base.subarray(i)])]) {
          if (check(m)) expect(referenceCanonical(m)).toBe(true);
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
  it("random values and random bytes: fast true implies reference true; canonical ASCII lines are accepted", () => {
    fc.assert(
      fc.property(value, (v) => {
        let text: string;
        try {
          text = canonicalJsonLine(v);
        } catch {
          return;
        }
        const bytes = enc.encode(text);
        if (check(bytes)) expect(referenceCanonical(bytes)).toBe(true);
        // A non-canonical spelling of the same value is never accepted by the fast path alone.
        const spaced = enc.encode(JSON.stringify(JSON.parse(text), null, 1));
        if (check(spaced)) expect(referenceCanonical(spaced)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        if (check(b)) expect(referenceCanonical(b)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
  it("refuses the cases left to the reference check", () => {
    for (const l of ['{"b":1,"a":2}', '{"a":1,"a":1}', '{"a":-0}', '{"a":1.0}', '{"a":1e3}', '{"a":9007199254740992}', '{"a":01}', '"\\/"', '"\\u00e9"', '"\\u000A"', '"\\u000a"', '"\\ud800"', '{"10":1,"9":2}', '{"9":1}', '{"é":1}', " {}", "{} ", "", "\ufeff{}", "tru", "nul"]) {
      expect(check(enc.encode(l))).toBe(false);
    }
    expect(check(Uint8Array.from([0x22, 0xc0, 0x80, 0x22]))).toBe(false); // overlong
    expect(check(Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).toBe(false); // surrogate
    expect(check(Uint8Array.from([0x22, 0xf4, 0x90, 0x80, 0x80, 0x22]))).toBe(false); // above U+10FFFF
    let deep = "1";
    for (let i = 0; i < 100; i++) deep = `[${deep}]`;
    expect(check(enc.encode(deep))).toBe(false);
    expect(referenceCanonical(enc.encode(deep))).toBe(true);
  });
});

describe("CRC-32, slicing-by-8", () => {
  const bitwise = (bytes: Uint8Array): number => {
    let c = 0xffffffff;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  it("equals the bitwise definition at every length and when continued across any split", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (b, k) => {
        const at = b.length ? k % (b.length + 1) : 0;
        expect(crc32(b)).toBe(bitwise(b));
        expect(((crc32Update(crc32Update(0xffffffff, b.subarray(0, at)), b.subarray(at)) ^ 0xffffffff) >>> 0)).toBe(bitwise(b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("writeBundleStream: the reused chunk buffer", () => {
  const opts = { crypto: nodeCrypto, ...KEY_A };
  const createSha256 = () => {
    const h = createHash("sha256");
    return { update: (b: Uint8Array) => void h.update(b), digest: () => h.digest("hex") };
  };
  const big = (n: number): JsonValue[] => Array.from({ length: n }, (_, i) => ({ kind: "outputs", row: i + 2, ref: `outputs#${i + 2}`, record: { lotId: `L${i}`, note: "é€😀".repeat(i % 5), outputMass: String(i * 1.25) } }));
  it("gives the bytes of buildBundle at any chunk size (lines split across chunks, multi-byte characters at the edges)", () => {
    const content = tinyContent({ records: big(3000) });
    const expected = Buffer.from(buildBundle(content, opts));
    for (const chunkBytes of [1, 16, 17, 61, 1000, 65536, 1 << 20]) {
      const sink = new MemorySink();
      writeBundleStream(content, { ...opts, createSha256, chunkBytes }, sink);
      expect(Buffer.from(sink.bytes()).equals(expected)).toBe(true);
    }
  });
  it("refuses private-key text in a line entry, also far into the entry", () => {
    const records = big(5000);
    records[4321] = { kind: "outputs", row: 1, ref: "outputs#1", record: { note: KEY_A.privateKey } };
    expect(() => writeBundleStream(tinyContent({ records }), { ...opts, createSha256, chunkBytes: 64 }, new MemorySink())).toThrow(/records.jsonl contains private key material/);
    expect(() => buildBundle(tinyContent({ records }), opts)).toThrow(/private key/);
    expect(() => writeBundleStream(tinyContent({ inputs: [{ name: "k.pem", bytes: KEY_A.privateKey, mediaType: "text/plain" }] }), { ...opts, createSha256 }, new MemorySink())).toThrow(/private key/);
  });
});
