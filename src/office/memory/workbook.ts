/**
 * An in-memory workbook: sheets as 2-D arrays of cells (value, optional formula,
 * optional number format), named tables, settings, charts recorded as specs, the
 * active sheet and the selection. It calculates nothing: a formula cell keeps the
 * value it was given, or what the optional `evaluate` hook returns (the workbench
 * plugs the custom functions in there).
 */
import { parseRange, rangeAddress, type RangeRef } from "../a1";
import { GatewayError, type CellValue, type ChartKind } from "../gateway";

export interface MemoryCell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
}

export interface MemoryTable {
  name: string;
  sheet: string;
  range: RangeRef;
}

export interface ChartSpec {
  sheet: string;
  name: string;
  kind: ChartKind;
  excelType: string;
  sourceAddress: string;
  title?: string;
  seriesBy: "auto" | "columns" | "rows";
}

export class MemorySheet {
  /** rows[r][c], 0-based; missing cells are empty. */
  readonly rows: MemoryCell[][] = [];
  constructor(public name: string) {}

  cell(row: number, column: number): MemoryCell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  set(row: number, column: number, cell: MemoryCell | undefined): void {
    const r = (this.rows[row - 1] ??= []);
    if (cell === undefined) delete r[column - 1];
    else r[column - 1] = cell;
  }

  /** Smallest rectangle holding every non-empty cell; A1 when the sheet is empty (as Excel). */
  usedRange(): RangeRef {
    let top = 0;
    let bottom = 0;
    let left = 0;
    let right = 0;
    this.rows.forEach((row, ri) => {
      row?.forEach((cell, ci) => {
        if (cell === undefined || (cell.value === "" && cell.formula === undefined)) return;
        const r = ri + 1;
        const c = ci + 1;
        if (top === 0 || r < top) top = r;
        if (r > bottom) bottom = r;
        if (left === 0 || c < left) left = c;
        if (c > right) right = c;
      });
    });
    if (top === 0) return { sheet: this.name, start: { row: 1, column: 1 }, end: { row: 1, column: 1 } };
    return { sheet: this.name, start: { row: top, column: left }, end: { row: bottom, column: right } };
  }
}

export interface WorkbookSeed {
  /** Sheet name -> rows of values; a string starting with "=" is stored as a formula with value "". */
  sheets: Record<string, readonly (readonly CellValue[])[]>;
  tables?: Array<{ name: string; sheet: string; address: string }>;
}

export class MemoryWorkbook {
  readonly sheets: MemorySheet[] = [];
  readonly tables: MemoryTable[] = [];
  readonly settings = new Map<string, string>();
  readonly charts: ChartSpec[] = [];
  activeSheet = "";
  selection = "A1";
  private tempCounter = 0;

  constructor(readonly evaluate?: (formula: string, sheet: string, address: string) => CellValue) {}

