/**
 * Building and reading a submission bundle (format 1.0; docs/bundle-format.md).
 *
 * `buildBundle` serializes the pipeline's outputs canonically, lists every entry's SHA-256 in
 * SHA256SUMS, signs SHA256SUMS with the organization's Ed25519 key and writes the canonical STORED
 * zip. The private key is used, never stored: a bundle that would contain PEM private-key text is
 * refused. `readBundle` takes a bundle apart defensively and reports every problem it finds, each
 * naming the entry and what broke; it never throws on bad input.
 */
import { z } from "zod";
import type { BundleCrypto } from "./signing";
import { ed25519SpkiDer, publicKeyFingerprint } from "./signing";
import { canonicalJson, canonicalJsonLines, parseJsonLines, type JsonValue } from "./canonical-json";
import { utf8Bytes, utf8Text } from "./encoding";
import { formatSha256Sums, parseSha256Sums } from "./sha256sums";
import { isCanonicalJsonLine } from "./canonical-scan";
import { readZip, writeZipWithLayout, isCanonicalZip, type ZipReadOptions, equalBytes } from "./zip";
import {
  BUNDLE_FORMAT,
  ENTRY,
  EvidenceItemSchema,
  HASHED_ENTRIES,
  INPUTS_DIR,
  INPUT_NAME,
  ManifestSchema,
  canonicalEntryOrder,
  type EvidenceItem,
  type Manifest,
} from "./manifest";

/** What the preparer states about the submission; counts, inputs and signer are filled in by `buildBundle`. */
export interface ManifestInput {
  organization: { name: string; id?: string };
  reportingPeriod: { start: string; end: string };
  preparer: { name: string; role?: string; email?: string };
  approvals: ReadonlyArray<{ name: string; role: string; date: string; note?: string }>;
  method: { id: string; version: string };
  engine: { version: string };
  factorLibraries: ReadonlyArray<{ id: string; version: string; dataSha256: string }>;
  taxonomy: ReadonlyArray<{ id: string; version: string }>;
  /** Only if the preparer supplies it (ISO 8601); never read from the clock. */
  generatedAt?: string;
  /** Rows read from the inputs, if known: a verifier checks records + rejected = inputRows. */
  inputRows?: number;
  /** A note on the signing key, written as manifest.signer.note (e.g. "ephemeral, unverifiable signer"). */
  signerNote?: string;
}

/** An input file as received (e.g. the CSV of the mapped range), stored byte for byte under `inputs/`. */
export interface BundleInputFile {
  /** File name under inputs/: letters, digits, '.', '_', '-'. */
  name: string;
  bytes: Uint8Array | string;
  mediaType: string;
  description?: string;
}

/**
 * The content of a bundle: one typed slot per entry, so the pipeline's outputs drop in. JSON values
 * may hold Decimals (written as decimal strings); numbers must be safe integers.
 */
export interface BundleContent {
  manifest: ManifestInput;
  /** inputs/<name>: the inputs as received. */
  inputs: readonly BundleInputFile[];
  /** mapping.json: the column mapping applied to the inputs. */
  mapping: JsonValue;
  /** settings.json: the run settings the pipeline used (reporting period, GWP set, allocation, claimant, boundary, factor year): what a recompute needs besides the records. */
  settings: JsonValue;
  /** records.jsonl: the normalized (validated) records, one per line, e.g. { kind, row, record }. */
  records: readonly JsonValue[];
  /** results.jsonl: the per-row results (value, unit, record reference), one per line. */
  results: readonly JsonValue[];
  /** traces.jsonl: the trace of each result, one per line. */
  traces: readonly JsonValue[];
  /** ledgers/*.json: the three ledgers, never netted. */
  ledgers: { inventory: JsonValue; materialFlow: JsonValue; avoided: JsonValue };
  /** factors-used.json: the subset of factors used, each with its provenance. */
  factorsUsed: readonly JsonValue[];
  /** validation-report.json: every rejected row and why (`rejected`), plus any summary. */
  validation: { rejected: readonly JsonValue[]; [key: string]: JsonValue | undefined };
  /** evidence-index.json: the supporting documents (id, kind, SHA-256); the documents stay with the preparer. */
  evidence: readonly EvidenceItem[];
  /** disclosures.json: the framework disclosures. */
  disclosures: { gri306_3: JsonValue; gri306_4: JsonValue; gri306_5: JsonValue; esrsE5_5: JsonValue; esrsE1_6: JsonValue };
  /** audit-log.jsonl: the calculation log (engine version, input and output hashes, changes), one event per line. */
  auditLog: readonly JsonValue[];
}

