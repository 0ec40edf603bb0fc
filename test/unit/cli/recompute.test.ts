import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../../src/cli/main";
import { readXlsx, shiftFormula } from "../../../src/cli/xlsx";

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A workbook as Excel saves it without the add-in: _xldudf_ESG_ calls with cached results; one result deliberately wrong. */
async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Freight");
  ws.getCell("A1").value = "Mass (kg)";
  ws.getCell("B1").value = "Distance (km)";
  ws.getCell("C1").value = "kg CO2e";
  const rows: Array<[number, number]> = [
    [1000, 100],
    [2000, 100],
    [500, 100],
  ];
  rows.forEach(([m, d], i) => {
    ws.getCell(`A${i + 2}`).value = m;
    ws.getCell(`B${i + 2}`).value = d;
  });
  ws.getCell("C2").value = { formula: '_xldudf_ESG_TRANSPORT_CO2(A2,B2,"road.hgv")', result: 12.522 };
  ws.getCell("C3").value = { formula: '_xldudf_ESG_TRANSPORT_CO2(A3,B3,"road.hgv")', result: 99 }; // deliberately wrong (25.044)
  ws.getCell("C4").value = { formula: 'ESG.TRANSPORT_CO2(A4,B4,"road.hgv")', result: 6.261 };
  ws.getCell("C5").value = { formula: '[2]!_xldudf_ESG_TRANSPORT_CO2(A2,B2,"road.hgv")', result: 12.522 };
  ws.getCell("C6").value = { formula: '_xldudf_ESG_TRANSPORT_CO2(A2,B2,"no-such-mode")', result: { error: "#VALUE!" } };
  ws.getCell("C7").value = { formula: '_xldudf_ESG_FACTOR("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw","unit")', result: "kg CO2e/t.km" };
  ws.getCell("D1").value = "not ESG";
  ws.getCell("D2").value = { formula: "A2*2", result: 1 }; // not an ESG formula: not checked
  const path = join(mkdtempSync(join(tmpdir(), "esg-recompute-")), "freight.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

describe("esg recompute", () => {
  it("re-evaluates every ESG cell from the stored values and lists the one whose stored value differs", async () => {
    const path = await workbook();
    const r = run("recompute", path, "--json");
    const report = JSON.parse(r.out) as { cells: number; agrees: number; differs: Array<{ cell: string; stored: string; recomputed: string }>; notEvaluated: Array<{ cell: string; reason: string }> };
    expect(report.cells).toBe(6);
    expect(report.differs).toEqual([expect.objectContaining({ cell: "C3", stored: "99", recomputed: "25.044" })]);
    expect(report.notEvaluated).toEqual([expect.objectContaining({ cell: "C5", reason: expect.stringMatching(/external reference/) })]);
    expect(report.agrees).toBe(4); // C2, C4 (ESG. spelling), C6 (#VALUE! both), C7 (text)
    expect(r.code).toBe(1);
    const text = run("recompute", path);
    expect(text.out).toMatch(/DIFFERS\s+Freight!C3\s+stored 99, recomputed 25\.044/);
  });

  it("keeps the stored number text exactly, and reads types s, n, str, e", async () => {
    const sheets = readXlsx(new Uint8Array(readFileSync(await workbook())));
    const c = sheets[0]!.cells;
    expect(c.get("C2")).toMatchObject({ type: "n", text: "12.522", formula: '_xldudf_ESG_TRANSPORT_CO2(A2,B2,"road.hgv")' });
    expect(c.get("C6")).toMatchObject({ type: "e", text: "#VALUE!" });
    expect(c.get("C7")).toMatchObject({ type: "str", text: "kg CO2e/t.km" });
    expect(c.get("A1")).toMatchObject({ text: "Mass (kg)" });
  });

  it("shifts relative references of shared formulas, not absolute ones or text", () => {
    expect(shiftFormula('ESG.TRANSPORT_CO2(A2,$B$2,"A2")', 2, 1)).toBe('ESG.TRANSPORT_CO2(B4,$B$2,"A2")');
  });
});
