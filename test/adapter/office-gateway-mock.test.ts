/**
 * The Office gateway against office-addin-mock's OfficeMockObject: load/sync
 * semantics as the mock implements them (an unloaded property reads as an error
 * STRING, not an exception, so the gateway must check what it got).
 *
 * Mock quirks modelled here, explicitly:
 * - `isNullObject` is available after sync without a load in Office.js; the mock would
 *   demand a load, so the test defines it as a plain property.
 * - The mock has no behaviour behind `getRange(address)`: the test's getRange fills the
 *   one mock range with the requested block (and resets its loaded state) and records
 *   the request, which is how sync counts and per-request payloads are observed.
 */
import { OfficeMockObject } from "office-addin-mock";
import { parseRange, rangeSize } from "../../src/office/a1";
import { DEFAULT_BUDGET_BYTES, PLATFORM_PAYLOAD_LIMIT_BYTES, jsonBytes } from "../../src/office/chunking";
import { OfficeWorkbookGateway } from "../../src/office/office-gateway";

const ROWS = 60_000;
const COLUMNS = 12;

function cellText(r: number, c: number): string {
  return `Asset ${String(r).padStart(6, "0")} field ${String(c).padStart(2, "0")} Lenovo T480`;
}

/** A sheet of 60,000 x 12 text cells, generated on demand (no 720k-cell array in memory). */
function block(firstRow: number, lastRow: number): string[][] {
  const out: string[][] = [];
  for (let r = firstRow; r <= lastRow; r++) out.push(Array.from({ length: COLUMNS }, (_, c) => cellText(r, c)));
  return out;
}

/** office-addin-mock's setValue is private in its typings; the test drives it directly. */
type MockRange = { setValue(name: string, value: unknown): void };

interface Request {
  address: string;
  responseBytes: number;
}

