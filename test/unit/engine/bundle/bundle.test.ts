import { createHash } from "node:crypto";
import { buildBundle, buildBundleEntries, readBundle, publicKeyFingerprint, writeZip, readZip, ENTRY, BundleError, type BundleContent } from "../../../../src/engine";
import { nodeCrypto, nodeInflateRaw } from "../../../../src/cli/crypto-node";
import { KEY_A, KEY_B, tinyContent } from "./tiny-bundle";

const FP_A = publicKeyFingerprint(KEY_A.publicKeyPem, nodeCrypto)!;
const trustA = [{ fingerprint: FP_A, name: "Acme" }];
const build = (c: BundleContent = tinyContent()) => buildBundle(c, { crypto: nodeCrypto, ...KEY_A });
const read = (bytes: Uint8Array) => readBundle(bytes, { crypto: nodeCrypto, trustedKeys: trustA, inflateRaw: nodeInflateRaw });
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("buildBundle", () => {
  it("is deterministic: two builds give identical bytes, and the tiny bundle has its committed SHA-256", () => {
    const a = build();
    const b = build(tinyContent());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(sha(a)).toBe("35e59f0fff174874b13b5258279aa1aabdf44d2f8fd9c3c1202e2ee957de9409");
  });
  it("does not depend on the order inputs are given in", () => {
    const two = [
      { name: "b.csv", bytes: "b\n", mediaType: "text/csv" },
      { name: "a.csv", bytes: "a\n", mediaType: "text/csv" },
    ];
    expect(sha(build(tinyContent({ inputs: two })))).toBe(sha(build(tinyContent({ inputs: [...two].reverse() }))));
  });
  it("writes the entries in the fixed order, and SHA256SUMS lists every hashed entry", () => {
    const entries = buildBundleEntries(tinyContent(), { crypto: nodeCrypto, ...KEY_A });
    expect(entries.map((e) => e.name)).toEqual([
      "manifest.json",
      "inputs/lots.csv",
      "mapping.json",
      "settings.json",
      "records.jsonl",
      "results.jsonl",
      "traces.jsonl",
      "ledgers/inventory.json",
      "ledgers/material-flow.json",
      "ledgers/avoided.json",
      "factors-used.json",
      "validation-report.json",
      "evidence-index.json",
      "disclosures.json",
      "audit-log.jsonl",
      "signer.pub.pem",
      "SHA256SUMS",
      "SHA256SUMS.sig",
    ]);
    const sums = Buffer.from(entries.find((e) => e.name === "SHA256SUMS")!.data).toString();
    expect(sums.split("\n").filter(Boolean)).toHaveLength(16);
    expect(sums).toMatch(/^[0-9a-f]{64} {2}audit-log\.jsonl\n[0-9a-f]{64} {2}disclosures\.json\n/);
    expect(sums).not.toContain("SHA256SUMS");
    const manifest = JSON.parse(Buffer.from(entries[0]!.data).toString());
    expect(manifest.recordCounts).toEqual({ inputRows: 3, records: 2, results: 1, traces: 1, rejected: 1, factorsUsed: 1, evidence: 1, auditEvents: 1 });
    expect(manifest.signer.publicKeyFingerprint).toBe(FP_A);
    expect(manifest).not.toHaveProperty("generatedAt");
    // Decimals are written as decimal strings.
    expect(Buffer.from(entries.find((e) => e.name === "results.jsonl")!.data).toString()).toBe('{"ref":"outputs#2","unit":"kg CO2e","value":"12.5"}\n');
  });
  it("never writes a private key into a bundle, and refuses floats and mismatched keys", () => {
    expect(() => build(tinyContent({ mapping: { note: KEY_A.privateKey } }))).toThrow(/private key/);
    expect(() => build(tinyContent({ mapping: { share: 0.5 } }))).toThrow(/not a safe integer/);
    expect(() => buildBundle(tinyContent(), { crypto: nodeCrypto, privateKey: KEY_A.privateKey, publicKeyPem: KEY_B.publicKeyPem })).toThrow(BundleError);
    expect(() => build(tinyContent({ inputs: [{ name: "../x.csv", bytes: "", mediaType: "text/csv" }] }))).toThrow(/not allowed/);
    for (const e of buildBundleEntries(tinyContent(), { crypto: nodeCrypto, ...KEY_A })) expect(Buffer.from(e.data).toString("latin1")).not.toContain("PRIVATE KEY");
  });
});

