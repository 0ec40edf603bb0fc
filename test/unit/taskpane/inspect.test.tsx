/** @jest-environment jsdom */
import "./env";
import { fireEvent, screen } from "@testing-library/react";
import { evaluateFormula } from "../../../src/functions/formula";
import { toExcelNumber, type Dec } from "../../../src/engine";
import { services } from "../../../src/taskpane/services";
import { gatewayWith, renderApp } from "./helpers";

jest.setTimeout(60_000);

const FORMULA = '=ESG.EOL_CO2("0303",A1,"RECYCLE")';
const value = () => toExcelNumber(evaluateFormula('=ESG.EOL_CO2("0303",1000,"RECYCLE")', { context: services().functionContext }).value as Dec);

function book(cellValue: number) {
  const g = gatewayWith({ Calc: [[1000, FORMULA], ["text", 5]] });
  // The memory workbook stores formulas with an empty value: give it the value Excel would show.
  g.workbook.sheet("Calc").set(1, 2, { value: cellValue, formula: FORMULA });
  return g;
}

test("explains an ESG formula: sentence, inputs, factor with source and year, clause, recompute matches", async () => {
  const g = book(value());
  g.select("Calc!B1");
  renderApp(g, "inspect");
  fireEvent.click(screen.getByRole("button", { name: "Explain the selected cell" }));
  const sentence = await screen.findByTestId("explain-sentence");
  expect(sentence).toHaveTextContent(/End-of-life treatment \(inventory\): mass 1000 kg.* \(2025\) at .* kg CO2e\/t gives .* kg CO2e\./);
  expect(screen.getByRole("list", { name: "The numbers that matter" })).toHaveTextContent(/Factor desnz\.waste\..*DESNZ/);
  expect(screen.getByTestId("recompute")).toHaveTextContent("matches the cell");
  expect(screen.queryByRole("table", { name: "Full trace" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Show the full trace" }));
  expect(screen.getByRole("table", { name: "Full trace" })).toHaveTextContent("clause");
});

test("says so when the cell's value does not match the recomputation", async () => {
  const g = book(42);
  g.select("Calc!B1");
  renderApp(g, "inspect");
  fireEvent.click(screen.getByRole("button", { name: "Explain the selected cell" }));
  expect(await screen.findByTestId("recompute")).toHaveTextContent(/but the cell holds 42/);
});

test("a plain value has nothing to explain", async () => {
  const g = book(0);
  g.select("Calc!A2");
  renderApp(g, "inspect");
  fireEvent.click(screen.getByRole("button", { name: "Explain the selected cell" }));
  expect(await screen.findByText(/holds a value, not a formula/)).toBeInTheDocument();
});
