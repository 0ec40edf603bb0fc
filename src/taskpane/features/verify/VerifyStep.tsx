import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useDownload } from "../../download";
import type { useVerify } from "./useVerify";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  facts: { display: "grid", gridTemplateColumns: "minmax(0, auto) minmax(0, 1fr)", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  dd: { margin: 0, overflowWrap: "anywhere" },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  file: { maxWidth: "100%" },
  heading: { margin: 0 },
});

const STATUS: Record<string, { text: string; color: "success" | "danger" | "informative" }> = {
  pass: { text: "pass", color: "success" },
  fail: { text: "FAIL", color: "danger" },
  "not-run": { text: "not run", color: "informative" },
};

/** Verify: open a bundle, check and recompute it, compare with the open workbook, export findings. */
export function VerifyStep({ verify }: { verify: ReturnType<typeof useVerify> }) {
  const styles = useStyles();
  const o = verify.outcome;
  const download = useDownload(verify.findingsJson, o ? `${o.fileName.replace(/\.zip$/i, "")}.findings.json` : "findings.json", "application/json");
  const m = o?.structure.manifest ?? null;
  const checks = o ? [...o.structure.checks, { name: "recompute", ...o.recomputeStatus }] : [];
  return (
    <section aria-label="Verify" className={styles.root}>
      <Field label="Bundle (.zip)">
        <input className={styles.file} type="file" accept=".zip,application/zip" aria-label="Bundle file" onChange={(e) => verify.setFile(e.target.files?.[0] ?? null)} />
      </Field>
      <Field
        label="Trusted keys"
        hint="The organization's public key (PEM) or its fingerprint (64 hex digits), obtained through a channel you trust — not from the bundle."
        validationMessage={verify.trust.problems.length ? verify.trust.problems.join("; ") : undefined}
        validationState={verify.trust.problems.length ? "warning" : "none"}
      >
        <Textarea value={verify.trustText} onChange={(_, d) => verify.setTrustText(d.value)} resize="vertical" />
      </Field>
      <Field label="Or pick public key files">
        <input className={styles.file} type="file" multiple accept=".pem,text/plain" aria-label="Trusted public key files" onChange={(e) => void verify.addTrustFiles([...(e.target.files ?? [])])} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={!verify.file || verify.busy} onClick={() => void verify.verify()}>
          Verify bundle
        </Button>
        {verify.busy && <Spinner size="tiny" label="Checking and recomputing…" />}
        {verify.trust.keys.length > 0 && <Caption1>{verify.trust.keys.length} trusted key(s)</Caption1>}
      </div>
      {verify.error && (
        <MessageBar intent="error">
          <MessageBarBody>{verify.error}</MessageBarBody>
        </MessageBar>
      )}
      {o && (
        <>
          <MessageBar intent={o.ok ? "success" : "error"}>
            <MessageBarBody data-testid="verify-result">
              {o.ok
                ? `Structure, hashes, signature, signer and recompute hold; ${o.comparison && o.comparison.rowsCompared > 0 ? "the workbook agrees with the bundle" : "no results table in the open workbook to compare with"}.`
                : `Problems found: ${[
                    o.structure.ok ? null : `${o.structure.problems.length} bundle problem(s)`,
                    o.recomputeStatus.status === "pass" ? null : `recompute ${o.recomputeStatus.status === "fail" ? "differs" : "not run"}`,
                    o.comparison?.findings.length ? `${o.comparison.findings.length} difference(s) with the workbook` : null,
                  ]
                    .filter(Boolean)
                    .join(", ")}.`}
            </MessageBarBody>
          </MessageBar>
          {m?.signer.note && (
            <MessageBar intent="warning">
              <MessageBarBody>Signer note: {m.signer.note}</MessageBarBody>
            </MessageBar>
          )}
          <dl className={styles.facts} aria-label="Bundle facts">
            <dt>File</dt>
            <dd className={styles.dd}>
              {o.fileName} ({o.size.toLocaleString("en")} bytes)
            </dd>
            <dt>SHA-256</dt>
            <dd className={`${styles.dd} ${styles.mono}`}>{o.sha256}</dd>
            {m && (
              <>
                <dt>Organization</dt>
                <dd className={styles.dd}>{m.organization.name}</dd>
                <dt>Period</dt>
                <dd className={styles.dd}>
                  {m.reportingPeriod.start} to {m.reportingPeriod.end}
                </dd>
                <dt>Preparer</dt>
                <dd className={styles.dd}>{m.preparer.name}</dd>
                <dt>Approvals</dt>
                <dd className={styles.dd}>{m.approvals.length ? m.approvals.map((a) => `${a.name} (${a.role}, ${a.date})`).join("; ") : "none"}</dd>
                <dt>Method</dt>
                <dd className={styles.dd}>
                  {m.method.id} {m.method.version} · engine {m.engine.version}
                </dd>
                <dt>Libraries</dt>
                <dd className={styles.dd}>{m.factorLibraries.map((l) => `${l.id}@${l.version}`).join(", ")}</dd>
                <dt>Records</dt>
                <dd className={styles.dd}>
                  {m.recordCounts.records} records, {m.recordCounts.rejected} rejected{m.recordCounts.inputRows !== undefined ? ` of ${m.recordCounts.inputRows} rows` : ""}
                </dd>
              </>
            )}
            {o.structure.signer && (
              <>
                <dt>Signer</dt>
                <dd className={`${styles.dd} ${styles.mono}`} data-testid="verify-signer">
                  {o.structure.signer.fingerprint} {o.structure.signer.trusted ? "(trusted)" : "(NOT trusted: unknown key)"}
                </dd>
              </>
            )}
          </dl>
          <h2 className={styles.heading}>
            <Text weight="semibold">Checks</Text>
          </h2>
          <ul className={styles.list} aria-label="Checks">
            {checks.map((c) => (
              <li key={c.name} data-testid={`check-${c.name}`} data-status={c.status}>
                <Badge appearance="tint" color={STATUS[c.status]!.color}>
                  {STATUS[c.status]!.text}
                </Badge>{" "}
                <Text weight="semibold">{c.name}</Text> <Caption1>{c.detail}</Caption1>
              </li>
            ))}
          </ul>
          {o.structure.problems.length > 0 && (
            <ul className={styles.list} aria-label="Bundle problems">
              {o.structure.problems.slice(0, 50).map((p, i) => (
                <li key={i}>
                  <Caption1>
                    {p.entry}: {p.code}: {p.message}
                  </Caption1>
                </li>
              ))}
            </ul>
          )}
          {o.recompute && (
            <>
              <h2 className={styles.heading}>
                <Text weight="semibold">Rules</Text>
              </h2>
              <ul className={styles.list} aria-label="Rules">
                {o.rules.map((r) => (
                  <li key={r.rule} data-testid={`rule-${r.rule.replace(/\s+/g, "-")}`}>
                    <Badge appearance="tint" color={r.ok ? "success" : "danger"}>
                      {r.ok ? "holds" : "VIOLATED"}
                    </Badge>{" "}
                    {r.rule}
                    {r.rule === "mass balance" && !o.recompute!.disclosures.materialFlow ? " (no site mass balance in the settings: GRI 306 not built)" : ""}
                    {r.messages.length > 0 && <Caption1> {r.messages.slice(0, 3).join("; ")}</Caption1>}
                  </li>
                ))}
              </ul>
              {o.recompute.findings.length > 0 && (
                <ul className={styles.list} aria-label="Recompute findings">
                  {o.recompute.findings.slice(0, 50).map((f, i) => (
                    <li key={i}>
                      <Caption1>
                        {f.type === "violation" ? `VIOLATION (${f.rule})` : f.type === "error" ? "ERROR" : "DIFFERS"}: {f.message}
                      </Caption1>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {o.comparison && (
            <>
              <h2 className={styles.heading}>
                <Text weight="semibold">Against the open workbook</Text>
              </h2>
              <Text role="status" data-testid="comparison-summary">
                {o.comparison.rowsCompared} rows compared
                {o.comparison.tables.filter((t) => t.found).length ? ` (${o.comparison.tables.filter((t) => t.found).map((t) => t.table).join(", ")})` : ""}; {o.comparison.findings.length} difference(s)
                {o.comparison.notEvaluated ? `; ${o.comparison.notEvaluated} formula cells not evaluated by this host` : ""}.
              </Text>
              {o.comparison.notes.map((n) => (
                <Caption1 key={n}>{n}</Caption1>
              ))}
              {o.comparison.findings.length > 0 && (
                <div className={styles.scroll}>
                  <Table size="extra-small" aria-label="Differences with the workbook">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>Row</TableHeaderCell>
                        <TableHeaderCell>Column</TableHeaderCell>
                        <TableHeaderCell>Bundle</TableHeaderCell>
                        <TableHeaderCell>Workbook</TableHeaderCell>
                        <TableHeaderCell>Recomputed</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {o.comparison.findings.slice(0, 200).map((f, i) => (
                        <TableRow key={i}>
                          <TableCell>{f.row}</TableCell>
                          <TableCell>{f.column}</TableCell>
                          <TableCell>{f.bundle}</TableCell>
                          <TableCell>{f.workbook}</TableCell>
                          <TableCell>{f.recomputed}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              )}
            </>
          )}
          <Field label="Verifier (for the findings file)">
            <Input value={verify.verifier} onChange={(_, d) => verify.setVerifier(d.value)} />
          </Field>
          {download && (
            <Link href={download.url} download={download.fileName} data-testid="findings-download">
              Download findings ({download.fileName})
            </Link>
          )}
        </>
      )}
    </section>
  );
}
