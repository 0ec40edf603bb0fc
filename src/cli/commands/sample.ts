/** `esg sample <bundle.zip>`: a reproducible, seeded audit sample of a bundle's normalized records, as safe CSV. */
import { writeFileSync } from "node:fs";
import { ENTRY, bundleLines, drawSample, readBundle, sampleRows, samplingFrame, toCsv, MAX_SEED, type AssuranceLevel, type SamplingMethod } from "../../engine";
import { nodeCrypto, nodeInflateRaw } from "../crypto-node";
import { parseArgs, UsageError, type CliIo } from "../io";
import { readBundleFile } from "./verify";

export const SAMPLE_HELP = `esg sample <bundle.zip> --assurance limited|reasonable --seed N [--materiality 0.05]
           [--method systematic|random] [--stratify site|stream|kind|<field>] [--out sample.csv] [--json]
  Draws a reproducible sample of the bundle's normalized records (same seed, same sample). Size:
  n = ceil(CF / materiality), CF 3.0 reasonable, 1.5 limited [P]; systematic interval = N / n (GHG Protocol
  Scope 3 TG formula A.1). Writes CSV (formula-injection safe) to --out or standard output.`;

export function sampleCommand(argv: readonly string[], io: CliIo): number {
  const { positional, flags } = parseArgs(argv, ["json"]);
  const file = positional[0];
  if (!file) throw new UsageError("esg sample needs a bundle file");
  const assurance = flags.get("assurance");
  if (assurance !== "limited" && assurance !== "reasonable") throw new UsageError("--assurance must be limited or reasonable");
  const seedText = flags.get("seed");
  if (typeof seedText !== "string" || !/^\d+$/.test(seedText) || Number(seedText) > MAX_SEED) throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}`);
  const materiality = flags.get("materiality") ?? "0.05";
  if (typeof materiality !== "string" || !/^(0(\.\d+)?|1(\.0+)?)$/.test(materiality) || Number(materiality) === 0)
    throw new UsageError(`--materiality must be a fraction above 0 and at most 1, e.g. 0.05, got '${String(materiality)}'`);
  const method = flags.get("method") ?? "systematic";
  if (method !== "systematic" && method !== "random") throw new UsageError("--method must be systematic or random");
  const stratify = flags.get("stratify");
  if (stratify === true) throw new UsageError("--stratify needs a field: site, stream, kind or a record field");
  const out = flags.get("out");
  if (out === true) throw new UsageError("--out needs a file name");

  // Sample only an intact bundle; the signer's trust is the verify command's business.
  const read = readBundle(readBundleFile(file), { crypto: nodeCrypto, trustedKeys: [], inflateRaw: nodeInflateRaw });
  const damage = read.problems.filter((p) => p.code !== "UNKNOWN_KEY");
  if (damage.length) {
    io.err(`${file} does not pass its integrity checks; no sample drawn:\n${damage.map((p) => `  ${p.entry}: ${p.code}: ${p.message}`).join("\n")}`);
    return 1;
  }
  const lines = bundleLines(read.entries, ENTRY.records);
  if (!lines) {
    io.err(`${file} has no readable ${ENTRY.records}`);
    return 1;
  }
  const sample = drawSample(samplingFrame(lines), {
    assurance: assurance as AssuranceLevel,
    seed: Number(seedText),
    materiality,
    method: method as SamplingMethod,
    ...(typeof stratify === "string" ? { stratifyBy: stratify } : {}),
  });
  const { header, rows } = sampleRows(sample);
  const csv = toCsv(header, rows);
  const summary = [
    `population ${sample.populationSize} records; sample ${sample.size.n} (${sample.size.rule})`,
    `method ${sample.method}, generator ${sample.generator}, seed ${sample.seed}${typeof stratify === "string" ? `, stratified by ${stratify}` : ""}`,
    ...(sample.strata.length > 1 ? sample.strata.map((s) => `  stratum ${JSON.stringify(s.stratum)}: ${s.sample} of ${s.population}`) : []),
    `signer key ${read.signer?.fingerprint ?? "?"} (check trust with esg verify)`,
  ].join("\n");
  if (flags.has("json")) {
    io.out(JSON.stringify({ ...sample, units: sample.units.map(({ fields: _fields, ...u }) => u) }, null, 2));
    return 0;
  }
  if (typeof out === "string") {
    writeFileSync(out, csv);
    io.out(`${summary}\nwrote ${out}`);
  } else {
    io.err(summary);
    io.out(csv.replace(/\r\n$/, ""));
  }
  return 0;
}