  static from(seed: WorkbookSeed, evaluate?: (formula: string, sheet: string, address: string) => CellValue): MemoryWorkbook {
    const wb = new MemoryWorkbook(evaluate);
    for (const [name, rows] of Object.entries(seed.sheets)) {
      const sheet = wb.addSheet(name);
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v === "string" && v.startsWith("=")) wb.setFormula(sheet, r + 1, c + 1, v);
          else if (v !== "") sheet.set(r + 1, c + 1, { value: v });
        }),
      );
    }
    for (const t of seed.tables ?? []) wb.addTable(t.name, t.sheet, parseRange(t.address));
    return wb;
  }

  findSheet(name: string): MemorySheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  sheet(name: string): MemorySheet {
    const s = this.findSheet(name);
    if (!s) throw new GatewayError("NO_SUCH_SHEET", `no sheet named '${name}'`);
    return s;
  }

  addSheet(name: string): MemorySheet {
    if (this.findSheet(name)) throw new GatewayError("SHEET_EXISTS", `a sheet named '${name}' already exists`);
    if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new GatewayError("BAD_REQUEST", `'${name}' is not a valid sheet name`);
    const s = new MemorySheet(name);
    this.sheets.push(s);
    if (this.activeSheet === "") this.activeSheet = name;
    return s;
  }

  deleteSheet(name: string): void {
    const s = this.sheet(name);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.sheet === s.name) this.tables.splice(i, 1);
    for (let i = this.charts.length - 1; i >= 0; i--) if (this.charts[i]!.sheet === s.name) this.charts.splice(i, 1);
    if (this.activeSheet === s.name) this.activeSheet = this.sheets[0]?.name ?? "";
  }

  /** A fresh sheet name that does not exist yet (used when replacing the only sheet). */
  tempSheetName(): string {
    let name: string;
    do name = `__esg_tmp_${++this.tempCounter}`;
    while (this.findSheet(name));
    return name;
  }

  setFormula(sheet: MemorySheet, row: number, column: number, formula: string): void {
    const address = rangeAddress({ start: { row, column }, end: { row, column } });
    const value = this.evaluate ? this.evaluate(formula, sheet.name, address) : "";
    const prev = sheet.cell(row, column);
    sheet.set(row, column, { value, formula, ...(prev?.numberFormat ? { numberFormat: prev.numberFormat } : {}) });
  }

  setValue(sheet: MemorySheet, row: number, column: number, value: CellValue): void {
    const prev = sheet.cell(row, column);
    if (value === "" && !prev?.numberFormat) sheet.set(row, column, undefined);
    else sheet.set(row, column, { value, ...(prev?.numberFormat ? { numberFormat: prev.numberFormat } : {}) });
  }

  /** Writes a block: in "formulas" mode text starting with "=" becomes a formula; in "values" mode it stays text. */
  write(sheetName: string, ref: RangeRef, rows: readonly (readonly CellValue[])[], mode: "values" | "formulas"): void {
    const sheet = this.sheet(sheetName);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const rr = ref.start.row + r;
        const cc = ref.start.column + c;
        if (mode === "formulas" && typeof v === "string" && v.startsWith("=")) this.setFormula(sheet, rr, cc, v);
        else this.setValue(sheet, rr, cc, v);
      }),
    );
  }

  clear(sheetName: string, ref: RangeRef): void {
    const sheet = this.sheet(sheetName);
    for (let r = ref.start.row; r <= ref.end.row; r++) for (let c = ref.start.column; c <= ref.end.column; c++) sheet.set(r, c, undefined);
  }

  read(sheetName: string, ref: RangeRef): { values: CellValue[][]; formulas: CellValue[][]; numberFormats: string[][] } {
    const sheet = this.sheet(sheetName);
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const numberFormats: string[][] = [];
    for (let r = ref.start.row; r <= ref.end.row; r++) {
      const v: CellValue[] = [];
      const f: CellValue[] = [];
      const n: string[] = [];
      for (let c = ref.start.column; c <= ref.end.column; c++) {
        const cell = sheet.cell(r, c);
        v.push(cell?.value ?? "");
        f.push(cell?.formula ?? cell?.value ?? "");
        n.push(cell?.numberFormat ?? "General");
      }
      values.push(v);
      formulas.push(f);
      numberFormats.push(n);
    }
    return { values, formulas, numberFormats };
  }

  findTable(name: string): MemoryTable | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key);
  }

  addTable(name: string, sheetName: string, range: RangeRef): MemoryTable {
    if (this.findTable(name)) throw new GatewayError("BAD_REQUEST", `a table named '${name}' already exists`);
    const sheet = this.sheet(sheetName);
    const t: MemoryTable = { name, sheet: sheet.name, range: { sheet: sheet.name, start: range.start, end: range.end } };
    this.tables.push(t);
    return t;
  }

  /** Deletes the table and clears its cells (as Excel's Table.delete does). */
  deleteTable(name: string): void {
    const t = this.findTable(name);
    if (!t) throw new GatewayError("NO_SUCH_TABLE", `no table named '${name}'`);
    this.clear(t.sheet, t.range);
    this.tables.splice(this.tables.indexOf(t), 1);
  }
}
