/**
 * The gateway over Office.js: the only code in the product that calls Excel.
 *
 * Every read block and every write chunk is its own `Excel.run` with one
 * load/`context.sync()`, so no request carries more than the payload budget
 * (chunking.ts) and a long read can be iterated lazily. `Excel` is referenced only
 * inside functions (outside Office it is undefined at import time).
 *
 * Requirement sets: ExcelApi 1.1 (ranges, tables.add, charts.add, worksheets.add,
 * getSelectedRange), 1.2 (Table.delete, getUsedRange(valuesOnly)) and 1.4
 * (workbook.settings, getItemOrNullObject). Settings: `workbook.settings`
 * (Excel.SettingCollection, ExcelApi 1.4) holding a JSON string per key, saved with
 * the workbook. Custom XML parts would need ExcelApi 1.5 and buy nothing here.
 */
import { cellAddress, parseCell, parseRange, rangeAddress, rangeSize, type RangeRef } from "./a1";
import { DEFAULT_BUDGET_BYTES, splitByBudget } from "./chunking";
import {
  EXCEL_CHART_TYPE,
  GatewayError,
  asLiteral,
  checkRows,
  parseSetting,
  serialiseSetting,
  type CellInfo,
  type CellValue,
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
} from "./gateway";
import { chunkedRead } from "./read-loop";

