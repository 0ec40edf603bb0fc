/**
 * The Node implementation of the engine's `BundleCrypto` (node:crypto): SHA-256, Ed25519 signing
 * and verifying (pure Ed25519, `crypto.sign(null, data, key)`), key-pair generation and the
 * DEFLATE decoder the zip reader takes for archives written by other tools.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import type { BundleCrypto } from "../engine";

export const nodeCrypto: BundleCrypto = {
  sha256: (bytes) => createHash("sha256").update(bytes).digest("hex"),
  sign: (bytes, privateKeyPem) => {
    const key = createPrivateKey(privateKeyPem);
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`the signing key is ${key.asymmetricKeyType}, not Ed25519`);
    return new Uint8Array(sign(null, bytes, key));
  },
  verify: (bytes, signature, publicKeyPem) => {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== "ed25519") return false;
    return verify(null, bytes, key, signature);
  },
};

/** A new Ed25519 key pair as PEM: PKCS#8 private key, SPKI public key. */
export function generateEd25519KeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The public key (SPKI PEM) of a private key (PKCS#8 PEM). */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: "spki", format: "pem" }).toString();
}

/** Raw DEFLATE decoding bounded to `maxOutputLength` bytes (memory bound against zip bombs). */
export function nodeInflateRaw(data: Uint8Array, maxOutputLength: number): Uint8Array {
  return new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutputLength) }));
}
