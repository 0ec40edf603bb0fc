/**
 * The streaming bundle writer: the same bytes as `buildBundle`, written to a sink entry by entry,
 * with SHA-256 and CRC-32 computed incrementally, so a bundle of a million records never exists
 * as one string or one array in memory. The line entries (records, results, traces, audit log)
 * are produced by generators and serialized in ~1 MB chunks; each local header is written with
 * zero CRC and size, then patched once the entry's data is written (the canonical container has
 * no data descriptors, so the final bytes are exactly those of `writeZip`).
 */
import { canonicalJson, canonicalJsonLine, type JsonValue } from "./canonical-json";
import { utf8Bytes } from "./encoding";
import { formatSha256Sums } from "./sha256sums";
import { unsafeName } from "./zip";
import { ENTRY, INPUTS_DIR } from "./manifest";
import { BundleError, DISCLOSURE_NAMES, PRIVATE_KEY_MARK, bundleManifest, normalizePem, type BuildOptions, type BundleContent } from "./bundle";

/** Where the streaming writer puts bytes: appended in order; `patch` overwrites bytes already written. */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  patch(position: number, bytes: Uint8Array): void;
}

export interface IncrementalSha256 {
  update(bytes: Uint8Array): void;
  /** 64 lowercase hex digits. */
  digest(): string;
}

/** A line entry given as a count and a generator (called once). */
export interface LineSource {
  count: number;
  lines: () => Iterable<unknown>;
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

const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crcUpdate(crc: number, bytes: Uint8Array): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
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
function* linesOf(x: LineSource | readonly JsonValue[]): Iterable<unknown> {
  if (isSource(x)) yield* x.lines();
  else yield* x;
}

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

  /** Writes one entry from its chunks; returns its SHA-256. */
  const entry = (name: string, chunks: Iterable<Uint8Array>, hashed = true): string => {
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
      if (PRIVATE_KEY_MARK.test(decoder.decode(c))) throw new BundleError(`entry ${name} contains private key material; a private key never goes into a bundle`);
      crc = crcUpdate(crc, c);
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
  function* jsonLines(source: LineSource | readonly JsonValue[]): Iterable<Uint8Array> {
    let buf = "";
    let i = 0;
    for (const v of linesOf(source)) {
      buf += canonicalJsonLine(v) + "\n";
      i++;
      if (buf.length >= chunkBytes) {
        yield utf8Bytes(buf);
        buf = "";
      }
    }
    if (buf.length) yield utf8Bytes(buf);
    if (i !== countOf(source)) throw new BundleError(`a line source declared ${countOf(source)} lines and gave ${i}`);
  }

  entry(ENTRY.manifest, doc(manifest));
  for (const f of inputs) entry(INPUTS_DIR + f.name, [typeof f.bytes === "string" ? utf8Bytes(f.bytes) : f.bytes]);
  entry(ENTRY.mapping, doc(content.mapping));
  entry(ENTRY.settings, doc(content.settings));
  entry(ENTRY.records, jsonLines(content.records));
  entry(ENTRY.results, jsonLines(content.results));
  entry(ENTRY.traces, jsonLines(content.traces));
  entry(ENTRY.ledgerInventory, doc(content.ledgers.inventory));
  entry(ENTRY.ledgerMaterialFlow, doc(content.ledgers.materialFlow));
  entry(ENTRY.ledgerAvoided, doc(content.ledgers.avoided));
  entry(ENTRY.factorsUsed, doc(content.factorsUsed));
  entry(ENTRY.validation, doc(content.validation));
  entry(ENTRY.evidence, doc(evidence));
  const disclosures: Record<string, JsonValue> = {};
  for (const [k, name] of Object.entries(DISCLOSURE_NAMES)) disclosures[name] = content.disclosures[k as keyof typeof DISCLOSURE_NAMES];
  entry(ENTRY.disclosures, doc(disclosures));
  entry(ENTRY.auditLog, jsonLines(content.auditLog));
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
