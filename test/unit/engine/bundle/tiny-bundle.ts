/**
 * A tiny, fully populated bundle content and two deterministic test signing keys, shared by the
 * bundle, CLI and standard-tool tests. The keys are derived from fixed test seeds at run time (no
 * key material is committed); they sign nothing but test bundles.
 */
import { createHash } from "node:crypto";
import { Dec, type BundleContent } from "../../../../src/engine";
import { publicKeyOf } from "../../../../src/cli/crypto-node";

/** PKCS#8 DER of an Ed25519 private key is this 16-byte prefix followed by the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function testKey(label: string): { privateKey: string; publicKeyPem: string } {
  const seed = createHash("sha256").update(`electronics-esg test signing key ${label}`).digest();
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, seed]);
  const privateKey = `-----BEGIN PRIVATE KEY-----\n${der.toString("base64")}\n-----END PRIVATE KEY-----\n`;
  return { privateKey, publicKeyPem: publicKeyOf(privateKey) };
}

export const KEY_A = testKey("A");
export const KEY_B = testKey("B");

export function tinyContent(overrides: Partial<BundleContent> = {}): BundleContent {
  return {
    manifest: {
      organization: { name: "Acme Recycling" },
      reportingPeriod: { start: "2025-01-01", end: "2025-12-31" },
      preparer: { name: "P. Reparer" },
      approvals: [{ name: "A. Prover", role: "CFO", date: "2026-01-15" }],
      method: { id: "SERI-EVC-METHOD", version: "0.1.0-draft" },
      engine: { version: "0.1.0" },
      factorLibraries: [{ id: "desnz-2025", version: "1.0.0", dataSha256: "7ce77499f796cb3c1ba3bb4b3220d853c0aecefa3b5250901dcb08de7e6ede92" }],
      taxonomy: [],
      inputRows: 3,
    },
    inputs: [{ name: "lots.csv", bytes: "lot,kg\nL1,100\nL2,50\nL3,x\n", mediaType: "text/csv" }],
    mapping: { lot: "lotId", kg: "mass" },
    settings: { reportingPeriod: "2025", gwpSet: "AR5" },
    records: [
      { kind: "outputs", row: 2, record: { lotId: "L1", outputMass: "100", disposition: "recycling" } },
      { kind: "outputs", row: 3, record: { lotId: "L2", outputMass: "50", disposition: "reuse" } },
    ],
    results: [{ ref: "outputs#2", value: new Dec("12.5"), unit: "kg CO2e" }],
    traces: [{ ref: "outputs#2", steps: ["100 × 0.125"] }],
    ledgers: { inventory: { totalKgCo2e: "12.5" }, materialFlow: { receivedKg: "150" }, avoided: { kgCo2e: "0" } },
    factorsUsed: [{ id: "f1", value: "0.125", source: "test" }],
    validation: { rejected: [{ row: 4, code: "NOT_A_NUMBER" }] },
    evidence: [{ documentId: "D1", kind: "scale-ticket", sha256: "0".repeat(64) }],
    disclosures: { gri306_3: { kg: "150" }, gri306_4: { kg: "150" }, gri306_5: { kg: "0" }, esrsE5_5: { kg: "150" }, esrsE1_6: { kgCo2e: "12.5" } },
    auditLog: [{ event: "run", engine: "0.1.0" }],
    ...overrides,
  };
}
