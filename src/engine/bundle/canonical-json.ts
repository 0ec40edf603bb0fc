/**
 * Canonical JSON: the one serialization of every JSON entry of a bundle, so identical content gives
 * identical bytes.
 *
 * - Object keys sorted by UTF-16 code units (JavaScript's default string order, as in RFC 8785);
 *   properties whose value is `undefined` are left out.
 * - No floating point: a quantity is a decimal string. Decimals (decimal.js) are written as their
 *   plain string ("597.6", never "5.976e2"); JS numbers are accepted only when they are safe
 *   integers (counts, row numbers); any other number is refused.
 * - Strings escaped as `JSON.stringify` does; no Unicode normalization is applied (the bytes of a
 *   string are what the preparer entered).
 * - Documents: two-space indentation, LF line endings, one final LF. Line files (`.jsonl`): one
 *   compact canonical value per line, each line ending in LF.
 */
import { Dec, plain } from "../quantities/decimal";

/** What may go into a bundle's JSON: JSON values plus Decimals (written as decimal strings). */
export type JsonValue = string | number | boolean | null | Dec | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

export class CanonicalJsonError extends Error {}

function normalize(value: unknown, path: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${path}: the number ${value} is not a safe integer; write quantities as decimal strings`);
    return Object.is(value, -0) ? 0 : value;
  }
  if (Dec.isDecimal(value)) {
    const d = value as Dec;
    if (!d.isFinite()) throw new CanonicalJsonError(`${path}: ${d.toString()} is not a finite decimal`);
    return plain(d);
  }
  if (Array.isArray(value)) return value.map((v, i) => {
    if (v === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined in an array`);
    return normalize(v, `${path}[${i}]`);
  });
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: a ${proto?.constructor?.name ?? "non-plain"} object is not JSON`);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      out[key] = normalize(v, `${path}.${key}`);
    }
    return out;
  }
  throw new CanonicalJsonError(`${path}: a ${typeof value} is not JSON`);
}

/** The canonical document form: sorted keys, two-space indentation, LF, final LF. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, "$"), null, 2) + "\n";
}

/** The canonical compact form of one value (no whitespace), as used for one line of a `.jsonl` entry. */
export function canonicalJsonLine(value: unknown): string {
  const fast = compactOrNull(value, 0);
  return fast ?? JSON.stringify(normalize(value, "$"));
}

/** The canonical line-file form: one compact canonical value per line, each ending in LF. */
export function canonicalJsonLines(values: readonly unknown[]): string {
  let out = "";
  values.forEach((v, i) => {
    out += (compactOrNull(v, 0) ?? JSON.stringify(normalize(v, `$[${i}]`))) + "\n";
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The direct compact writer: the bytes of JSON.stringify(normalize(value)) in one pass, without
// the normalized copy. It handles the common shapes only and answers null for anything else (a
// value normalize refuses, a key that JSON.stringify would not write in sorted order, very deep
// nesting); the caller then takes the reference path above, which gives the same text or the
// same error.
// ---------------------------------------------------------------------------------------------

/** Characters JSON.stringify escapes in a string: '"', '\\', C0 controls and (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters JSON.stringify escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it. */
export function jsonString(s: string): string {
  // Short strings (most values and keys): a character loop is cheaper than a regular expression call.
  if (s.length <= 24) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
    }
    return `"${s}"`;
  }
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** The depth past which the direct writers leave a value to the reference path. */
export const MAX_FAST_DEPTH = 64;

/**
 * The canonical key order of an object with the given own keys (as `Object.keys` lists them), with
 * each key already written: `heads[i]` is `"key":` and `tails[i]` is `,"key":`. Objects of one kind
 * share their key list, so the order and the written keys are cached per key list.
 */
export interface KeyShape {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly heads: readonly string[];
  readonly tails: readonly string[];
  /** True when a key is "toStringTag" (decimal.js's mark of a Decimal, checked by the caller). */
  readonly tagKey: boolean;
}

const SHAPES = new Map<string, KeyShape[]>();
const SHAPES_PER_FIRST_KEY = 16;

/**
 * The shape of an object's key list, or null when the direct writers must leave the object to the
 * reference path: a key that starts with a digit (JSON.stringify writes array-index keys first, in
 * numeric order, not in sorted order) or "__proto__" (not an own property once normalized).
 */
export function keyShape(keys: readonly string[]): KeyShape | null {
  const first = keys.length ? keys[0]! : "";
  const list = SHAPES.get(first);
  if (list) {
    for (let s = 0; s < list.length; s++) {
      const shape = list[s]!;
      const k = shape.keys;
      if (k.length !== keys.length) continue;
      let same = true;
      for (let i = 1; i < k.length; i++) {
        if (k[i] !== keys[i]) {
          same = false;
          break;
        }
      }
      if (same) return shape;
    }
  }
  let tagKey = false;
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || k === "__proto__") return null;
    if (k === "toStringTag") tagKey = true;
  }
  const sorted = [...keys].sort();
  const heads = sorted.map((k) => jsonString(k) + ":");
  const shape: KeyShape = { keys: [...keys], sorted, heads, tails: heads.map((h) => "," + h), tagKey };
  if (!list) SHAPES.set(first, [shape]);
  else if (list.length < SHAPES_PER_FIRST_KEY) list.push(shape);
  else list[(list.length + keys.length) % SHAPES_PER_FIRST_KEY] = shape;
  if (SHAPES.size > 4096) SHAPES.clear();
  return shape;
}

function compactOrNull(value: unknown, depth: number): string | null {
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isSafeInteger(value)) return null;
      return value === 0 ? "0" : String(value);
    case "object":
      break;
    default:
      return null;
  }
  if (value === null) return "null";
  if (depth > MAX_FAST_DEPTH) return null;
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return null;
      const s = compactOrNull(value[i], depth + 1);
      if (s === null) return null;
      out += i === 0 ? s : "," + s;
    }
    return out + "]";
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if (!Dec.isDecimal(value)) return null;
    const d = value as Dec;
    if (!d.isFinite()) return null;
    return `"${plain(d)}"`;
  }
  const shape = keyShape(Object.keys(value));
  if (shape === null || shape.tagKey) return null;
  let out = "{";
  const { sorted, heads, tails } = shape;
  for (let i = 0; i < sorted.length; i++) {
    const v = (value as Record<string, unknown>)[sorted[i]!];
    if (v === undefined) continue;
    const s = compactOrNull(v, depth + 1);
    if (s === null) return null;
    out += (out.length === 1 ? heads[i] : tails[i]) + s;
  }
  return out + "}";
}

/** Parses a `.jsonl` text (LF-separated, final LF) into values; throws with the line number on a bad line. */
export function parseJsonLines(text: string): unknown[] {
  if (text === "") return [];
  if (!text.endsWith("\n")) throw new CanonicalJsonError("a line file must end with LF");
  const lines = text.slice(0, -1).split("\n");
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as unknown;
    } catch (err) {
      throw new CanonicalJsonError(`line ${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
