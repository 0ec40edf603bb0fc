import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../src/cli/main";
import { ENTRY, canonicalEntryOrder, formatSha256Sums, readZip, writeZip } from "../../../src/engine";
import { nodeCrypto } from "../../../src/cli/crypto-node";
import { KEY_A } from "../engine/bundle/tiny-bundle";
import { sampleData } from "../../../src/cli/sample-data";

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const CSV = [
  "Asset Tag,Item Description,Qty,Weight,UOM,Disposition,Lot",
  "ATG-1,Latitude 5420 Laptop 14in,1,2.10,kg,Recycled,LOT-1",
  "ATG-2,P2419H 24in LCD monitor,1,9.5,lbs,Recycled,LOT-2",
  "ATG-3,ThinkPad T14 notebook,1,12..5,kg,Landfill,LOT-3",
  "ATG-4,PowerEdge R740 rack server,1,25.75,kg,Landfill,LOT-4",
  "",
].join("\r\n");

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "esg-run-"));
  const csv = join(dir, "assets.csv");
  writeFileSync(csv, CSV);
  const key = join(dir, "acme.key.pem");
  writeFileSync(key, KEY_A.privateKey);
  const pub = join(dir, "acme.pub.pem");
  writeFileSync(pub, KEY_A.publicKeyPem);
  return { dir, csv, key, pub };
}

const runArgs = (s: ReturnType<typeof setup>, out: string, org = "Acme Recycling") =>
  ["run", s.csv, "--key", s.key, "--out", out, "--org", org, "--period", "2025", "--preparer", "P. Reparer", "--when", "2026-01-15T10:00:00Z"];

/** Re-signs a bundle after `edit` changed one entry (same key): only the recompute can catch it. */
function resign(path: string, name: string, edit: (text: string) => string): void {
  const zip = readZip(new Uint8Array(readFileSync(path)));
  const entries = new Map(zip.entries.map((e) => [e.name, e.data]));
  entries.set(name, new TextEncoder().encode(edit(new TextDecoder().decode(entries.get(name)!))));
  const hashed = [...entries.keys()].filter((n) => n !== ENTRY.sums && n !== ENTRY.signature);
  const sums = new TextEncoder().encode(formatSha256Sums(hashed.map((n) => ({ path: n, sha256: nodeCrypto.sha256(entries.get(n)!) }))));
  entries.set(ENTRY.sums, sums);
  entries.set(ENTRY.signature, nodeCrypto.sign(sums, KEY_A.privateKey));
  writeFileSync(path, writeZip(canonicalEntryOrder([...entries.keys()]).map((n) => ({ name: n, data: entries.get(n)! }))));
}

