/**
 * The cryptography a bundle needs, passed in (the engine has no crypto of its own): SHA-256 and
 * Ed25519 (RFC 8032, pure — the message is signed as is, not pre-hashed). Keys travel as PEM text:
 * private keys as PKCS#8 ("PRIVATE KEY"), public keys as SPKI ("PUBLIC KEY"). The Node
 * implementation is `src/cli/crypto-node.ts`; a browser implementation can use WebCrypto.
 */
import { pemToDer, toHex } from "./encoding";

export interface BundleCrypto {
  /** SHA-256 of `bytes` as 64 lowercase hex digits. */
  sha256(bytes: Uint8Array): string;
  /** Raw 64-byte Ed25519 signature of `bytes` with the PKCS#8 PEM private key. */
  sign(bytes: Uint8Array, privateKeyPem: string): Uint8Array;
  /** True when `signature` is a valid Ed25519 signature of `bytes` under the SPKI PEM public key. */
  verify(bytes: Uint8Array, signature: Uint8Array, publicKeyPem: string): boolean;
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (32 bytes) }. */
const ED25519_SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

/** The DER SPKI of an Ed25519 public key in PEM, or null when `pem` is not one. */
export function ed25519SpkiDer(pem: string): Uint8Array | null {
  const der = pemToDer(pem, "PUBLIC KEY");
  if (!der || der.length !== 44) return null;
  return ED25519_SPKI_PREFIX.every((b, i) => der[i] === b) ? der : null;
}

/** A public key's fingerprint: SHA-256 of its DER SPKI, 64 lowercase hex digits (same as `openssl pkey -pubin -outform DER | sha256sum`). */
export function publicKeyFingerprint(pem: string, crypto: Pick<BundleCrypto, "sha256">): string | null {
  const der = ed25519SpkiDer(pem);
  return der ? crypto.sha256(der) : null;
}

/** The raw 32-byte Ed25519 public key inside a PEM, as hex (for display), or null. */
export function rawPublicKeyHex(pem: string): string | null {
  const der = ed25519SpkiDer(pem);
  return der ? toHex(der.subarray(12)) : null;
}
