/**
 * `assembleSubmission`: everything a verifier needs, from one pipeline run, as the typed slots of a
 * bundle (`BundleContent` for `buildBundle`, or the streaming form for `writeBundleStream`):
 * the inputs as received, the mapping, the normalized records the pipeline computed, per-row
 * results, the three ledgers, a trace per row, the factors used with provenance, the validation
 * report (every rejected row and why), the evidence index, the disclosures and the audit log.
 *
 * Pure: the time (`generatedAt`, the audit entries' `when`) is whatever the caller passes.
 */
import type { Issue } from "../issues/issue";
import type { TraceFactor, Trace } from "../trace/trace";
import { traceOfFactor, type FactorRegistry, type Resolved, type FactorQuery } from "../factors/registry";
import { METHOD, ENGINE_VERSION } from "../method";
import type { JsonValue } from "../bundle/canonical-json";
import type { BundleContent, BundleInputFile } from "../bundle/bundle";
import type { EvidenceItem } from "../bundle/manifest";
import type { LineSource, StreamingBundleContent } from "../bundle/stream";
import { RECORD_KINDS, ROW_COMPUTED, explainRow, rowLines, type Dataset, type PipelineOutput, type PipelineSettings, type RecordKind, type RowIssue } from "../pipeline";
import { AuditEntrySchema, type AuditEntry } from "./audit";
import { canonicalJsonLine, jsonString } from "../bundle/canonical-json";
import { disclosuresFromTotals, disclosuresJson, jsonSafe, jsonSafeLine, ledgersJson, rowRef, settingsJson } from "./serialize";

/** A registry that remembers every factor it resolved (wrap the run's registry with it to list the factors used). */
export interface RecordingRegistry extends FactorRegistry {
  usedFactors(): TraceFactor[];
}

/** Wraps a registry so that every resolved factor is recorded (the wrapper is the registry in every other respect). */
export function recordingRegistry(registry: FactorRegistry): RecordingRegistry {
  const used = new Map<string, TraceFactor>();
  const wrapper = Object.create(registry) as RecordingRegistry;
  wrapper.get = (id: string, query?: FactorQuery): Resolved => {
    const r = registry.get(id, query);
    const f = r.loaded.factor;
    const key = `${r.loaded.library.id}@${r.loaded.library.version}|${f.id}|${f.region}|${f.year}`;
    if (!used.has(key)) used.set(key, traceOfFactor(r));
    return r;
  };
  wrapper.usedFactors = () => sortFactors([...used.values()]);
  return wrapper;
}

function isRecording(r: FactorRegistry): r is RecordingRegistry {
  return typeof (r as Partial<RecordingRegistry>).usedFactors === "function";
}

function factorKey(f: TraceFactor): string {
  return `${f.library}@${f.libraryVersion}|${f.id}|${f.region}|${f.year}|${f.userSupplied ? f.value : ""}`;
}

function sortFactors(list: TraceFactor[]): TraceFactor[] {
  return list.sort((a, b) => (factorKey(a) < factorKey(b) ? -1 : factorKey(a) > factorKey(b) ? 1 : 0));
}

export type TraceDetail = "full" | "summary";

export interface SubmissionInput {
  /** The inputs as received: CSV text per sheet (or any file), stored byte for byte under inputs/. */
  inputsAsReceived: ReadonlyArray<{ name: string; text: string | Uint8Array; mediaType?: string; description?: string }>;
  /** The mapping applied (a template, or templates per sheet). */
  mapping: unknown;
  /** The normalized dataset the pipeline ran on (kept for the record; the run's output refers to it). */
  records: Dataset;
  pipelineOutput: PipelineOutput;
  /** The run settings (as passed to runPipeline). */
  settings: PipelineSettings;
  organization: { name: string; id?: string };
  reportingPeriod: { start: string; end: string };
  preparer: { name: string; role?: string; email?: string };
  approvals?: ReadonlyArray<{ name: string; role: string; date: string; note?: string }>;
  auditLog?: readonly AuditEntry[];
  evidenceIndex?: readonly EvidenceItem[];
  /** Only if given (ISO 8601); never read from a clock. */
  generatedAt?: string;
  /** Rows the mapping rejected before the pipeline (sheet rows), each with its issues. */
  mappingRejections?: ReadonlyArray<{ sheet?: string; row: number; issues: readonly Issue[] }>;
  /** Factors used; default: those recorded by a `recordingRegistry` the run used, else those found in the row traces. */
  factorsUsed?: readonly TraceFactor[];
  /** "full": the method trace of every row (explainRow); "summary": line values and the method clause per line (for very large runs). Default: full up to 50,000 rows. */
  traceDetail?: TraceDetail;
  /** Pins written in the manifest (default: this engine's method and libraries). */
  method?: { id: string; version: string };
  factorLibraries?: ReadonlyArray<{ id: string; version: string; dataSha256: string }>;
  taxonomyPins?: ReadonlyArray<{ id: string; version: string }>;
  /** manifest.signer.note, e.g. "ephemeral, unverifiable signer". */
  signerNote?: string;
}