describe("readBundle", () => {
  it("round trip: a built bundle reads back with no problems, its manifest and a trusted signer", () => {
    const r = read(build());
    expect(r.problems).toEqual([]);
    expect(r.manifest?.organization.name).toBe("Acme Recycling");
    expect(r.signer).toEqual({ fingerprint: FP_A, trusted: true, name: "Acme", signatureValid: true });
    expect(Buffer.from(r.entries.get("inputs/lots.csv")!).toString()).toBe("lot,kg\nL1,100\nL2,50\nL3,x\n");
  });

  it("EXHAUSTIVE: changing any single byte anywhere in the zip is reported", () => {
    const bytes = build();
    expect(bytes.length).toBeLessThan(6000);
    const undetected: number[] = [];
    const kinds = new Map<string, number>();
    for (const delta of [0x01, 0x80]) {
      for (let i = 0; i < bytes.length; i++) {
        const copy = bytes.slice();
        copy[i] = copy[i]! ^ delta;
        const r = read(copy);
        if (r.problems.length === 0) undetected.push(i);
        for (const p of r.problems) kinds.set(p.code, (kinds.get(p.code) ?? 0) + 1);
        // Every problem names an entry or the archive, and says what broke.
        for (const p of r.problems) expect(p.entry.length > 0 && p.message.length > 0).toBe(true);
      }
    }
    expect(undetected).toEqual([]);
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(["ARCHIVE_REFUSED", "ENTRY_DAMAGED", "HASH_MISMATCH", "NOT_CANONICAL"]));
  });

  it("names the entry whose content changed (hash mismatch of X)", () => {
    const bytes = build();
    const entries = readZip(bytes).entries;
    const records = entries.find((e) => e.name === ENTRY.records)!;
    const tampered = new Uint8Array(records.data);
    tampered[tampered.indexOf("1".charCodeAt(0))] = "9".charCodeAt(0);
    const rezipped = writeZip(entries.map((e) => (e.name === ENTRY.records ? { name: e.name, data: tampered } : e)));
    const r = read(rezipped);
    expect(r.problems.map((p) => [p.code, p.entry])).toEqual([["HASH_MISMATCH", "records.jsonl"]]);
    expect(r.problems[0]!.message).toMatch(/^hash mismatch of records\.jsonl/);
  });

  it("reports a missing and an extra entry", () => {
    const entries = readZip(build()).entries;
    const without = read(writeZip(entries.filter((e) => e.name !== ENTRY.traces)));
    expect(without.problems.map((p) => [p.code, p.entry])).toEqual([["MISSING_ENTRY", "traces.jsonl"]]);
    expect(without.problems[0]!.message).toBe("missing entry traces.jsonl (listed in SHA256SUMS)");
    const extra = read(writeZip([...entries, { name: "notes.txt", data: new Uint8Array([1]) }]));
    expect(extra.problems.map((p) => [p.code, p.entry])).toEqual([["EXTRA_ENTRY", "notes.txt"]]);
  });

  it("a bundle re-signed with another key is reported as signed by an unknown key", () => {
    const entries = readZip(build()).entries;
    // The attacker swaps in key B everywhere it shows, re-hashes and re-signs: everything is consistent except the key.
    const resigned = buildBundle(tinyContent(), { crypto: nodeCrypto, ...KEY_B });
    const r = read(resigned);
    const fpB = publicKeyFingerprint(KEY_B.publicKeyPem, nodeCrypto)!;
    expect(r.problems.map((p) => p.code)).toEqual(["UNKNOWN_KEY"]);
    expect(r.problems[0]!.message).toBe(`signed by unknown key ${fpB}: it is not among the 1 trusted key(s)`);
    expect(r.signer).toMatchObject({ fingerprint: fpB, trusted: false, signatureValid: true });
    // Only the signature swapped (key A's public key kept): the signature is invalid.
    const sigB = nodeCrypto.sign(entries.find((e) => e.name === ENTRY.sums)!.data, KEY_B.privateKey);
    const swapped = read(writeZip(entries.map((e) => (e.name === ENTRY.signature ? { name: e.name, data: sigB } : e))));
    expect(swapped.problems.map((p) => p.code)).toEqual(["SIGNATURE_INVALID"]);
    expect(swapped.problems[0]!.message).toMatch(/^signature invalid/);
  });

  it("reports counts that do not reconcile", () => {
    const r = read(build(tinyContent({ manifest: { ...tinyContent().manifest, inputRows: 5 } })));
    expect(r.problems.map((p) => p.code)).toEqual(["COUNT_MISMATCH"]);
    expect(r.problems[0]!.message).toMatch(/2 records \+ 1 rejected ≠ 5 input rows/);
  });

  it("reports a re-zipped (deflated) bundle as not canonical, but still checks its hashes", () => {
    const { execFileSync } = jest.requireActual<typeof import("node:child_process")>("node:child_process");
    const { mkdtempSync, writeFileSync, readFileSync } = jest.requireActual<typeof import("node:fs")>("node:fs");
    const { join } = jest.requireActual<typeof import("node:path")>("node:path");
    const { tmpdir } = jest.requireActual<typeof import("node:os")>("node:os");
    const dir = mkdtempSync(join(tmpdir(), "esg-rezip-"));
    writeFileSync(join(dir, "b.zip"), build());
    execFileSync("unzip", ["-q", "b.zip", "-d", "x"], { cwd: dir });
    execFileSync("zip", ["-q", "-X", "-r", "../re.zip", "."], { cwd: join(dir, "x") });
    const r = read(new Uint8Array(readFileSync(join(dir, "re.zip"))));
    expect(r.problems.map((p) => p.code)).toEqual(["NOT_CANONICAL"]);
    expect(r.manifest?.organization.name).toBe("Acme Recycling");
    expect(r.signer?.signatureValid).toBe(true);
  });
});
