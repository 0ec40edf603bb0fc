/**
 * `esg verify <bundle.zip>...`: checks submission bundles — container, every hash, the signature and
 * its signer, the manifest and counts, the pinned method and factor library versions — and, across
 * several bundles, lots claimed in more than one submission. Exit 0 only if everything holds.
 * Recomputing results and ledgers from the normalized records (and re-checking mass balance, credit
 * shares and no-stacking) needs the pipeline's bundle serialization (`esg run`), which does not exist
 * yet; until it does, the report says "recompute: not run" and the exit code covers the checks above.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import {
  DEFAULT_ZIP_LIMITS,
  detectDoubleClaims,
  recomputeSubmission,
  type RecomputeReport,
  ENTRY,
  METHOD,
  bundleLines,
  lotsInMultipleBundles,
  publicKeyFingerprint,
  verifyBundleStructure,
  type StructureReport,
  type TrustedKey,
} from "../../engine";
import { nodeCrypto, nodeInflateRaw } from "../crypto-node";
import { UsageError, type CliIo } from "../io";
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { registryFor } from "./diff-method";

export const VERIFY_HELP = `esg verify <bundle.zip>... [--trust <key.pub.pem>]... [--trust-fingerprint <sha256>]... [--json]
  Checks each bundle: safe zip container in canonical form, every SHA-256 in SHA256SUMS, the Ed25519
  signature and that its key is one you trust, manifest and record counts, method and factor library
  versions known to this engine. With several bundles, also lists lots claimed in more than one.
  Then recomputes every per-row result, ledger and disclosure from records.jsonl and settings.json with the
  pinned factor versions and compares them exactly; re-checks the mass balance, credit shares and the
  no-stacking rule; across bundles, also credits claimed in more than one submission.
  Exit 0 only if everything holds.`;

/** Largest bundle file read (the zip reader's uncompressed limit plus headroom). */
export const MAX_BUNDLE_FILE_BYTES = DEFAULT_ZIP_LIMITS.maxTotalBytes + 64 * 1024 * 1024;