export const FULL_TRACE_LIMIT = 50_000;

/** The computed rows of a run, in bundle order (kinds in RECORD_KINDS order, rows in list order). */
function* computedRows(out: PipelineOutput): Iterable<{ kind: RecordKind; index: number; raw: unknown; row: number }> {
  for (const kind of RECORD_KINDS) {
    const list = out.dataset[kind] ?? [];
    const base = out.offsets[kind];
    for (let i = 0; i < list.length; i++) {
      if (out.status[base + i] !== ROW_COMPUTED) continue;
      const raw = list[i];
      yield { kind, index: i, raw, row: (raw as { row: number }).row };
    }
  }
}

/** A trace with factors reduced to references (their provenance is in factors-used.json). */
function compactTrace(t: Trace): JsonValue {
  return jsonSafe({
    ...t,
    factors: t.factors.map((f) =>
      f.userSupplied ? f : { id: f.id, value: f.value, unit: f.unit, library: f.library, libraryVersion: f.libraryVersion, region: f.region, year: f.year, userSupplied: false, ...(f.proxyFor ? { proxyFor: f.proxyFor } : {}) },
    ),
  });
}

function issueJson(i: Issue, field?: string): JsonValue {
  return jsonSafe({ ...(field !== undefined ? { field } : {}), code: i.code, message: i.message, params: i.params, ...(i.suggestions?.length ? { suggestions: i.suggestions } : {}) });
}

/** validation-report.json: one entry per rejected row (mapping or pipeline), with every reason. */
export function validationReport(out: PipelineOutput, mappingRejections: SubmissionInput["mappingRejections"] = []): BundleContent["validation"] {
  const rejected: JsonValue[] = [];
  for (const m of mappingRejections) {
    rejected.push({ stage: "map", ...(m.sheet !== undefined ? { sheet: m.sheet } : {}), row: m.row, issues: m.issues.map((i) => issueJson(i)) });
  }
  const byRow = new Map<string, RowIssue[]>();
  for (const r of out.report.rejected) {
    const k = `${r.kind}|${r.index}`;
    const list = byRow.get(k);
    if (list) list.push(r);
    else byRow.set(k, [r]);
  }
  for (const kind of RECORD_KINDS) {
    const list = out.dataset[kind] ?? [];
    for (let i = 0; i < list.length; i++) {
      const issues = byRow.get(`${kind}|${i}`);
      if (!issues) continue;
      rejected.push({ stage: issues[0]!.stage, kind, row: issues[0]!.row, ref: rowRef(kind, issues[0]!.row), index: i, record: jsonSafe(list[i]), issues: issues.map((x) => issueJson(x.issue, x.field)) });
    }
  }
  return {
    rejected,
    warnings: out.report.warnings.map((w) => jsonSafe({ kind: w.kind, row: w.row, ref: rowRef(w.kind, w.row), stage: w.stage, ...(issueJson(w.issue, w.field) as object) })),
    conflicts: out.report.conflicts.map((c) => jsonSafe({ kind: c.kind, lotId: c.lotId, family: c.family, period: c.period, code: c.issue.code, message: c.issue.message })),
    counts: jsonSafe({
      mapRejected: mappingRejections.length,
      pipelineRowsIn: out.counts.rowsIn,
      computed: out.counts.rowsComputed,
      pipelineRejected: out.counts.rowsRejected,
      byKind: out.counts.byKind,
    }),
  };
}

