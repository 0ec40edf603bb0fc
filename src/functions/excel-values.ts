/**
 * The one place where engine outcomes become Excel cell values: numbers at the
 * Excel edge rounding policy, issues as #VALUE! (bad input) or #N/A (missing
 * factor / not available), both carrying the issue's message. Also reads the
 * error values Excel (or the formula evaluator) passes in as arguments.
 */
import { Dec, toExcelNumber, type Issue } from "../engine";

/** Every Excel error value. Only #VALUE! and #N/A can carry a message in a custom function's result. */
export const EXCEL_ERRORS = ["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NAME?", "#REF!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#BUSY!", "#FIELD!", "#CONNECT!", "#BLOCKED!", "#UNKNOWN!"] as const;
export type ExcelErrorKind = (typeof EXCEL_ERRORS)[number];

/** An error cell as a plain value (so the same implementations serve Excel, `esg eval` and tests). */
export interface ExcelError {
  readonly excelError: ExcelErrorKind;
  readonly message: string;
  readonly code: string;
}

/** A cell value as the functions produce it (numbers already at the Excel edge). */
export type CellValue = number | string | boolean | ExcelError;

export function isExcelError(v: unknown): v is ExcelError {
  return typeof v === "object" && v !== null && "excelError" in v;
}

export function excelError(kind: ExcelErrorKind, message = "", code: string = kind): ExcelError {
  return { excelError: kind, message, code };
}

const ERROR_SET: ReadonlySet<string> = new Set(EXCEL_ERRORS);

/** True for the text of an Excel error value ("#N/A", "#DIV/0!" ...), case-insensitive. */
export function isErrorText(text: string): text is ExcelErrorKind {
  return ERROR_SET.has(text.toUpperCase());
}

/**
 * Reads an error passed in as an argument: our plain ExcelError, or the runtime's
 * CustomFunctions.Error-like object `{code: "#N/A", message?}`. Anything else is not an error
 * (the text "#N/A" typed in a cell is text, as in Excel).
 */
export function readError(v: unknown): ExcelError | null {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Dec) return null;
  if (isExcelError(v)) return v;
  const o = v as { code?: unknown; message?: unknown; type?: unknown; errorType?: unknown };
  // CustomFunctions.Error ({code, message}) and Office.js rich error values ({type: "Error", errorType}).
  const code = typeof o.code === "string" ? o.code : o.type === "Error" && typeof o.errorType === "string" ? errorTypeToKind(o.errorType) : null;
  if (code && isErrorText(code)) return excelError(code.toUpperCase() as ExcelErrorKind, typeof o.message === "string" ? o.message : "");
  return null;
}

function errorTypeToKind(t: string): string {
  const map: Record<string, ExcelErrorKind> = {
    Value: "#VALUE!",
    NotAvailable: "#N/A",
    Div0: "#DIV/0!",
    Num: "#NUM!",
    Name: "#NAME?",
    Ref: "#REF!",
    Null: "#NULL!",
    Spill: "#SPILL!",
    Calc: "#CALC!",
    Busy: "#BUSY!",
    Field: "#FIELD!",
    Connect: "#CONNECT!",
    Blocked: "#BLOCKED!",
    GettingData: "#GETTING_DATA",
  };
  return map[t] ?? "#UNKNOWN!";
}

/** Maps an issue to its Excel error: input problems are #VALUE!, everything else #N/A. */
export function errorFromIssue(issue: Issue): ExcelError {
  return { excelError: issue.kind === "input" || issue.kind === "rule" ? "#VALUE!" : "#N/A", message: `${issue.message}`, code: issue.code };
}

/** A Dec at the Excel edge (15 significant digits); a non-finite value is #NUM!. */
export function numberCell(value: Dec): number | ExcelError {
  if (!value.isFinite()) return excelError("#NUM!", "the result is not a finite number", "NOT_FINITE");
  const n = toExcelNumber(value);
  return Number.isFinite(n) ? n : excelError("#NUM!", "the result is outside Excel's number range", "NOT_FINITE");
}

const RUNTIME_CODES: Partial<Record<ExcelErrorKind, keyof typeof CustomFunctions.ErrorCode>> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#NUM!": "invalidNumber",
  "#NULL!": "nullReference",
  "#NAME?": "invalidName",
  "#REF!": "invalidReference",
};

/** Converts a plain error value to the runtime's CustomFunctions.Error where that runtime exists. */
export function toRuntime(value: CellValue): unknown {
  if (!isExcelError(value)) return value;
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!cf || typeof cf.Error !== "function") return value;
  // Errors a function cannot return (#SPILL!, #CALC! ...) are passed on as #VALUE! with their text.
  const key = RUNTIME_CODES[value.excelError];
  const code = key ? cf.ErrorCode[key] : cf.ErrorCode.invalidValue;
  const message = key ? value.message : `${value.excelError} ${value.message}`.trim();
  // Only #VALUE! and #N/A carry a message; Excel shows at most ~255 characters of it.
  if (code === cf.ErrorCode.invalidValue || code === cf.ErrorCode.notAvailable) return new cf.Error(code, message.slice(0, 255));
  return new cf.Error(code);
}

export function toRuntimeMatrix(values: CellValue[][]): unknown[][] {
  return values.map((row) => row.map(toRuntime));
}

/** Text of a cell for display (CLI tables, trace lines). */
export function displayCell(v: CellValue): string {
  if (isExcelError(v)) return v.excelError;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}
