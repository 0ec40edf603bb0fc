import { buildBundle, publicKeyFingerprint, verifyBundleStructure, METHOD } from "../../../../src/engine";
import { nodeCrypto } from "../../../../src/cli/crypto-node";
import { KEY_A, tinyContent } from "./tiny-bundle";

const known = { methods: [{ id: METHOD.id, version: METHOD.version }], libraries: METHOD.libraries };
const trustedKeys = [{ fingerprint: publicKeyFingerprint(KEY_A.publicKeyPem, nodeCrypto)! }];

describe("verifyBundleStructure", () => {
  it("passes every check of a good bundle pinned to this engine's method and libraries", () => {
    const r = verifyBundleStructure(buildBundle(tinyContent(), { crypto: nodeCrypto, ...KEY_A }), { crypto: nodeCrypto, trustedKeys, known });
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => [c.name, c.status])).toEqual([
      ["archive", "pass"],
      ["entries", "pass"],
      ["hashes", "pass"],
      ["signature", "pass"],
      ["signer", "pass"],
      ["manifest", "pass"],
      ["versions", "pass"],
    ]);
  });
  it("fails the versions check on an unknown library or a library whose data hash differs", () => {
    const c = tinyContent();
    const libs = [
      { id: "desnz-2025", version: "1.0.0", dataSha256: "f".repeat(64) },
      { id: "made-up", version: "1", dataSha256: "e".repeat(64) },
    ];
    const r = verifyBundleStructure(buildBundle({ ...c, manifest: { ...c.manifest, factorLibraries: libs } }, { crypto: nodeCrypto, ...KEY_A }), { crypto: nodeCrypto, trustedKeys, known });
    expect(r.ok).toBe(false);
    expect(r.checks.find((x) => x.name === "versions")!.detail).toMatch(/desnz-2025@1\.0\.0: the bundle pins data f+, this engine has 7ce7.*made-up@1 is not known/);
  });
  it("a refused archive fails the archive check and runs nothing else", () => {
    const r = verifyBundleStructure(new TextEncoder().encode("PK nonsense"), { crypto: nodeCrypto, trustedKeys, known });
    expect(r.ok).toBe(false);
    expect(r.checks.map((c) => c.status)).toEqual(["fail", "not-run", "not-run", "not-run", "not-run", "not-run", "not-run"]);
  });
});
