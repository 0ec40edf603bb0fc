/**
 * A small zip writer and a defensive zip reader (PKWARE APPNOTE 6.3, no zip64, no encryption).
 *
 * The writer produces the canonical container of a submission bundle: every entry STORED (no
 * compression, so the bytes do not depend on a zlib build), entries in the order given, the fixed
 * DOS timestamp 1980-01-01 00:00:00, UTF-8 names, Unix mode 0644, no extra fields, no comments.
 * Identical entries give identical bytes on every platform.
 *
 * The reader accepts STORED and DEFLATE entries (DEFLATE through an `inflateRaw` passed in, as the
 * engine has no zlib) and refuses, before inflating anything: absolute paths, `..` and other unsafe
 * names, duplicate names (also when they differ only in case), more entries than the limit, a
 * declared uncompressed total above the limit, a compression ratio above the cap, encrypted or
 * multi-disk archives, overlapping entries and bytes hidden between or after entries. It checks each
 * entry's CRC-32 and that its local header agrees with the central directory.
 */
import { crc32 } from "./crc32";

export interface ZipInput {
  name: string;
  data: Uint8Array;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** 0 = stored, 8 = deflate. */
  method: number;
  crc32: number;
  compressedSize: number;
  directory: boolean;
}

export type ZipProblemCode =
  | "NOT_A_ZIP"
  | "UNSUPPORTED"
  | "UNSAFE_NAME"
  | "DUPLICATE_NAME"
  | "TOO_MANY_ENTRIES"
  | "TOO_LARGE"
  | "COMPRESSION_RATIO"
  | "LAYOUT"
  | "HEADER_MISMATCH"
  | "INFLATE_FAILED"
  | "SIZE_MISMATCH"
  | "CRC_MISMATCH";

export interface ZipProblem {
  /** The entry name, or null when the problem is about the container. */
  entry: string | null;
  code: ZipProblemCode;
  message: string;
}

export interface ZipLimits {
  /** Maximum number of entries (default 10,000). */
  maxEntries: number;
  /** Maximum declared uncompressed size of all entries together, bytes (default 1 GiB). */
  maxTotalBytes: number;
  /** Maximum uncompressed/compressed ratio of one deflated entry (default 200). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 200 };

export interface ZipReadOptions {
  /** Raw DEFLATE decoder (Node: `zlib.inflateRawSync(data, { maxOutputLength })`); must not produce more than `maxOutputLength` bytes. */
  inflateRaw?: (data: Uint8Array, maxOutputLength: number) => Uint8Array;
  limits?: Partial<ZipLimits>;
}

export interface ZipReadResult {
  /** Entries in central-directory order; empty when the archive was refused. */
  entries: ZipEntry[];
  problems: ZipProblem[];
  /** True when the archive was refused as a whole (unsafe, unreadable or over a limit): nothing was extracted. */
  refused: boolean;
}