/** The streaming form: records, results and traces are generated while the bundle is written. */
export function assembleSubmissionStream(input: SubmissionInput): StreamingBundleContent {
  const out = input.pipelineOutput;
  const computed = out.counts.rowsComputed;
  const detail: TraceDetail = input.traceDetail ?? (computed <= FULL_TRACE_LIMIT ? "full" : "summary");
  const registry = out.context.registry;
  let factorsUsed: readonly TraceFactor[];
  if (input.factorsUsed) factorsUsed = sortFactors([...input.factorsUsed]);
  else if (isRecording(registry)) factorsUsed = registry.usedFactors();
  else {
    const seen = new Map<string, TraceFactor>();
    for (const r of computedRows(out)) {
      try {
        for (const l of explainRow(out, r.kind, r.index).lines) for (const f of l.result.trace.factors) seen.set(factorKey(f), f);
      } catch {
        // covered by the traces' traceError
      }
    }
    factorsUsed = sortFactors([...seen.values()]);
  }
  const disclosures = disclosuresFromTotals(out.totals, input.settings, out.context.taxonomy);
  const ledgers = ledgersJson(out.ledgers, out.totals, disclosures.materialFlow);
  const validation = validationReport(out, input.mappingRejections);
  const auditLog = (input.auditLog ?? []).map((e) => jsonSafe(AuditEntrySchema.parse(e)));

  const records: LineSource = {
    count: computed,
    *lines() {
      for (const r of computedRows(out)) yield { kind: r.kind, row: r.row, ref: rowRef(r.kind, r.row), record: jsonSafe(r.raw) };
    },
    // The same lines serialized directly (keys in canonical order: kind, record, ref, row).
    *texts() {
      for (const r of computedRows(out)) {
        const ref = rowRef(r.kind, r.row);
        yield Number.isSafeInteger(r.row)
          ? `{"kind":${jsonString(r.kind)},"record":${jsonSafeLine(r.raw)},"ref":${jsonString(ref)},"row":${r.row === 0 ? "0" : String(r.row)}}`
          : canonicalJsonLine({ kind: r.kind, row: r.row, ref, record: jsonSafe(r.raw) });
      }
    },
  };
  const results: LineSource = {
    count: computed,
    *lines() {
      for (const r of computedRows(out)) {
        yield { ref: rowRef(r.kind, r.row), lines: rowLines(out, r.kind, r.index).map((l) => ({ code: l.code.id, value: l.value, unit: l.code.unit })) };
      }
    },
  };
  const traces: LineSource = {
    count: computed,
    *lines() {
      const methods = new Map<string, string>();
      for (const r of computedRows(out)) {
        const ref = rowRef(r.kind, r.row);
        if (detail === "full") {
          let e: ReturnType<typeof explainRow> | null = null;
          let why = "";
          try {
            e = explainRow(out, r.kind, r.index);
          } catch (err) {
            why = err instanceof Error ? err.message : String(err);
          }
          if (e) yield { ref, detail, lines: e.lines.map((l) => ({ code: l.code.id, value: l.value, unit: l.code.unit, agrees: l.agrees, trace: compactTrace(l.result.trace) })) };
          else yield { ref, detail, traceError: why, lines: rowLines(out, r.kind, r.index).map((l) => ({ code: l.code.id, value: l.value, unit: l.code.unit })) };
        } else {
          // Summary: per line the code and the method (name and clause); the values are in results.jsonl, the
          // full trace of any row is rebuilt on demand from records.jsonl + settings.json (explainRow).
          const lines = rowLines(out, r.kind, r.index);
          if (lines.some((l) => !methods.has(l.code.id))) {
            try {
              for (const l of explainRow(out, r.kind, r.index).lines) if (!methods.has(l.code.id)) methods.set(l.code.id, l.result.trace.method.name);
            } catch {
              // A line the explain stage does not cover yet: the method name stays null (the recompute does not need it).
            }
          }
          yield { ref, detail, lines: lines.map((l) => [l.code.id, methods.get(l.code.id) ?? null]) };
        }
      }
    },
  };
  const inputs: BundleInputFile[] = input.inputsAsReceived.map((f) => ({
    name: f.name,
    bytes: f.text,
    mediaType: f.mediaType ?? (f.name.endsWith(".csv") ? "text/csv" : "application/octet-stream"),
    ...(f.description !== undefined ? { description: f.description } : {}),
  }));
  const mapRejected = input.mappingRejections?.length ?? 0;
  return {
    manifest: {
      organization: input.organization,
      reportingPeriod: input.reportingPeriod,
      preparer: input.preparer,
      approvals: input.approvals ?? [],
      method: input.method ?? { id: METHOD.id, version: METHOD.version },
      engine: { version: ENGINE_VERSION },
      factorLibraries: input.factorLibraries ?? METHOD.libraries,
      taxonomy: input.taxonomyPins ?? METHOD.taxonomy,
      ...(input.generatedAt !== undefined ? { generatedAt: input.generatedAt } : {}),
      inputRows: out.counts.rowsIn + mapRejected,
      ...(input.signerNote !== undefined ? { signerNote: input.signerNote } : {}),
    },
    inputs,
    mapping: jsonSafe(input.mapping),
    settings: settingsJson(input.settings),
    records,
    results,
    traces,
    ledgers,
    factorsUsed: factorsUsed.map((f) => jsonSafe(f)),
    validation,
    evidence: input.evidenceIndex ?? [],
    disclosures: disclosuresJson(disclosures),
    auditLog,
  };
}

/** `BundleContent` for `buildBundle` (the line entries materialized; use the stream form for very large runs). */
export function assembleSubmission(input: SubmissionInput): BundleContent {
  const s = assembleSubmissionStream(input);
  const arr = (x: LineSource | readonly JsonValue[]): JsonValue[] => (Array.isArray(x) ? [...(x as JsonValue[])] : ([...(x as LineSource).lines()] as JsonValue[]));
  return { ...s, records: arr(s.records), results: arr(s.results), traces: arr(s.traces), auditLog: arr(s.auditLog) };
}
