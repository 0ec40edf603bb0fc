/**
 * `esg run [<sheet.xlsx|file.csv>] --out bundle.zip`: the whole job headless — read, map (a saved
 * mapping or the suggestions), check, calculate, and write the signed submission bundle. With no
 * file it runs on the built-in sample data and writes esg-sample-bundle.zip.
 */
import { closeSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { basename, extname } from "node:path";
import { createHash } from "node:crypto";
import {
  formatDec,
  ENGINE_VERSION,
  METHOD,
  applyMapping,
  assembleSubmissionStream,
  auditEntry,
  datasetFromAnySheet,
  embodiedCategories,
  importTemplate,
  mergeDatasets,
  publicKeyFingerprint,
  recordingRegistry,
  runPipeline,
  settingsJson,
  suggestMapping,
  taxonomyPort,
  writeBundleStream,
  type AuditEntry,
  type ByteSink,
  type Issue,
  type LineTotal,
  type MappingTemplate,
  type PipelineSettings,
} from "../../engine";
import { bundledRegistry } from "../../bundled/libraries";
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { generateEd25519KeyPair, nodeCrypto, publicKeyOf } from "../crypto-node";
import { parseArgs, UsageError, type CliIo } from "../io";
import { parseCsv, readXlsx, toCsvText } from "../xlsx";
import { BOAVIZTA_UNU_KEY_MAP } from "../../bundled/boavizta-map";
import { sampleData, type SampleSite } from "../sample-data";

export const RUN_HELP = `esg run [<sheet.xlsx|file.csv>] [--mapping m.json] [--key org.key.pem] [--out bundle.zip]
        [--org "<name>"] [--period 2025] [--preparer "<name>"] [--when <ISO time>] [--received <kg> --stock-change <kg>]
  Reads the sheet(s), maps them (the saved mapping, or the suggestions), checks, calculates and writes
  the signed submission bundle. Without --key an EPHEMERAL key signs (recorded in the manifest as an
  unverifiable signer). --when is the time written in the audit log (default: this computer's clock;
  give it, or SOURCE_DATE_EPOCH, for byte-identical bundles). With no file: the built-in sample data,
  written to esg-sample-bundle.zip, with the sample site's own mass balance and reuse assumptions.`;

export const EPHEMERAL_NOTE = "ephemeral, unverifiable signer: the key was generated for this run and discarded (esg run without --key)";

/** A file sink with positional patching (the streaming writer's local headers). */
export class FileSink implements ByteSink {
  private readonly fd: number;
  private position = 0;
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  write(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off, this.position + off);
    this.position += bytes.length;
  }
  patch(position: number, bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, position);
  }
  close(): void {
    closeSync(this.fd);
  }
}

export const nodeSha256 = () => {
  const h = createHash("sha256");
  return { update: (b: Uint8Array) => void h.update(b), digest: () => h.digest("hex") };
};

