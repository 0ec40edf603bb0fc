/** `esg keys`: an organization's Ed25519 signing key pair for submission bundles (docs/keys.md). */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publicKeyFingerprint } from "../../engine";
import { generateEd25519KeyPair, nodeCrypto } from "../crypto-node";
import { parseArgs, UsageError, type CliIo } from "../io";

export const KEYS_HELP = `esg keys generate --org "<name>" --out <dir> [--force]
  Generates an Ed25519 key pair for signing submission bundles: <dir>/<org>.key.pem (PKCS#8, mode 0600;
  keep it outside the workbook and the bundle, see docs/keys.md) and <dir>/<org>.pub.pem (SPKI), and
  prints the public key fingerprint (SHA-256 of the DER public key) to give to verifiers.
esg keys fingerprint <key.pub.pem>
  Prints the fingerprint of a public key.`;

/** A file-name-safe form of an organization name: "ACME Recycling Ltd." -> "acme-recycling-ltd". */
export function orgSlug(org: string): string {
  return org
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

export function keysCommand(argv: readonly string[], io: CliIo): number {
  const [sub, ...rest] = argv;
  const { positional, flags } = parseArgs(rest, ["force"]);
  if (sub === "generate") {
    const org = flags.get("org");
    const out = flags.get("out");
    if (typeof org !== "string" || !org.trim()) throw new UsageError('esg keys generate needs --org "<organization name>"');
    if (typeof out !== "string") throw new UsageError("esg keys generate needs --out <dir>");
    const slug = orgSlug(org);
    if (!slug) throw new UsageError(`--org '${org}' has no letters or digits to name the key files with`);
    mkdirSync(out, { recursive: true });
    const keyPath = join(out, `${slug}.key.pem`);
    const pubPath = join(out, `${slug}.pub.pem`);
    if (!flags.has("force") && (existsSync(keyPath) || existsSync(pubPath))) {
      io.err(`${keyPath} or ${pubPath} exists already; refusing to overwrite a key (use --force to replace it, after revoking the old one).`);
      return 1;
    }
    const pair = generateEd25519KeyPair();
    writeFileSync(keyPath, pair.privateKeyPem, { mode: 0o600, flag: flags.has("force") ? "w" : "wx" });
    chmodSync(keyPath, 0o600);
    writeFileSync(pubPath, pair.publicKeyPem, { mode: 0o644, flag: flags.has("force") ? "w" : "wx" });
    const fingerprint = publicKeyFingerprint(pair.publicKeyPem, nodeCrypto)!;
    io.out(
      [
        `private key: ${keyPath} (mode 0600 — keep it secret, outside the workbook and the bundle; see docs/keys.md)`,
        `public key:  ${pubPath}`,
        `fingerprint: ${fingerprint}`,
        "Give the public key and this fingerprint to your verifiers through a channel they trust.",
      ].join("\n"),
    );
    return 0;
  }
  if (sub === "fingerprint") {
    const path = positional[0];
    if (!path) throw new UsageError("esg keys fingerprint needs a public key file");
    const fp = publicKeyFingerprint(readFileSync(path, "utf8"), nodeCrypto);
    if (!fp) {
      io.err(`${path} is not an Ed25519 public key in SPKI PEM form`);
      return 1;
    }
    io.out(fp);
    return 0;
  }
  throw new UsageError("esg keys needs a subcommand: generate or fingerprint");
}
