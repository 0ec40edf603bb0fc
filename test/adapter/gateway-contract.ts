/**
 * One contract for every WorkbookGateway implementation. Each suite hands in a
 * factory that builds the gateway over a MemoryWorkbook seeded the same way (the
 * Office gateway through a fake Excel context over that workbook), so the same
 * assertions hold for both.
 */
import { GatewayError, type RowBlock, type WorkbookGateway } from "../../src/office/gateway";
import { MemoryWorkbook, type WorkbookSeed } from "../../src/office/memory/workbook";

export type GatewayFactory = (workbook: MemoryWorkbook) => WorkbookGateway;

async function collect(it: AsyncIterable<RowBlock>): Promise<RowBlock[]> {
  const out: RowBlock[] = [];
  for await (const b of it) out.push(b);
  return out;
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(GatewayError);
  await expect(p).rejects.toMatchObject({ code });
}

const SEED: WorkbookSeed = {
  sheets: {
    Assets: [
      ["Disposal log Q1", "", "", ""],
      ["", "", "", ""],
      ["", "Asset Tag", "Wt (lbs)", "Disposition"],
      ["", "A-1", 12.5, "Resold"],
      ["", "A-2", 3, "Recycled"],
      ["", "A-3", "=C4+C5", "Shredded"],
    ],
    "Q2 data": [["x", "y"]],
    Empty: [],
  },
};

