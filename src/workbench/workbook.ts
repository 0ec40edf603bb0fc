/**
 * The workbench's in-memory workbook: a MemoryWorkbook whose formulas are evaluated by
 * the same evaluator as `esg eval` (the ESG functions with the bundled factor libraries),
 * a gateway that tells the grid when the taskpane changed something, and cell edits that
 * recalculate the formulas depending on the edited cell.
 */
import { toExcelNumber } from "../engine";
import { isExcelError } from "../functions";
import { evaluateFormula, FormulaError, ParseError, type Scalar } from "../functions/formula";
import { columnLetters, parseRange } from "../office/a1";
import type { CellValue, ChartInfo, ChartRequest, SheetInfo, WriteTableRequest, WriteTableResult } from "../office/gateway";
import { MemoryWorkbookGateway } from "../office/memory/memory-gateway";
import { MemoryWorkbook, type MemorySheet } from "../office/memory/workbook";
import { services } from "../taskpane/services";

/** A gateway that notifies listeners after every change the taskpane makes. */
export class ObservableGateway extends MemoryWorkbookGateway {
  private listeners = new Set<() => void>();
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  notify(): void {
    for (const fn of this.listeners) fn();
  }
  override async writeTable(request: WriteTableRequest): Promise<WriteTableResult> {
    const r = await super.writeTable(request);
    this.notify();
    return r;
  }
  override async addSheet(name: string, options?: { replace?: boolean }): Promise<SheetInfo> {
    const r = await super.addSheet(name, options);
    this.notify();
    return r;
  }
  override async addChart(request: ChartRequest): Promise<ChartInfo> {
    const r = await super.addChart(request);
    this.notify();
    return r;
  }
  override select(address: string): void {
    super.select(address);
    this.notify();
  }
}

function toCell(v: Scalar | Scalar[][]): CellValue {
  const top = Array.isArray(v) ? (v[0]?.[0] ?? null) : v;
  if (top === null) return 0;
  if (isExcelError(top)) return top.excelError;
  if (typeof top === "object" && "toFixed" in top) return toExcelNumber(top);
  return top as CellValue;
}

/** Error messages of formula cells (what Excel shows in the error hover), by "sheet!A1". */
export const cellMessages = new Map<string, string>();

export function createWorkbook(sheets: Record<string, CellValue[][]>): { workbook: MemoryWorkbook; gateway: ObservableGateway } {
  let wb: MemoryWorkbook | null = null;
  const evaluate = (formula: string, sheet: string, address: string): CellValue => {
    const key = `${sheet}!${address}`;
    cellMessages.delete(key);
    try {
      const result = evaluateFormula(formula, {
        context: services().functionContext,
        cells: {
          resolve(ref) {
            const s = wb!.sheet(ref.sheet ?? sheet);
            const out: unknown[][] = [];
            for (let r = ref.start.row; r <= ref.end.row; r++) {
              const row: unknown[] = [];
              for (let c = ref.start.col; c <= ref.end.col; c++) {
                const v = s.cell(r + 1, c + 1)?.value;
                row.push(v === undefined || v === "" ? null : v);
              }
              out.push(row);
            }
            return out;
          },
        },
      });
      const top = Array.isArray(result.value) ? result.value[0]?.[0] : result.value;
      if (top && isExcelError(top)) cellMessages.set(key, top.message ?? top.excelError);
      return toCell(result.value);
    } catch (e) {
      cellMessages.set(key, e instanceof ParseError || e instanceof FormulaError ? e.message : String(e));
      return e instanceof FormulaError && /unknown function|name/i.test(e.message) ? "#NAME?" : "#VALUE!";
    }
  };
  wb = MemoryWorkbook.from({ sheets }, evaluate);
  return { workbook: wb, gateway: new ObservableGateway(wb) };
}

/** What a typed entry becomes: a formula, a number, TRUE/FALSE or text. */
export function parseEntry(text: string): { formula: string } | { value: CellValue } {
  const t = text.trim();
  if (t.startsWith("=") && t.length > 1) return { formula: t };
  if (t !== "" && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  return { value: text };
}

function referencePattern(sheet: MemorySheet, row: number, column: number, sameSheet: boolean): RegExp {
  const col = columnLetters(column);
  const name = sheet.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const prefix = sameSheet ? `(?:(?<![A-Za-z0-9_!'])|(?:'?${name}'?!))` : `(?:'?${name}'?!)`;
  return new RegExp(`${prefix}\\$?${col}\\$?${row}(?!\\d)`, "i");
}

/**
 * Sets a cell from typed text and recalculates every formula that references it
 * (directly or through other recalculated cells; ranges are not followed).
 */
export function editCell(wb: MemoryWorkbook, sheetName: string, row: number, column: number, text: string): number {
  const sheet = wb.sheet(sheetName);
  const entry = parseEntry(text);
  if ("formula" in entry) wb.setFormula(sheet, row, column, entry.formula);
  else wb.setValue(sheet, row, column, entry.value);
  let frontier: Array<{ sheet: MemorySheet; row: number; column: number }> = [{ sheet, row, column }];
  let recalculated = 0;
  for (let round = 0; round < 4 && frontier.length > 0; round++) {
    const next: typeof frontier = [];
    for (const s of wb.sheets) {
      const patterns = frontier.map((f) => referencePattern(f.sheet, f.row, f.column, f.sheet === s));
      s.rows.forEach((cells, ri) =>
        cells?.forEach((cell, ci) => {
          if (!cell?.formula) return;
          if (!patterns.some((p) => p.test(cell.formula!))) return;
          wb.setFormula(s, ri + 1, ci + 1, cell.formula);
          recalculated++;
          next.push({ sheet: s, row: ri + 1, column: ci + 1 });
        }),
      );
    }
    frontier = next;
  }
  return recalculated;
}

/** The text shown in the formula bar for a cell. */
export function entryText(wb: MemoryWorkbook, sheet: string, address: string): string {
  const ref = parseRange(address);
  const cell = wb.findSheet(sheet)?.cell(ref.start.row, ref.start.column);
  if (!cell) return "";
  if (cell.formula) return cell.formula;
  return typeof cell.value === "boolean" ? (cell.value ? "TRUE" : "FALSE") : String(cell.value);
}

export function shownValue(v: CellValue | undefined): string {
  if (v === undefined || v === "") return "";
  if (typeof v === "number") return String(v);
  return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v;
}
