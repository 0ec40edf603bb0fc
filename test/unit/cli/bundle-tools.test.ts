import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../src/cli/main";
import { buildBundle, publicKeyFingerprint, readZip, writeZip } from "../../../src/engine";
import { nodeCrypto } from "../../../src/cli/crypto-node";
import { KEY_A, KEY_B, tinyContent } from "../engine/bundle/tiny-bundle";

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const tmp = () => mkdtempSync(join(tmpdir(), "esg-cli-"));

function bundleFile(dir: string, name = "b.zip", content = tinyContent(), key = KEY_A): string {
  const path = join(dir, name);
  writeFileSync(path, buildBundle(content, { crypto: nodeCrypto, ...key }));
  return path;
}

function pubFile(dir: string, pem = KEY_A.publicKeyPem): string {
  const path = join(dir, "acme.pub.pem");
  writeFileSync(path, pem);
  return path;
}

describe("esg keys", () => {
  it("generates a key pair: private key mode 0600, prints the fingerprint; never overwrites without --force", () => {
    const dir = tmp();
    const r = run("keys", "generate", "--org", "Acme Recycling Ltd.", "--out", dir);
    expect(r.code).toBe(0);
    const key = join(dir, "acme-recycling-ltd.key.pem");
    const pub = join(dir, "acme-recycling-ltd.pub.pem");
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const fp = publicKeyFingerprint(readFileSync(pub, "utf8"), nodeCrypto)!;
    expect(r.out).toContain(`fingerprint: ${fp}`);
    expect(run("keys", "fingerprint", pub).out).toBe(fp);
    expect(run("keys", "generate", "--org", "Acme Recycling Ltd.", "--out", dir).code).toBe(1);
    expect(run("keys", "generate", "--out", dir).code).toBe(2);
  });
});

describe("esg verify", () => {
  it("passes the structural checks of a good bundle signed by a trusted key; the tiny bundle's made-up results fail the recompute", () => {
    // The tiny bundle's records and results are placeholders, not a pipeline run: the recompute (wired in
    // with esg run; round trips of real runs in run-verify.test.ts) must reject them.
    const dir = tmp();
    const r = run("verify", bundleFile(dir), "--trust", pubFile(dir));
    expect(r.out).toMatch(/hashes\s+pass/);
    expect(r.out).toMatch(/signature\s+pass/);
    expect(r.out).toMatch(/signer\s+pass/);
    expect(r.out).toMatch(/versions\s+pass/);
    expect(r.out).toMatch(/recompute\s+FAIL/);
    expect(r.code).toBe(1);
    const fp = publicKeyFingerprint(KEY_A.publicKeyPem, nodeCrypto)!;
    expect(run("verify", bundleFile(dir), "--trust-fingerprint", fp).out).toMatch(/signer\s+pass/);
  });
  it("fails when the signer is not trusted, naming the key", () => {
    const dir = tmp();
    const r = run("verify", bundleFile(dir, "b.zip", tinyContent(), KEY_B), "--trust", pubFile(dir));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`signed by unknown key ${publicKeyFingerprint(KEY_B.publicKeyPem, nodeCrypto)}`);
  });
  it("fails on a changed byte, naming what broke; --json", () => {
    const dir = tmp();
    const path = bundleFile(dir);
    const entries = readZip(new Uint8Array(readFileSync(path))).entries.map((e) => (e.name === "mapping.json" ? { name: e.name, data: new TextEncoder().encode('{\n  "lot": "lotId"\n}\n') } : e));
    writeFileSync(path, writeZip(entries));
    const r = run("verify", path, "--trust", pubFile(dir), "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { ok: boolean; bundles: Array<{ problems: Array<{ code: string; entry: string }>; checks: Array<{ name: string; status: string }> }> };
    expect(j.ok).toBe(false);
    expect(j.bundles[0]!.problems).toEqual([expect.objectContaining({ code: "HASH_MISMATCH", entry: "mapping.json" })]);
    expect(j.bundles[0]!.checks.find((c) => c.name === "recompute")!.status).toBe("not-run");
  });
  it("an unknown method version fails the versions check", () => {
    const dir = tmp();
    const c = tinyContent();
    const r = run("verify", bundleFile(dir, "b.zip", { ...c, manifest: { ...c.manifest, method: { id: "SERI-EVC-METHOD", version: "9.9" } } }), "--trust", pubFile(dir));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/versions\s+FAIL\s+method SERI-EVC-METHOD 9\.9 is not known/);
  });
  it("several bundles: reports lots claimed in more than one submission", () => {
    const dir = tmp();
    const other = tinyContent({ records: [{ kind: "outputs", row: 2, record: { lotId: "L2", outputMass: "50", disposition: "reuse" } }], manifest: { ...tinyContent().manifest, inputRows: 2 } });
    const r = run("verify", bundleFile(dir, "a.zip"), bundleFile(dir, "b.zip", other), "--trust", pubFile(dir));
    expect(r.code).toBe(1);
    expect(r.out).toContain("lots claimed in more than one submission: 1");
    expect(r.out).toContain("L2: a.zip: outputs#3, b.zip: outputs#2");
  });
  it("usage errors", () => {
    expect(run("verify").code).toBe(2);
    expect(run("verify", "x.zip", "--trust-fingerprint", "abc").code).toBe(2);
  });
});

