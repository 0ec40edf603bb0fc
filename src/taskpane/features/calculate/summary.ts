/**
 * The summary sheet: the three ledgers side by side (never netted), GRI 306-3/4/5,
 * ESRS E5-5 and ESRS E1-6 tables, and three native charts. Numbers are exact in the
 * engine and become Excel numbers only here, at the edge.
 */
import { Dec, METHOD, toExcelNumber, type Taxonomy } from "../../../engine";
import { exactSum, type Ledgers } from "../../../engine";
import type { CellValue, WorkbookGateway } from "../../../office/gateway";
import type { EsgSettings } from "../settings/settings";

export const SUMMARY_SHEET = "ESG Summary";

const SCOPE3_LABEL: Record<string, string> = {
  "scope3.cat4": "Scope 3 cat. 4 upstream transport",
  "scope3.cat5": "Scope 3 cat. 5 waste (end-of-life treatment)",
  "scope3.cat9": "Scope 3 cat. 9 downstream transport",
  "scope3.cat12": "Scope 3 cat. 12 end of life of sold products",
};

export interface SummaryTable {
  name: string;
  title: string;
  header: string[];
  rows: CellValue[][];
  chart?: { kind: "column" | "bar" | "pie"; title: string; /** Data rows included in the chart (from the top). */ rows?: number };
}

const n = (d: Dec): number => toExcelNumber(d);
const t = (d: Dec): number => toExcelNumber(d.div(1000));

