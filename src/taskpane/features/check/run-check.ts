/** Checks every row of the mapped source against the mapping (block by block). */
import { MappingChecker, type CheckReport, type MappingTemplate } from "../../../engine";
import { columnLetters } from "../../../office/a1";
import type { RangeExtent, WorkbookGateway } from "../../../office/gateway";
import { services } from "../../services";
import { readSource, type Source } from "../source";
import { messageOf } from "../../messages";

export interface CheckRun {
  report: CheckReport;
  extent: RangeExtent;
  /** Sheet row of the header. */
  headerRow: number;
  /** All rows as read (header rows included), for the results table. */
  rows: unknown[][];
}

export async function runCheck(
  gateway: WorkbookGateway,
  source: Source,
  template: MappingTemplate,
  options: { onProgress?: (done: number, total: number) => void; cancelled?: () => boolean; keepRows?: boolean } = {},
): Promise<CheckRun> {
  const checker = new MappingChecker(template, { taxonomy: services().mappingTaxonomy });
  let headerRow = 0;
  const kept: unknown[][] = [];
  const extent = await readSource(
    gateway,
    source,
    (rows, startRow, ext) => {
      headerRow = ext.firstRow + template.headerRow - 1;
      if (options.keepRows) for (const r of rows) kept.push(r);
      const skip = Math.max(0, headerRow - startRow + 1);
      if (skip < rows.length) checker.push(rows.slice(skip), startRow + skip);
    },
    options,
  );
  return { report: checker.report(), extent, headerRow: extent.firstRow + template.headerRow - 1, rows: kept };
}

/** The "ESG Issues" sheet rows: one per problem. */
export const ISSUE_HEADER = ["Row", "Cell", "Column", "Severity", "Code", "Problem", "How to fix"] as const;

export function issueRows(run: CheckRun): (string | number)[][] {
  return run.report.problems.map((p) => [
    p.row,
    p.column !== undefined ? `${columnLetters(run.extent.firstColumn + p.column)}${p.row}` : "",
    p.header ?? "",
    p.severity,
    messageOf(p.issue).code,
    messageOf(p.issue).text,
    messageOf(p.issue).fix,
  ]);
}

export const ISSUES_SHEET = "ESG Issues";

export async function writeIssuesSheet(gateway: WorkbookGateway, run: CheckRun): Promise<number> {
  await gateway.addSheet(ISSUES_SHEET, { replace: true });
  const rows = issueRows(run);
  await gateway.writeTable({ sheet: ISSUES_SHEET, topLeft: "A1", name: "ESG_Issues", header: [...ISSUE_HEADER], rows, mode: "values" });
  return rows.length;
}