/** A region of a written zip, for naming the place where two archives differ. */
export interface ZipRegion {
  start: number;
  end: number;
  what: string;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | 20; // Unix, spec 2.0
const FLAG_UTF8 = 0x0800;
const DOS_TIME = 0x0000; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const UNIX_FILE_0644 = (0o100644 << 16) >>> 0;

const utf8 = new TextEncoder();

const LOCAL_FIELDS: Array<[number, number, string]> = [
  [0, 4, "signature"],
  [4, 2, "version needed"],
  [6, 2, "flags"],
  [8, 2, "compression method"],
  [10, 2, "modification time"],
  [12, 2, "modification date"],
  [14, 4, "CRC-32"],
  [18, 4, "compressed size"],
  [22, 4, "uncompressed size"],
  [26, 2, "name length"],
  [28, 2, "extra field length"],
];
const CENTRAL_FIELDS: Array<[number, number, string]> = [
  [0, 4, "signature"],
  [4, 2, "version made by"],
  [6, 2, "version needed"],
  [8, 2, "flags"],
  [10, 2, "compression method"],
  [12, 2, "modification time"],
  [14, 2, "modification date"],
  [16, 4, "CRC-32"],
  [20, 4, "compressed size"],
  [24, 4, "uncompressed size"],
  [28, 2, "name length"],
  [30, 2, "extra field length"],
  [32, 2, "comment length"],
  [34, 2, "disk number"],
  [36, 2, "internal attributes"],
  [38, 4, "external attributes"],
  [42, 4, "local header offset"],
];
const END_FIELDS: Array<[number, number, string]> = [
  [0, 4, "signature"],
  [4, 2, "disk number"],
  [6, 2, "central directory disk"],
  [8, 2, "entries on this disk"],
  [10, 2, "entries"],
  [12, 4, "central directory size"],
  [16, 4, "central directory offset"],
  [20, 2, "comment length"],
];

/** Writes the canonical STORED zip of `entries`, in the order given. Throws on names the reader would refuse. */
export function writeZip(entries: readonly ZipInput[]): Uint8Array {
  return writeZipWithLayout(entries).bytes;
}

/** Like `writeZip`, and also returns the byte regions (header fields, names, data) of the archive. */
export function writeZipWithLayout(entries: readonly ZipInput[]): { bytes: Uint8Array; regions: ZipRegion[] } {
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} entries exceed the 65,535 a zip without zip64 holds`);
  const seen = new Set<string>();
  const prepared = entries.map((e) => {
    const problem = unsafeName(e.name);
    if (problem) throw new Error(`zip: entry name '${e.name}' ${problem}`);
    const key = e.name.toLowerCase();
    if (seen.has(key)) throw new Error(`zip: duplicate entry name '${e.name}'`);
    seen.add(key);
    return { name: e.name, nameBytes: utf8.encode(e.name), data: e.data, crc: crc32(e.data) };
  });
  const localSize = prepared.reduce((s, p) => s + 30 + p.nameBytes.length + p.data.length, 0);
  const centralSize = prepared.reduce((s, p) => s + 46 + p.nameBytes.length, 0);
  const total = localSize + centralSize + 22;
  if (total > 0xffffffff) throw new Error("zip: archive larger than 4 GiB needs zip64, which bundle format 1.0 does not use");
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const regions: ZipRegion[] = [];
  const fields = (base: number, list: Array<[number, number, string]>, label: string) => {
    for (const [o, n, what] of list) regions.push({ start: base + o, end: base + o + n, what: `${label}: ${what}` });
  };
  let p = 0;
  const offsets: number[] = [];
  for (const e of prepared) {
    offsets.push(p);
    fields(p, LOCAL_FIELDS, `local header of '${e.name}'`);
    view.setUint32(p, SIG_LOCAL, true);
    view.setUint16(p + 4, VERSION_NEEDED, true);
    view.setUint16(p + 6, FLAG_UTF8, true);
    view.setUint16(p + 8, 0, true);
    view.setUint16(p + 10, DOS_TIME, true);
    view.setUint16(p + 12, DOS_DATE, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.data.length, true);
    view.setUint32(p + 22, e.data.length, true);
    view.setUint16(p + 26, e.nameBytes.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.nameBytes, p + 30);
    regions.push({ start: p + 30, end: p + 30 + e.nameBytes.length, what: `local header of '${e.name}': name` });
    p += 30 + e.nameBytes.length;
    out.set(e.data, p);
    regions.push({ start: p, end: p + e.data.length, what: `data of '${e.name}'` });
    p += e.data.length;
  }
  const centralOffset = p;
  prepared.forEach((e, i) => {
    fields(p, CENTRAL_FIELDS, `central directory record of '${e.name}'`);
    view.setUint32(p, SIG_CENTRAL, true);
    view.setUint16(p + 4, VERSION_MADE_BY, true);
    view.setUint16(p + 6, VERSION_NEEDED, true);
    view.setUint16(p + 8, FLAG_UTF8, true);
    view.setUint16(p + 10, 0, true);
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.data.length, true);
    view.setUint16(p + 28, e.nameBytes.length, true);
    view.setUint16(p + 30, 0, true);
    view.setUint16(p + 32, 0, true);
    view.setUint16(p + 34, 0, true);
    view.setUint16(p + 36, 0, true);
    view.setUint32(p + 38, UNIX_FILE_0644, true);
    view.setUint32(p + 42, offsets[i]!, true);
    out.set(e.nameBytes, p + 46);
    regions.push({ start: p + 46, end: p + 46 + e.nameBytes.length, what: `central directory record of '${e.name}': name` });
    p += 46 + e.nameBytes.length;
  });
  fields(p, END_FIELDS, "end of central directory");
  view.setUint32(p, SIG_END, true);
  view.setUint16(p + 4, 0, true);
  view.setUint16(p + 6, 0, true);
  view.setUint16(p + 8, prepared.length, true);
  view.setUint16(p + 10, prepared.length, true);
  view.setUint32(p + 12, p - centralOffset, true);
  view.setUint32(p + 16, centralOffset, true);
  view.setUint16(p + 20, 0, true);
  return { bytes: out, regions };
}

/**
 * Why `name` is not a safe relative entry path, or null when it is. Safe: non-empty, at most 512
 * characters, '/'-separated segments none of which is empty, '.' or '..', no leading '/', no drive
 * letter, no backslash, no control characters (a trailing '/' marks a directory).
 */
export function unsafeName(name: string): string | null {
  if (name.length === 0) return "is empty";
  if (name.length > 512) return "is longer than 512 characters";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return "contains a control character";
  }
  if (name.includes("\\")) return "contains a backslash";
  if (name.startsWith("/")) return "is an absolute path";
  if (/^[A-Za-z]:/.test(name)) return "starts with a drive letter";
  const segments = (name.endsWith("/") ? name.slice(0, -1) : name).split("/");
  if (segments.some((s) => s === "..")) return "contains a '..' segment (path traversal)";
  if (segments.some((s) => s === "" || s === ".")) return "contains an empty or '.' segment";
  return null;
}

/** Reads a zip defensively; see the module comment for what is refused. */
export function readZip(bytes: Uint8Array, options: ZipReadOptions = {}): ZipReadResult {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const problems: ZipProblem[] = [];
  const refuse = (code: ZipProblemCode, message: string, entry: string | null = null): ZipReadResult => ({
    entries: [],
    problems: [...problems, { entry, code, message }],
    refused: true,
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);

  // End of central directory: the last signature whose comment runs exactly to the end of the file.
  let end = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === SIG_END && o + 22 + u16(o + 20) === bytes.length) {
      end = o;
      break;
    }
  }
  if (end < 0) return refuse("NOT_A_ZIP", "no end-of-central-directory record at the end of the file (not a zip, or truncated or extended)");
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdOffset = u32(end + 16);
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) return refuse("UNSUPPORTED", "multi-disk archives are not supported");
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return refuse("UNSUPPORTED", "zip64 archives are not supported");
  if (count > limits.maxEntries) return refuse("TOO_MANY_ENTRIES", `${count} entries exceed the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize !== end) return refuse("LAYOUT", `the central directory (offset ${cdOffset}, size ${cdSize}) does not end where the end record starts (${end})`);

  interface Central {
    name: string;
    flags: number;
    method: number;
    time: number;
    date: number;
    crc: number;
    csize: number;
    usize: number;
    nameBytes: Uint8Array;
    local: number;
    versionNeeded: number;
  }
  const central: Central[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let p = cdOffset;
  const seen = new Set<string>();
  let declaredTotal = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || u32(p) !== SIG_CENTRAL) return refuse("LAYOUT", `central directory record ${i + 1} is missing or damaged (offset ${p})`);
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    const commentLength = u16(p + 32);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > end) return refuse("LAYOUT", `central directory record ${i + 1} runs past the central directory`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    let name: string;
    try {
      name = decoder.decode(nameBytes);
    } catch {
      return refuse("UNSAFE_NAME", `entry ${i + 1} has a name that is not valid UTF-8`);
    }
    const unsafe = unsafeName(name);
    if (unsafe) return refuse("UNSAFE_NAME", `entry name '${name}' ${unsafe}; the archive is refused`, name);
    const key = name.toLowerCase();
    if (seen.has(key)) return refuse("DUPLICATE_NAME", `entry name '${name}' occurs more than once (names are compared without case); the archive is refused`, name);
    seen.add(key);
    const flags = u16(p + 8);
    const method = u16(p + 10);
    if (flags & 0x0001) return refuse("UNSUPPORTED", `entry '${name}' is encrypted`, name);
    if (method !== 0 && method !== 8) return refuse("UNSUPPORTED", `entry '${name}' uses compression method ${method}; only stored (0) and deflate (8) are read`, name);
    if (u16(p + 34) !== 0) return refuse("UNSUPPORTED", `entry '${name}' is on another disk`, name);
    const csize = u32(p + 20);
    const usize = u32(p + 24);
    if (method === 0 && csize !== usize) return refuse("SIZE_MISMATCH", `stored entry '${name}' declares ${csize} bytes stored but ${usize} bytes uncompressed`, name);
    if (method === 8 && usize > Math.max(csize, 1) * limits.maxRatio)
      return refuse("COMPRESSION_RATIO", `entry '${name}' would expand ${csize} bytes to ${usize} (ratio above the cap of ${limits.maxRatio}); the archive is refused as a possible zip bomb`, name);
    declaredTotal += usize;
    if (declaredTotal > limits.maxTotalBytes)
      return refuse("TOO_LARGE", `the entries declare more than ${limits.maxTotalBytes} bytes uncompressed in total; the archive is refused`, name);
    central.push({ name, flags, method, time: u16(p + 12), date: u16(p + 14), crc: u32(p + 16), csize, usize, nameBytes, local: u32(p + 42), versionNeeded: u16(p + 6) });
    p = next;
  }
  if (p !== end) return refuse("LAYOUT", `the central directory holds ${end - p} bytes after its last record`);

  // Local records must tile [0, cdOffset) exactly: no overlap (a zip-bomb technique), no hidden bytes.
  const byOffset = [...central].sort((a, b) => a.local - b.local);
  let cursor = 0;
  const spans = new Map<Central, { dataStart: number }>();
  for (const c of byOffset) {
    if (c.local !== cursor) return refuse("LAYOUT", `entry '${c.name}' starts at offset ${c.local}, expected ${cursor} (overlapping entries or hidden bytes)`, c.name);
    if (c.local + 30 > cdOffset || u32(c.local) !== SIG_LOCAL) return refuse("LAYOUT", `the local header of '${c.name}' is missing or damaged`, c.name);
    const l = c.local;
    const mismatch: string[] = [];
    if (u16(l + 4) !== c.versionNeeded) mismatch.push("version needed");
    if (u16(l + 6) !== c.flags) mismatch.push("flags");
    if (u16(l + 8) !== c.method) mismatch.push("compression method");
    if (u16(l + 10) !== c.time) mismatch.push("modification time");
    if (u16(l + 12) !== c.date) mismatch.push("modification date");
    const descriptor = (c.flags & 0x0008) !== 0;
    if (!descriptor || u32(l + 14) !== 0 || u32(l + 18) !== 0 || u32(l + 22) !== 0) {
      if (u32(l + 14) !== c.crc) mismatch.push("CRC-32");
      if (u32(l + 18) !== c.csize) mismatch.push("compressed size");
      if (u32(l + 22) !== c.usize) mismatch.push("uncompressed size");
    }
    const nameLength = u16(l + 26);
    const extraLength = u16(l + 28);
    const localName = bytes.subarray(l + 30, Math.min(l + 30 + nameLength, bytes.length));
    if (nameLength !== c.nameBytes.length || !equalBytes(localName, c.nameBytes)) mismatch.push("name");
    if (mismatch.length) return refuse("HEADER_MISMATCH", `the local header of '${c.name}' disagrees with the central directory (${mismatch.join(", ")})`, c.name);
    const dataStart = l + 30 + nameLength + extraLength;
    let dataEnd = dataStart + c.csize;
    if (dataEnd > cdOffset) return refuse("LAYOUT", `the data of '${c.name}' runs into the central directory`, c.name);
    if (descriptor) {
      const hasSig = dataEnd + 4 <= cdOffset && u32(dataEnd) === SIG_DESCRIPTOR;
      const d = hasSig ? dataEnd + 4 : dataEnd;
      if (d + 12 > cdOffset || u32(d) !== c.crc || u32(d + 4) !== c.csize || u32(d + 8) !== c.usize)
        return refuse("HEADER_MISMATCH", `the data descriptor of '${c.name}' disagrees with the central directory`, c.name);
      dataEnd = d + 12;
    }
    spans.set(c, { dataStart });
    cursor = dataEnd;
  }
  if (cursor !== cdOffset) return refuse("LAYOUT", `${cdOffset - cursor} bytes lie between the last entry and the central directory (hidden data)`);

  const entries: ZipEntry[] = [];
  for (const c of central) {
    const { dataStart } = spans.get(c)!;
    const raw = bytes.subarray(dataStart, dataStart + c.csize);
    let data: Uint8Array;
    if (c.method === 0) data = raw;
    else {
      if (!options.inflateRaw) return refuse("UNSUPPORTED", `entry '${c.name}' is deflated and no inflater was given`, c.name);
      try {
        data = options.inflateRaw(raw, c.usize);
      } catch (err) {
        problems.push({ entry: c.name, code: "INFLATE_FAILED", message: `entry '${c.name}' could not be inflated: ${err instanceof Error ? err.message : String(err)}` });
        data = new Uint8Array(0);
      }
      if (data.length !== c.usize) {
        problems.push({ entry: c.name, code: "SIZE_MISMATCH", message: `entry '${c.name}' inflates to ${data.length} bytes, the directory says ${c.usize}` });
      }
    }
    const actual = crc32(data);
    if (actual !== c.crc) problems.push({ entry: c.name, code: "CRC_MISMATCH", message: `entry '${c.name}': CRC-32 is ${hex8(actual)}, the directory says ${hex8(c.crc)}` });
    entries.push({ name: c.name, data, method: c.method, crc32: c.crc, compressedSize: c.csize, directory: c.name.endsWith("/") });
  }
  return { entries, problems, refused: false };
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * True when `bytes` is exactly the canonical STORED zip of `entries` (in that order), checked
 * without writing the archive again: headers are built one at a time and compared in place; entry
 * data that is a view into `bytes` at the expected offset is not copied or compared twice. Same
 * answer as `equalBytes(writeZip(entries), bytes)`, in bounded memory.
 */
