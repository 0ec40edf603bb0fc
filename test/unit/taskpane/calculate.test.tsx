/** @jest-environment jsdom */
import "./env";
import { fireEvent, screen } from "@testing-library/react";
import { gatewayWith, mapThenOpen, renderApp } from "./helpers";

jest.setTimeout(60_000);

test("calculates, writes live =ESG.* formulas beside the inputs and the summary sheet with three charts", async () => {
  const gateway = gatewayWith();
  renderApp(gateway);
  await mapThenOpen("Calculate");
  fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
  expect(await screen.findByText(/5 rows computed, 1 rejected of 6 read/)).toBeInTheDocument();
  // 4.4 lb + 7.5 kg + 10 lb + 4 kg + 0.2 kg, exactly.
  expect(document.querySelector('[data-figure="Material flow, assets"]')).toHaveTextContent("18.231730128 kg");
  const wb = gateway.workbook;
  const table = wb.findTable("ESG_Results_Log")!;
  // Beside the inputs: 7 source columns, one gap, so the table starts at column I on the header row.
  expect(table.range.start).toEqual({ row: 2, column: 9 });
  const header = wb.read("Log", { start: { row: 2, column: 9 }, end: { row: 2, column: 14 } }).values[0];
  expect(header).toEqual(["Row", "Status", "Inventory kg CO2e", "Avoided kg CO2e", "Material flow kg", "Note"]);
  const first = wb.sheet("Log").cell(3, 11)!;
  expect(first.formula).toMatch(/^=ESG\.EOL_CO2\("\d{4}",CONVERT\(D3,"lbm","kg"\),"RECYCLE"\)$/);
  const bad = wb.read("Log", { start: { row: 6, column: 9 }, end: { row: 6, column: 14 } }).values[0]!;
  expect(bad[1]).toBe("rejected");
  expect(String(bad[5])).toContain("not a number");
  expect(wb.findSheet("ESG Summary")).toBeDefined();
  expect(wb.charts.map((c) => c.kind)).toEqual(["column", "bar", "pie"]);
  expect(wb.findTable("ESG_GRI_306")).toBeDefined();
  expect(wb.findTable("ESG_ESRS_E1_6")).toBeDefined();
});

test("values only writes numbers, not formulas", async () => {
  const gateway = gatewayWith();
  renderApp(gateway);
  await mapThenOpen("Calculate");
  fireEvent.click(screen.getByRole("checkbox", { name: /Values only/ }));
  fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
  await screen.findByText(/5 rows computed/);
  const c = gateway.workbook.sheet("Log").cell(3, 11)!;
  expect(c.formula).toBeUndefined();
  expect(typeof c.value).toBe("number");
});

test("cancel stops the run and writes nothing", async () => {
  const gateway = gatewayWith();
  renderApp(gateway);
  await mapThenOpen("Calculate");
  fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
  fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
  expect(await screen.findByText("Calculation cancelled; nothing was written.")).toBeInTheDocument();
  expect(gateway.workbook.findTable("ESG_Results_Log")).toBeUndefined();
  expect(gateway.workbook.findSheet("ESG Summary")).toBeUndefined();
});
