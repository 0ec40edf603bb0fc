import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, readZip, writeZip, unsafeName, readBundle } from "../../../../src/engine";
import { nodeCrypto, nodeInflateRaw } from "../../../../src/cli/crypto-node";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Writes a zip with `placeholder` names, then patches them (local and central) to `evil`, same length. */
function patchedZip(entries: Array<{ name: string; data: string }>, from: string, to: string): Uint8Array {
  expect(from.length).toBe(to.length);
  const bytes = writeZip(entries.map((e) => ({ name: e.name, data: enc(e.data) })));
  const text = Buffer.from(bytes).toString("latin1").split(from).join(to);
  return new Uint8Array(Buffer.from(text, "latin1"));
}

function toolZip(files: Record<string, Buffer | string>, args: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "esg-zip-"));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  execFileSync("zip", ["-q", "-X", ...args, "out.zip", ...Object.keys(files)], { cwd: dir });
  return new Uint8Array(readFileSync(join(dir, "out.zip")));
}

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(enc("123456789")).toString(16)).toBe("cbf43926");
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("writeZip / readZip", () => {
  it("round trip, with the fixed 1980-01-01 timestamp, and unzip reads it", () => {
    const bytes = writeZip([
      { name: "a.txt", data: enc("hello\n") },
      { name: "dir/b.json", data: enc("{}\n") },
    ]);
    const r = readZip(bytes);
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.name, dec(e.data), e.method])).toEqual([
      ["a.txt", "hello\n", 0],
      ["dir/b.json", "{}\n", 0],
    ]);
    const dir = mkdtempSync(join(tmpdir(), "esg-zip-"));
    writeFileSync(join(dir, "t.zip"), bytes);
    expect(execFileSync("unzip", ["-l", "t.zip"], { cwd: dir, encoding: "utf8" })).toMatch(/1980-01-01 00:00\s+a\.txt/);
  });

  it("reads DEFLATE entries written by Info-ZIP through the inflater passed in", () => {
    const text = "lot,kg\n".repeat(200);
    const r = readZip(toolZip({ "big.csv": text }), { inflateRaw: nodeInflateRaw });
    expect(r.problems).toEqual([]);
    expect(r.entries[0]!.method).toBe(8);
    expect(dec(r.entries[0]!.data)).toBe(text);
    expect(readZip(toolZip({ "big.csv": text })).refused).toBe(true); // no inflater given
  });

  it("reports a CRC-32 mismatch on the damaged entry", () => {
    const bytes = writeZip([{ name: "a.txt", data: enc("hello") }]);
    bytes[35] = bytes[35]! ^ 1; // first data byte
    const r = readZip(bytes);
    expect(r.refused).toBe(false);
    expect(r.problems.map((p) => [p.code, p.entry])).toEqual([["CRC_MISMATCH", "a.txt"]]);
  });
});

describe("readZip refuses unsafe archives", () => {
  it("path traversal", () => {
    const r = readZip(patchedZip([{ name: "xx/evil.txt", data: "x" }], "xx/evil.txt", "../evil.txt"));
    expect(r.refused).toBe(true);
    expect(r.entries).toEqual([]);
    expect(r.problems[0]).toMatchObject({ code: "UNSAFE_NAME", entry: "../evil.txt" });
    expect(readZip(patchedZip([{ name: "a/xx/b", data: "x" }], "a/xx/b", "a/../b")).problems[0]!.code).toBe("UNSAFE_NAME");
  });
  it("absolute paths, drive letters, backslashes", () => {
    expect(readZip(patchedZip([{ name: "xetc/passwd", data: "x" }], "xetc/passwd", "/etc/passwd")).problems[0]!.code).toBe("UNSAFE_NAME");
    expect(readZip(patchedZip([{ name: "xxwin.ini", data: "x" }], "xxwin.ini", "C:win.ini")).problems[0]!.code).toBe("UNSAFE_NAME");
    expect(readZip(patchedZip([{ name: "a_b", data: "x" }], "a_b", "a\\b")).problems[0]!.code).toBe("UNSAFE_NAME");
    expect(unsafeName("ok/name.json")).toBeNull();
    expect(() => writeZip([{ name: "../x", data: enc("") }])).toThrow(/path traversal/);
  });
  it("duplicate names, also differing only in case", () => {
    const r = readZip(patchedZip([{ name: "a.txt", data: "1" }, { name: "b.txt", data: "2" }], "b.txt", "a.txt"));
    expect(r.problems[0]).toMatchObject({ code: "DUPLICATE_NAME", entry: "a.txt" });
    expect(readZip(patchedZip([{ name: "a.txt", data: "1" }, { name: "b.txt", data: "2" }], "b.txt", "A.txt")).problems[0]!.code).toBe("DUPLICATE_NAME");
  });
  it("a zip bomb (compression ratio above the cap), before inflating", () => {
    const bomb = toolZip({ "zeros.bin": Buffer.alloc(10 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(20_000);
    let inflated = 0;
    const r = readZip(bomb, { inflateRaw: (d, n) => ((inflated += n), nodeInflateRaw(d, n)) });
    expect(r.refused).toBe(true);
    expect(r.problems[0]).toMatchObject({ code: "COMPRESSION_RATIO", entry: "zeros.bin" });
    expect(inflated).toBe(0);
  });
  it("more entries or more bytes than the limits", () => {
    const three = writeZip(["a", "b", "c"].map((n) => ({ name: n, data: enc("xyz") })));
    expect(readZip(three, { limits: { maxEntries: 2 } }).problems[0]!.code).toBe("TOO_MANY_ENTRIES");
    expect(readZip(three, { limits: { maxTotalBytes: 8 } }).problems[0]!.code).toBe("TOO_LARGE");
  });
  it("hidden bytes before, between or after entries, and garbage", () => {
    const one = writeZip([{ name: "a", data: enc("x") }]);
    const prefixed = new Uint8Array([0, ...one]);
    expect(readZip(prefixed).problems[0]!.code).toBe("LAYOUT");
    expect(readZip(new Uint8Array([...one, 0])).problems[0]!.code).toBe("NOT_A_ZIP");
    expect(readZip(enc("not a zip at all, just some text here")).problems[0]!.code).toBe("NOT_A_ZIP");
    expect(readZip(new Uint8Array(0)).problems[0]!.code).toBe("NOT_A_ZIP");
  });
  it("readBundle turns a refused archive into problems and extracts nothing", () => {
    const r = readBundle(patchedZip([{ name: "xx/evil.txt", data: "x" }], "xx/evil.txt", "../evil.txt"), { crypto: nodeCrypto, trustedKeys: [] });
    expect(r.entries.size).toBe(0);
    expect(r.problems.map((p) => p.code)).toEqual(["ARCHIVE_REFUSED"]);
    expect(r.problems[0]!.message).toMatch(/path traversal/);
  });
});
