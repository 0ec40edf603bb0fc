/**
 * Submit: the signed submission bundle (docs/bundle-format.md) built from the open workbook — the
 * mapped sheet as received (CSV), the mapping, the normalized records (the same `datasetFromAnySheet`
 * records the Calculate step and `esg run` compute from), one pipeline run, the settings, the
 * organization, period, preparer and approvals from Settings, the evidence index, and the audit log
 * kept in the workbook plus this run's `calculate` and `submit` entries.
 *
 * The private key is a parameter, used to sign and then dropped: it is never written to the
 * workbook, its settings or the bundle (buildBundle refuses private-key text in any entry).
 * The time is the one the caller passes (the user's clock, read at the UI edge).
 */
import {
  AuditEntrySchema,
  ENGINE_VERSION,
  METHOD,
  assembleSubmission,
  auditEntry,
  buildBundle,
  plain,
  publicKeyFingerprint,
  mergeDatasets,
  recordingRegistry,
  runPipeline,
  settingsJson,
  utf8Bytes,
  type AuditEntry,
  type EvidenceItem,
  type Issue,
  type Ledgers,
  type MappingTemplate,
  type NormalisedRecord,
} from "../../../engine";
import type { CellValue, WorkbookGateway } from "../../../office/gateway";
import { browserCrypto, generateEd25519KeyPair, publicKeyPemOf } from "../../crypto-browser";
import { services } from "../../services";
import { kindOffsets, prepareSheets } from "../calculate/run-calculation";
import { periodDates, pipelineSettings, type EsgSettings } from "../settings/settings";
import { sourceOfTemplate } from "../source";

/** Where the workbook keeps its audit log (a list of AuditEntry). */
export const AUDIT_KEY = "esg.audit";

export const EPHEMERAL_NOTE = "ephemeral, unverifiable signer: the key was generated for this submission in the taskpane and discarded (Submit without a key file)";

export interface EvidenceFile {
  name: string;
  sha256: string;
}

export interface SubmitOptions {
  /** When, as the user's clock gives it (ISO 8601); written in the audit entries, never read here. */
  when: string;
  /** The organization's PKCS#8 PEM private key, or null for an ephemeral key. Used in memory only. */
  privateKeyPem: string | null;
  /** Attached evidence files, hashed: matched to the sheet's evidence references by file name. */
  evidenceFiles?: readonly EvidenceFile[];
  /** The last Calculate result's ledgers, to say whether the bundle matches the results table. */
  lastLedgers?: Ledgers | null;
}

export interface SubmitResult {
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  fingerprint: string;
  ephemeral: boolean;
  counts: { inputRows: number; records: number; results: number; rejected: number; factorsUsed: number; evidence: number; auditEvents: number };
  evidence: { referenced: number; hashed: number; missing: string[] };
  /** The entries appended to the workbook's audit log. */
  appended: AuditEntry[];
  /** null when there was no Calculate result to compare with. */
  matchesLastCalculation: boolean | null;
  inventoryTotal: string;
}