/** SHA-256 of a file, read in 4 MiB blocks. */
export function fileSha256(path: string): string {
  const h = createHash("sha256");
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(4 << 20);
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

interface Sheet {
  name: string;
  rows: Array<Array<string | boolean | null>>;
}

function readSheets(path: string): Sheet[] {
  const ext = extname(path).toLowerCase();
  const bytes = readFileSync(path);
  if (ext === ".csv" || ext === ".txt") return [{ name: basename(path, extname(path)), rows: parseCsv(bytes.toString("utf8")) }];
  if (ext === ".xlsx" || ext === ".xlsm") return readXlsx(new Uint8Array(bytes)).filter((s) => s.rows.length > 1).map((s) => ({ name: s.name, rows: s.rows }));
  throw new UsageError(`esg run reads .csv and .xlsx files, not '${ext || path}'`);
}

/** A saved mapping: one template, or { sheets: { "<sheet>": template } }. */
function savedTemplates(path: string): (sheet: string) => MappingTemplate | null {
  const json = JSON.parse(readFileSync(path, "utf8")) as unknown;
  const parse = (t: unknown): MappingTemplate => {
    const r = importTemplate(t);
    if (!r.ok) throw new UsageError(`--mapping ${path}: ${r.issue.message}`);
    return r.value;
  };
  const bySheet = (json as { sheets?: Record<string, unknown> }).sheets;
  if (bySheet && typeof bySheet === "object" && !Array.isArray(bySheet)) {
    const m = new Map(Object.entries(bySheet).map(([k, v]) => [k, parse(v)]));
    return (s) => m.get(s) ?? null;
  }
  const one = parse(json);
  return () => one;
}

function periodOf(text: string): { settings: string; start: string; end: string } {
  if (/^\d{4}$/.test(text)) return { settings: text, start: `${text}-01-01`, end: `${text}-12-31` };
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.\.|:|\/)(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) return { settings: `${m[1]}..${m[2]}`, start: m[1]!, end: m[2]! };
  throw new UsageError(`--period must be a year (2025) or start..end (2025-01-01..2025-12-31), got '${text}'`);
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "").slice(0, 100) || "sheet";

