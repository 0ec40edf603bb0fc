import { Badge, Button, Caption1, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { useInspect } from "./useInspect";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, overflowWrap: "anywhere" },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalXS, wordBreak: "break-all" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  trace: { tableLayout: "fixed", width: "100%" },
  key: { width: "38%", fontWeight: tokens.fontWeightSemibold, verticalAlign: "top" },
});

/** Inspect: for the selected cell, how its value was made — readable first, the full trace on demand. */
export function InspectStep({ inspect }: { inspect: ReturnType<typeof useInspect> }) {
  const styles = useStyles();
  const { outcome, busy, error, showTrace, setShowTrace } = inspect;
  return (
    <section aria-label="Inspect" className={styles.root}>
      <Button appearance="primary" onClick={() => void inspect.inspect()} disabled={busy}>
        Explain the selected cell
      </Button>
      {busy && <Spinner size="tiny" label="Recomputing…" />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!outcome && !busy && <Text>Select a cell holding an =ESG.* formula (for example in the results table) and explain it.</Text>}
      {outcome?.kind === "not-esg" && (
        <Text role="status">
          {outcome.cell.address} holds {typeof outcome.cell.formula === "string" && outcome.cell.formula.startsWith("=") ? "a formula without ESG functions" : "a value, not a formula"}: there is nothing to explain.
        </Text>
      )}
      {outcome?.kind === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            {outcome.cell.address}: {outcome.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === "explained" && (
        <article aria-label="Explanation">
          <Caption1>{outcome.explanation.cell.address}</Caption1>
          <div className={styles.formula}>{String(outcome.explanation.cell.formula)}</div>
          <Text as="p" weight="semibold" data-testid="explain-sentence">
            {outcome.explanation.sentence}
          </Text>
          <ul className={styles.list} aria-label="The numbers that matter">
            {outcome.explanation.inputs
              .filter((i) => i.origin !== "defaulted")
              .map((i) => (
                <li key={`i-${i.name}`}>
                  <Text>
                    {i.name}: {i.value}
                    {i.unit ? ` ${i.unit}` : ""} ({i.origin})
                  </Text>
                </li>
              ))}
            {outcome.explanation.factors.map((f) => (
              <li key={`f-${f.id}`}>
                <Text>
                  Factor {f.id}: {f.value} {f.unit} — {f.userSupplied ? "supplied by the user" : `${f.source}, ${f.table}, ${f.region} ${f.year}`}
                </Text>
              </li>
            ))}
            {outcome.explanation.clause && (
              <li>
                <Text>
                  Method {outcome.explanation.method} {outcome.explanation.clause}
                </Text>
              </li>
            )}
          </ul>
          {outcome.explanation.flags.map((f) => (
            <MessageBar key={f} intent="warning">
              <MessageBarBody>{f}</MessageBarBody>
            </MessageBar>
          ))}
          <div role="status" data-testid="recompute">
            {outcome.explanation.recompute.matches ? (
              <Badge color="success" appearance="tint">
                Recomputed: {outcome.explanation.recompute.recomputed} — matches the cell
              </Badge>
            ) : (
              <Badge color="danger" appearance="tint">
                Recomputed {outcome.explanation.recompute.recomputed}, but the cell holds {outcome.explanation.recompute.current || "(empty)"}
              </Badge>
            )}
          </div>
          <Button appearance="subtle" aria-expanded={showTrace} onClick={() => setShowTrace(!showTrace)}>
            {showTrace ? "Hide the full trace" : "Show the full trace"}
          </Button>
          {showTrace && (
            <Table size="extra-small" aria-label="Full trace" className={styles.trace}>
              <TableBody>
                {outcome.explanation.trace.map(([k, v], i) => (
                  <TableRow key={i}>
                    <TableCell className={styles.key}>{k}</TableCell>
                    <TableCell>{v}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </article>
      )}
    </section>
  );
}