export interface BuildOptions {
  crypto: BundleCrypto;
  /** PKCS#8 PEM of the organization's Ed25519 private key: used to sign, never written. */
  privateKey: string;
  /** SPKI PEM of the matching public key: written as signer.pub.pem. */
  publicKeyPem: string;
}

export class BundleError extends Error {}

/** Disclosure keys as written in disclosures.json. */
export const DISCLOSURE_NAMES = {
  gri306_3: "GRI 306-3",
  gri306_4: "GRI 306-4",
  gri306_5: "GRI 306-5",
  esrsE5_5: "ESRS E5-5",
  esrsE1_6: "ESRS E1-6",
} as const;

export const PRIVATE_KEY_MARK = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** The counts of the line entries, for `bundleManifest` (the streaming writer knows them before it writes). */
export interface LineCounts {
  records: number;
  results: number;
  traces: number;
  auditEvents: number;
}

/**
 * The manifest, sorted inputs and checked evidence of a bundle (shared by `buildBundleEntries` and the
 * streaming writer `writeBundleStream`, so both write the same bytes).
 */
export function bundleManifest(
  content: Pick<BundleContent, "manifest" | "inputs" | "evidence" | "factorsUsed" | "validation">,
  lines: LineCounts,
  options: Pick<BuildOptions, "crypto" | "publicKeyPem">,
): { manifest: Manifest; inputs: BundleInputFile[]; evidence: EvidenceItem[] } {
  const { crypto } = options;
  const fingerprint = publicKeyFingerprint(options.publicKeyPem, crypto);
  if (!fingerprint) throw new BundleError("publicKeyPem is not an Ed25519 public key in SPKI PEM form");
  const inputs = [...content.inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of inputs) if (!INPUT_NAME.test(f.name)) throw new BundleError(`input file name '${f.name}' is not allowed (letters, digits, '.', '_', '-')`);
  const evidence = content.evidence.map((e, i) => {
    const r = EvidenceItemSchema.safeParse(e);
    if (!r.success) throw new BundleError(`evidence[${i}]: ${r.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    return r.data;
  });
  const m = content.manifest;
  const manifest: Manifest = {
    bundleFormat: BUNDLE_FORMAT,
    organization: m.organization,
    reportingPeriod: m.reportingPeriod,
    preparer: m.preparer,
    approvals: [...m.approvals],
    method: m.method,
    engine: m.engine,
    factorLibraries: [...m.factorLibraries],
    taxonomy: [...m.taxonomy],
    ...(m.generatedAt !== undefined ? { generatedAt: m.generatedAt } : {}),
    inputs: inputs.map((f) => ({ path: INPUTS_DIR + f.name, mediaType: f.mediaType, ...(f.description !== undefined ? { description: f.description } : {}) })),
    recordCounts: {
      ...(m.inputRows !== undefined ? { inputRows: m.inputRows } : {}),
      records: lines.records,
      results: lines.results,
      traces: lines.traces,
      rejected: content.validation.rejected.length,
      factorsUsed: content.factorsUsed.length,
      evidence: evidence.length,
      auditEvents: lines.auditEvents,
    },
    signer: { organization: m.organization.name, publicKeyFingerprint: fingerprint, ...(m.signerNote !== undefined ? { note: m.signerNote } : {}) },
  };
  const checked = ManifestSchema.safeParse(manifest);
  if (!checked.success) throw new BundleError(`manifest: ${checked.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
  return { manifest, inputs, evidence };
}

/** Builds the bundle's entries (name -> bytes) in canonical order, signed. */
export function buildBundleEntries(content: BundleContent, options: BuildOptions): Array<{ name: string; data: Uint8Array }> {
  const { crypto } = options;
  const { manifest, inputs, evidence } = bundleManifest(
    content,
    { records: content.records.length, results: content.results.length, traces: content.traces.length, auditEvents: content.auditLog.length },
    options,
  );

  const text = (s: string) => utf8Bytes(s);
  const disclosures: Record<string, JsonValue> = {};
  for (const [k, name] of Object.entries(DISCLOSURE_NAMES)) disclosures[name] = content.disclosures[k as keyof typeof DISCLOSURE_NAMES];
  const hashed: Array<{ name: string; data: Uint8Array }> = [
    { name: ENTRY.manifest, data: text(canonicalJson(manifest)) },
    ...inputs.map((f) => ({ name: INPUTS_DIR + f.name, data: typeof f.bytes === "string" ? text(f.bytes) : f.bytes })),
    { name: ENTRY.mapping, data: text(canonicalJson(content.mapping)) },
    { name: ENTRY.settings, data: text(canonicalJson(content.settings)) },
    { name: ENTRY.records, data: text(canonicalJsonLines(content.records)) },
    { name: ENTRY.results, data: text(canonicalJsonLines(content.results)) },
    { name: ENTRY.traces, data: text(canonicalJsonLines(content.traces)) },
    { name: ENTRY.ledgerInventory, data: text(canonicalJson(content.ledgers.inventory)) },
    { name: ENTRY.ledgerMaterialFlow, data: text(canonicalJson(content.ledgers.materialFlow)) },
    { name: ENTRY.ledgerAvoided, data: text(canonicalJson(content.ledgers.avoided)) },
    { name: ENTRY.factorsUsed, data: text(canonicalJson(content.factorsUsed)) },
    { name: ENTRY.validation, data: text(canonicalJson(content.validation)) },
    { name: ENTRY.evidence, data: text(canonicalJson(evidence)) },
    { name: ENTRY.disclosures, data: text(canonicalJson(disclosures)) },
    { name: ENTRY.auditLog, data: text(canonicalJsonLines(content.auditLog)) },
    { name: ENTRY.publicKey, data: text(normalizePem(options.publicKeyPem)) },
  ];
  const decoder = new TextDecoder("utf-8", { fatal: false });
  for (const e of hashed) {
    if (PRIVATE_KEY_MARK.test(decoder.decode(e.data))) throw new BundleError(`entry ${e.name} contains private key material; a private key never goes into a bundle`);
  }
  const sums = text(formatSha256Sums(hashed.map((e) => ({ path: e.name, sha256: crypto.sha256(e.data) }))));
  const signature = crypto.sign(sums, options.privateKey);
  if (signature.length !== 64) throw new BundleError(`the signer returned ${signature.length} bytes; an Ed25519 signature has 64`);
  if (!crypto.verify(sums, signature, options.publicKeyPem)) throw new BundleError("the private key does not match publicKeyPem");
  return [...hashed, { name: ENTRY.sums, data: sums }, { name: ENTRY.signature, data: signature }];
}

/** Builds the signed, canonical bundle zip. Identical content and key give identical bytes. */
export function buildBundle(content: BundleContent, options: BuildOptions): Uint8Array {
  return writeZipWithLayout(buildBundleEntries(content, options)).bytes;
}

/** PEM with LF endings and one final LF. */
export function normalizePem(pem: string): string {
  return pem.replace(/\r\n/g, "\n").trim() + "\n";
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type BundleProblemCode =
  | "ARCHIVE_REFUSED"
  | "ENTRY_DAMAGED"
  | "NOT_CANONICAL"
  | "MISSING_ENTRY"
  | "EXTRA_ENTRY"
  | "HASH_MISMATCH"
  | "SUMS_MALFORMED"
  | "SIGNATURE_INVALID"
  | "UNKNOWN_KEY"
  | "KEY_INVALID"
  | "MANIFEST_INVALID"
  | "ENTRY_INVALID"
  | "COUNT_MISMATCH";

export interface BundleProblem {
  /** The entry the problem is about, or "(archive)" for the zip container itself. */
  entry: string;
  code: BundleProblemCode;
  message: string;
}

export interface TrustedKey {
  /** SHA-256 of the DER SPKI (see `publicKeyFingerprint`). */
  fingerprint: string;
  name?: string;
}

export interface ReadOptions {
  crypto: BundleCrypto;
  /** The keys the verifier trusts; a bundle signed by any other key is reported as signed by an unknown key. */
  trustedKeys: readonly TrustedKey[];
  inflateRaw?: ZipReadOptions["inflateRaw"];
  limits?: ZipReadOptions["limits"];
}

export interface BundleReadResult {
  /** Entry bytes by name (empty when the archive was refused). */
  entries: ReadonlyMap<string, Uint8Array>;
  /** The manifest, when it parsed and matched the schema. */
  manifest: Manifest | null;
  /** The signing key, when signer.pub.pem is a valid Ed25519 key. */
  signer: { fingerprint: string; trusted: boolean; name?: string; signatureValid: boolean } | null;
  problems: BundleProblem[];
}

const ARCHIVE = "(archive)";

/** Reads and checks a bundle: container, canonical form, SHA256SUMS, every hash, the signature and the signer, the manifest and counts. */
export function readBundle(bytes: Uint8Array, options: ReadOptions): BundleReadResult {
  const problems: BundleProblem[] = [];
  const add = (entry: string, code: BundleProblemCode, message: string) => problems.push({ entry, code, message });
  const zip = readZip(bytes, { inflateRaw: options.inflateRaw, limits: options.limits });
  if (zip.refused) {
    for (const p of zip.problems) add(p.entry ?? ARCHIVE, "ARCHIVE_REFUSED", p.message);
    return { entries: new Map(), manifest: null, signer: null, problems };
  }
  for (const p of zip.problems) add(p.entry ?? ARCHIVE, "ENTRY_DAMAGED", p.message);
  const entries = new Map<string, Uint8Array>();
  // Directory entries (written by tools like `zip -r`) carry nothing; they only make a container non-canonical.
  for (const e of zip.entries) if (!e.directory) entries.set(e.name, e.data);

  // The container must be exactly the canonical zip of its entries (order, headers, timestamps).
  if (zip.problems.length === 0) {
    const names = canonicalEntryOrder(zip.entries.map((e) => e.name));
    const all = new Map(zip.entries.map((e) => [e.name, e]));
    const ordered = names.map((n) => ({ name: n, data: all.get(n)!.data }));
    // Checked in place first (bounded memory; CRCs the reader verified are reused); the archive is rewritten only to name a difference.
    const canonical = isCanonicalZip(names.map((n) => ({ name: n, data: all.get(n)!.data, crc32: all.get(n)!.crc32 })), bytes) ? null : writeZipWithLayout(ordered);
    if (canonical && !equalBytes(canonical.bytes, bytes)) {
      const differs = firstDifference(canonical.bytes, bytes);
      const region = canonical.regions.find((r) => differs >= r.start && differs < r.end);
      const why = zip.entries.some((e) => e.method !== 0) ? "entries are compressed; bundle format 1.0 stores them" : region ? region.what : "length";
      add(ARCHIVE, "NOT_CANONICAL", `the zip container differs from the canonical bundle container at byte ${differs} (${why})`);
    }
  }

  // SHA256SUMS: every listed entry present with that hash; every entry listed.
  const sumsBytes = entries.get(ENTRY.sums);
  let listed = new Map<string, string>();
  if (!sumsBytes) add(ENTRY.sums, "MISSING_ENTRY", `missing entry ${ENTRY.sums}`);
  else {
    const text = decode(sumsBytes);
    if (text === null) add(ENTRY.sums, "SUMS_MALFORMED", `${ENTRY.sums} is not UTF-8 text`);
    else {
      const parsed = parseSha256Sums(text);
      for (const p of parsed.problems) add(ENTRY.sums, "SUMS_MALFORMED", `${ENTRY.sums}: ${p}`);
      listed = new Map(parsed.lines.map((l) => [l.path, l.sha256]));
    }
  }
  for (const [path, expected] of listed) {
    const data = entries.get(path);
    if (!data) {
      add(path, "MISSING_ENTRY", `missing entry ${path} (listed in ${ENTRY.sums})`);
      continue;
    }
    const actual = options.crypto.sha256(data);
    if (actual !== expected) add(path, "HASH_MISMATCH", `hash mismatch of ${path}: ${ENTRY.sums} says ${expected}, the entry hashes to ${actual}`);
  }
  for (const name of HASHED_ENTRIES) {
    if (!listed.has(name) && !entries.has(name)) add(name, "MISSING_ENTRY", `missing entry ${name}`);
    else if (!listed.has(name) && sumsBytes) add(name, "MISSING_ENTRY", `entry ${name} is not listed in ${ENTRY.sums}`);
  }
  for (const name of entries.keys()) {
    if (name === ENTRY.sums || name === ENTRY.signature) continue;
    const known = HASHED_ENTRIES.includes(name) || (name.startsWith(INPUTS_DIR) && INPUT_NAME.test(name.slice(INPUTS_DIR.length)));
    if (!known) add(name, "EXTRA_ENTRY", `extra entry ${name}: not part of bundle format ${BUNDLE_FORMAT}`);
    else if (!listed.has(name) && !HASHED_ENTRIES.includes(name)) add(name, "EXTRA_ENTRY", `extra entry ${name}: not listed in ${ENTRY.sums}`);
  }

  // Signature over SHA256SUMS by the key in signer.pub.pem, and that key trusted.
  let signer: BundleReadResult["signer"] = null;
  const sig = entries.get(ENTRY.signature);
  const pubBytes = entries.get(ENTRY.publicKey);
  const pem = pubBytes ? decode(pubBytes) : null;
  if (!sig) add(ENTRY.signature, "MISSING_ENTRY", `missing entry ${ENTRY.signature}`);
  else if (sig.length !== 64) add(ENTRY.signature, "SIGNATURE_INVALID", `${ENTRY.signature} holds ${sig.length} bytes; a raw Ed25519 signature has 64`);
  if (pubBytes && (pem === null || !ed25519SpkiDer(pem))) add(ENTRY.publicKey, "KEY_INVALID", `${ENTRY.publicKey} is not an Ed25519 public key in SPKI PEM form`);
  if (pem !== null && ed25519SpkiDer(pem)) {
    const fingerprint = publicKeyFingerprint(pem, options.crypto)!;
    const trustedKey = options.trustedKeys.find((k) => k.fingerprint.toLowerCase() === fingerprint);
    let signatureValid = false;
    if (sig && sig.length === 64 && sumsBytes) {
      signatureValid = safeVerify(options.crypto, sumsBytes, sig, pem);
      if (!signatureValid) add(ENTRY.signature, "SIGNATURE_INVALID", `signature invalid: ${ENTRY.signature} is not a valid Ed25519 signature of ${ENTRY.sums} by the key in ${ENTRY.publicKey} (${fingerprint})`);
    }
    if (!trustedKey) add(ENTRY.publicKey, "UNKNOWN_KEY", `signed by unknown key ${fingerprint}: it is not among the ${options.trustedKeys.length} trusted key(s)`);
    signer = { fingerprint, trusted: !!trustedKey, signatureValid, ...(trustedKey?.name ? { name: trustedKey.name } : {}) };
  }

  // Manifest, canonical JSON entries, counts.
  let manifest: Manifest | null = null;
  const manifestBytes = entries.get(ENTRY.manifest);
  if (manifestBytes) {
    const json = parseJson(manifestBytes);
    if (!json.ok) add(ENTRY.manifest, "MANIFEST_INVALID", `${ENTRY.manifest}: ${json.message}`);
    else {
      const r = ManifestSchema.safeParse(json.value);
      if (!r.success) add(ENTRY.manifest, "MANIFEST_INVALID", `${ENTRY.manifest}: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
      else manifest = r.data;
    }
  }
  const lineCounts = new Map<string, number>();
  for (const [name, data] of entries) {
    if (!(name.endsWith(".json") || name.endsWith(".jsonl")) || name.startsWith(INPUTS_DIR)) continue;
    if (name.endsWith(".jsonl")) {
      // Line by line, straight from the bytes: a million-line entry never becomes one string.
      const r = checkJsonLines(data);
      if (r.count !== null) lineCounts.set(name, r.count);
      if (r.problem !== null) add(name, "ENTRY_INVALID", r.problem(name));
      continue;
    }
    const text = decode(data);
    if (text === null) {
      add(name, "ENTRY_INVALID", `${name} is not UTF-8 text`);
      continue;
    }
    try {
      const value = JSON.parse(text) as unknown;
      if (canonicalJson(value) !== text) add(name, "ENTRY_INVALID", `${name} is not in canonical JSON form`);
    } catch (err) {
      if (name !== ENTRY.manifest) add(name, "ENTRY_INVALID", `${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (manifest) checkCounts(manifest, entries, lineCounts, add);
  return { entries, manifest, signer, problems };
}

function checkCounts(
  manifest: Manifest,
  entries: ReadonlyMap<string, Uint8Array>,
  lineCounts: ReadonlyMap<string, number>,
  add: (entry: string, code: BundleProblemCode, message: string) => void,
): void {
  const c = manifest.recordCounts;
  const lines: Array<[string, number, string]> = [
    [ENTRY.records, c.records, "records"],
    [ENTRY.results, c.results, "results"],
    [ENTRY.traces, c.traces, "traces"],
    [ENTRY.auditLog, c.auditEvents, "auditEvents"],
  ];
  for (const [name, expected, key] of lines) {
    const n = lineCounts.get(name);
    if (n !== undefined && n !== expected) add(name, "COUNT_MISMATCH", `${name} holds ${n} lines, manifest recordCounts.${key} says ${expected}`);
  }
  const arrays: Array<[string, number, string, (v: unknown) => unknown]> = [
    [ENTRY.factorsUsed, c.factorsUsed, "factorsUsed", (v) => v],
    [ENTRY.evidence, c.evidence, "evidence", (v) => v],
    [ENTRY.validation, c.rejected, "rejected", (v) => (v && typeof v === "object" ? (v as { rejected?: unknown }).rejected : undefined)],
  ];
  for (const [name, expected, key, pick] of arrays) {
    const data = entries.get(name);
    if (!data) continue;
    const json = parseJson(data);
    if (!json.ok) continue;
    const list = pick(json.value);
    if (!Array.isArray(list)) add(name, "ENTRY_INVALID", `${name}: expected a list${key === "rejected" ? " under 'rejected'" : ""}`);
    else if (list.length !== expected) add(name, "COUNT_MISMATCH", `${name} lists ${list.length}, manifest recordCounts.${key} says ${expected}`);
    if (name === ENTRY.evidence && Array.isArray(list)) {
      const r = z.array(EvidenceItemSchema).safeParse(list);
      if (!r.success) add(name, "ENTRY_INVALID", `${name}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
  }
  if (c.inputRows !== undefined && c.records + c.rejected !== c.inputRows)
    add(ENTRY.manifest, "COUNT_MISMATCH", `rows do not reconcile: ${c.records} records + ${c.rejected} rejected ≠ ${c.inputRows} input rows`);
  const listedInputs = new Set(manifest.inputs.map((i) => i.path));
  for (const name of entries.keys()) if (name.startsWith(INPUTS_DIR) && !listedInputs.has(name)) add(name, "EXTRA_ENTRY", `extra entry ${name}: not listed in the manifest's inputs`);
  for (const p of listedInputs) if (!entries.has(p)) add(p, "MISSING_ENTRY", `missing entry ${p} (listed in the manifest's inputs)`);
}

/** True when every object key is in sorted order and every number a safe integer (with JSON.stringify(v) === text: canonical). */
function sortedAndExact(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0);
  if (Array.isArray(v)) {
    for (const x of v) if (!sortedAndExact(x)) return false;
    return true;
  }
  if (typeof v !== "object") return false;
  let prev: string | null = null;
  for (const k in v as Record<string, unknown>) {
    if (prev !== null && !(prev < k)) return false;
    prev = k;
    if (!sortedAndExact((v as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Checks a .jsonl entry line by line: UTF-8, final LF, every line a canonical compact JSON value. */
function checkJsonLines(data: Uint8Array): { count: number | null; problem: ((name: string) => string) | null } {
  if (data.length === 0) return { count: 0, problem: null };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  let count = 0;
  let notCanonical = false;
  while (start < data.length) {
    let end = data.indexOf(10, start);
    if (end < 0) end = data.length;
    // The common case, straight from the bytes: a line that is certainly canonical (what the slow
    // path below would accept). Anything else is decided by the slow path.
    if (end < data.length && isCanonicalJsonLine(data, start, end)) {
      count++;
      start = end + 1;
      continue;
    }
    let line: string;
    try {
      line = decoder.decode(data.subarray(start, end));
    } catch {
      return { count: null, problem: (name) => `${name} is not UTF-8 text` };
    }
    if (end === data.length) return { count: null, problem: (name) => `${name}: a line file must end with LF` };
    let value: unknown;
    try {
      value = JSON.parse(line) as unknown;
    } catch (err) {
      const n = count + 1;
      return { count: null, problem: (name) => `${name}: line ${n}: ${err instanceof Error ? err.message : String(err)}` };
    }
    try {
      if (!notCanonical && !(JSON.stringify(value) === line && sortedAndExact(value)) && canonicalJsonLines([value]) !== line + "\n") notCanonical = true;
    } catch (err) {
      return { count: null, problem: (name) => `${name}: ${err instanceof Error ? err.message : String(err)}` };
    }
    count++;
    start = end + 1;
  }
  return { count, problem: notCanonical ? (name) => `${name} is not in canonical JSON-lines form` : null };
}

function safeVerify(crypto: BundleCrypto, data: Uint8Array, sig: Uint8Array, pem: string): boolean {
  try {
    return crypto.verify(data, sig, pem);
  } catch {
    return false;
  }
}

function decode(bytes: Uint8Array): string | null {
  try {
    return utf8Text(bytes);
  } catch {
    return null;
  }
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = decode(bytes);
  if (text === null) return { ok: false, message: "not UTF-8 text" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** The JSON of an entry (for callers that read a checked bundle), or null. */
export function bundleJson(entries: ReadonlyMap<string, Uint8Array>, name: string): unknown {
  const data = entries.get(name);
  if (!data) return null;
  const r = parseJson(data);
  return r.ok ? r.value : null;
}

/** The values of a `.jsonl` entry, or null when absent or malformed. */
export function bundleLines(entries: ReadonlyMap<string, Uint8Array>, name: string): unknown[] | null {
  const data = entries.get(name);
  if (!data) return null;
  const text = decode(data);
  if (text === null) return null;
  try {
    return parseJsonLines(text);
  } catch {
    return null;
  }
}