export function runCommand(argv: readonly string[], io: CliIo): number {
  const { positional, flags } = parseArgs(argv);
  const str = (name: string): string | undefined => {
    const v = flags.get(name);
    if (v === true) throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const file = positional[0];
  const sample = file === undefined;
  const out = str("out") ?? (sample ? "esg-sample-bundle.zip" : undefined);
  if (!out) throw new UsageError("esg run needs --out <bundle.zip>");
  const period = periodOf(str("period") ?? "2025");
  const org = str("org") ?? (sample ? "Sample ITAD Ltd (built-in sample data)" : undefined);
  if (!org) throw new UsageError('esg run needs --org "<organization name>"');
  const preparer = str("preparer") ?? process.env.USER ?? "preparer";
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const when = str("when") ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString());

  const registry = bundledRegistry();
  const taxonomy = bundledTaxonomy();
  const port = taxonomyPort(taxonomy);
  const builtIn = file === undefined ? sampleData() : null;
  const site: SampleSite | null = builtIn?.site ?? null;
  const sheets: Sheet[] = file === undefined ? builtIn!.sheets : readSheets(file);
  // The sample's reuse assumptions (its own metadata): the new product is the Boavizta category median of the UNU-KEY.
  const reuseAssumptions = site ? sampleReuse(site, registry) : undefined;
  if (sheets.length === 0) throw new UsageError(`${file}: no sheet with data`);
  const saved = str("mapping") ? savedTemplates(str("mapping")!) : null;

  const inputs: Array<{ name: string; text: string; description: string }> = [];
  const mapping: Record<string, MappingTemplate> = {};
  const rejections: Array<{ sheet: string; row: number; issues: Issue[] }> = [];
  const parts = [];
  let rowsRead = 0;
  for (const s of sheets) {
    const template = saved?.(s.name) ?? suggestMapping(s.rows, { taxonomy: port, source: { sheet: s.name } }).template;
    mapping[s.name] = template;
    const check = applyMapping(template, s.rows, { taxonomy: port, firstRow: 1 });
    rowsRead += check.counts.read;
    const byRow = new Map<number, Issue[]>();
    for (const p of check.problems) if (p.severity === "error") byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.issue]);
    for (const row of check.rejectedRows) rejections.push({ sheet: s.name, row, issues: byRow.get(row) ?? [] });
    parts.push(datasetFromAnySheet(template, check.records, { taxonomy, registry, ...(reuseAssumptions ? { reuseAssumptions } : {}) }).dataset);
    inputs.push({ name: `${safeName(s.name)}.csv`, text: toCsvText(s.rows), description: `sheet '${s.name}' as received (CSV, RFC 4180)` });
  }
  const dataset = mergeDatasets(parts);
  // The site mass balance: --received/--stock-change, else (sample only) the sample site's own statement.
  const received = str("received") ?? site?.received;
  const stockChange = str("received") !== undefined ? (str("stock-change") ?? "0") : (site?.stockChange ?? "0");
  const settings: PipelineSettings = {
    reportingPeriod: period.settings,
    claimant: org,
    ...(received !== undefined ? { massBalance: { ...(site && str("received") === undefined ? { scope: `${site.name} ${site.period}` } : {}), received, stockChange } } : {}),
  };
  const recording = recordingRegistry(registry);
  const result = runPipeline(dataset, { registry: recording, taxonomy, settings });

  let key: { privateKey: string; publicKeyPem: string };
  let signerNote: string | undefined;
  const keyPath = str("key");
  if (keyPath) {
    const pem = readFileSync(keyPath, "utf8");
    key = { privateKey: pem, publicKeyPem: publicKeyOf(pem) };
  } else {
    const pair = generateEd25519KeyPair();
    key = { privateKey: pair.privateKeyPem, publicKeyPem: pair.publicKeyPem };
    signerNote = EPHEMERAL_NOTE;
    io.err(
      [
        "WARNING: no --key given: this bundle is signed with an EPHEMERAL key that was generated for this run and",
        "is not kept. Nobody can tell that your organization signed it (manifest: 'ephemeral, unverifiable signer').",
        "For a real submission: esg keys generate --org \"<name>\" --out keys/ and esg run ... --key keys/<org>.key.pem",
      ].join("\n"),
    );
  }
  const inputsSha256 = Object.fromEntries(inputs.map((f) => [f.name, createHash("sha256").update(f.text).digest("hex")]));
  const base = { who: preparer, when, method: { id: METHOD.id, version: METHOD.version }, factorLibraries: [...METHOD.libraries], settings: settingsJson(settings) as Record<string, unknown>, inputsSha256 };
  const audit: AuditEntry[] = [
    auditEntry({ action: "calculate", ...base, note: `esg run (engine ${ENGINE_VERSION}) on ${sample ? "the built-in sample data" : basename(file)}` }),
    auditEntry({ action: "submit", ...base, note: `bundle ${basename(out)}${signerNote ? `; ${signerNote}` : ""}` }),
  ];
  const content = assembleSubmissionStream({
    inputsAsReceived: inputs.map((f) => ({ ...f, mediaType: "text/csv" })),
    mapping: { sheets: mapping },
    records: dataset,
    pipelineOutput: result,
    settings,
    organization: { name: org },
    reportingPeriod: { start: period.start, end: period.end },
    preparer: { name: preparer, role: "preparer" },
    approvals: [],
    auditLog: audit,
    evidenceIndex: [],
    mappingRejections: rejections,
    ...(signerNote ? { signerNote } : {}),
  });
  const sink = new FileSink(out);
  try {
    writeBundleStream(content, { crypto: nodeCrypto, ...key, createSha256: nodeSha256 }, sink);
  } finally {
    sink.close();
  }
  const sha = fileSha256(out);
  const inv = result.ledgers.inventory;
  const mf = result.disclosures.materialFlow;
  const c = result.counts;
  // Display edge: 10 significant digits on screen; the bundle keeps every digit.
  const shown = (v: Parameters<typeof formatDec>[0]) => formatDec(v, "display");
  const lines = [
    `${sample ? "built-in sample data" : file}: ${sheets.length} sheet(s), ${rowsRead} data rows read`,
    `  mapped: ${rowsRead - rejections.length} rows -> ${c.rowsIn} records; rejected by the mapping: ${rejections.length}`,
    `  calculated: ${c.rowsComputed} records; rejected by the checks: ${c.rowsRejected} (every rejection and why: validation-report.json)`,
    `inventory (kg CO2e): Scope 1 ${shown(inv.scope1)}, Scope 2 location ${shown(inv.scope2Location)} / market ${shown(inv.scope2Market)}, Scope 3 ${shown(inv.scope3Total)}`,
    `  total (location-based) ${shown(inv.totalLocationBased)}; avoided (beside, never netted) ${shown(result.ledgers.avoided.total)}`,
    `  avoided by pathway (kg CO2e): ${avoidedParts(result.totals, shown)}`,
    `material flow (kg): assets ${shown(result.ledgers.materialFlow.assetsTotal)}, downstream outputs ${shown(result.ledgers.materialFlow.outputsTotal)}`,
    ...(site && str("received") === undefined ? [`  sample site mass balance: received ${site.received} kg, stock change ${site.stockChange} kg (the sample data's own statement; give --received/--stock-change for yours)`] : []),
    `disclosures: ESRS E1-6 Scope 1 ${shown(inv.scope1)}, Scope 2 (location) ${shown(inv.scope2Location)} / (market) ${shown(inv.scope2Market)}, Scope 3 ${shown(inv.scope3Total)} kg CO2e`,
    ...(mf
      ? [
          `  GRI 306: GRI 306-3 waste generated ${shown(mf.gri306_3.total)} t (hazardous ${shown(mf.gri306_3.hazardous)} t); 306-4 diverted ${shown(mf.gri306_4.total)} t; 306-5 directed to disposal ${shown(mf.gri306_5.total)} t; mass balance ${mf.massBalance.withinTolerance ? "closes" : "DOES NOT CLOSE"}`,
          `  ESRS E5-5: §37(a) waste generated ${shown(mf.esrsE5_5.p37a_totalGenerated)} t; §37(b) diverted ${shown(mf.esrsE5_5.p37b_diverted.total)} t; §37(c) directed to disposal ${shown(mf.esrsE5_5.p37c_directed.total)} t; §37(d) non-recycled ${shown(mf.esrsE5_5.p37d_nonRecycled.total)} t (${shown(mf.esrsE5_5.p37d_nonRecycled.percent)} %); §39 hazardous ${shown(mf.esrsE5_5.p39_hazardous)} t`,
        ]
      : [`  GRI 306-3/4/5, ESRS E5-5: ${received === undefined ? "not built (give the site mass balance: --received <kg> [--stock-change <kg>])" : `not built (${result.disclosureIssues.map((i) => i.message).join("; ") || "see disclosures.json"})`}`]),
    `bundle: ${out}`,
    `  SHA-256 ${sha}`,
    `  signer key ${publicKeyFingerprint(key.publicKeyPem, nodeCrypto)}${signerNote ? " (EPHEMERAL, unverifiable)" : ""}`,
    `check it: esg verify ${out} ${signerNote ? `--trust-fingerprint ${publicKeyFingerprint(key.publicKeyPem, nodeCrypto)}` : "--trust <org>.pub.pem"}`,
  ];
  io.out(lines.join("\n"));
  return 0;
}

/** The sample's reuse assumptions, with the new-product factor of each of its UNU-KEYs (Boavizta category median, largest sample). */
function sampleReuse(site: SampleSite, registry: ReturnType<typeof bundledRegistry>) {
  const categories = embodiedCategories(BOAVIZTA_UNU_KEY_MAP, registry);
  const byKey: Record<string, string> = {};
  for (const key of site.reuse.unuKeys) {
    const best = categories.get(key)?.[0];
    if (best) byKey[key] = best.factorId;
  }
  const { unuKeys: _keys, ...rest } = site.reuse;
  return { newProductFactorByUnuKey: byKey, ...rest };
}

/** The avoided ledger's lines, by pathway (reuse, recycling), on screen. */
function avoidedParts(totals: readonly LineTotal[], shown: (v: Parameters<typeof formatDec>[0]) => string): string {
  const parts = totals.filter((t) => t.code.ledger === "avoided" && t.code.inTotal).map((t) => `${t.code.id.replace(/^avoided\//, "")} ${shown(t.value)}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}