export function isCanonicalZip(entries: ReadonlyArray<ZipInput & { crc32?: number }>, bytes: Uint8Array): boolean {
  let p = 0;
  const offsets: number[] = [];
  const crcs: number[] = [];
  const names = entries.map((e) => utf8.encode(e.name));
  const same = (chunk: Uint8Array, at: number): boolean => {
    if (at + chunk.length > bytes.length) return false;
    for (let i = 0; i < chunk.length; i++) if (bytes[at + i] !== chunk[i]) return false;
    return true;
  };
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    const name = names[k]!;
    // A CRC already checked against the data (the reader's) is reused; otherwise computed.
    const crc = e.crc32 ?? crc32(e.data);
    crcs.push(crc);
    offsets.push(p);
    const h = new Uint8Array(30 + name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, SIG_LOCAL, true);
    v.setUint16(4, VERSION_NEEDED, true);
    v.setUint16(6, FLAG_UTF8, true);
    v.setUint16(10, DOS_TIME, true);
    v.setUint16(12, DOS_DATE, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, e.data.length, true);
    v.setUint32(22, e.data.length, true);
    v.setUint16(26, name.length, true);
    h.set(name, 30);
    if (!same(h, p)) return false;
    p += h.length;
    const inPlace = e.data.buffer === bytes.buffer && e.data.byteOffset === bytes.byteOffset + p;
    if (!inPlace && !same(e.data, p)) return false;
    if (p + e.data.length > bytes.length) return false;
    p += e.data.length;
  }
  const centralOffset = p;
  for (let k = 0; k < entries.length; k++) {
    const name = names[k]!;
    const size = entries[k]!.data.length;
    const c = new Uint8Array(46 + name.length);
    const v = new DataView(c.buffer);
    v.setUint32(0, SIG_CENTRAL, true);
    v.setUint16(4, VERSION_MADE_BY, true);
    v.setUint16(6, VERSION_NEEDED, true);
    v.setUint16(8, FLAG_UTF8, true);
    v.setUint16(12, DOS_TIME, true);
    v.setUint16(14, DOS_DATE, true);
    v.setUint32(16, crcs[k]!, true);
    v.setUint32(20, size, true);
    v.setUint32(24, size, true);
    v.setUint16(28, name.length, true);
    v.setUint32(38, UNIX_FILE_0644, true);
    v.setUint32(42, offsets[k]!, true);
    c.set(name, 46);
    if (!same(c, p)) return false;
    p += c.length;
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, p - centralOffset, true);
  ev.setUint32(16, centralOffset, true);
  return same(end, p) && p + 22 === bytes.length;
}
