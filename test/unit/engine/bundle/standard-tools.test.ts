/**
 * A produced bundle is checkable with standard tools alone (docs/bundle-format.md "Verify with
 * standard tools"): unzip, sha256sum -c, openssl pkeyutl -verify.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle, publicKeyFingerprint } from "../../../../src/engine";
import { nodeCrypto } from "../../../../src/cli/crypto-node";
import { KEY_A, KEY_B, tinyContent } from "./tiny-bundle";

function extracted(): string {
  const dir = mkdtempSync(join(tmpdir(), "esg-bundle-"));
  writeFileSync(join(dir, "bundle.zip"), buildBundle(tinyContent(), { crypto: nodeCrypto, ...KEY_A }));
  execFileSync("unzip", ["-q", "bundle.zip", "-d", "b"], { cwd: dir });
  return join(dir, "b");
}

describe("standard tools", () => {
  it("unzip -t finds no errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "esg-bundle-"));
    writeFileSync(join(dir, "bundle.zip"), buildBundle(tinyContent(), { crypto: nodeCrypto, ...KEY_A }));
    expect(execFileSync("unzip", ["-t", "bundle.zip"], { cwd: dir, encoding: "utf8" })).toMatch(/No errors detected/);
  });

  it("sha256sum -c accepts SHA256SUMS, and fails when an entry changes", () => {
    const dir = extracted();
    const ok = spawnSync("sha256sum", ["--strict", "-c", "SHA256SUMS"], { cwd: dir, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^manifest\.json: OK$/m);
    expect(ok.stdout.trim().split("\n")).toHaveLength(16);
    writeFileSync(join(dir, "records.jsonl"), "{}\n");
    const bad = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: dir, encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/^records\.jsonl: FAILED$/m);
  });

  it("openssl pkeyutl -verify accepts the signature with signer.pub.pem, and rejects another key", () => {
    const dir = extracted();
    const args = (key: string) => ["pkeyutl", "-verify", "-pubin", "-inkey", key, "-rawin", "-in", "SHA256SUMS", "-sigfile", "SHA256SUMS.sig"];
    const ok = spawnSync("openssl", args("signer.pub.pem"), { cwd: dir, encoding: "utf8" });
    expect(ok.stdout + ok.stderr).toMatch(/Signature Verified Successfully/);
    expect(ok.status).toBe(0);
    writeFileSync(join(dir, "other.pub.pem"), KEY_B.publicKeyPem);
    const other = spawnSync("openssl", args("other.pub.pem"), { cwd: dir, encoding: "utf8" });
    expect(other.status).not.toBe(0);
  });

  it("the fingerprint is the SHA-256 of the DER public key, as openssl computes it", () => {
    const dir = extracted();
    const der = execFileSync("openssl", ["pkey", "-pubin", "-in", "signer.pub.pem", "-outform", "DER"], { cwd: dir });
    const viaOpenssl = execFileSync("sha256sum", { input: der, encoding: "utf8" }).split(" ")[0];
    expect(publicKeyFingerprint(KEY_A.publicKeyPem, nodeCrypto)).toBe(viaOpenssl);
  });
});
