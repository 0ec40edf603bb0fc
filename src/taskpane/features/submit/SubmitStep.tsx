import { Button, Caption1, Checkbox, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useDownload } from "../../download";
import type { EsgSettings } from "../settings/settings";
import type { useSubmit } from "./useSubmit";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  facts: { display: "grid", gridTemplateColumns: "minmax(0, auto) minmax(0, 1fr)", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  dd: { margin: 0, overflowWrap: "anywhere" },
  hash: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  file: { maxWidth: "100%" },
});

/** Submit: build the signed submission bundle from the workbook and offer it for download. */
export function SubmitStep({ submit, settings }: { submit: ReturnType<typeof useSubmit>; settings: EsgSettings }) {
  const styles = useStyles();
  const { result } = submit;
  const download = useDownload(result?.bytes ?? null, result?.fileName ?? "bundle.zip", "application/zip");
  const approvals = [settings.reviewer.trim() && `${settings.reviewer.trim()} (reviewer)`, settings.approver.trim() && `${settings.approver.trim()} (approver)`].filter(Boolean).join(", ");
  return (
    <section aria-label="Submit" className={styles.root}>
      <dl className={styles.facts} aria-label="Submission">
        <dt>Organization</dt>
        <dd className={styles.dd}>{settings.organization.trim() || "—"}</dd>
        <dt>Period</dt>
        <dd className={styles.dd}>{settings.reportingPeriod}</dd>
        <dt>Preparer</dt>
        <dd className={styles.dd}>{settings.preparer.trim() || "—"}</dd>
        <dt>Approvals</dt>
        <dd className={styles.dd}>{approvals || "none recorded"}</dd>
      </dl>
      {submit.problems.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{submit.problems.join(" ")}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Signing key (<organization>.key.pem)" hint="Read into memory to sign, then dropped: never saved in the workbook, its settings or the bundle." validationMessage={submit.keyError ?? undefined}>
        <input className={styles.file} type="file" accept=".pem,.key,text/plain" aria-label="Signing key file" onChange={(e) => void submit.pickKey(e.target.files?.[0] ?? null)} />
      </Field>
      {submit.keyInfo && (
        <div className={styles.row}>
          <Caption1 role="status">
            Key {submit.keyInfo.fileName} loaded; public key fingerprint <span className={styles.hash}>{submit.keyInfo.fingerprint}</span>
          </Caption1>
          <Button size="small" onClick={submit.forgetKey}>
            Forget key
          </Button>
        </div>
      )}
      {!submit.keyInfo && (
        <Checkbox checked={submit.ephemeral} onChange={(_, d) => submit.setEphemeral(Boolean(d.checked))} label="No key: sign with an ephemeral key (unverifiable)" />
      )}
      {submit.ephemeral && !submit.keyInfo && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Ephemeral, unverifiable signer</MessageBarTitle>
            This bundle will be signed with a key generated now and then discarded. Nobody can tell that your organization signed it (the manifest says
            “ephemeral, unverifiable signer”). For a real submission, generate a key once with <code>esg keys generate --org “&lt;name&gt;” --out keys/</code> and
            pick <code>keys/&lt;org&gt;.key.pem</code> here.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Evidence files (optional)" hint="Files named after the document ids in the evidence column are hashed (SHA-256) into the evidence index; they stay with you.">
        <input className={styles.file} type="file" multiple aria-label="Evidence files" onChange={(e) => void submit.pickEvidence([...(e.target.files ?? [])])} />
      </Field>
      {submit.evidence.length > 0 && <Caption1>{submit.evidence.length} evidence file(s) hashed.</Caption1>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!submit.canSubmit} onClick={() => void submit.submit()}>
          Build bundle
        </Button>
        {submit.busy && <Spinner size="tiny" label="Building and signing…" />}
      </div>
      {submit.error && (
        <MessageBar intent="error">
          <MessageBarBody>{submit.error}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <>
          <Text role="status" weight="semibold">
            Bundle {result.fileName} built and signed.
          </Text>
          {result.ephemeral && (
            <MessageBar intent="warning">
              <MessageBarBody>Signed with an EPHEMERAL key: a verifier must trust this fingerprint explicitly, and nothing ties it to your organization.</MessageBarBody>
            </MessageBar>
          )}
          {result.matchesLastCalculation === false && (
            <MessageBar intent="warning">
              <MessageBarBody>The workbook changed since the last Calculate: the bundle holds the current numbers; Calculate again to update the results table.</MessageBarBody>
            </MessageBar>
          )}
          <dl className={styles.facts} aria-label="Bundle">
            <dt>SHA-256</dt>
            <dd className={`${styles.dd} ${styles.hash}`} data-testid="bundle-sha256">
              {result.sha256}
            </dd>
            <dt>Signer</dt>
            <dd className={`${styles.dd} ${styles.hash}`} data-testid="bundle-signer">
              {result.fingerprint}
              {result.ephemeral ? " (ephemeral)" : ""}
            </dd>
            <dt>Records</dt>
            <dd className={styles.dd} data-testid="bundle-records">
              {result.counts.records} computed, {result.counts.rejected} rejected of {result.counts.inputRows} rows
            </dd>
            <dt>Inventory</dt>
            <dd className={styles.dd}>{result.inventoryTotal} kg CO2e (location-based)</dd>
            <dt>Factors</dt>
            <dd className={styles.dd}>{result.counts.factorsUsed} used</dd>
            <dt>Evidence</dt>
            <dd className={styles.dd}>
              {result.evidence.referenced === 0
                ? "no evidence column mapped"
                : `${result.evidence.hashed} of ${result.evidence.referenced} referenced documents hashed${result.evidence.missing.length ? ` (not attached: ${result.evidence.missing.slice(0, 5).join(", ")}${result.evidence.missing.length > 5 ? ", …" : ""})` : ""}`}
            </dd>
            <dt>Audit log</dt>
            <dd className={styles.dd}>
              {result.counts.auditEvents} entries in the bundle; {result.appended.length} appended to the workbook
            </dd>
          </dl>
          {download ? (
            <Link href={download.url} download={download.fileName} data-testid="bundle-download">
              Download {download.fileName} ({download.size.toLocaleString("en")} bytes)
            </Link>
          ) : (
            <Caption1>This host cannot offer downloads.</Caption1>
          )}
        </>
      )}
    </section>
  );
}