/** `Excel.run` (injectable so tests can hand in office-addin-mock or a fake context). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

export class OfficeWorkbookGateway implements WorkbookGateway {
  private readonly run: ExcelRun;

  constructor(options: { run?: ExcelRun } = {}) {
    this.run = options.run ?? defaultRun;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name,items/position");
      await ctx.sync();
      return sheets.items.map((s) => ({ name: s.name, position: s.position }));
    });
  }

  async listTables(): Promise<TableInfo[]> {
    return this.run(async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load("items/name");
      await ctx.sync();
      const ranges = tables.items.map((t) => {
        const r = t.getRange();
        r.load("address");
        return { name: t.name, range: r };
      });
      await ctx.sync();
      return ranges.map(({ name, range }) => {
        const ref = parseRange(range.address);
        return { name, sheet: ref.sheet ?? "", address: range.address };
      });
    });
  }

  async getExtent(target: ReadTarget): Promise<RangeExtent> {
    return this.run(async (ctx) => {
      let range: Excel.Range;
      if ("table" in target) {
        const table = ctx.workbook.tables.getItemOrNullObject(target.table);
        await ctx.sync();
        if (table.isNullObject) throw new GatewayError("NO_SUCH_TABLE", `no table named '${target.table}'`);
        range = table.getRange();
      } else {
        const sheet = ctx.workbook.worksheets.getItemOrNullObject(target.sheet);
        await ctx.sync();
        if (sheet.isNullObject) throw new GatewayError("NO_SUCH_SHEET", `no sheet named '${target.sheet}'`);
        range = target.address ? sheet.getRange(checkAddress(target.address)) : sheet.getUsedRange(true);
      }
      range.load("address");
      await ctx.sync();
      const address = expectText(range.address, "address");
      const ref = parseRange(address);
      const size = rangeSize(ref);
      return { sheet: ref.sheet ?? "", address, firstRow: ref.start.row, firstColumn: ref.start.column, rowCount: size.rows, columnCount: size.columns };
    });
  }

  readRows(target: ReadTarget, options: ReadOptions = {}): AsyncIterable<RowBlock> {
    return { [Symbol.asyncIterator]: () => this.blocks(target, options) };
  }

  private async *blocks(target: ReadTarget, options: ReadOptions): AsyncGenerator<RowBlock> {
    const properties = ["values", ...(options.formulas ? ["formulas"] : []), ...(options.numberFormats ? ["numberFormat"] : [])].join(",");
    const extent = await this.getExtent(target);
    yield* chunkedRead(extent, options, (startRow, rowCount) =>
      this.run(async (ctx) => {
        const address = rangeAddress({
          start: { row: startRow, column: extent.firstColumn },
          end: { row: startRow + rowCount - 1, column: extent.firstColumn + extent.columnCount - 1 },
        });
        const range = ctx.workbook.worksheets.getItem(extent.sheet).getRange(address);
        range.load(properties);
        await ctx.sync();
        return {
          values: expectGrid(range.values, "values", address),
          ...(options.formulas ? { formulas: expectGrid(range.formulas, "formulas", address) } : {}),
          ...(options.numberFormats ? { numberFormats: expectGrid(range.numberFormat, "numberFormat", address) as string[][] } : {}),
        };
      }),
    );
  }

  async writeTable(request: WriteTableRequest): Promise<WriteTableResult> {
    checkRows(request);
    const mode = request.mode ?? "values";
    const top = parseCell(checkAddress(request.topLeft));
    const lastColumn = top.column + request.header.length - 1;
    const sheetName = await this.run(async (ctx) => {
      let sheet = ctx.workbook.worksheets.getItemOrNullObject(request.sheet);
      const old = ctx.workbook.tables.getItemOrNullObject(request.name);
      await ctx.sync();
      if (sheet.isNullObject) sheet = ctx.workbook.worksheets.add(request.sheet);
      if (!old.isNullObject) old.delete();
      sheet.load("name");
      sheet.getRange(rangeAddress({ start: top, end: { row: top.row, column: lastColumn } })).values = [request.header.map((h) => asLiteral(h))];
      await ctx.sync();
      return sheet.name;
    });
    const chunks = splitByBudget(request.rows, request.budgetBytes ?? DEFAULT_BUDGET_BYTES);
    for (const [a, b] of chunks) {
      await this.run(async (ctx) => {
        const address = rangeAddress({ start: { row: top.row + 1 + a, column: top.column }, end: { row: top.row + b, column: lastColumn } });
        const range = ctx.workbook.worksheets.getItem(sheetName).getRange(address);
        const block = request.rows.slice(a, b).map((row) => (mode === "values" ? row.map(asLiteral) : [...row]));
        if (mode === "formulas") range.formulas = block;
        else range.values = block;
        await ctx.sync();
      });
    }
    const dataRows = Math.max(1, request.rows.length);
    const whole: RangeRef = { sheet: sheetName, start: top, end: { row: top.row + dataRows, column: lastColumn } };
    await this.run(async (ctx) => {
      const table = ctx.workbook.tables.add(rangeAddress(whole), true);
      table.name = request.name;
      await ctx.sync();
    });
    return { name: request.name, sheet: sheetName, address: rangeAddress(whole), rowCount: request.rows.length, chunks: chunks.length };
  }

  async readSelection(): Promise<SelectionInfo> {
    return this.run(async (ctx) => {
      const selection = ctx.workbook.getSelectedRange();
      selection.load("address,rowCount,columnCount");
      // Only the top-left cell's content: a whole-column selection must not pull a million cells.
      const first = selection.getCell(0, 0);
      first.load("values,formulas");
      await ctx.sync();
      const ref = parseRange(selection.address);
      return {
        sheet: ref.sheet ?? "",
        address: selection.address,
        rowCount: selection.rowCount,
        columnCount: selection.columnCount,
        value: expectGrid(first.values, "values", selection.address)[0]![0]!,
        formula: expectGrid(first.formulas, "formulas", selection.address)[0]![0]!,
      };
    });
  }

  async readCell(address: string): Promise<CellInfo> {
    const ref = parseAddress(address);
    const size = rangeSize(ref);
    if (size.rows !== 1 || size.columns !== 1) throw new GatewayError("BAD_ADDRESS", `'${address}' is not a single cell`);
    return this.run(async (ctx) => {
      let sheet: Excel.Worksheet;
      if (ref.sheet !== undefined) {
        sheet = ctx.workbook.worksheets.getItemOrNullObject(ref.sheet);
        await ctx.sync();
        if (sheet.isNullObject) throw new GatewayError("NO_SUCH_SHEET", `no sheet named '${ref.sheet}'`);
      } else {
        sheet = ctx.workbook.worksheets.getActiveWorksheet();
      }
      const range = sheet.getRange(cellAddress(ref.start));
      range.load("address,values,formulas");
      await ctx.sync();
      const at = parseRange(range.address);
      return {
        sheet: at.sheet ?? "",
        address: range.address,
        value: expectGrid(range.values, "values", address)[0]![0]!,
        formula: expectGrid(range.formulas, "formulas", address)[0]![0]!,
      };
    });
  }

  async writeSetting(key: string, value: unknown): Promise<void> {
    const text = serialiseSetting(key, value);
    await this.run(async (ctx) => {
      ctx.workbook.settings.add(key, text);
      await ctx.sync();
    });
  }

  async readSetting(key: string): Promise<unknown> {
    return this.run(async (ctx) => {
      const setting = ctx.workbook.settings.getItemOrNullObject(key);
      setting.load("value");
      await ctx.sync();
      return setting.isNullObject ? undefined : parseSetting(setting.value);
    });
  }

  async addSheet(name: string, options: { replace?: boolean } = {}): Promise<SheetInfo> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const existing = sheets.getItemOrNullObject(name);
      sheets.load("items/name");
      await ctx.sync();
      let sheet: Excel.Worksheet;
      if (existing.isNullObject) {
        sheet = sheets.add(name);
      } else {
        if (!options.replace) throw new GatewayError("SHEET_EXISTS", `a sheet named '${name}' already exists`);
        // A workbook cannot lose its last sheet: add a temporary sheet, delete the old one, rename.
        const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
        let temp = "__esg_tmp_1";
        for (let i = 2; taken.has(temp.toLowerCase()); i++) temp = `__esg_tmp_${i}`;
        sheet = sheets.add(temp);
        existing.delete();
        sheet.name = name;
      }
      sheet.load("name,position");
      await ctx.sync();
      return { name: sheet.name, position: sheet.position };
    });
  }

  async addChart(request: ChartRequest): Promise<ChartInfo> {
    const source = parseAddress(request.sourceAddress);
    const excelType = EXCEL_CHART_TYPE[request.kind];
    return this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(request.sheet);
      await ctx.sync();
      if (sheet.isNullObject) throw new GatewayError("NO_SUCH_SHEET", `no sheet named '${request.sheet}'`);
      const seriesBy = request.seriesBy === "columns" ? "Columns" : request.seriesBy === "rows" ? "Rows" : "Auto";
      const chart = sheet.charts.add(excelType as Excel.ChartType, sheet.getRange(rangeAddress({ start: source.start, end: source.end })), seriesBy as Excel.ChartSeriesBy);
      if (request.title !== undefined) chart.title.text = request.title;
      if (request.name !== undefined) chart.name = request.name;
      chart.load("name");
      sheet.load("name");
      await ctx.sync();
      return { sheet: sheet.name, name: chart.name, kind: request.kind, excelType };
    });
  }
}

function parseAddress(address: string): RangeRef {
  try {
    return parseRange(address);
  } catch {
    throw new GatewayError("BAD_ADDRESS", `'${address}' is not an A1 address`);
  }
}

function checkAddress(address: string): string {
  parseAddress(address);
  return address;
}

function expectText(x: unknown, property: string): string {
  if (typeof x !== "string" || x.startsWith("Error,")) throw new Error(`Office returned no ${property}: ${String(x)}`);
  return x;
}

/**
 * Office.js hands back a 2-D array; anything else (office-addin-mock returns an error string for an
 * unloaded property) is a bug in the batch, reported loudly rather than read as data.
 */
function expectGrid(x: unknown, property: string, address: string): CellValue[][] {
  if (!Array.isArray(x) || !x.every((row) => Array.isArray(row))) {
    throw new Error(`Office returned no ${property} grid for ${address}: ${String(x)}`);
  }
  return x as CellValue[][];
}
