/**
 * The browser implementation of the engine's `BundleCrypto` (synchronous, like the engine asks):
 * SHA-256 from `@noble/hashes`, Ed25519 (RFC 8032, pure; strict verification as OpenSSL and
 * node:crypto do, not ZIP-215) from `@noble/curves` — audited pure-JS packages, no WebCrypto
 * (which is asynchronous and lacks Ed25519 in some hosts Excel runs in).
 *
 * Keys travel as PEM, as `esg keys generate` (node:crypto) writes them: the private key as
 * unencrypted PKCS#8 ("PRIVATE KEY"), the public key as SPKI ("PUBLIC KEY"). For Ed25519 both DER
 * forms are fixed-length with a fixed prefix (RFC 8410), so parsing is a prefix check.
 *
 * A private key given to these functions is used in memory only; nothing here stores it.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { derToPem, ed25519SpkiDer, pemToDer, toHex, type BundleCrypto } from "../engine";

/** DER prefix of an Ed25519 PKCS#8 v1 PrivateKeyInfo: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }. */
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
/** DER prefix of an Ed25519 SubjectPublicKeyInfo. */
const SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFormatError";
  }
}

/** The 32-byte Ed25519 seed inside a PKCS#8 PEM private key; throws KeyFormatError on anything else. */
export function ed25519SeedFromPkcs8Pem(pem: string): Uint8Array {
  if (/ENCRYPTED PRIVATE KEY/.test(pem)) throw new KeyFormatError("the private key is encrypted; decrypt it first (openssl pkey -in key.enc.pem -out key.pem) and keep the plain copy offline");
  const der = pemToDer(pem, "PRIVATE KEY");
  if (!der) throw new KeyFormatError("not a PKCS#8 PEM private key (expected -----BEGIN PRIVATE KEY-----)");
  // node:crypto and OpenSSL write PKCS#8 v1: exactly 48 bytes, the fixed prefix, then the 32-byte seed.
  if (der.length !== 48 || !PKCS8_PREFIX.every((b, i) => der[i] === b)) throw new KeyFormatError("the private key is not an Ed25519 key in the form esg keys generate writes");
  return der.slice(16, 48);
}

/** PKCS#8 PEM of a 32-byte Ed25519 seed (the form node:crypto exports). */
export function pkcs8PemFromSeed(seed: Uint8Array): string {
  if (seed.length !== 32) throw new KeyFormatError("an Ed25519 seed has 32 bytes");
  const der = new Uint8Array(48);
  der.set(PKCS8_PREFIX, 0);
  der.set(seed, 16);
  return derToPem(der, "PRIVATE KEY");
}

/** SPKI PEM of a raw 32-byte Ed25519 public key. */
export function spkiPemFromRaw(raw: Uint8Array): string {
  const der = new Uint8Array(44);
  der.set(SPKI_PREFIX, 0);
  der.set(raw, 12);
  return derToPem(der, "PUBLIC KEY");
}

/** The SPKI PEM public key of a PKCS#8 PEM private key. */
export function publicKeyPemOf(privateKeyPem: string): string {
  return spkiPemFromRaw(ed25519.getPublicKey(ed25519SeedFromPkcs8Pem(privateKeyPem)));
}

/** A fresh Ed25519 key pair (crypto.getRandomValues) as PEM: PKCS#8 private, SPKI public. */
export function generateEd25519KeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const seed = ed25519.utils.randomSecretKey();
  return { privateKeyPem: pkcs8PemFromSeed(seed), publicKeyPem: spkiPemFromRaw(ed25519.getPublicKey(seed)) };
}

export const browserCrypto: BundleCrypto = {
  sha256: (bytes) => toHex(sha256(bytes)),
  sign: (bytes, privateKeyPem) => ed25519.sign(bytes, ed25519SeedFromPkcs8Pem(privateKeyPem)),
  verify: (bytes, signature, publicKeyPem) => {
    const der = ed25519SpkiDer(publicKeyPem);
    if (!der || signature.length !== 64) return false;
    try {
      return ed25519.verify(signature, bytes, der.subarray(12), { zip215: false });
    } catch {
      return false;
    }
  },
};

/** Incremental SHA-256 (for hashing large files, e.g. evidence documents, without one big buffer). */
export function browserSha256() {
  const h = sha256.create();
  return { update: (b: Uint8Array) => void h.update(b), digest: () => toHex(h.digest()) };
}
