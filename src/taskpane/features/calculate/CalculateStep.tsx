import { Button, Caption1, Checkbox, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { plain } from "../../../engine";
import type { useCalculate } from "./useCalculate";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  figures: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, margin: 0, overflowWrap: "anywhere" },
  value: { margin: 0, textAlign: "right", fontVariantNumeric: "tabular-nums" },
});

const PHASE: Record<string, string> = { read: "Reading and checking rows", calculate: "Calculating", write: "Writing results", summary: "Writing the summary", done: "Done" };

/** Calculate: progress, cancel, and the headline figures of the three ledgers. */
export function CalculateStep({ calc, mapped }: { calc: ReturnType<typeof useCalculate>; mapped: boolean }) {
  const styles = useStyles();
  if (!mapped) return <Text>Confirm a mapping in the Map step first.</Text>;
  const { mode, setMode, progress, result, error } = calc;
  const figures: Array<[string, string, string]> = result
    ? [
        ["Inventory, location-based", plain(result.ledgers.inventory.totalLocationBased), "kg CO2e"],
        ["Inventory, market-based", plain(result.ledgers.inventory.totalMarketBased), "kg CO2e"],
        ["Avoided (not netted)", plain(result.ledgers.avoided.total), "kg CO2e"],
        ["Material flow, assets", plain(result.ledgers.materialFlow.assetsTotal), "kg"],
      ]
    : [];
  return (
    <section aria-label="Calculate" className={styles.root}>
      <Checkbox
        checked={mode === "values"}
        onChange={(_, d) => setMode(d.checked ? "values" : "formulas")}
        label="Values only (faster for very large sheets; results are not live formulas)"
      />
      <div className={styles.row}>
        <Button appearance="primary" disabled={progress !== null} onClick={() => void calc.calculate()}>
          Calculate
        </Button>
        {progress !== null && <Button onClick={calc.cancel}>Cancel</Button>}
      </div>
      {progress !== null && (
        <div>
          <ProgressBar value={progress.value} aria-label="Calculation progress" data-progress={progress.value.toFixed(3)} />
          <Caption1 role="status">
            {PHASE[progress.phase]} · {Math.round(progress.value * 100)} %
          </Caption1>
        </div>
      )}
      {error && (
        <MessageBar intent={error.includes("cancelled") ? "warning" : "error"}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <>
          <Text role="status">
            {result.counts.computed} rows computed, {result.counts.rejected + result.counts.pipelineRejected} rejected of {result.counts.read} read ·{" "}
            {(result.timings.total / 1000).toFixed(1)} s
          </Text>
          <dl className={styles.figures} aria-label="Headline figures">
            {figures.map(([label, value, unit]) => (
              <div key={label} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd className={styles.value} data-figure={label}>
                  {value} {unit}
                </dd>
              </div>
            ))}
          </dl>
          <Caption1>
            Per-row results: table {result.resultsTable.name} at {result.resultsTable.address}
            {mode === "formulas" ? " (live =ESG.* formulas; select one and open Inspect)" : ""}. Summary, disclosures and {result.charts} charts on the “
            {result.summarySheet}” sheet.
          </Caption1>
        </>
      )}
    </section>
  );
}