describe("esg run -> esg verify", () => {
  it("runs a CSV end to end, reports the rejected row, and the bundle verifies (exit 0); identical inputs give identical bytes", () => {
    const s = setup();
    const out = join(s.dir, "a.zip");
    const r = run(...runArgs(s, out));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("4 data rows read");
    expect(r.out).toContain("rejected by the mapping: 1");
    const v = run("verify", out, "--trust", s.pub);
    expect(v.out).toMatch(/recompute\s+pass\s+3 rows/);
    expect(v.code).toBe(0);
    const again = join(mkdtempSync(join(tmpdir(), "esg-run-")), "a.zip");
    run(...runArgs(s, again));
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    const report = JSON.parse(run("verify", out, "--trust", s.pub, "--json").out) as { ok: boolean; bundles: Array<{ checks: Array<{ name: string; status: string }> }> };
    expect(report.ok).toBe(true);
    expect(report.bundles[0]!.checks.find((c) => c.name === "recompute")!.status).toBe("pass");
  });

  it("without --key, signs with an ephemeral key, says so loudly and records it in the manifest", () => {
    const s = setup();
    const out = join(s.dir, "e.zip");
    const r = run("run", s.csv, "--out", out, "--org", "Acme", "--when", "2026-01-15T10:00:00Z");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/EPHEMERAL key/);
    const zip = readZip(new Uint8Array(readFileSync(out)));
    const manifest = JSON.parse(new TextDecoder().decode(zip.entries.find((e) => e.name === ENTRY.manifest)!.data)) as { signer: { note?: string } };
    expect(manifest.signer.note).toMatch(/^ephemeral, unverifiable signer/);
    expect(run("verify", out).out).toMatch(/NOTE: ephemeral, unverifiable signer/);
  });

  it("a result value changed inside the bundle and re-signed with the same key fails verify, naming the row", () => {
    const s = setup();
    const out = join(s.dir, "t.zip");
    run(...runArgs(s, out));
    resign(out, ENTRY.results, (t) => t.replace(/("ref":"dispositions#2")/, "$1").replace(/"value":"2\.1"/, '"value":"2.2"'));
    const v = run("verify", out, "--trust", s.pub);
    expect(v.out).toMatch(/hashes\s+pass/);
    expect(v.out).toMatch(/signature\s+pass/);
    expect(v.out).toMatch(/recompute\s+FAIL/);
    expect(v.out).toContain("dispositions#2");
    expect(v.code).toBe(1);
  });

  it("two bundles claiming the same lots are reported", () => {
    const s = setup();
    const a = join(s.dir, "a.zip");
    const b = join(s.dir, "b.zip");
    run(...runArgs(s, a, "Acme Recycling"));
    run(...runArgs(s, b, "Other Recycler"));
    const v = run("verify", a, b, "--trust", s.pub);
    expect(v.out).toMatch(/lots claimed in more than one submission: 3/);
    expect(v.out).toContain("LOT-1");
    expect(v.code).toBe(1);
  });

  it("the built-in sample (no file) shows every ledger non-zero, states its site mass balance, rejects its one bad row, and verifies", () => {
    const dir = mkdtempSync(join(tmpdir(), "esg-sample-"));
    const out = join(dir, "sample.zip");
    const r = run("run", "--out", out, "--when", "2026-01-15T10:00:00Z");
    expect(r.code).toBe(0);
    const num = (re: RegExp): string => {
      const m = re.exec(r.out);
      if (!m) throw new Error(`summary line not found: ${re}\n${r.out}`);
      return m[1]!;
    };
    const nonZero = (re: RegExp) => {
      const v = num(re);
      expect(v).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(v)).toBeGreaterThan(0);
      return Number(v);
    };
    expect(r.out).toContain("rejected by the mapping: 1");
    nonZero(/Scope 1 ([\d.]+), Scope 2/);
    const lb = nonZero(/Scope 2 location ([\d.]+) \//);
    const mb = nonZero(/\/ market ([\d.]+), Scope 3/);
    expect(mb).toBeLessThan(lb); // REGOs cover part of the use
    nonZero(/, Scope 3 ([\d.]+)\n/);
    nonZero(/avoided \(beside, never netted\) ([\d.]+)/);
    nonZero(/reuse\/reuse ([\d.]+)/);
    nonZero(/recycling\/eol-share ([\d.]+)/);
    const site = sampleData().site;
    expect(r.out).toContain(`sample site mass balance: received ${site.received} kg, stock change ${site.stockChange} kg`);
    nonZero(/GRI 306-3 waste generated ([\d.]+) t/);
    nonZero(/GRI 306-3 waste generated [\d.]+ t \(hazardous ([\d.]+) t\)/);
    nonZero(/306-4 diverted ([\d.]+) t/);
    nonZero(/306-5 directed to disposal ([\d.]+) t/);
    expect(r.out).toMatch(/mass balance closes/);
    nonZero(/ESRS E5-5: §37\(a\) waste generated ([\d.]+) t/);
    nonZero(/§37\(d\) non-recycled ([\d.]+) t/);
    nonZero(/§39 hazardous ([\d.]+) t/);
    // Display rounding on screen: at most 10 significant digits.
    for (const m of r.out.matchAll(/(?<![\w-])(\d+\.\d+)(?= t| kg|,|\n| \/)/g)) expect(m[1]!.replace(/^0\.0*|\./g, "").length).toBeLessThanOrEqual(10);

    const fingerprint = num(/--trust-fingerprint ([0-9a-f]{64})/);
    const v = run("verify", out, "--trust-fingerprint", fingerprint);
    expect(v.out).toMatch(/recompute\s+pass/);
    expect(v.code).toBe(0);
    const report = JSON.parse(new TextDecoder().decode(readZip(new Uint8Array(readFileSync(out))).entries.find((e) => e.name === "validation-report.json")!.data)) as {
      rejected: Array<{ sheet: string; issues: Array<{ code: string }> }>;
      warnings: Array<{ code: string }>;
    };
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ sheet: "asset-log", issues: [{ code: "NOT_A_NUMBER" }] });
    expect(report.warnings.map((w) => w.code)).toEqual(["CREDIT_EVIDENCE_MISSING"]);
  });

  it("the built-in sample is deterministic: two runs with the same key and --when give byte-identical bundles", () => {
    const s = setup();
    const a = join(s.dir, "s1.zip");
    const b = join(mkdtempSync(join(tmpdir(), "esg-sample-")), "s1.zip");
    expect(run("run", "--key", s.key, "--out", a, "--when", "2026-01-15T10:00:00Z", "--preparer", "P").code).toBe(0);
    expect(run("run", "--key", s.key, "--out", b, "--when", "2026-01-15T10:00:00Z", "--preparer", "P").code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(run("verify", a, "--trust", s.pub).code).toBe(0);
  });
});