describe("esg sample", () => {
  const many = () =>
    tinyContent({
      records: Array.from({ length: 40 }, (_, i) => ({ kind: "outputs", row: i + 2, record: { lotId: i === 0 ? "=HYPERLINK(\"http://evil\")" : `L${i}`, outputMass: String(i + 1), disposition: i % 2 ? "reuse" : "recycling" } })),
      manifest: { ...tinyContent().manifest, inputRows: 41 },
    });
  it("writes a reproducible, formula-safe CSV sample", () => {
    const dir = tmp();
    const b = bundleFile(dir, "b.zip", many());
    const out1 = join(dir, "s1.csv");
    const out2 = join(dir, "s2.csv");
    const r = run("sample", b, "--assurance", "reasonable", "--seed", "7", "--method", "random", "--out", out1);
    expect(r.code).toBe(0);
    expect(r.out).toContain("population 40 records; sample 40"); // 60 capped at 40
    run("sample", b, "--assurance", "reasonable", "--seed", "7", "--method", "random", "--out", out2);
    expect(readFileSync(out1, "utf8")).toBe(readFileSync(out2, "utf8"));
    expect(readFileSync(out1, "utf8")).toContain('"\'=HYPERLINK(""http://evil"")"');
    const lim = run("sample", b, "--assurance", "limited", "--seed", "7", "--materiality", "0.1");
    expect(lim.code).toBe(0);
    expect(lim.out.split("\r\n")).toHaveLength(16); // header + ceil(1.5 / 0.1) = 15
    const other = run("sample", b, "--assurance", "limited", "--seed", "8", "--materiality", "0.1");
    expect(other.out).not.toBe(lim.out);
  });
  it("refuses a damaged bundle and bad options", () => {
    const dir = tmp();
    const b = bundleFile(dir);
    const bytes = new Uint8Array(readFileSync(b));
    bytes[100] = bytes[100]! ^ 1;
    writeFileSync(b, bytes);
    expect(run("sample", b, "--assurance", "limited", "--seed", "1").code).toBe(1);
    expect(run("sample", b, "--assurance", "high", "--seed", "1").code).toBe(2);
    expect(run("sample", b, "--assurance", "limited", "--seed", "-1").code).toBe(2);
    expect(run("sample", b, "--assurance", "limited", "--seed", "1", "--materiality", "5").code).toBe(2);
  });
});

describe("esg findings", () => {
  it("WE-V3 through the command line, with the draft statement", () => {
    const dir = tmp();
    const path = join(dir, "findings.json");
    const f = (ms: string[]) => ({
      findingsFormat: "1.0",
      engagement: { organization: "Acme Recycling", reportingPeriod: "FY2025" },
      assurance: "limited",
      materialityThreshold: "0.05",
      findings: ms.map((m, i) => ({ id: `F${i}`, recordRef: `r${i}`, lineItem: "Scope 3", misstatementKgCo2e: m, kind: "factual", corrected: false })),
    });
    writeFileSync(path, JSON.stringify(f(["20000", "18000"])));
    const a = run("findings", path, "--inventory-total", "1000000", "--statement");
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/TOTAL\s+2\s+38000\s+38000\s+1000000\s+50000\s+3\.8 %\s+not material/);
    expect(a.out).toContain("nothing has come to our attention");
    writeFileSync(path, JSON.stringify(f(["20000", "18000", "15000"])));
    const b = run("findings", path, "--inventory-total", "1000000", "--statement");
    expect(b.out).toMatch(/TOTAL\s+3\s+53000\s+53000\s+1000000\s+50000\s+5\.3 %\s+MATERIAL/);
    expect(b.out).toContain("Qualified conclusion");
    const j = JSON.parse(run("findings", path, "--inventory-total", "1000000", "--json").out) as { total: { ratio: string; material: boolean } };
    expect(j.total).toMatchObject({ ratio: "0.053", material: true });
    writeFileSync(path, "{}");
    expect(run("findings", path).code).toBe(1);
  });
});
