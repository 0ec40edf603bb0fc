import { useState } from "react";
import { Button, Caption1, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetters } from "../../../office/a1";
import type { useCheck } from "./useCheck";
import { ISSUES_SHEET } from "./run-check";
import { messageOf } from "../../messages";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  counts: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: tokens.spacingHorizontalS, margin: 0 },
  count: { display: "flex", flexDirection: "column", padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusMedium },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: tokens.spacingHorizontalS, overflowWrap: "anywhere" },
  warn: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

const SHOWN = 50;

/** Check: counts (read / ready / rejected) and every problem by row and column, with its fix. */
export function CheckStep({ check, mapped }: { check: ReturnType<typeof useCheck>; mapped: boolean }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const { run, progress, error, written } = check;
  if (!mapped) return <Text>Confirm a mapping in the Map step first.</Text>;
  const problems = run?.report.problems ?? [];
  const shown = all ? problems : problems.slice(0, SHOWN);
  return (
    <section aria-label="Check rows" className={styles.root}>
      <div className={styles.row}>
        <Button appearance="primary" disabled={progress !== null} onClick={() => void check.check()}>
          Run checks
        </Button>
        {progress !== null && <Button onClick={check.cancel}>Cancel</Button>}
      </div>
      {progress !== null && <ProgressBar value={progress} aria-label="Checking rows" />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {run && (
        <>
          <dl className={styles.counts} aria-label="Row counts">
            <div className={styles.count}>
              <dt>
                <Caption1>Rows read</Caption1>
              </dt>
              <dd data-testid="count-read" style={{ margin: 0 }}>
                <Text size={500}>{run.report.counts.read}</Text>
              </dd>
            </div>
            <div className={styles.count}>
              <dt>
                <Caption1>Ready</Caption1>
              </dt>
              <dd data-testid="count-ready" style={{ margin: 0 }}>
                <Text size={500}>{run.report.counts.ready}</Text>
              </dd>
            </div>
            <div className={styles.count}>
              <dt>
                <Caption1>Rejected</Caption1>
              </dt>
              <dd data-testid="count-rejected" style={{ margin: 0 }}>
                <Text size={500}>{run.report.counts.rejected}</Text>
              </dd>
            </div>
          </dl>
          {run.report.counts.flagged > 0 && <Caption1>{run.report.counts.flagged} ready rows carry warnings to review.</Caption1>}
          {written !== null && (
            <Caption1 role="status">
              {written === 0 ? "No problems: every row is ready." : `${written} problems written to the “${ISSUES_SHEET}” sheet.`}
            </Caption1>
          )}
          {problems.length > 0 && (
            <ul className={styles.list} aria-label="Problems">
              {shown.map((p, i) => (
                <li key={i} className={p.severity === "warning" ? `${styles.item} ${styles.warn}` : styles.item}>
                  <Text weight="semibold">
                    Row {p.row}
                    {p.column !== undefined ? `, ${columnLetters(run.extent.firstColumn + p.column)}${p.row}${p.header ? ` (${p.header})` : ""}` : ""} · {p.severity}
                  </Text>
                  <br />
                  <Text>{messageOf(p.issue, p.severity).text}</Text>
                  <br />
                  <Caption1>Fix: {messageOf(p.issue, p.severity).fix}</Caption1>
                </li>
              ))}
            </ul>
          )}
          {problems.length > SHOWN && (
            <Button appearance="subtle" onClick={() => setAll((v) => !v)}>
              {all ? `Show the first ${SHOWN}` : `Show all ${problems.length} problems`}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
