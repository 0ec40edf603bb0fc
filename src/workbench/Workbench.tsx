import { useEffect, useState } from "react";
import { Caption1, Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { GatewayProvider } from "../taskpane/gateway-context";
import type { MemoryWorkbook } from "../office/memory/workbook";
import { Grid } from "./Grid";
import { editCell, type ObservableGateway } from "./workbook";

const useStyles = makeStyles({
  root: { display: "flex", height: "100vh", overflow: "hidden", fontFamily: tokens.fontFamilyBase },
  book: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  top: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  tabs: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: "auto", flexShrink: 0 },
  charts: { padding: tokens.spacingHorizontalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, maxHeight: "96px", overflowY: "auto" },
  pane: { width: "340px", flexShrink: 0, borderLeft: `1px solid ${tokens.colorNeutralStroke1}`, overflowY: "auto", overflowX: "hidden" },
});

/** The real taskpane beside an editable in-memory workbook. */
export function Workbench({ workbook, gateway }: { workbook: MemoryWorkbook; gateway: ObservableGateway }) {
  const styles = useStyles();
  const [version, setVersion] = useState(0);
  const [sheet, setSheet] = useState(workbook.activeSheet);
  useEffect(
    () =>
      gateway.onChange(() => {
        setVersion((v) => v + 1);
        setSheet(workbook.activeSheet);
      }),
    [gateway, workbook],
  );
  const charts = workbook.charts.filter((c) => c.sheet === sheet);
  const showSheet = (name: string) => {
    workbook.activeSheet = name;
    workbook.selection = "A1";
    setSheet(name);
    setVersion((v) => v + 1);
  };
  return (
    <div className={styles.root}>
      <section className={styles.book} aria-label="Workbook">
        <div className={styles.top}>
          <Text weight="semibold">Electronics ESG workbench</Text> <Caption1>in-memory workbook · formulas evaluated by the esg eval evaluator</Caption1>
        </div>
        <Grid
          key={sheet}
          workbook={workbook}
          sheet={sheet}
          version={version}
          selection={workbook.activeSheet === sheet ? workbook.selection : "A1"}
          onSelect={(address) => gateway.select(`'${sheet.replace(/'/g, "''")}'!${address}`)}
          onEdit={(row, column, text) => {
            editCell(workbook, sheet, row, column, text);
            setVersion((v) => v + 1);
          }}
        />
        {charts.length > 0 && (
          <ul className={styles.charts} aria-label="Charts on this sheet">
            {charts.map((c) => (
              <li key={c.name}>
                <Caption1>
                  Chart “{c.title ?? c.name}” ({c.excelType}) over {c.sourceAddress}
                </Caption1>
              </li>
            ))}
          </ul>
        )}
        <TabList className={styles.tabs} size="small" selectedValue={sheet} onTabSelect={(_, d) => showSheet(String(d.value))} aria-label="Sheets">
          {workbook.sheets.map((s) => (
            <Tab key={s.name} value={s.name}>
              {s.name}
            </Tab>
          ))}
        </TabList>
      </section>
      <aside className={styles.pane} aria-label="Taskpane">
        <GatewayProvider gateway={gateway}>
          <App />
        </GatewayProvider>
      </aside>
    </div>
  );
}