export function summaryTables(ledgers: Ledgers, taxonomy: Taxonomy, settings: EsgSettings, counts: { read: number; computed: number; rejected: number }): SummaryTable[] {
  const inv = ledgers.inventory;
  const emissions: CellValue[][] = [
    ["Scope 1", n(inv.scope1)],
    ["Scope 2 (location-based)", n(inv.scope2Location)],
    ...Object.entries(inv.scope3)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [SCOPE3_LABEL[k] ?? k, n(v)]),
  ];
  const ledgerRows: CellValue[][] = [
    ["Inventory (kg CO2e, location-based)", n(inv.totalLocationBased)],
    ["Avoided (kg CO2e, not netted)", n(ledgers.avoided.total)],
  ];
  const mf = ledgers.materialFlow;
  const flowRows: CellValue[][] = Object.entries(mf.assets)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => [code, n(e.total)]);

  // GRI 306 and ESRS E5-5 lines from the taxonomy's disposition mapping.
  const gri = new Map<string, { hazardous: Dec; nonHazardous: Dec; total: Dec }>();
  const esrs = new Map<string, Dec>();
  let generated = new Dec(0);
  for (const [code, e] of Object.entries(mf.assets)) {
    let d;
    try {
      d = taxonomy.disposition(code);
    } catch {
      continue;
    }
    if (d.gri306) {
      generated = exactSum([generated, e.total]);
      const key = `${d.gri306.disclosure}|${d.gri306.line}`;
      const g = gri.get(key) ?? { hazardous: new Dec(0), nonHazardous: new Dec(0), total: new Dec(0) };
      gri.set(key, { hazardous: exactSum([g.hazardous, e.hazardous]), nonHazardous: exactSum([g.nonHazardous, e.nonHazardous, e.unstated]), total: exactSum([g.total, e.total]) });
    }
    const esrsE5 = (d as { esrsE5?: { paragraph: string; line: string } | null }).esrsE5;
    if (esrsE5) {
      const key = `${esrsE5.paragraph}|${esrsE5.line}`;
      esrs.set(key, exactSum([esrs.get(key) ?? new Dec(0), e.total]));
    }
  }
  const griRows: CellValue[][] = [
    ["306-3", "Waste generated", "", "", t(generated)],
    ...[...gri.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => {
      const [disclosure, line] = k.split("|");
      return [disclosure!, line!, t(g.hazardous), t(g.nonHazardous), t(g.total)];
    }),
  ];
  const esrsRows: CellValue[][] = [...esrs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => {
    const [paragraph, line] = k.split("|");
    return [paragraph!, line!, t(v)];
  });
  const scope3Total = inv.scope3Total;
  const e16: CellValue[][] = [
    ["Gross Scope 1 GHG emissions", t(inv.scope1)],
    ["Gross location-based Scope 2 GHG emissions", t(inv.scope2Location)],
    ["Gross market-based Scope 2 GHG emissions", t(inv.scope2Market)],
    ["Gross Scope 3 GHG emissions", t(scope3Total)],
    ["Total GHG emissions (location-based)", t(inv.totalLocationBased)],
    ["Total GHG emissions (market-based)", t(inv.totalMarketBased)],
  ];
  return [
    {
      name: "ESG_About",
      title: "About",
      header: ["Item", "Value"],
      rows: [
        ["Method", `${METHOD.id} ${METHOD.version}`],
        ["Reporting period", settings.reportingPeriod],
        ["Organization", settings.organization],
        ["GWP set", settings.gwpSet],
        ["Allocation", settings.allocation],
        ["Factor libraries", METHOD.libraries.map((l) => `${l.id}@${l.version}`).join(", ")],
        ["Rows read", counts.read],
        ["Rows computed", counts.computed],
        ["Rows rejected", counts.rejected],
      ],
    },
    { name: "ESG_Emissions", title: "Emissions by source", header: ["Source", "kg CO2e"], rows: emissions, chart: { kind: "column", title: "Emissions by source (kg CO2e)" } },
    { name: "ESG_Ledgers", title: "Three ledgers", header: ["Ledger", "Amount"], rows: [...ledgerRows, ["Material flow: assets (kg)", n(mf.assetsTotal)], ["Material flow: downstream outputs (kg)", n(mf.outputsTotal)]], chart: { kind: "bar", title: "Avoided vs inventory (kg CO2e)", rows: 2 } },
    { name: "ESG_Material_Flow", title: "Material flow by disposition", header: ["Disposition", "kg"], rows: flowRows, chart: { kind: "pie", title: "Material flow by disposition (kg)" } },
    { name: "ESG_GRI_306", title: "GRI 306-3/4/5 (t)", header: ["Disclosure", "Line", "Hazardous t", "Non-hazardous t", "Total t"], rows: griRows },
    { name: "ESG_ESRS_E5_5", title: "ESRS E5-5 outflows (t)", header: ["Paragraph", "Line", "t"], rows: esrsRows },
    { name: "ESG_ESRS_E1_6", title: "ESRS E1-6 (t CO2e)", header: ["Line", "t CO2e"], rows: e16 },
  ];
}

/** Writes the tables one under another on a fresh summary sheet, with a chart per charted table. */
export async function writeSummary(gateway: WorkbookGateway, tables: readonly SummaryTable[]): Promise<{ sheet: string; charts: number }> {
  await gateway.addSheet(SUMMARY_SHEET, { replace: true });
  let row = 1;
  let charts = 0;
  for (const tb of tables) {
    const rows = tb.rows.length > 0 ? tb.rows : [tb.header.map((_, i) => (i === 0 ? "(none)" : ""))];
    await gateway.writeTable({ sheet: SUMMARY_SHEET, topLeft: `A${row}`, name: tb.name, header: tb.header, rows, mode: "values" });
    if (tb.chart && tb.rows.length > 0) {
      const last = row + Math.min(tb.rows.length, tb.chart.rows ?? tb.rows.length);
      await gateway.addChart({ sheet: SUMMARY_SHEET, sourceAddress: `A${row}:B${last}`, kind: tb.chart.kind, title: tb.chart.title, name: tb.name.replace("ESG_", "Chart_"), seriesBy: "columns" });
      charts++;
    }
    row += rows.length + 3;
  }
  return { sheet: SUMMARY_SHEET, charts };
}
