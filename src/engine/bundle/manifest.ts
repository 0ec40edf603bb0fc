/**
 * The bundle manifest (`manifest.json`), bundle format 1.0, and the fixed list of entries.
 * The manifest says who submits what for which period under which method, factor libraries and
 * engine, and how many records each entry holds. It holds no wall-clock time unless the preparer
 * supplies one (`generatedAt`), so identical inputs give identical bytes.
 */
import { z } from "zod";

export const BUNDLE_FORMAT = "1.0" as const;

/** The fixed entries of bundle format 1.0, in zip order. `inputs/<file>` entries come after the manifest. */
export const ENTRY = {
  manifest: "manifest.json",
  mapping: "mapping.json",
  settings: "settings.json",
  records: "records.jsonl",
  results: "results.jsonl",
  traces: "traces.jsonl",
  ledgerInventory: "ledgers/inventory.json",
  ledgerMaterialFlow: "ledgers/material-flow.json",
  ledgerAvoided: "ledgers/avoided.json",
  factorsUsed: "factors-used.json",
  validation: "validation-report.json",
  evidence: "evidence-index.json",
  disclosures: "disclosures.json",
  auditLog: "audit-log.jsonl",
  publicKey: "signer.pub.pem",
  sums: "SHA256SUMS",
  signature: "SHA256SUMS.sig",
} as const;

export const INPUTS_DIR = "inputs/";

/** Hashed entries in zip order; `inputs/*` go right after the manifest (sorted by name). */
export const HASHED_ENTRIES: readonly string[] = [
  ENTRY.manifest,
  ENTRY.mapping,
  ENTRY.settings,
  ENTRY.records,
  ENTRY.results,
  ENTRY.traces,
  ENTRY.ledgerInventory,
  ENTRY.ledgerMaterialFlow,
  ENTRY.ledgerAvoided,
  ENTRY.factorsUsed,
  ENTRY.validation,
  ENTRY.evidence,
  ENTRY.disclosures,
  ENTRY.auditLog,
  ENTRY.publicKey,
];

/** A file name allowed under `inputs/`: one segment of letters, digits, '.', '_' and '-', not starting with '.'. */
export const INPUT_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** The canonical zip order of a set of entry names (unknown names last, sorted). */
export function canonicalEntryOrder(names: readonly string[]): string[] {
  const rank = (n: string): number => {
    if (n === ENTRY.manifest) return 0;
    if (n.startsWith(INPUTS_DIR)) return 1;
    const i = HASHED_ENTRIES.indexOf(n);
    if (i > 0) return i + 1;
    if (n === ENTRY.sums) return 100;
    if (n === ENTRY.signature) return 101;
    return 200;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const count = z.number().int().min(0);

export const ManifestSchema = z
  .object({
    bundleFormat: z.literal(BUNDLE_FORMAT),
    organization: z.object({ name: z.string().min(1), id: z.string().min(1).optional() }).strict(),
    reportingPeriod: z.object({ start: isoDate, end: isoDate }).strict(),
    preparer: z.object({ name: z.string().min(1), role: z.string().optional(), email: z.string().optional() }).strict(),
    approvals: z.array(z.object({ name: z.string().min(1), role: z.string().min(1), date: isoDate, note: z.string().optional() }).strict()),
    method: z.object({ id: z.string().min(1), version: z.string().min(1) }).strict(),
    engine: z.object({ version: z.string().min(1) }).strict(),
    factorLibraries: z.array(z.object({ id: z.string().min(1), version: z.string().min(1), dataSha256: hex64 }).strict()),
    taxonomy: z.array(z.object({ id: z.string().min(1), version: z.string().min(1) }).strict()),
    /** Only when the preparer supplied it: ISO 8601 text, never read from the clock. */
    generatedAt: z.string().optional(),
    inputs: z.array(z.object({ path: z.string(), mediaType: z.string().min(1), description: z.string().optional() }).strict()),
    recordCounts: z
      .object({
        /** Rows read from the inputs, when the preparer's run reports it: records + rejected must equal it. */
        inputRows: count.optional(),
        records: count,
        results: count,
        traces: count,
        rejected: count,
        factorsUsed: count,
        evidence: count,
        auditEvents: count,
      })
      .strict(),
    signer: z
      .object({
        organization: z.string().min(1),
        publicKeyFingerprint: hex64,
        /** Set when the key is not the organization's registered key, e.g. "ephemeral, unverifiable signer" (esg run without --key). */
        note: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict()
  .refine((m) => m.reportingPeriod.start <= m.reportingPeriod.end, { message: "reportingPeriod.start is after reportingPeriod.end", path: ["reportingPeriod"] });

export type Manifest = z.infer<typeof ManifestSchema>;

export const EvidenceItemSchema = z
  .object({
    documentId: z.string().min(1),
    /** e.g. scale-ticket, bill-of-lading, certificate-of-recycling, sanitization-record, invoice, meter-read. */
    kind: z.string().min(1),
    sha256: hex64,
    title: z.string().optional(),
    /** Where the verifier finds the document (a path or reference in the preparer's archive; never fetched). */
    location: z.string().optional(),
    /** Record references this document supports, e.g. "dispositions#12". */
    supports: z.array(z.string()).optional(),
  })
  .strict();
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
