/**
 * A1 addressing shared by both gateways: column letters, cell and range addresses,
 * sheet-qualified addresses ("'My sheet'!A1:C9"). Rows and columns are 1-based here,
 * as in Excel.
 */

export interface CellRef {
  row: number;
  column: number;
}

export interface RangeRef {
  sheet?: string;
  start: CellRef;
  end: CellRef;
}

/** 1 -> "A", 27 -> "AA". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`column ${column} is not a positive integer`);
  let n = column;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" -> 1, "AA" -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) throw new RangeError(`'${letters}' is not a column`);
    n = n * 26 + (c - 64);
  }
  return n;
}

export function cellAddress(ref: CellRef): string {
  return `${columnLetters(ref.column)}${ref.row}`;
}

/** Quotes a sheet name when Excel would ("'Q1 data'!A1"). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rangeAddress(ref: RangeRef): string {
  const a = cellAddress(ref.start);
  const b = cellAddress(ref.end);
  const body = a === b ? a : `${a}:${b}`;
  return ref.sheet === undefined ? body : `${quoteSheet(ref.sheet)}!${body}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export function parseCell(text: string): CellRef {
  const m = CELL.exec(text.trim());
  if (!m) throw new RangeError(`'${text}' is not an A1 cell address`);
  const row = Number(m[2]);
  if (row < 1) throw new RangeError(`'${text}' is not an A1 cell address`);
  return { row, column: columnNumber(m[1]!) };
}

/** Splits "'Sheet 1'!A1:B2" into sheet and range; accepts a single cell too. */
export function parseRange(text: string): RangeRef {
  let rest = text.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    const s = rest.slice(0, bang);
    sheet = s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
    rest = rest.slice(bang + 1);
  }
  const [a, b] = rest.split(":");
  const start = parseCell(a!);
  const end = b === undefined ? start : parseCell(b);
  return {
    ...(sheet === undefined ? {} : { sheet }),
    start: { row: Math.min(start.row, end.row), column: Math.min(start.column, end.column) },
    end: { row: Math.max(start.row, end.row), column: Math.max(start.column, end.column) },
  };
}

export function rangeSize(ref: RangeRef): { rows: number; columns: number } {
  return { rows: ref.end.row - ref.start.row + 1, columns: ref.end.column - ref.start.column + 1 };
}