export function gatewayContract(label: string, make: GatewayFactory): void {
  describe(`WorkbookGateway contract: ${label}`, () => {
    let wb: MemoryWorkbook;
    let gw: WorkbookGateway;
    beforeEach(() => {
      wb = MemoryWorkbook.from(SEED);
      gw = make(wb);
    });

    it("lists sheets in order with positions", async () => {
      expect(await gw.listSheets()).toEqual([
        { name: "Assets", position: 0 },
        { name: "Q2 data", position: 1 },
        { name: "Empty", position: 2 },
      ]);
    });

    it("finds the used range, skipping leading blank columns", async () => {
      expect(await gw.getExtent({ sheet: "Assets" })).toEqual({ sheet: "Assets", address: "Assets!A1:D6", firstRow: 1, firstColumn: 1, rowCount: 6, columnCount: 4 });
      expect(await gw.getExtent({ sheet: "Q2 data" })).toMatchObject({ address: "'Q2 data'!A1:B1", rowCount: 1, columnCount: 2 });
      expect(await gw.getExtent({ sheet: "Assets", address: "B3:D6" })).toMatchObject({ firstRow: 3, firstColumn: 2, rowCount: 4, columnCount: 3 });
    });

    it("an empty sheet reads as one empty cell at A1 (as Excel)", async () => {
      const blocks = await collect(gw.readRows({ sheet: "Empty" }));
      expect(blocks.map((b) => [b.startRow, b.values])).toEqual([[1, [[""]]]]);
    });

    it("reads every row once, in order, in several blocks under a small budget", async () => {
      const blocks = await collect(gw.readRows({ sheet: "Assets", address: "B3:D6" }, { budgetBytes: 60, sampleRows: 1, formulas: true, numberFormats: true }));
      expect(blocks.length).toBeGreaterThan(1);
      let expected = 3;
      const rows: unknown[] = [];
      for (const b of blocks) {
        expect(b.startRow).toBe(expected);
        expect(b.startColumn).toBe(2);
        expected += b.values.length;
        rows.push(...b.values.map((v, i) => [v, b.formulas![i], b.numberFormats![i]]));
      }
      expect(expected).toBe(7);
      expect(rows).toEqual([
        [["Asset Tag", "Wt (lbs)", "Disposition"], ["Asset Tag", "Wt (lbs)", "Disposition"], ["General", "General", "General"]],
        [["A-1", 12.5, "Resold"], ["A-1", 12.5, "Resold"], ["General", "General", "General"]],
        [["A-2", 3, "Recycled"], ["A-2", 3, "Recycled"], ["General", "General", "General"]],
        [["A-3", "", "Shredded"], ["A-3", "=C4+C5", "Shredded"], ["General", "General", "General"]],
      ]);
    });

    it("reports missing sheets and tables with gateway codes", async () => {
      await rejectsWith(gw.getExtent({ sheet: "Nope" }), "NO_SUCH_SHEET");
      await rejectsWith(collect(gw.readRows({ table: "Nope" })), "NO_SUCH_TABLE");
      await rejectsWith(gw.readCell("Nope!A1"), "NO_SUCH_SHEET");
      await rejectsWith(gw.readCell("Assets!A1:B2"), "BAD_ADDRESS");
      await rejectsWith(gw.readCell("not an address"), "BAD_ADDRESS");
    });

    it("writes a table in chunks, creating the sheet, and reads it back by name", async () => {
      const rows = Array.from({ length: 25 }, (_, i) => [`id-${i}`, i * 1.5, i % 2 === 0]);
      const res = await gw.writeTable({ sheet: "Results", topLeft: "B2", name: "ResultsTable", header: ["Id", "kg CO2e", "Ok"], rows, budgetBytes: 120 });
      expect(res).toEqual({ name: "ResultsTable", sheet: "Results", address: "Results!B2:D27", rowCount: 25, chunks: expect.any(Number) });
      expect(res.chunks).toBeGreaterThan(3);
      expect(await gw.listTables()).toEqual([{ name: "ResultsTable", sheet: "Results", address: "Results!B2:D27" }]);
      const blocks = await collect(gw.readRows({ table: "ResultsTable" }, { budgetBytes: 200, sampleRows: 2 }));
      expect(blocks.flatMap((b) => b.values)).toEqual([["Id", "kg CO2e", "Ok"], ...rows]);
      expect(blocks[0]!.startRow).toBe(2);
    });

    it("replaces a table of the same name and clears its old cells", async () => {
      await gw.writeTable({ sheet: "Results", topLeft: "A1", name: "First", header: ["a"], rows: [["x"], ["y"], ["z"]] });
      await gw.writeTable({ sheet: "Results", topLeft: "A1", name: "First", header: ["a"], rows: [["only"]] });
      expect(await gw.listTables()).toEqual([{ name: "First", sheet: "Results", address: "Results!A1:A2" }]);
      expect((await gw.readCell("Results!A3")).value).toBe("");
      // A header-only table keeps one empty data row, as Excel does.
      const empty = await gw.writeTable({ sheet: "Results", topLeft: "C1", name: "Second", header: ["h1", "h2"], rows: [] });
      expect(empty.address).toBe("Results!C1:D2");
    });

    it("values mode keeps formula-like text as text; formulas mode writes formulas", async () => {
      await gw.writeTable({ sheet: "S", topLeft: "A1", name: "Vals", header: ["v"], rows: [["=1+2"], ["plain"]] });
      expect(await gw.readCell("S!A2")).toEqual({ sheet: "S", address: "S!A2", value: "=1+2", formula: "=1+2" });
      // The value of a text cell and its "formula" are the same string; a formula cell has a formula and no text value.
      await gw.writeTable({ sheet: "S", topLeft: "C1", name: "Forms", header: ["f"], rows: [["=ESG.TRANSPORT_CO2(1,2)"]], mode: "formulas" });
      const f = await gw.readCell("S!C2");
      expect(f.formula).toBe("=ESG.TRANSPORT_CO2(1,2)");
      expect(f.value).not.toBe("=ESG.TRANSPORT_CO2(1,2)");
    });

    it("rejects bad table requests before touching the workbook", async () => {
      await rejectsWith(gw.writeTable({ sheet: "S", topLeft: "A1", name: "A1", header: ["a"], rows: [] }), "BAD_REQUEST");
      await rejectsWith(gw.writeTable({ sheet: "S", topLeft: "A1", name: "has space", header: ["a"], rows: [] }), "BAD_REQUEST");
      await rejectsWith(gw.writeTable({ sheet: "S", topLeft: "A1", name: "Ok", header: ["a", "b"], rows: [["x"]] }), "BAD_REQUEST");
      await rejectsWith(gw.writeTable({ sheet: "S", topLeft: "nowhere", name: "Ok", header: ["a"], rows: [] }), "BAD_ADDRESS");
      expect((await gw.listSheets()).map((s) => s.name)).not.toContain("S");
    });

    it("reads the selection (top-left cell) and single cells on the active sheet", async () => {
      wb.activeSheet = "Assets";
      wb.selection = "C6:D6";
      expect(await gw.readSelection()).toEqual({ sheet: "Assets", address: "Assets!C6:D6", rowCount: 1, columnCount: 2, value: "", formula: "=C4+C5" });
      expect(await gw.readCell("C4")).toEqual({ sheet: "Assets", address: "Assets!C4", value: 12.5, formula: 12.5 });
      expect(await gw.readCell("'Q2 data'!B1")).toEqual({ sheet: "Q2 data", address: "'Q2 data'!B1", value: "y", formula: "y" });
    });

    it("stores JSON settings in the workbook", async () => {
      expect(await gw.readSetting("esg.mapping")).toBeUndefined();
      const mapping = { version: 1, columns: [{ column: "Wt (lbs)", field: "mass", unit: "lb" }], confirmed: true };
      await gw.writeSetting("esg.mapping", mapping);
      expect(await gw.readSetting("esg.mapping")).toEqual(mapping);
      await gw.writeSetting("esg.mapping", "v2");
      expect(await gw.readSetting("esg.mapping")).toBe("v2");
      await rejectsWith(gw.writeSetting("k", undefined), "BAD_SETTING");
    });

    it("adds sheets, refuses duplicates unless replacing, and can replace the only sheet", async () => {
      expect(await gw.addSheet("Summary")).toEqual({ name: "Summary", position: 3 });
      await rejectsWith(gw.addSheet("summary"), "SHEET_EXISTS");
      expect(await gw.addSheet("Assets", { replace: true })).toEqual({ name: "Assets", position: 3 });
      expect((await gw.readCell("Assets!B4")).value).toBe("");
      const solo = make(MemoryWorkbook.from({ sheets: { Only: [["a"]] } }));
      expect(await solo.addSheet("Only", { replace: true })).toEqual({ name: "Only", position: 0 });
      expect(await solo.listSheets()).toEqual([{ name: "Only", position: 0 }]);
    });

    it("adds native charts from a range", async () => {
      const info = await gw.addChart({ sheet: "Assets", sourceAddress: "B3:C6", kind: "column", title: "Mass by asset", name: "MassChart" });
      expect(info).toEqual({ sheet: "Assets", name: "MassChart", kind: "column", excelType: "ColumnClustered" });
      await gw.addChart({ sheet: "Assets", sourceAddress: "B3:C6", kind: "pie", seriesBy: "columns" });
      expect(wb.charts).toEqual([
        { sheet: "Assets", name: "MassChart", kind: "column", excelType: "ColumnClustered", sourceAddress: "B3:C6", title: "Mass by asset", seriesBy: "auto" },
        { sheet: "Assets", name: expect.any(String), kind: "pie", excelType: "Pie", sourceAddress: "B3:C6", seriesBy: "columns" },
      ]);
      await rejectsWith(gw.addChart({ sheet: "Nope", sourceAddress: "A1:B2", kind: "bar" }), "NO_SUCH_SHEET");
    });
  });
}
