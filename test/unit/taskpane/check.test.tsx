/** @jest-environment jsdom */
import "./env";
import { fireEvent, screen } from "@testing-library/react";
import { gatewayWith, mapThenOpen, renderApp } from "./helpers";

jest.setTimeout(60_000);

test("asks for a mapping first", async () => {
  renderApp(gatewayWith(), "check");
  expect(await screen.findByText("Confirm a mapping in the Map step first.")).toBeInTheDocument();
});

test("counts rows, lists the bad row by row and column with a fix, and writes the ESG Issues sheet", async () => {
  const gateway = gatewayWith();
  renderApp(gateway);
  await mapThenOpen("Check");
  fireEvent.click(screen.getByRole("button", { name: "Run checks" }));
  expect(await screen.findByText("1 problems written to the “ESG Issues” sheet.")).toBeInTheDocument();
  expect(screen.getByTestId("count-read")).toHaveTextContent("6");
  expect(screen.getByTestId("count-ready")).toHaveTextContent("5");
  expect(screen.getByTestId("count-rejected")).toHaveTextContent("1");
  const problems = screen.getByRole("list", { name: "Problems" });
  expect(problems).toHaveTextContent("Row 6, D6 (Weight) · error");
  expect(problems).toHaveTextContent("'4..4' is not a number");
  expect(problems).toHaveTextContent("Fix:");
  const sheet = gateway.workbook.read("ESG Issues", { start: { row: 1, column: 1 }, end: { row: 2, column: 7 } }).values;
  expect(sheet[0]).toEqual(["Row", "Cell", "Column", "Severity", "Code", "Problem", "How to fix"]);
  expect(sheet[1]!.slice(0, 5)).toEqual([6, "D6", "Weight", "error", "NOT_A_NUMBER"]);
});
