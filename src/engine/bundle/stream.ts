/**
 * The streaming bundle writer: the same bytes as `buildBundle`, written to a sink entry by entry,
 * with SHA-256 and CRC-32 computed incrementally, so a bundle of a million records never exists
 * as one string or one array in memory. The line entries (records, results, traces, audit log)
 * are produced by generators and serialized in ~1 MB chunks; each local header is written with
 * zero CRC and size, then patched once the entry's data is written (the canonical container has
 * no data descriptors, so the final bytes are exactly those of `writeZip`).
 */
import { canonicalJson, canonicalJsonLine, type JsonValue } from "./canonical-json";
import { crc32Update } from "./crc32";
import { utf8Bytes } from "./encoding";
import { formatSha256Sums } from "./sha256sums";
import { unsafeName } from "./zip";
import { ENTRY, INPUTS_DIR } from "./manifest";
import { BundleError, DISCLOSURE_NAMES, PRIVATE_KEY_MARK, bundleManifest, normalizePem, type BuildOptions, type BundleContent } from "./bundle";

/**
 * Where the streaming writer puts bytes: appended in order; `patch` overwrites bytes already written.
 * The bytes passed to `write` are valid during the call only (the writer reuses its chunk buffer):
 * a sink that keeps them copies them, as `MemorySink` does.
 */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  patch(position: number, bytes: Uint8Array): void;
}

export interface IncrementalSha256 {
  /** Hashes `bytes` now (they are valid during the call only). */
  update(bytes: Uint8Array): void;
  /** 64 lowercase hex digits. */
  digest(): string;
}

/** A line entry given as a count and a generator (called once). */
export interface LineSource {
  count: number;
  lines: () => Iterable<unknown>;
  /**
   * Optional: the same lines already serialized, each exactly `canonicalJsonLine` of the value
   * `lines()` gives at that position (without the LF). The streaming writer uses it when present
   * (it saves building each value only to serialize it); `lines()` stays the definition.
   */
  texts?: () => Iterable<string>;
}

/** Like `BundleContent`, with the large line entries as generators. */
export interface StreamingBundleContent extends Omit<BundleContent, "records" | "results" | "traces" | "auditLog"> {
  records: LineSource | readonly JsonValue[];
  results: LineSource | readonly JsonValue[];
  traces: LineSource | readonly JsonValue[];
  auditLog: LineSource | readonly JsonValue[];
}

export interface StreamOptions extends BuildOptions {
  createSha256: () => IncrementalSha256;
  /** Bytes per chunk written to the sink (default 1 MiB). */
  chunkBytes?: number;
}

/**
 * True when `bytes` may hold PEM private-key text: they contain "-----BEGIN " (the regular
 * expression PRIVATE_KEY_MARK cannot match otherwise, as decoding maps ASCII bytes to themselves and
 * nothing else to ASCII). Only then are the bytes decoded and matched.
 */