function bigSheetMock(): { excel: OfficeMockObject; requests: Request[]; syncs: () => number } {
  const requests: Request[] = [];
  const data = {
    context: {
      workbook: {
        worksheets: {
          range: { address: "", values: [[""]] as unknown[][] },
          getItemOrNullObject(this: Record<string, unknown>) {
            return this;
          },
          getItem(this: Record<string, unknown>) {
            return this;
          },
          getUsedRange(this: { range: MockRange }) {
            this.range.setValue("address", `Data!A1:L${ROWS}`);
            return this.range;
          },
          getRange(this: { range: MockRange }, address: string) {
            const ref = parseRange(address);
            expect(ref.start.column).toBe(1);
            expect(rangeSize(ref).columns).toBe(COLUMNS);
            const values = block(ref.start.row, ref.end.row);
            requests.push({ address, responseBytes: jsonBytes(values) });
            this.range.setValue("address", `Data!${address}`);
            this.range.setValue("values", values);
            return this.range;
          },
        },
      },
    },
    run: async function (this: { context: unknown }, batch: (ctx: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  };
  const excel = new OfficeMockObject(data);
  const ctx = (excel as unknown as { context: { sync: () => Promise<void>; workbook: { worksheets: object } } }).context;
  Object.defineProperty(ctx.workbook.worksheets, "isNullObject", { value: false });
  let syncs = 0;
  const sync = ctx.sync.bind(ctx);
  ctx.sync = async () => {
    syncs++;
    await sync();
  };
  return { excel, requests, syncs: () => syncs };
}

describe("OfficeWorkbookGateway with office-addin-mock", () => {
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });

  it("reads 60,000 x 12 text cells in budgeted chunks: every row once, in order", async () => {
    const { excel, requests, syncs } = bigSheetMock();
    (globalThis as { Excel?: unknown }).Excel = excel; // the default runner calls the global Excel.run
    const gw = new OfficeWorkbookGateway();

    let next = 1;
    let blocks = 0;
    for await (const b of gw.readRows({ sheet: "Data" })) {
      expect(b.startRow).toBe(next);
      expect(b.values[0]![0]).toBe(cellText(next, 0));
      expect(b.values[b.values.length - 1]![COLUMNS - 1]).toBe(cellText(next + b.values.length - 1, COLUMNS - 1));
      expect(b.payloadBytes).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
      next += b.values.length;
      blocks++;
    }
    expect(next).toBe(ROWS + 1);

    // The whole sheet is far above one request's limit, so several requests are needed.
    const total = jsonBytes(block(1, ROWS));
    expect(total).toBeGreaterThan(5 * PLATFORM_PAYLOAD_LIMIT_BYTES);
    // Expected plan: a 200-row sample, then floor((budget - 2) / bytesPerRow) rows per request,
    // where bytesPerRow = JSON bytes of one row + 1 separator (all rows are the same width here).
    const bytesPerRow = jsonBytes(block(1, 1)[0]) + 1;
    const perChunk = Math.floor((DEFAULT_BUDGET_BYTES - 2) / bytesPerRow);
    const expectedBlocks = 1 + Math.ceil((ROWS - 200) / perChunk);
    expect(blocks).toBe(expectedBlocks);
    expect(requests).toHaveLength(expectedBlocks);
    expect(requests[1]!.address).toBe(`A201:L${200 + perChunk}`);
    for (const r of requests) expect(r.responseBytes).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
    // Two syncs find the sheet and its used range, then exactly one per block.
    expect(syncs()).toBe(2 + expectedBlocks);
    console.log(`60,000 x 12 text cells: ${(total / 1e6).toFixed(1)} MB in ${blocks} requests of <= ${perChunk} rows (${syncs()} syncs)`);
  });

  it("a smaller budget means more, smaller requests", async () => {
    const { excel, requests } = bigSheetMock();
    const gw = new OfficeWorkbookGateway({ run: (batch) => (excel as unknown as { run: typeof Excel.run }).run(batch) });
    let rows = 0;
    for await (const b of gw.readRows({ sheet: "Data" }, { budgetBytes: 1_000_000 })) rows += b.values.length;
    expect(rows).toBe(ROWS);
    expect(requests.length).toBeGreaterThan(20);
    for (const r of requests) expect(r.responseBytes).toBeLessThanOrEqual(1_000_000);
  });

  it("an unloaded property comes back from the mock as an error string, and the gateway refuses it", async () => {
    const { excel } = bigSheetMock();
    const ws = (excel as unknown as { context: { workbook: { worksheets: { range: Record<string, unknown> } } } }).context.workbook.worksheets;
    // Sanity check of the mock's quirk itself.
    expect(ws.range.values).toBe("Error, property was not loaded");
    // Break the batch: load becomes a no-op, so `values` is never loaded.
    ws.range.load = function (this: unknown) {
      return this;
    };
    const gw = new OfficeWorkbookGateway({ run: (batch) => (excel as unknown as { run: typeof Excel.run }).run(batch) });
    const it = gw.readRows({ sheet: "Data" })[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow(/Office returned no address: Error, property was not loaded/);
  });

  it("reads one cell and the selection after load + sync", async () => {
    const excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            range: { address: "Results!C7", values: [[42.5]], formulas: [["=ESG.TRANSPORT_CO2(A7,B7)"]] },
            getActiveWorksheet(this: Record<string, unknown>) {
              return this;
            },
            getRange(this: { range: unknown }) {
              return this.range;
            },
          },
          selection: {
            address: "Results!C7:D9",
            rowCount: 3,
            columnCount: 2,
            cell: { values: [["Laptop"]], formulas: [["Laptop"]] },
            getCell(this: { cell: unknown }) {
              return this.cell;
            },
          },
          getSelectedRange(this: { selection: unknown }) {
            return this.selection;
          },
        },
      },
      run: async function (this: { context: unknown }, batch: (ctx: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    });
    const gw = new OfficeWorkbookGateway({ run: (batch) => (excel as unknown as { run: typeof Excel.run }).run(batch) });
    expect(await gw.readCell("C7")).toEqual({ sheet: "Results", address: "Results!C7", value: 42.5, formula: "=ESG.TRANSPORT_CO2(A7,B7)" });
    expect(await gw.readSelection()).toEqual({ sheet: "Results", address: "Results!C7:D9", rowCount: 3, columnCount: 2, value: "Laptop", formula: "Laptop" });
  });
});
