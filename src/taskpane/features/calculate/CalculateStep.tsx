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
export function CalculateStep({ calc, mapped, sheets = [] }: { calc: ReturnType<typeof useCalculate>; mapped: boolean; sheets?: readonly string[] }) {
  const styles = useStyles();
  if (!mapped && sheets.length === 0) return <Text>Confirm a mapping in the Map step first.</Text>;
  const { mode, setMode, progress, result, error } = calc;
  const inv = result?.ledgers.inventory;
  const mf = result?.output.disclosures.materialFlow ?? null;
  const figures: Array<[string, string, string]> =
    result && inv
      ? [
          ["Scope 1", plain(inv.scope1), "kg CO2e"],
          ["Scope 2, location-based", plain(inv.scope2Location), "kg CO2e"],
          ["Scope 2, market-based", plain(inv.scope2Market), "kg CO2e"],
          ["Scope 3", plain(inv.scope3Total), "kg CO2e"],
          ["Inventory, location-based", plain(inv.totalLocationBased), "kg CO2e"],
          ["Inventory, market-based", plain(inv.totalMarketBased), "kg CO2e"],
          ["Avoided (not netted)", plain(result.ledgers.avoided.total), "kg CO2e"],
          ["Material flow, assets", plain(result.ledgers.materialFlow.assetsTotal), "kg"],
          ["Material flow, downstream outputs", plain(result.ledgers.materialFlow.outputsTotal), "kg"],
          ...(mf
            ? ([
                ["GRI 306-3 waste generated", plain(mf.gri306_3.total), mf.unit],
                ["GRI 306-4 diverted from disposal", plain(mf.gri306_4.total), mf.unit],
                ["GRI 306-5 directed to disposal", plain(mf.gri306_5.total), mf.unit],
                ["Mass balance", mf.massBalance.withinTolerance ? "closes" : "does not close", `(gap ${mf.massBalance.gapPercent.toSignificantDigits(3).toFixed()} %)`],
              ] as Array<[string, string, string]>)
            : []),
        ]
      : [];
  return (
    <section aria-label="Calculate" className={styles.root}>
      <Checkbox
        checked={mode === "values"}
        onChange={(_, d) => setMode(d.checked ? "values" : "formulas")}
        label="Values only (faster for very large sheets; results are not live formulas)"
      />
      {sheets.length > 1 && (
        <Caption1>
          Mapped sheets: {sheets.join(", ")}. “Calculate all mapped sheets” runs them together (one run: ledgers, mass balance, credit checks and disclosures over the whole
          workbook); “Calculate” runs the sheet chosen in Map alone.
        </Caption1>
      )}
      <div className={styles.row}>
        {mapped && (
          <Button appearance={sheets.length > 1 ? "secondary" : "primary"} disabled={progress !== null} onClick={() => void calc.calculate()}>
            Calculate
          </Button>
        )}
        {sheets.length > 1 && (
          <Button appearance="primary" disabled={progress !== null} onClick={() => void calc.calculate(true)}>
            Calculate all mapped sheets
          </Button>
        )}
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
          {!mf && <Caption1>GRI 306 and ESRS E5-5 are not built: give the site mass balance (mass received, stock change) in Settings.</Caption1>}
          <Caption1>
            Per-row results: {result.sheets.length > 1 ? `tables ${result.sheets.map((x) => x.resultsTable.name).join(", ")}` : `table ${result.resultsTable.name} at ${result.resultsTable.address}`}
            {mode === "formulas" ? " (live =ESG.* formulas; select one and open Inspect)" : ""}. Summary, disclosures and {result.charts} charts on the “
            {result.summarySheet}” sheet.
          </Caption1>
        </>
      )}
    </section>
  );
}
