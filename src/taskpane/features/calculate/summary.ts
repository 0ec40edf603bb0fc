/**
 * The summary sheet: the three ledgers side by side (never netted), GRI 306-3/4/5,
 * ESRS E5-5 and ESRS E1-6 tables, and three native charts. Numbers are exact in the
 * engine and become Excel numbers only here, at the edge.
 */
import { Dec, METHOD, toExcelNumber, type Taxonomy } from "../../../engine";
import { exactSum, type PipelineOutput } from "../../../engine";
import type { CellValue, WorkbookGateway } from "../../../office/gateway";
import type { EsgSettings } from "../settings/settings";

export const SUMMARY_SHEET = "ESG Summary";

const SCOPE3_LABEL: Record<string, string> = {
  "scope3.cat3": "Scope 3 cat. 3 fuel- and energy-related (T&D, WTT)",
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
/** A disclosure figure already in tonnes (the material-flow ledger reports in t), else kg -> t. */
const t0 = (d: Dec, unit: string): number => (unit === "t" ? toExcelNumber(d) : t(d));

export function summaryTables(out: PipelineOutput, taxonomy: Taxonomy, settings: EsgSettings, counts: { read: number; computed: number; rejected: number; sheets?: readonly string[] }): SummaryTable[] {
  const ledgers = out.ledgers;
  const inv = ledgers.inventory;
  const emissions: CellValue[][] = [
    ["Scope 1", n(inv.scope1)],
    ["Scope 2 (location-based)", n(inv.scope2Location)],
    ...Object.entries(inv.scope3)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [SCOPE3_LABEL[k] ?? k, n(v)]),
    // Last, and not in the chart: the market-based figure is the other basis of Scope 2, not another source.
    ["Scope 2 (market-based)", n(inv.scope2Market)],
  ];
  const ledgerRows: CellValue[][] = [
    ["Inventory (kg CO2e, location-based)", n(inv.totalLocationBased)],
    ["Avoided (kg CO2e, not netted)", n(ledgers.avoided.total)],
  ];
  // The avoided ledger by pathway (reuse, recycling), beside the inventory and never netted.
  const avoidedRows: CellValue[][] = out.totals
    .filter((tl) => tl.code.ledger === "avoided" && tl.code.inTotal)
    .sort((a, b) => a.code.id.localeCompare(b.code.id))
    .map((tl) => [`Avoided: ${tl.code.id.replace(/^avoided\//, "")} (kg CO2e)`, n(tl.value)]);
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
  const mfd = out.disclosures.materialFlow;
  let griRows: CellValue[][] = [
    ["306-3", "Waste generated (not a disclosure: no site mass balance in Settings)", "", "", t(generated)],
    ...[...gri.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => {
      const [disclosure, line] = k.split("|");
      return [disclosure!, line!, t(g.hazardous), t(g.nonHazardous), t(g.total)];
    }),
  ];
  let esrsRows: CellValue[][] = [...esrs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => {
    const [paragraph, line] = k.split("|");
    return [paragraph!, line!, t(v)];
  });
  let balanceRows: CellValue[][] = [["Mass balance", settings.massReceived.trim() === "" ? "not stated: give the mass received (and the stock change) in Settings" : `not built: ${out.disclosureIssues.map((i) => i.message).join("; ")}`]];
  if (mfd) {
    const hz = (d: { hazardous: Dec; nonHazardous: Dec; total: Dec }) => [t0(d.hazardous, mfd.unit), t0(d.nonHazardous, mfd.unit), t0(d.total, mfd.unit)];
    const g3 = mfd.gri306_3;
    const g4 = mfd.gri306_4;
    const g5 = mfd.gri306_5;
    griRows = [
      ["306-3", "Waste generated", ...hz(g3)],
      ["306-4", "Diverted from disposal", t0(g4.hazardous, mfd.unit), t0(g4.nonHazardous, mfd.unit), t0(g4.total, mfd.unit)],
      ["306-4", "  preparation for reuse", ...hz(g4.preparationForReuse)],
      ["306-4", "  recycling", ...hz(g4.recycling)],
      ["306-4", "  other recovery", ...hz(g4.otherRecovery)],
      ["306-5", "Directed to disposal", t0(g5.hazardous, mfd.unit), t0(g5.nonHazardous, mfd.unit), t0(g5.total, mfd.unit)],
      ["306-5", "  incineration with energy recovery", ...hz(g5.incinerationWithEnergyRecovery)],
      ["306-5", "  incineration without energy recovery", ...hz(g5.incinerationWithoutEnergyRecovery)],
      ["306-5", "  landfilling", ...hz(g5.landfilling)],
      ["306-5", "  other disposal", ...hz(g5.otherDisposal)],
    ];
    const e = mfd.esrsE5_5;
    esrsRows = [
      ["37(a)", "Total waste generated", t0(e.p37a_totalGenerated, mfd.unit)],
      ["37(b)", "Diverted from disposal", t0(e.p37b_diverted.total, mfd.unit)],
      ["37(c)", "Directed to disposal", t0(e.p37c_directed.total, mfd.unit)],
      ["37(d)", "Non-recycled waste", t0(e.p37d_nonRecycled.total, mfd.unit)],
      ["37(d)", "Non-recycled waste (%)", n(e.p37d_nonRecycled.percent)],
      ["39", "Hazardous waste", t0(e.p39_hazardous, mfd.unit)],
    ];
    const mb = mfd.massBalance;
    balanceRows = [
      [`Received (${mfd.unit})`, t0(mb.received, mfd.unit)],
      [`Outbound (${mfd.unit})`, t0(mb.outbound, mfd.unit)],
      [`Stock change (${mfd.unit})`, t0(mb.stockChange, mfd.unit)],
      [`Gap (${mfd.unit})`, t0(mb.gap, mfd.unit)],
      ["Gap (%)", n(mb.gapPercent)],
      ["Closes", mb.withinTolerance ? `yes (within ${mb.tolerancePercent.toFixed()} %)` : `NO (tolerance ${mb.tolerancePercent.toFixed()} %)`],
    ];
  }
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
        ...(counts.sheets ? [["Sheets", counts.sheets.join(", ")] as CellValue[]] : []),
      ],
    },
    { name: "ESG_Emissions", title: "Emissions by source", header: ["Source", "kg CO2e"], rows: emissions, chart: { kind: "column", title: "Emissions by source (kg CO2e, Scope 2 location-based)", rows: emissions.length - 1 } },
    { name: "ESG_Ledgers", title: "Three ledgers", header: ["Ledger", "Amount"], rows: [...ledgerRows, ["Material flow: assets (kg)", n(mf.assetsTotal)], ["Material flow: downstream outputs (kg)", n(mf.outputsTotal)], ...avoidedRows], chart: { kind: "bar", title: "Avoided vs inventory (kg CO2e)", rows: 2 } },
    { name: "ESG_Material_Flow", title: "Material flow by disposition", header: ["Disposition", "kg"], rows: flowRows, chart: { kind: "pie", title: "Material flow by disposition (kg)" } },
    { name: "ESG_Mass_Balance", title: "Site mass balance", header: ["Item", "Value"], rows: balanceRows },
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