/** Reads a bundle file, refusing files above the size limit before reading them. */
export function readBundleFile(path: string): Uint8Array {
  const size = statSync(path).size;
  if (size > MAX_BUNDLE_FILE_BYTES) throw new UsageError(`${path} is ${size} bytes, above the ${MAX_BUNDLE_FILE_BYTES}-byte limit for a bundle`);
  // A view of the bytes read, not a copy (`new Uint8Array(buffer)` would hold a large bundle twice).
  const bytes = readFileSync(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The recompute check of one bundle: not run when the bundle is damaged (its content cannot be trusted to recompute). */
function recomputeCheck(report: StructureReport, label: string): { check: { name: string; status: "pass" | "fail" | "not-run"; detail: string }; recompute: RecomputeReport | null } {
  const damaged = report.problems.some((p) => ["ARCHIVE_REFUSED", "ENTRY_DAMAGED", "MISSING_ENTRY", "HASH_MISMATCH", "ENTRY_INVALID", "MANIFEST_INVALID"].includes(p.code) && !/not known to this engine|pins data/.test(p.message));
  if (damaged || !report.manifest) return { check: { name: "recompute", status: "not-run", detail: "not run: the bundle does not pass its integrity checks" }, recompute: null };
  const registry = registryFor(report.manifest.factorLibraries.map((l) => `${l.id}@${l.version}`));
  const r = recomputeSubmission(report.entries, { registry, taxonomy: bundledTaxonomy(), label });
  const violations = r.findings.filter((f) => f.type === "violation");
  const detail = r.ok
    ? `${r.rows} rows, every result, ledger and disclosure value equal; mass balance, credit shares and no-stacking hold`
    : `${r.rowsDiffering} of ${r.rows} rows differ; ${r.findings.filter((f) => f.type === "difference" && f.entry !== "results.jsonl").length} ledger/disclosure values differ; ${violations.length} rule violation(s)`;
  return { check: { name: "recompute", status: r.ok ? "pass" : "fail", detail }, recompute: r };
}

export function verifyCommand(argv: readonly string[], io: CliIo): number {
  const files: string[] = [];
  const trusted: TrustedKey[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--json") json = true;
    else if (a === "--trust") {
      const path = value();
      const fp = publicKeyFingerprint(readFileSync(path, "utf8"), nodeCrypto);
      if (!fp) throw new UsageError(`--trust ${path}: not an Ed25519 public key in SPKI PEM form`);
      trusted.push({ fingerprint: fp, name: basename(path) });
    } else if (a === "--trust-fingerprint") {
      const fp = value().toLowerCase().replace(/:/g, "");
      if (!/^[0-9a-f]{64}$/.test(fp)) throw new UsageError(`--trust-fingerprint needs 64 hex digits, got '${fp}'`);
      trusted.push({ fingerprint: fp });
    } else if (a.startsWith("--")) throw new UsageError(`esg verify: unknown option ${a}`);
    else files.push(a);
  }
  if (files.length === 0) throw new UsageError("esg verify needs at least one bundle file");

  const known = { methods: [{ id: METHOD.id, version: METHOD.version }], libraries: METHOD.libraries };
  const reports: Array<{ file: string; report: StructureReport }> = files.map((file) => ({
    file,
    report: verifyBundleStructure(readBundleFile(file), { crypto: nodeCrypto, trustedKeys: trusted, inflateRaw: nodeInflateRaw, known }),
  }));
  const recomputes = reports.map(({ file, report }) => recomputeCheck(report, basename(file)));
  const lots =
    files.length > 1
      ? lotsInMultipleBundles(reports.map(({ file, report }) => ({ label: basename(file), records: bundleLines(report.entries, ENTRY.records) ?? [] })))
      : [];
  const crossClaims = files.length > 1 ? detectDoubleClaims(recomputes.map((r, i) => ({ submissionId: basename(files[i]!), claims: r.recompute?.claims ?? [] }))).filter((c) => new Set(c.claims.map((x) => x.submissionId)).size > 1) : [];
  const bundleOk = reports.map((r, i) => r.report.ok && recomputes[i]!.check.status === "pass");
  const ok = bundleOk.every(Boolean) && lots.length === 0 && crossClaims.length === 0;

  if (json) {
    io.out(
      JSON.stringify(
        {
          ok,
          bundles: reports.map(({ file, report }, i) => ({
            file,
            ok: bundleOk[i],
            signer: report.signer,
            manifest: report.manifest
              ? { organization: report.manifest.organization, reportingPeriod: report.manifest.reportingPeriod, method: report.manifest.method, recordCounts: report.manifest.recordCounts }
              : null,
            checks: [...report.checks, recomputes[i]!.check],
            problems: report.problems,
            recompute: recomputes[i]!.recompute ? { rows: recomputes[i]!.recompute!.rows, rowsDiffering: recomputes[i]!.recompute!.rowsDiffering, findings: recomputes[i]!.recompute!.findings } : null,
          })),
          lotsInMultipleBundles: lots,
          creditsClaimedInMoreThanOneBundle: crossClaims.map((c) => ({ lotId: c.lotId, kind: c.kind, code: c.issue.code, message: c.issue.message, bundles: [...new Set(c.claims.map((x) => x.submissionId))] })),
        },
        null,
        2,
      ),
    );
    return ok ? 0 : 1;
  }
  reports.forEach(({ file, report }, i) => {
    const m = report.manifest;
    const rc = recomputes[i]!;
    io.out(`${file}${m ? ` — ${m.organization.name}, ${m.reportingPeriod.start} to ${m.reportingPeriod.end}, ${m.method.id} ${m.method.version}` : ""}`);
    if (m?.signer.note) io.out(`  NOTE: ${m.signer.note}`);
    for (const c of [...report.checks, rc.check]) io.out(`  ${c.name.padEnd(10)} ${c.status === "pass" ? "pass" : c.status === "fail" ? "FAIL" : "not run"}${c.detail ? `  ${c.detail}` : ""}`);
    if (report.problems.length) {
      io.out("  problems:");
      for (const p of report.problems) io.out(`    ${p.entry}: ${p.code}: ${p.message}`);
    }
    const findings = rc.recompute?.findings ?? [];
    if (findings.length) {
      io.out("  recompute findings:");
      for (const f of findings.slice(0, 50)) io.out(`    ${f.type === "violation" ? `VIOLATION (${f.rule})` : f.type === "error" ? "ERROR" : "DIFFERS"}: ${f.message}`);
      if (findings.length > 50) io.out(`    ... and ${findings.length - 50} more (--json lists them all)`);
    }
    io.out(`  result: ${bundleOk[i] ? "structure, hashes, signature and recompute hold" : "FAILED"}\n`);
  });
  if (files.length > 1) {
    if (lots.length === 0) io.out("lots claimed in more than one submission: none");
    else {
      io.out(`lots claimed in more than one submission: ${lots.length}`);
      for (const l of lots) io.out(`  ${l.lotId}: ${l.refs.join(", ")}`);
    }
    if (crossClaims.length) {
      io.out(`credits claimed in more than one submission: ${crossClaims.length}`);
      for (const c of crossClaims) io.out(`  lot ${c.lotId}: ${c.issue.code}: ${c.issue.message}`);
    }
  }
  io.out(ok ? "OK" : "FAILED");
  return ok ? 0 : 1;
}