/** The inputs as received: the mapped source's cells, RFC 4180 CSV (as `esg run` writes them). */
export function csvText(rows: ReadonlyArray<ReadonlyArray<CellValue | null | undefined>>): string {
  const q = (v: CellValue | null | undefined) => {
    const s = v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "").replace(/-+$/, "").slice(0, 100) || "sheet";

/** The workbook's audit log (entries that do not match the schema are skipped and counted). */
export async function readAuditLog(gateway: WorkbookGateway): Promise<{ entries: AuditEntry[]; skipped: number }> {
  const raw = await gateway.readSetting(AUDIT_KEY);
  if (!Array.isArray(raw)) return { entries: [], skipped: 0 };
  const entries: AuditEntry[] = [];
  let skipped = 0;
  for (const e of raw) {
    const r = AuditEntrySchema.safeParse(e);
    if (r.success) entries.push(r.data);
    else skipped++;
  }
  return { entries, skipped };
}

/** What is missing before a bundle can be built (empty when ready). */
export function submitProblems(settings: EsgSettings): string[] {
  const out: string[] = [];
  if (settings.organization.trim() === "") out.push("Set the organization in Settings.");
  if (settings.preparer.trim() === "") out.push("Set the preparer in Settings.");
  if (!periodDates(settings.reportingPeriod)) out.push("Set a reporting period (a year, month or quarter) in Settings.");
  return out;
}

/** The evidence index: each referenced document with an attached (hashed) file; the others are listed as missing. */
function evidenceIndex(template: MappingTemplate, records: readonly NormalisedRecord[], refOf: (row: number) => string | null, files: readonly EvidenceFile[]): { items: EvidenceItem[]; referenced: number; missing: string[] } {
  const col = template.columns.find((c) => c.field === "evidenceRef");
  if (!col) return { items: [], referenced: 0, missing: [] };
  const kind = (col.header ?? "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "evidence";
  const supports = new Map<string, Set<string>>();
  for (const r of records) {
    const id = r.fields.evidenceRef;
    if (typeof id !== "string" || id.trim() === "") continue;
    const ref = refOf(r.row);
    const set = supports.get(id.trim()) ?? new Set<string>();
    if (ref) set.add(ref);
    supports.set(id.trim(), set);
  }
  const stem = (n: string) => n.replace(/\.[^.]*$/, "");
  const items: EvidenceItem[] = [];
  const missing: string[] = [];
  for (const [documentId, refs] of [...supports.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = files.find((f) => f.name === documentId || stem(f.name) === documentId) ?? files.find((f) => stem(f.name).includes(documentId));
    if (!file) {
      missing.push(documentId);
      continue;
    }
    items.push({ documentId, kind, sha256: file.sha256, location: file.name, ...(refs.size ? { supports: [...refs].sort() } : {}) });
  }
  return { items, referenced: supports.size, missing };
}

/** Builds the signed bundle from the workbook (one mapped sheet, or several in one run) and appends the audit entries to the workbook's log. */
export async function buildSubmission(gateway: WorkbookGateway, templates: MappingTemplate | readonly MappingTemplate[], settings: EsgSettings, options: SubmitOptions): Promise<SubmitResult> {
  const list = Array.isArray(templates) ? (templates as readonly MappingTemplate[]) : [templates as MappingTemplate];
  const problems = submitProblems(settings);
  if (list.length === 0) problems.push("Confirm a mapping in the Map step first.");
  if (problems.length) throw new Error(problems.join(" "));
  for (const t of list) if (!sourceOfTemplate(t)) throw new Error("The mapping names no sheet or table.");
  const period = periodDates(settings.reportingPeriod)!;
  const { registry, taxonomy } = services();

  // The signing key first: a bad key file stops before anything is computed or written.
  let key: { privateKey: string; publicKeyPem: string };
  let signerNote: string | undefined;
  if (options.privateKeyPem) {
    key = { privateKey: options.privateKeyPem, publicKeyPem: publicKeyPemOf(options.privateKeyPem) };
  } else {
    const pair = generateEd25519KeyPair();
    key = { privateKey: pair.privateKeyPem, publicKeyPem: pair.publicKeyPem };
    signerNote = EPHEMERAL_NOTE;
  }

  // 1. Each mapped source as received, checked; its records (the Calculate step's: the engine's datasetFromAnySheet).
  const prepared = await prepareSheets(gateway, list, settings, { keepRows: true });
  const inputs: Array<{ name: string; text: string; mediaType: string; description: string }> = [];
  const mapping: Record<string, MappingTemplate> = {};
  const mappingRejections: Array<{ sheet: string; row: number; issues: Issue[] }> = [];
  for (const { template, run } of prepared) {
    const sheetName = run.extent.sheet;
    const width = template.columns.reduce((w, c) => Math.max(w, c.index + 1), 0);
    const asReceived = run.rows.map((r) => (r as CellValue[]).slice(0, width));
    inputs.push({ name: `${safeName(sheetName)}.csv`, text: csvText(asReceived), mediaType: "text/csv", description: `sheet '${sheetName}' as received (CSV, RFC 4180; the mapped columns)` });
    mapping[sheetName] = template;
    // Mapping rejections, with every reason.
    const reasons = new Map<number, Issue[]>();
    for (const p of run.report.problems) if (p.severity === "error") reasons.set(p.row, [...(reasons.get(p.row) ?? []), p.issue]);
    for (const row of run.report.rejectedRows) mappingRejections.push({ sheet: sheetName, row, issues: reasons.get(row) ?? [] });
  }
  const inputsSha256 = Object.fromEntries(inputs.map((f) => [f.name, browserCrypto.sha256(utf8Bytes(f.text))]));

  // 2. One pipeline run over the records of every sheet (recording the factors used).
  const dataset = mergeDatasets(prepared.map((p) => p.built.dataset));
  const runSettings = pipelineSettings(settings);
  const recording = recordingRegistry(registry);
  const out = runPipeline(dataset, { registry: recording, taxonomy, settings: runSettings });

  // 3. Evidence index (documents referenced by the sheets, hashed when the files are attached).
  const offsets = kindOffsets(prepared);
  const evidence = { items: [] as EvidenceItem[], referenced: 0, missing: [] as string[] };
  prepared.forEach(({ template, run, built }, s) => {
    const recs = dataset[built.kind] as Array<{ row: number }>;
    const planBy = new Map(built.plans.map((p) => [p.row, p]));
    const refOf = (row: number): string | null => {
      const plan = planBy.get(row);
      return plan ? `${built.kind}#${recs[(offsets[s]![built.kind] ?? 0) + plan.record]!.row}` : null;
    };
    const e = evidenceIndex(template, run.report.records, refOf, options.evidenceFiles ?? []);
    evidence.items.push(...e.items);
    evidence.referenced += e.referenced;
    evidence.missing.push(...e.missing);
  });
  const sheetNames = prepared.map((p) => p.run.extent.sheet);

  // 4. Audit log: the workbook's entries, then this run's calculate and submit entries.
  const prior = await readAuditLog(gateway);
  const who = settings.preparer.trim();
  const base = { who, when: options.when, method: { id: METHOD.id, version: METHOD.version }, factorLibraries: [...METHOD.libraries], settings: settingsJson(runSettings) as Record<string, unknown>, inputsSha256 };
  const fileName = `${safeName(settings.organization.trim().toLowerCase())}-${safeName(settings.reportingPeriod.trim())}.zip`;
  const appended = [
    auditEntry({ action: "calculate", ...base, note: `taskpane Submit (engine ${ENGINE_VERSION}) on ${sheetNames.map((n) => `sheet '${n}'`).join(", ")}` }),
    auditEntry({ action: "submit", ...base, note: `bundle ${fileName}${signerNote ? `; ${signerNote}` : ""}` }),
  ];

  const date = options.when.slice(0, 10);
  const approvals = [
    ...(settings.reviewer.trim() ? [{ name: settings.reviewer.trim(), role: "reviewer", date, note: `recorded by ${who} in the taskpane Submit step` }] : []),
    ...(settings.approver.trim() ? [{ name: settings.approver.trim(), role: "approver", date, note: `recorded by ${who} in the taskpane Submit step` }] : []),
  ];
  const content = assembleSubmission({
    inputsAsReceived: inputs,
    mapping: { sheets: mapping },
    records: dataset,
    pipelineOutput: out,
    settings: runSettings,
    organization: { name: settings.organization.trim() },
    reportingPeriod: period,
    preparer: { name: who, role: "preparer" },
    approvals,
    auditLog: [...prior.entries, ...appended],
    evidenceIndex: evidence.items,
    mappingRejections,
    ...(signerNote ? { signerNote } : {}),
  });
  const bytes = buildBundle(content, { crypto: browserCrypto, ...key });

  // 5. Only now, with the bundle built: the audit entries go to the workbook (never the key).
  await gateway.writeSetting(AUDIT_KEY, [...prior.entries, ...appended]);

  const inv = out.ledgers.inventory.totalLocationBased;
  const last = options.lastLedgers;
  return {
    bytes,
    fileName,
    sha256: browserCrypto.sha256(bytes),
    fingerprint: publicKeyFingerprint(key.publicKeyPem, browserCrypto)!,
    ephemeral: signerNote !== undefined,
    counts: {
      inputRows: content.manifest.inputRows ?? 0,
      records: content.records.length,
      results: content.results.length,
      rejected: content.validation.rejected.length,
      factorsUsed: content.factorsUsed.length,
      evidence: content.evidence.length,
      auditEvents: content.auditLog.length,
    },
    evidence: { referenced: evidence.referenced, hashed: evidence.items.length, missing: evidence.missing },
    appended,
    matchesLastCalculation: last ? last.inventory.totalLocationBased.eq(inv) && last.avoided.total.eq(out.ledgers.avoided.total) && last.materialFlow.assetsTotal.eq(out.ledgers.materialFlow.assetsTotal) : null,
    inventoryTotal: plain(inv),
  };
}
