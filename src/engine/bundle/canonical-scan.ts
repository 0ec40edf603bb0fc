/**
 * A byte-level check that a line is canonical compact JSON, without decoding or parsing it (the
 * bundle reader checks every line of records.jsonl, results.jsonl and traces.jsonl with it).
 *
 * `isCanonicalJsonLine(d, start, end)` is true only when the reference check would accept the line
 * (decoded with a fatal UTF-8 decoder, `JSON.parse` succeeds, `JSON.stringify` of the value gives the
 * line back, keys in sorted order, every number a safe integer): valid UTF-8 (checked as the WHATWG
 * decoder does: no overlong forms, no surrogates, nothing above U+10FFFF), valid JSON without
 * whitespace, strings escaped exactly as JSON.stringify escapes them, numbers that are safe integers written as JSON.stringify writes them (no "-0", no
 * fraction or exponent), object keys strictly increasing. It answers false (leaving the line to the
 * slow path) for everything it does not decide: keys with escapes, non-ASCII bytes or a leading
 * digit (JSON.stringify writes array-index keys first), escapes of surrogates, nesting deeper than
 * 64, a leading byte-order mark.
 */

const EMPTY = new Uint8Array(0);
/** The scan state (the bytes, the position, the end of the line): module-level, as the scan is synchronous. */
let D: Uint8Array = EMPTY;
let P = 0;
let E = 0;

/** True when bytes [start, end) of `data` (one line, without its LF) are certainly canonical compact JSON; see above. */
export function isCanonicalJsonLine(data: Uint8Array, start: number, end: number): boolean {
  D = data;
  P = start;
  E = end;
  const ok = scanValue(0) && P === E;
  D = EMPTY;
  return ok;
}

function scanValue(depth: number): boolean {
  if (P >= E) return false;
  const c = D[P]!;
  if (c === 0x22) return scanString();
  if (c === 0x7b) return depth < 64 && scanObject(depth + 1);
  if (c === 0x5b) return depth < 64 && scanArray(depth + 1);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return scanNumber();
  if (c === 0x74) return scanLiteral(TRUE);
  if (c === 0x66) return scanLiteral(FALSE);
  if (c === 0x6e) return scanLiteral(NULL);
  return false;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function scanLiteral(lit: readonly number[]): boolean {
  if (P + lit.length > E) return false;
  for (let k = 0; k < lit.length; k++) if (D[P + k] !== lit[k]) return false;
  P += lit.length;
  return true;
}

/** A safe integer as JSON.stringify writes it: -?(0|[1-9][0-9]*), not -0, at most 2^53 - 1 in magnitude. */
function scanNumber(): boolean {
  let neg = false;
  if (D[P] === 0x2d) {
    neg = true;
    P++;
  }
  const first = P;
  let v = 0;
  while (P < E) {
    const c = D[P]!;
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    P++;
  }
  const digits = P - first;
  if (digits === 0 || digits > 16) return false;
  if (D[first] === 0x30 && (digits > 1 || neg)) return false;
  if (v > Number.MAX_SAFE_INTEGER) return false;
  if (P < E) {
    const c = D[P]!;
    if (c === 0x2e || c === 0x65 || c === 0x45) return false;
  }
  return true;
}

/** A string escaped exactly as JSON.stringify escapes it, in valid UTF-8. */
function scanString(): boolean {
  P++;
  while (P < E) {
    const c = D[P]!;
    if (c === 0x22) {
      P++;
      return true;
    }
    if (c === 0x5c) {
      const e = D[P + 1];
      if (e === 0x22 || e === 0x5c || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        P += 2;
        continue;
      }
      // \u00XX, lowercase hex, for a C0 control without a short escape.
      if (e !== 0x75 || P + 6 > E || D[P + 2] !== 0x30 || D[P + 3] !== 0x30) return false;
      const h = D[P + 4]!;
      const l = D[P + 5]!;
      if (h !== 0x30 && h !== 0x31) return false;
      const lo = l >= 0x30 && l <= 0x39 ? l - 0x30 : l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
      if (lo < 0) return false;
      const code = (h - 0x30) * 16 + lo;
      if (code === 8 || code === 9 || code === 10 || code === 12 || code === 13) return false;
      P += 6;
      continue;
    }
    if (c < 0x20) return false;
    if (c < 0x80) {
      P++;
      continue;
    }
    if (!scanUtf8(c)) return false;
  }
  return false;
}

function cont(i: number): boolean {
  return i < E && (D[i]! & 0xc0) === 0x80;
}

/** One multi-byte UTF-8 sequence starting with lead byte `c` at P (well-formed per RFC 3629 / WHATWG). */
function scanUtf8(c: number): boolean {
  if (c < 0xc2 || c > 0xf4) return false;
  if (c < 0xe0) {
    if (!cont(P + 1)) return false;
    P += 2;
    return true;
  }
  const c1 = D[P + 1]!;
  if (c < 0xf0) {
    if (!cont(P + 1) || !cont(P + 2)) return false;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) return false;
    P += 3;
    return true;
  }
  if (!cont(P + 1) || !cont(P + 2) || !cont(P + 3)) return false;
  if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return false;
  P += 4;
  return true;
}

function scanArray(depth: number): boolean {
  P++;
  if (P < E && D[P] === 0x5d) {
    P++;
    return true;
  }
  for (;;) {
    if (!scanValue(depth)) return false;
    if (P >= E) return false;
    const c = D[P]!;
    P++;
    if (c === 0x5d) return true;
    if (c !== 0x2c) return false;
  }
}

function scanObject(depth: number): boolean {
  P++;
  if (P < E && D[P] === 0x7d) {
    P++;
    return true;
  }
  let prevStart = -1;
  let prevEnd = -1;
  for (;;) {
    // Key: ASCII without escapes, not starting with a digit, after the previous key in code-unit order.
    if (P >= E || D[P] !== 0x22) return false;
    const ks = P + 1;
    let k = ks;
    for (;;) {
      if (k >= E) return false;
      const c = D[k]!;
      if (c === 0x22) break;
      if (c === 0x5c || c < 0x20 || c >= 0x80) return false;
      k++;
    }
    if (k > ks && D[ks]! >= 0x30 && D[ks]! <= 0x39) return false;
    if (prevStart >= 0 && !bytesAfter(prevStart, prevEnd, ks, k)) return false;
    prevStart = ks;
    prevEnd = k;
    P = k + 1;
    if (P >= E || D[P] !== 0x3a) return false;
    P++;
    if (!scanValue(depth)) return false;
    if (P >= E) return false;
    const c = D[P]!;
    P++;
    if (c === 0x7d) return true;
    if (c !== 0x2c) return false;
  }
}

/** True when bytes [bs, be) come strictly after bytes [as, ae) (byte order, which is code-unit order for ASCII). */
function bytesAfter(as: number, ae: number, bs: number, be: number): boolean {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const a = D[as + i]!;
    const b = D[bs + i]!;
    if (a !== b) return b > a;
  }
  return be - bs > ae - as;
}
