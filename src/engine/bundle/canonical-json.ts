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
  return JSON.stringify(normalize(value, "$"));
}

/** The canonical line-file form: one compact canonical value per line, each ending in LF. */
export function canonicalJsonLines(values: readonly unknown[]): string {
  let out = "";
  values.forEach((v, i) => {
    out += JSON.stringify(normalize(v, `$[${i}]`)) + "\n";
  });
  return out;
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
