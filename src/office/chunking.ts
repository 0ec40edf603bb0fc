/**
 * Payload budgeting for reads and writes.
 *
 * Excel on the web rejects a request or response above 5 MB, and any platform
 * returns nothing for a read above 5,000,000 cells (office-addin-notes §10). The
 * budget defaults to 4 MB to leave room for the envelope Office adds.
 *
 * The measure is the UTF-8 byte length of `JSON.stringify` of the cell arrays, which
 * is how Office.js serialises values on the wire. A row costs the bytes of its own
 * JSON array plus one separator; a block costs 2 (the outer brackets) plus its rows.
 *
 * Reads: the size of rows not yet read is unknown, so the first block is a small
 * sample (200 rows); the chunk size is then budget / (largest row seen so far), and
 * the largest row is updated after every block (adaptive). Writes: the rows are in
 * hand, so chunks are cut exactly, greedily, before the budget would be exceeded.
 */

export const DEFAULT_BUDGET_BYTES = 4_000_000;
export const PLATFORM_PAYLOAD_LIMIT_BYTES = 5_000_000;
export const MAX_CELLS_PER_READ = 5_000_000;
export const DEFAULT_SAMPLE_ROWS = 200;

const encoder = new TextEncoder();

/** UTF-8 byte length of JSON.stringify(x). */
export function jsonBytes(x: unknown): number {
  return encoder.encode(JSON.stringify(x)).length;
}

/** Bytes one row adds to a block: its JSON array plus a separator. */
export function rowBytes(row: readonly unknown[]): number {
  return jsonBytes(row) + 1;
}

/** Largest per-row cost over parallel arrays (values, formulas, formats read together cost their sum). */
export function maxRowBytes(blocks: readonly (readonly (readonly unknown[])[])[]): number {
  const rows = blocks[0]?.length ?? 0;
  let max = 0;
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (const b of blocks) total += rowBytes(b[r] ?? []);
    if (total > max) max = total;
  }
  return max;
}

export interface ChunkPlan {
  bytesPerRow: number;
  columns: number;
  budgetBytes: number;
  maxRows?: number;
  /** How many arrays are read per cell (values, formulas, formats), for the cell limit. */
  propertiesPerCell?: number;
}

/** Rows per read request: within the byte budget, the 5M-cell read limit and maxRows; at least 1. */
export function rowsPerChunk(plan: ChunkPlan): number {
  const overhead = 2 * Math.max(1, plan.propertiesPerCell ?? 1);
  const byBytes = Math.floor((plan.budgetBytes - overhead) / Math.max(1, plan.bytesPerRow));
  const byCells = Math.floor(MAX_CELLS_PER_READ / Math.max(1, plan.columns));
  return Math.max(1, Math.min(byBytes, byCells, plan.maxRows ?? Number.POSITIVE_INFINITY));
}

/**
 * Cuts rows into consecutive chunks whose JSON stays within the budget (a single
 * row above the budget gets a chunk of its own). Returns [start, end) pairs.
 */
export function splitByBudget(rows: readonly (readonly unknown[])[], budgetBytes: number, maxCells = MAX_CELLS_PER_READ): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let bytes = 2;
  let cells = 0;
  for (let i = 0; i < rows.length; i++) {
    const b = rowBytes(rows[i]!);
    const c = rows[i]!.length;
    if (i > start && (bytes + b > budgetBytes || cells + c > maxCells)) {
      out.push([start, i]);
      start = i;
      bytes = 2;
      cells = 0;
    }
    bytes += b;
    cells += c;
  }
  if (rows.length > start) out.push([start, rows.length]);
  return out;
}
