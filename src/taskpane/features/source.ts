/** Reading the mapped source (a sheet's used range or a table) through the gateway, block by block. */
import type { RangeExtent, ReadTarget, WorkbookGateway } from "../../office/gateway";
import type { MappingTemplate, SheetCell } from "../../engine";
import { nextFrame } from "../services";

export type Source = { sheet: string } | { table: string };

export function sourceLabel(s: Source): string {
  return "table" in s ? `table ${s.table}` : `sheet ${s.sheet}`;
}

export function sourceOfTemplate(t: MappingTemplate): Source | null {
  if (t.source.table) return { table: t.source.table };
  if (t.source.sheet) return { sheet: t.source.sheet };
  return null;
}

export function target(s: Source): ReadTarget {
  return "table" in s ? { table: s.table } : { sheet: s.sheet };
}

/** Thrown when the user cancels a long run. */
export class Cancelled extends Error {
  constructor() {
    super("Cancelled");
    this.name = "Cancelled";
  }
}

export interface BlockSink {
  /** Called for each block with the sheet row of its first row. */
  (rows: SheetCell[][], startRow: number, extent: RangeExtent): void;
}

/**
 * Reads every row of the source in the gateway's blocks, pausing between blocks so
 * the UI can paint; `cancelled()` is checked between blocks.
 */
export async function readSource(
  gateway: WorkbookGateway,
  source: Source,
  sink: BlockSink,
  options: { onProgress?: (done: number, total: number) => void; cancelled?: () => boolean; maxRows?: number; maxRowsPerChunk?: number } = {},
): Promise<RangeExtent> {
  const extent = await gateway.getExtent(target(source));
  let done = 0;
  for await (const block of gateway.readRows(target(source), { ...(options.maxRowsPerChunk ? { maxRowsPerChunk: options.maxRowsPerChunk } : {}) })) {
    if (options.cancelled?.()) throw new Cancelled();
    let rows = block.values as SheetCell[][];
    if (options.maxRows !== undefined && done + rows.length > options.maxRows) rows = rows.slice(0, options.maxRows - done);
    sink(rows, block.startRow, extent);
    done += rows.length;
    options.onProgress?.(done, extent.rowCount);
    await nextFrame();
    if (options.maxRows !== undefined && done >= options.maxRows) break;
  }
  return extent;
}
