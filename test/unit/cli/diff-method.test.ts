import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../src/cli/main";
import { buildBundle } from "../../../src/engine";
import { nodeCrypto } from "../../../src/cli/crypto-node";
import { KEY_A } from "../engine/bundle/tiny-bundle";
import { smallContent } from "../engine/submission/fixture";

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function bundle(): string {
  const path = join(mkdtempSync(join(tmpdir(), "esg-diff-")), "b.zip");
  writeFileSync(path, buildBundle(smallContent(), { crypto: nodeCrypto, ...KEY_A }));
  return path;
}

describe("esg diff-method", () => {
  it("under the bundle's own versions and settings nothing changes", () => {
    const r = run("diff-method", bundle());
    expect(r.code).toBe(0);
    expect(r.out).toContain("no ledger line or total changes");
  });

  it("under AR6 the refrigerant line and the Scope 1 and inventory totals change, with absolute and % figures", () => {
    const r = run("diff-method", bundle(), "--gwp", "AR6", "--json");
    const d = JSON.parse(r.out) as { changes: Array<{ line: string; stated: string; recomputed: string; change: string; percent: string | null }> };
    const lines = d.changes.map((c) => c.line);
    expect(lines).toContain("inventory/scope1/refrigerant");
    expect(lines).toContain("inventory: scope1");
    expect(lines).toContain("inventory: totalLocationBased");
    expect(lines).not.toContain("inventory/scope3.cat4/WTW");
    for (const c of d.changes) expect(Number(c.recomputed) - Number(c.stated)).toBeCloseTo(Number(c.change), 6);
    const text = run("diff-method", bundle(), "--gwp", "AR6");
    expect(text.out).toMatch(/inventory\/scope1\/refrigerant/);
    expect(text.out).toMatch(/%/);
  });

  it("a library that is not bundled is a usage error naming it", () => {
    const r = run("diff-method", bundle(), "--libraries", "desnz-2019@1.0.0");
    expect(r.code).toBe(2);
    expect(r.err).toContain("desnz-2019@1.0.0 is not bundled");
  });

  it("under another library set, rows whose factors are missing are counted", () => {
    const r = run("diff-method", bundle(), "--libraries", "desnz-2025@1.0.0", "--json");
    const d = JSON.parse(r.out) as { rowsRejected: number; notes: string[] };
    expect(d.rowsRejected).toBe(1); // the fuel row uses an EPA factor
    expect(d.notes.join(" ")).toMatch(/rejected under these/);
  });
});
