/**
 * The gateway over an in-memory workbook (tests, the workbench, the command line).
 * Reads go through the same chunked loop as the Office gateway, so a workbench run
 * exercises the same block sizes; `requests` counts the blocks served.
 */
import { parseRange, rangeAddress, rangeSize, type RangeRef } from "../a1";
import { DEFAULT_BUDGET_BYTES, splitByBudget } from "../chunking";
import {
  EXCEL_CHART_TYPE,
  GatewayError,
  checkRows,
  parseSetting,
  serialiseSetting,
  type CellInfo,
  type ChartInfo,
  type ChartRequest,
  type RangeExtent,
  type ReadOptions,
  type ReadTarget,
  type RowBlock,
  type SelectionInfo,
  type SheetInfo,
  type TableInfo,
  type WorkbookGateway,
  type WriteTableRequest,
  type WriteTableResult,
} from "../gateway";
import { chunkedRead } from "../read-loop";
import { MemoryWorkbook, type WorkbookSeed } from "./workbook";

export class MemoryWorkbookGateway implements WorkbookGateway {
  /** Read blocks served and write chunks received (what would be Office requests). */
  requests = 0;

  constructor(readonly workbook: MemoryWorkbook = new MemoryWorkbook()) {}

  static from(seed: WorkbookSeed): MemoryWorkbookGateway {
    return new MemoryWorkbookGateway(MemoryWorkbook.from(seed));
  }

  /** Test/workbench helper: sets the active sheet and the selection. */
  select(address: string): void {
    const ref = parseRange(address);
    if (ref.sheet !== undefined) this.workbook.activeSheet = this.workbook.sheet(ref.sheet).name;
    this.workbook.selection = rangeAddress({ start: ref.start, end: ref.end });
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.workbook.sheets.map((s, position) => ({ name: s.name, position }));
  }

  async listTables(): Promise<TableInfo[]> {
    return this.workbook.tables.map((t) => ({ name: t.name, sheet: t.sheet, address: rangeAddress(t.range) }));
  }

  async getExtent(target: ReadTarget): Promise<RangeExtent> {
    let ref: RangeRef;
    if ("table" in target) {
      const t = this.workbook.findTable(target.table);
      if (!t) throw new GatewayError("NO_SUCH_TABLE", `no table named '${target.table}'`);
      ref = t.range;
    } else {
      const sheet = this.workbook.sheet(target.sheet);
      ref = target.address ? { ...addressOn(target.address), sheet: sheet.name } : sheet.usedRange();
    }
    const size = rangeSize(ref);
    return {
      sheet: ref.sheet!,
      address: rangeAddress(ref),
      firstRow: ref.start.row,
      firstColumn: ref.start.column,
      rowCount: size.rows,
      columnCount: size.columns,
    };
  }

  readRows(target: ReadTarget, options: ReadOptions = {}): AsyncIterable<RowBlock> {
    return { [Symbol.asyncIterator]: () => this.blocks(target, options) };
  }

  private async *blocks(target: ReadTarget, options: ReadOptions): AsyncGenerator<RowBlock> {
    const extent = await this.getExtent(target);
    yield* chunkedRead(extent, options, async (startRow, rowCount) => {
      this.requests++;
      const got = this.workbook.read(extent.sheet, {
        start: { row: startRow, column: extent.firstColumn },
        end: { row: startRow + rowCount - 1, column: extent.firstColumn + extent.columnCount - 1 },
      });
      return {
        values: got.values,
        ...(options.formulas ? { formulas: got.formulas } : {}),
        ...(options.numberFormats ? { numberFormats: got.numberFormats } : {}),
      };
    });
  }

