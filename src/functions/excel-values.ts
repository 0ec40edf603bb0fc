/**
 * The one place where engine outcomes become Excel cell values: numbers at the
 * Excel edge rounding policy, issues as #VALUE! (bad input) or #N/A (missing
 * factor / not available), both carrying the issue's message.
 */
import { toExcelNumber, type Dec, type Issue } from "../engine";

export type ExcelErrorKind = "#VALUE!" | "#N/A";

/** An error cell as a plain value (so the same implementations serve Excel, `esg eval` and tests). */
export interface ExcelError {
  readonly excelError: ExcelErrorKind;
  readonly message: string;
  readonly code: string;
}

export type CellValue = number | string | boolean | ExcelError;

export function isExcelError(v: unknown): v is ExcelError {
  return typeof v === "object" && v !== null && "excelError" in v;
}

/** Maps an issue to its Excel error: input problems are #VALUE!, everything else #N/A. */
export function errorFromIssue(issue: Issue): ExcelError {
  return { excelError: issue.kind === "input" ? "#VALUE!" : "#N/A", message: `${issue.message}`, code: issue.code };
}

export function numberCell(value: Dec): number {
  return toExcelNumber(value);
}

/** Converts a plain error value to the runtime's CustomFunctions.Error where that runtime exists. */
export function toRuntime(value: CellValue): unknown {
  if (!isExcelError(value)) return value;
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!cf || typeof cf.Error !== "function") return value;
  const code = value.excelError === "#VALUE!" ? cf.ErrorCode.invalidValue : cf.ErrorCode.notAvailable;
  // Excel shows at most ~255 characters of an error message.
  return new cf.Error(code, value.message.slice(0, 255));
}

export function toRuntimeMatrix(values: CellValue[][]): unknown[][] {
  return values.map((row) => row.map(toRuntime));
}
