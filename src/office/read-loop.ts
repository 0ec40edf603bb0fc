/**
 * The chunked read loop shared by both gateways: a sample block first, then blocks
 * sized from the largest row measured so far (see chunking.ts).
 */
import { DEFAULT_BUDGET_BYTES, DEFAULT_SAMPLE_ROWS, jsonBytes, maxRowBytes, rowsPerChunk } from "./chunking";
import type { CellValue, RangeExtent, ReadOptions, RowBlock } from "./gateway";

export interface FetchedBlock {
  values: CellValue[][];
  formulas?: CellValue[][];
  numberFormats?: string[][];
}

/** Reads `rowCount` rows starting at the 1-based sheet row `startRow`, over the extent's columns. */
export type FetchRows = (startRow: number, rowCount: number) => Promise<FetchedBlock>;

export async function* chunkedRead(extent: RangeExtent, options: ReadOptions, fetch: FetchRows): AsyncGenerator<RowBlock> {
  const budgetBytes = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const properties = 1 + (options.formulas ? 1 : 0) + (options.numberFormats ? 1 : 0);
  const lastRow = extent.firstRow + extent.rowCount - 1;
  let next = extent.firstRow;
  let widestRow = 0;
  let size = Math.min(options.sampleRows ?? DEFAULT_SAMPLE_ROWS, options.maxRowsPerChunk ?? Number.POSITIVE_INFINITY);
  while (next <= lastRow) {
    const count = Math.max(1, Math.min(size, lastRow - next + 1));
    const got = await fetch(next, count);
    const parts: unknown[][][] = [got.values];
    if (got.formulas) parts.push(got.formulas);
    if (got.numberFormats) parts.push(got.numberFormats);
    widestRow = Math.max(widestRow, maxRowBytes(parts));
    const payloadBytes = parts.reduce((sum, p) => sum + jsonBytes(p), 0);
    yield {
      startRow: next,
      startColumn: extent.firstColumn,
      values: got.values,
      ...(got.formulas ? { formulas: got.formulas } : {}),
      ...(got.numberFormats ? { numberFormats: got.numberFormats } : {}),
      payloadBytes,
    };
    next += count;
    size = rowsPerChunk({
      bytesPerRow: widestRow,
      columns: extent.columnCount,
      budgetBytes,
      propertiesPerCell: properties,
      ...(options.maxRowsPerChunk !== undefined ? { maxRows: options.maxRowsPerChunk } : {}),
    });
  }
}