  async writeTable(request: WriteTableRequest): Promise<WriteTableResult> {
    checkRows(request);
    const wb = this.workbook;
    const mode = request.mode ?? "values";
    const top = addressOn(request.topLeft).start;
    if (!wb.findSheet(request.sheet)) wb.addSheet(request.sheet);
    const sheet = wb.sheet(request.sheet).name;
    if (wb.findTable(request.name)) wb.deleteTable(request.name);
    const lastColumn = top.column + request.header.length - 1;
    wb.write(sheet, { start: top, end: { row: top.row, column: lastColumn } }, [request.header], "values");
    const chunks = splitByBudget(request.rows, request.budgetBytes ?? DEFAULT_BUDGET_BYTES);
    for (const [a, b] of chunks) {
      this.requests++;
      wb.write(sheet, { start: { row: top.row + 1 + a, column: top.column }, end: { row: top.row + b, column: lastColumn } }, request.rows.slice(a, b), mode);
    }
    // Excel gives a header-only table one empty data row.
    const dataRows = Math.max(1, request.rows.length);
    const range: RangeRef = { sheet, start: top, end: { row: top.row + dataRows, column: lastColumn } };
    wb.addTable(request.name, sheet, range);
    return { name: request.name, sheet, address: rangeAddress(range), rowCount: request.rows.length, chunks: chunks.length };
  }

  async readSelection(): Promise<SelectionInfo> {
    const sheet = this.workbook.activeSheet;
    const ref = parseRange(this.workbook.selection);
    const cell = this.workbook.read(sheet, { start: ref.start, end: ref.start });
    const size = rangeSize(ref);
    return {
      sheet,
      address: rangeAddress({ sheet, start: ref.start, end: ref.end }),
      rowCount: size.rows,
      columnCount: size.columns,
      value: cell.values[0]![0]!,
      formula: cell.formulas[0]![0]!,
    };
  }

  async readCell(address: string): Promise<CellInfo> {
    const ref = addressOn(address);
    const size = rangeSize(ref);
    if (size.rows !== 1 || size.columns !== 1) throw new GatewayError("BAD_ADDRESS", `'${address}' is not a single cell`);
    const sheet = this.workbook.sheet(ref.sheet ?? this.workbook.activeSheet).name;
    const cell = this.workbook.read(sheet, ref);
    return { sheet, address: rangeAddress({ sheet, start: ref.start, end: ref.end }), value: cell.values[0]![0]!, formula: cell.formulas[0]![0]! };
  }

  async writeSetting(key: string, value: unknown): Promise<void> {
    this.workbook.settings.set(key, serialiseSetting(key, value));
  }

  async readSetting(key: string): Promise<unknown> {
    const raw = this.workbook.settings.get(key);
    return raw === undefined ? undefined : parseSetting(raw);
  }

  async addSheet(name: string, options: { replace?: boolean } = {}): Promise<SheetInfo> {
    const wb = this.workbook;
    const existing = wb.findSheet(name);
    if (existing) {
      if (!options.replace) throw new GatewayError("SHEET_EXISTS", `a sheet named '${name}' already exists`);
      // Same order as the Office gateway: add a temporary sheet, delete the old one, rename.
      const wasActive = wb.activeSheet === existing.name;
      const temp = wb.addSheet(wb.tempSheetName());
      wb.deleteSheet(existing.name);
      const tempName = temp.name;
      temp.name = name;
      if (wasActive || wb.activeSheet === tempName) wb.activeSheet = name;
    } else {
      wb.addSheet(name);
    }
    return { name, position: wb.sheets.findIndex((s) => s.name === name) };
  }

  async addChart(request: ChartRequest): Promise<ChartInfo> {
    const sheet = this.workbook.sheet(request.sheet).name;
    const source = addressOn(request.sourceAddress);
    const excelType = EXCEL_CHART_TYPE[request.kind];
    const name = request.name ?? `Chart ${this.workbook.charts.length + 1}`;
    this.workbook.charts.push({
      sheet,
      name,
      kind: request.kind,
      excelType,
      sourceAddress: rangeAddress({ start: source.start, end: source.end }),
      ...(request.title !== undefined ? { title: request.title } : {}),
      seriesBy: request.seriesBy ?? "auto",
    });
    return { sheet, name, kind: request.kind, excelType };
  }
}

function addressOn(address: string): RangeRef {
  try {
    return parseRange(address);
  } catch {
    throw new GatewayError("BAD_ADDRESS", `'${address}' is not an A1 address`);
  }
}