function mayHoldPemHeader(bytes: Uint8Array): boolean {
  const n = bytes.length - 11;
  for (let i = bytes.indexOf(45); i >= 0 && i <= n; i = bytes.indexOf(45, i + 1)) {
    if (bytes[i + 4] === 45 && bytes[i + 1] === 45 && bytes[i + 2] === 45 && bytes[i + 3] === 45 && bytes[i + 5] === 66 && bytes[i + 10] === 32) {
      // "-----B....": confirm "EGIN".
      if (bytes[i + 6] === 69 && bytes[i + 7] === 71 && bytes[i + 8] === 73 && bytes[i + 9] === 78) return true;
    }
  }
  return false;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const FLAG_UTF8 = 0x0800;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UNIX_FILE_0644 = (0o100644 << 16) >>> 0;

function isSource(x: LineSource | readonly JsonValue[]): x is LineSource {
  return !Array.isArray(x) && typeof (x as LineSource).lines === "function";
}
function countOf(x: LineSource | readonly JsonValue[]): number {
  return isSource(x) ? x.count : x.length;
}
/** The canonical text of each line (without LF). */
function textsOf(x: LineSource | readonly JsonValue[]): Iterable<string> {
  if (isSource(x) && x.texts) return x.texts();
  return mapIterable(isSource(x) ? x.lines() : x, canonicalJsonLine);
}
function* mapIterable<T, U>(xs: Iterable<T>, f: (x: T) => U): Iterable<U> {
  for (const x of xs) yield f(x);
}

/** Characters of line text gathered before they are encoded into the chunk buffer. */
const TEXT_BATCH = 1 << 16;

/** Writes the signed canonical bundle to `sink`; returns its size and SHA256SUMS text. Same bytes as `buildBundle`. */
export function writeBundleStream(content: StreamingBundleContent, options: StreamOptions, sink: ByteSink): { size: number; sums: string } {
  const { crypto } = options;
  const counts = { records: countOf(content.records), results: countOf(content.results), traces: countOf(content.traces), auditEvents: countOf(content.auditLog) };
  const { manifest, inputs, evidence } = bundleManifest(content, counts, options);
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  let position = 0;
  const central: Array<{ name: Uint8Array; crc: number; size: number; offset: number }> = [];
  const sums: Array<{ path: string; sha256: string }> = [];
  const names = new Set<string>();

  const put = (b: Uint8Array) => {
    sink.write(b);
    position += b.length;
  };

  /** Writes one entry from its chunks; returns its SHA-256. `checked`: the chunks' text was already checked for private-key material. */
  const entry = (name: string, chunks: Iterable<Uint8Array>, hashed = true, checked = false): string => {
    const problem = unsafeName(name);
    if (problem) throw new BundleError(`zip: entry name '${name}' ${problem}`);
    if (names.has(name.toLowerCase())) throw new BundleError(`zip: duplicate entry name '${name}'`);
    names.add(name.toLowerCase());
    const nameBytes = utf8Bytes(name);
    const offset = position;
    const header = new Uint8Array(30 + nameBytes.length);
    const hv = new DataView(header.buffer);
    hv.setUint32(0, SIG_LOCAL, true);
    hv.setUint16(4, 20, true);
    hv.setUint16(6, FLAG_UTF8, true);
    hv.setUint16(8, 0, true);
    hv.setUint16(10, 0, true);
    hv.setUint16(12, DOS_DATE, true);
    hv.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    put(header);
    const hash = options.createSha256();
    let crc = 0xffffffff;
    let size = 0;
    const decoder = new TextDecoder("utf-8", { fatal: false });
    for (const c of chunks) {
      if (c.length === 0) continue;
      if (!checked && mayHoldPemHeader(c) && PRIVATE_KEY_MARK.test(decoder.decode(c))) throw new BundleError(`entry ${name} contains private key material; a private key never goes into a bundle`);
      crc = crc32Update(crc, c);
      hash.update(c);
      size += c.length;
      put(c);
    }
    crc = (crc ^ 0xffffffff) >>> 0;
    if (position > 0xffffffff) throw new BundleError("zip: archive larger than 4 GiB needs zip64, which bundle format 1.0 does not use");
    const fix = new Uint8Array(12);
    const fv = new DataView(fix.buffer);
    fv.setUint32(0, crc, true);
    fv.setUint32(4, size, true);
    fv.setUint32(8, size, true);
    sink.patch(offset + 14, fix);
    central.push({ name: nameBytes, crc, size, offset });
    const digest = hash.digest();
    if (hashed) sums.push({ path: name, sha256: digest });
    return digest;
  };

  const doc = (value: unknown) => [utf8Bytes(canonicalJson(value))];
  /**
   * The bytes of a line entry in chunks of `chunkBytes`, encoded into one reused buffer: lines are
   * gathered as text in batches of whole lines (each batch checked for private-key text, which
   * never spans lines), then encoded with `encodeInto`; a chunk is handed on when the buffer is full.
   */
  const chunk = new Uint8Array(Math.max(16, chunkBytes));
  const encoder = new TextEncoder();
  const reject = (name: string) => {
    throw new BundleError(`entry ${name} contains private key material; a private key never goes into a bundle`);
  };
  function* jsonLines(name: string, source: LineSource | readonly JsonValue[]): Iterable<Uint8Array> {
    let used = 0;
    let i = 0;
    let text = "";
    function* flush(): Iterable<Uint8Array> {
      if (text.includes("-----BEGIN ") && PRIVATE_KEY_MARK.test(text)) reject(name);
      let rest = text;
      text = "";
      for (;;) {
        const r = encoder.encodeInto(rest, used === 0 ? chunk : chunk.subarray(used));
        used += r.written;
        if (r.read === rest.length) break;
        rest = rest.slice(r.read);
        yield chunk.subarray(0, used);
        used = 0;
      }
      if (used === chunk.length) {
        yield chunk;
        used = 0;
      }
    }
    for (const line of textsOf(source)) {
      text += line + "\n";
      i++;
      if (text.length >= TEXT_BATCH) yield* flush();
    }
    if (text.length) yield* flush();
    if (used) yield chunk.subarray(0, used);
    if (i !== countOf(source)) throw new BundleError(`a line source declared ${countOf(source)} lines and gave ${i}`);
  }

  entry(ENTRY.manifest, doc(manifest));
  for (const f of inputs) entry(INPUTS_DIR + f.name, [typeof f.bytes === "string" ? utf8Bytes(f.bytes) : f.bytes]);
  entry(ENTRY.mapping, doc(content.mapping));
  entry(ENTRY.settings, doc(content.settings));
  entry(ENTRY.records, jsonLines(ENTRY.records, content.records), true, true);
  entry(ENTRY.results, jsonLines(ENTRY.results, content.results), true, true);
  entry(ENTRY.traces, jsonLines(ENTRY.traces, content.traces), true, true);
  entry(ENTRY.ledgerInventory, doc(content.ledgers.inventory));
  entry(ENTRY.ledgerMaterialFlow, doc(content.ledgers.materialFlow));
  entry(ENTRY.ledgerAvoided, doc(content.ledgers.avoided));
  entry(ENTRY.factorsUsed, doc(content.factorsUsed));
  entry(ENTRY.validation, doc(content.validation));
  entry(ENTRY.evidence, doc(evidence));
  const disclosures: Record<string, JsonValue> = {};
  for (const [k, name] of Object.entries(DISCLOSURE_NAMES)) disclosures[name] = content.disclosures[k as keyof typeof DISCLOSURE_NAMES];
  entry(ENTRY.disclosures, doc(disclosures));
  entry(ENTRY.auditLog, jsonLines(ENTRY.auditLog, content.auditLog), true, true);
  entry(ENTRY.publicKey, [utf8Bytes(normalizePem(options.publicKeyPem))]);
  const sumsText = formatSha256Sums(sums);
  const sumsBytes = utf8Bytes(sumsText);
  const signature = crypto.sign(sumsBytes, options.privateKey);
  if (signature.length !== 64) throw new BundleError(`the signer returned ${signature.length} bytes; an Ed25519 signature has 64`);
  if (!crypto.verify(sumsBytes, signature, options.publicKeyPem)) throw new BundleError("the private key does not match publicKeyPem");
  entry(ENTRY.sums, [sumsBytes], false);
  entry(ENTRY.signature, [signature], false);

  // Central directory and end record.
  const centralOffset = position;
  for (const e of central) {
    const rec = new Uint8Array(46 + e.name.length);
    const v = new DataView(rec.buffer);
    v.setUint32(0, SIG_CENTRAL, true);
    v.setUint16(4, (3 << 8) | 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(8, FLAG_UTF8, true);
    v.setUint16(10, 0, true);
    v.setUint16(12, 0, true);
    v.setUint16(14, DOS_DATE, true);
    v.setUint32(16, e.crc, true);
    v.setUint32(20, e.size, true);
    v.setUint32(24, e.size, true);
    v.setUint16(28, e.name.length, true);
    v.setUint32(38, UNIX_FILE_0644, true);
    v.setUint32(42, e.offset, true);
    rec.set(e.name, 46);
    put(rec);
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, central.length, true);
  ev.setUint16(10, central.length, true);
  ev.setUint32(12, position - centralOffset, true);
  ev.setUint32(16, centralOffset, true);
  put(end);
  if (position > 0xffffffff) throw new BundleError("zip: archive larger than 4 GiB needs zip64, which bundle format 1.0 does not use");
  return { size: position, sums: sumsText };
}

/** An in-memory sink (tests, small bundles): `bytes()` gives the archive. */
export class MemorySink implements ByteSink {
  private chunks: Uint8Array[] = [];
  private length = 0;
  write(bytes: Uint8Array): void {
    this.chunks.push(bytes.slice());
    this.length += bytes.length;
  }
  patch(position: number, bytes: Uint8Array): void {
    const all = this.bytes();
    all.set(bytes, position);
    this.chunks = [all];
  }
  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.length);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    this.chunks = [out];
    return out;
  }
}
