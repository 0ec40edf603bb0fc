/**
 * Benchmark of a submission bundle at Excel's row limit: build (pipeline run + streaming bundle
 * writer) and verify (structure, hashes, signature, then the full recompute) of 1,048,576 records.
 * Targets: each under 30 s and 1.5 GB peak RSS. Peak RSS is sampled during each phase (pipeline
 * batches, every chunk written, every recompute chunk); the OS maximum for the whole process is
 * printed too.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { METHOD, assembleSubmissionStream, publicKeyFingerprint, recordingRegistry, runPipeline, verifyBundleStructure, recomputeSubmission, writeBundleStream } from "../../engine";
import { bundledRegistry } from "../../bundled/libraries";
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { generateEd25519KeyPair, nodeCrypto, nodeInflateRaw } from "../crypto-node";
import { FileSink, fileSha256, nodeSha256 } from "../commands/run";
import { readBundleFile } from "../commands/verify";
import { generateDataset } from "../bench";

const EXCEL_ROWS = 1_048_576;
const BUDGET_MS = 30_000;
const BUDGET_RSS = 1.5 * 1024 ** 3;
const MB = (b: number) => (b / 1048576).toFixed(0);

export function benchBundle(log: (line: string) => void = console.log, rows = EXCEL_ROWS): { buildMs: number; verifyMs: number; buildPeakRss: number; verifyPeakRss: number; ok: boolean } {
  const line = (label: string, value: string) => log(`${label.padEnd(44)} ${value}`);
  log(`\n== bundle: build and verify a submission bundle of ${rows.toLocaleString("en-US")} records ==`);
  const dir = mkdtempSync(join(tmpdir(), "esg-bench-bundle-"));
  const path = join(dir, "bench.zip");
  const gc = (globalThis as { gc?: () => void }).gc;
  let peak = 0;
  const sample = () => {
    const r = process.memoryUsage.rss();
    if (r > peak) peak = r;
  };
  try {
    const taxonomy = bundledTaxonomy();
    const key = generateEd25519KeyPair();
    // Build: the dataset stands for the mapped sheet (generated outside the timed phase, as a sheet read is).
    let dataset: ReturnType<typeof generateDataset> | null = generateDataset(rows);
    gc?.();
    peak = 0;
    sample();
    let t = performance.now();
    const registry = recordingRegistry(bundledRegistry());
    const settings = { reportingPeriod: "2025", factorYear: 2025, claimant: "ACME" };
    let out: ReturnType<typeof runPipeline> | null = runPipeline(dataset, { registry, taxonomy, settings: { ...settings, onProgress: sample } });
    let content: ReturnType<typeof assembleSubmissionStream> | null = assembleSubmissionStream({
      inputsAsReceived: [{ name: "bench.txt", text: `generated dataset, ${rows} records, seed 20250101\n` }],
      mapping: { note: "generated records (no sheet mapping)" },
      records: dataset,
      pipelineOutput: out,
      settings,
      organization: { name: "Bench Recycling" },
      reportingPeriod: { start: "2025-01-01", end: "2025-12-31" },
      preparer: { name: "bench" },
    });
    const sink = new FileSink(path);
    const sampling = { write: (b: Uint8Array) => (sink.write(b), sample()), patch: (p: number, b: Uint8Array) => sink.patch(p, b) };
    try {
      writeBundleStream(content, { crypto: nodeCrypto, privateKey: key.privateKeyPem, publicKeyPem: key.publicKeyPem, createSha256: nodeSha256 }, sampling);
    } finally {
      sink.close();
    }
    const buildMs = performance.now() - t;
    const buildPeakRss = peak;
    const computed = out.counts.rowsComputed;
    out = null;
    dataset = null;
    content = null;
    const size = statSync(path).size;
    line("build: wall time", `${(buildMs / 1000).toFixed(1)} s (pipeline + traces + streaming zip, SHA-256, Ed25519)`);
    line("build: peak RSS (sampled)", `${MB(buildPeakRss)} MB`);
    line("bundle size", `${MB(size)} MB, ${computed.toLocaleString("en-US")} computed records (traces: ${computed > 50_000 ? "summary" : "full"})`);
    line("bundle SHA-256", fileSha256(path));

    // Verify: structure, hashes, signature, versions, then the full recompute.
    gc?.();
    peak = 0;
    sample();
    t = performance.now();
    const fp = publicKeyFingerprint(key.publicKeyPem, nodeCrypto)!;
    const report = verifyBundleStructure(readBundleFile(path), {
      crypto: nodeCrypto,
      trustedKeys: [{ fingerprint: fp }],
      inflateRaw: nodeInflateRaw,
      known: { methods: [{ id: METHOD.id, version: METHOD.version }], libraries: METHOD.libraries },
    });
    sample();
    const structureMs = performance.now() - t;
    const rec = recomputeSubmission(report.entries, { registry: bundledRegistry(), taxonomy, chunkRows: 65_536 });
    sample();
    const verifyMs = performance.now() - t;
    const verifyPeakRss = peak;
    line("verify: structure, hashes, signature", `${(structureMs / 1000).toFixed(1)} s (${report.problems.length} problems)`);
    line("verify: total with recompute", `${(verifyMs / 1000).toFixed(1)} s (${rec.rows.toLocaleString("en-US")} rows, ${rec.findings.length} findings)`);
    line("verify: peak RSS (sampled)", `${MB(verifyPeakRss)} MB`);
    line("max RSS (OS, whole process lifetime)", `${MB(process.resourceUsage().maxRSS * 1024)} MB`);
    const ok = report.ok && rec.ok && buildMs < BUDGET_MS && verifyMs < BUDGET_MS && buildPeakRss < BUDGET_RSS && verifyPeakRss < BUDGET_RSS;
    line("budget: each < 30 s and < 1.5 GB peak RSS", ok ? "MET" : `NOT MET${report.ok && rec.ok ? "" : " (verification failed)"}`);
    return { buildMs, verifyMs, buildPeakRss, verifyPeakRss, ok };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
