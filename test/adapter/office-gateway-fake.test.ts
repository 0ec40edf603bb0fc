/**
 * The Office gateway against a hand-written fake Excel context (fake-excel.ts):
 * the shared contract, plus the write-chunk budget. office-addin-mock cannot model
 * tables.add, charts.add, settings or getRange-by-address with behaviour, so these
 * paths are tested here; reading and chunking are also tested with office-addin-mock
 * (office-gateway-mock.test.ts).
 */
import { MemoryWorkbook } from "../../src/office/memory/workbook";
import { OfficeWorkbookGateway } from "../../src/office/office-gateway";
import { fakeExcel } from "./fake-excel";
import { gatewayContract } from "./gateway-contract";

gatewayContract("OfficeWorkbookGateway (fake Excel context)", (wb) => new OfficeWorkbookGateway({ run: fakeExcel(wb).run }));

describe("OfficeWorkbookGateway writes", () => {
  it("keeps every write request under the budget and syncs once per chunk", async () => {
    const wb = MemoryWorkbook.from({ sheets: { Sheet1: [] } });
    const fake = fakeExcel(wb);
    const gw = new OfficeWorkbookGateway({ run: fake.run });
    const rows = Array.from({ length: 5000 }, (_, i) => [`row ${i}`, "x".repeat(i % 50), i]);
    const budget = 20_000;
    const res = await gw.writeTable({ sheet: "Out", topLeft: "A1", name: "Out", header: ["a", "b", "c"], rows, budgetBytes: budget });
    expect(res.chunks).toBeGreaterThan(5);
    // 2 syncs to prepare (look up, then header), one per chunk, one to create the table.
    expect(fake.syncs).toHaveLength(2 + res.chunks + 1);
    for (const s of fake.syncs) expect(s.bytesSent).toBeLessThanOrEqual(budget);
    const sent = fake.syncs.reduce((n, s) => n + s.bytesSent, 0);
    expect(sent).toBeGreaterThan(budget * 5);
    expect(wb.read("Out", { start: { row: 5001, column: 1 }, end: { row: 5001, column: 3 } }).values).toEqual([["row 4999", "x".repeat(4999 % 50), 4999]]);
  });

  it("keeps every read response under the budget on a large sheet", async () => {
    const wb = MemoryWorkbook.from({ sheets: { Big: Array.from({ length: 20000 }, (_, r) => Array.from({ length: 6 }, (_, c) => `r${r}c${c} ${"é".repeat(r % 7)}`)) } });
    const fake = fakeExcel(wb);
    const gw = new OfficeWorkbookGateway({ run: fake.run });
    const budget = 150_000;
    let rows = 0;
    for await (const b of gw.readRows({ sheet: "Big" }, { budgetBytes: budget, formulas: true })) {
      expect(b.startRow).toBe(rows + 1);
      expect(b.values[0]![0]).toBe(`r${rows}c0 ${"é".repeat(rows % 7)}`);
      rows += b.values.length;
      expect(b.payloadBytes).toBeLessThanOrEqual(budget);
    }
    expect(rows).toBe(20000);
    for (const s of fake.syncs) expect(s.bytesReceived).toBeLessThanOrEqual(budget);
  });
});
