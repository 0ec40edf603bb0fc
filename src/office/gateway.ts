/**
 * The workbook gateway: everything the taskpane needs from a workbook, behind one
 * interface. `OfficeWorkbookGateway` (office-gateway.ts) is the only code in the
 * product that calls Office.js; `MemoryWorkbookGateway` (memory/) serves tests,
 * the workbench and the command line. Both pass test/adapter/gateway-contract.ts.
 *
 * Requirement sets: everything here is ExcelApi 1.1 except `workbook.settings`,
 * `getItemOrNullObject` (ExcelApi 1.4), `Table.delete` and `getUsedRange(valuesOnly)`
 * (ExcelApi 1.2). See docs/methods/mapping.md ("Workbook gateway").
 */
import { columnNumber } from "./a1";

/** What Office.js returns for a cell: empty cells are "", errors are strings such as "#N/A". */
export type CellValue = string | number | boolean;

/** Where to read: a sheet's used range (or an explicit address on it), or a named table (header row included). */
export type ReadTarget = { sheet: string; address?: string } | { table: string };

export interface ReadOptions {
  /** Also read formulas (a constant cell's "formula" is its value, as in Office.js). */
  formulas?: boolean;
  /** Also read number formats. */
  numberFormats?: boolean;
  /** Payload budget per request in bytes (default DEFAULT_BUDGET_BYTES = 4 MB, under Excel on the web's 5 MB). */
  budgetBytes?: number;
  /** Rows of the first (sample) block, from which the chunk size is measured (default 200). */
  sampleRows?: number;
  /** Hard upper bound on rows per block (default: none beyond the budget and the 5,000,000-cell read limit). */
  maxRowsPerChunk?: number;
}

/** The rectangle a read covers. Rows and columns are 1-based sheet coordinates. */
export interface RangeExtent {
  sheet: string;
  address: string;
  firstRow: number;
  firstColumn: number;
  rowCount: number;
  columnCount: number;
}

/** One block of consecutive rows. `startRow` is the 1-based sheet row of `values[0]`. */
export interface RowBlock {
  startRow: number;
  startColumn: number;
  values: CellValue[][];
  formulas?: CellValue[][];
  numberFormats?: string[][];
  /** Measured JSON byte length of what this block's request returned (all requested properties). */
  payloadBytes: number;
}

export interface WriteTableRequest {
  sheet: string;
  /** Top-left cell of the header row, e.g. "A1". */
  topLeft: string;
  /** Excel table name (letters, digits, _ and .; must not look like a cell reference). Replaced if it exists. */
  name: string;
  header: readonly string[];
  rows: readonly (readonly CellValue[])[];
  /** "values": text starting with "=" is written as text; "formulas": such text is a formula. Default "values". */
  mode?: "values" | "formulas";
  budgetBytes?: number;
}

export interface WriteTableResult {
  name: string;
  sheet: string;
  /** Address of the whole table, header included. */
  address: string;
  rowCount: number;
  /** Number of row chunks the data was sent in. */
  chunks: number;
}

export interface SelectionInfo {
  sheet: string;
  address: string;
  rowCount: number;
  columnCount: number;
  /** Value and formula of the selection's top-left cell. */
  value: CellValue;
  formula: CellValue;
}

export interface CellInfo {
  sheet: string;
  address: string;
  value: CellValue;
  /** The formula ("=ESG.TRANSPORT_CO2(...)"), or the value for a constant cell. */
  formula: CellValue;
}

export interface SheetInfo {
  name: string;
  position: number;
}

export interface TableInfo {
  name: string;
  sheet: string;
  address: string;
}

export type ChartKind = "column" | "pie" | "bar";

export interface ChartRequest {
  sheet: string;
  /** Source data on that sheet, e.g. "A1:B6" (first column categories, first row series names). */
  sourceAddress: string;
  kind: ChartKind;
  title?: string;
  name?: string;
  seriesBy?: "auto" | "columns" | "rows";
}

export interface ChartInfo {
  sheet: string;
  name: string;
  kind: ChartKind;
  /** The Excel.ChartType used. */
  excelType: string;
}

/** Chart kinds to Excel.ChartType strings (ExcelApi 1.1). */
export const EXCEL_CHART_TYPE: Readonly<Record<ChartKind, string>> = {
  column: "ColumnClustered",
  bar: "BarClustered",
  pie: "Pie",
};

export type GatewayErrorCode = "NO_SUCH_SHEET" | "NO_SUCH_TABLE" | "SHEET_EXISTS" | "BAD_ADDRESS" | "BAD_REQUEST" | "BAD_SETTING";

/** API misuse or a missing workbook object; both gateways throw the same codes. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export interface WorkbookGateway {
  listSheets(): Promise<SheetInfo[]>;
  listTables(): Promise<TableInfo[]>;
  /** The rectangle `readRows` would cover (used range of a sheet; whole table with its header). */
  getExtent(target: ReadTarget): Promise<RangeExtent>;
  /** Reads in blocks of rows sized by the payload budget; every row once, in order. */
  readRows(target: ReadTarget, options?: ReadOptions): AsyncIterable<RowBlock>;
  /** Writes header + rows in chunks, then creates (or replaces) the named table over them. */
  writeTable(request: WriteTableRequest): Promise<WriteTableResult>;
  readSelection(): Promise<SelectionInfo>;
  /** One cell by address ("Sheet1!B3", or "B3" on the active sheet). */
  readCell(address: string): Promise<CellInfo>;
  /** Stores a JSON-serialisable value under `key` in the workbook (saved with the file). */
  writeSetting(key: string, value: unknown): Promise<void>;
  readSetting(key: string): Promise<unknown>;
  /** Adds a sheet at the end; with `replace`, an existing sheet of that name is deleted first. */
  addSheet(name: string, options?: { replace?: boolean }): Promise<SheetInfo>;
  addChart(request: ChartRequest): Promise<ChartInfo>;
}

/** Excel table names: start with a letter, _ or \, then letters, digits, _ . \; not a cell reference; <= 255 chars. */
export function checkTableName(name: string): void {
  const cell = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  const looksLikeCell =
    (cell !== null && columnNumber(cell[1]!) <= 16384 && Number(cell[2]) <= 1048576) || /^[RrCc]\d*$/.test(name) || /^R\d*C\d*$/i.test(name);
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/.test(name) || looksLikeCell) {
    throw new GatewayError("BAD_REQUEST", `'${name}' is not a valid Excel table name`);
  }
}

export function checkRows(request: WriteTableRequest): void {
  checkTableName(request.name);
  if (request.header.length === 0) throw new GatewayError("BAD_REQUEST", "a table needs at least one column");
  request.rows.forEach((row, i) => {
    if (row.length !== request.header.length) {
      throw new GatewayError("BAD_REQUEST", `row ${i + 1} has ${row.length} cells; the header has ${request.header.length}`);
    }
  });
}

/** Values mode: text that Excel would parse as a formula is written as text (leading apostrophe). */
export function asLiteral(value: CellValue): CellValue {
  return typeof value === "string" && value.startsWith("=") ? `'${value}` : value;
}

export function serialiseSetting(key: string, value: unknown): string {
  if (key.trim() === "") throw new GatewayError("BAD_SETTING", "a setting needs a key");
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) throw new GatewayError("BAD_SETTING", `setting '${key}' is not JSON-serialisable`);
  return text;
}

export function parseSetting(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
