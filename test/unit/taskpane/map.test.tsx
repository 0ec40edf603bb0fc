/** @jest-environment jsdom */
import "./env";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clickWhenEnabled, gatewayWith, renderApp } from "./helpers";
import { MAPPING_KEY } from "../../../src/taskpane/features/map/useMapping";

jest.setTimeout(60_000);

test("suggests a field per column, lets the user change one, confirms and saves the mapping", async () => {
  const gateway = gatewayWith();
  renderApp(gateway);
  await clickWhenEnabled("Suggest mapping");
  await screen.findByText(/Header row 2 /);
  const columns = screen.getByRole("list", { name: "Columns" });
  expect(within(columns).getAllByRole("listitem")).toHaveLength(7);
  expect(screen.getByRole("combobox", { name: "Field for Weight" })).toHaveTextContent("Mass");
  expect(screen.getByRole("combobox", { name: "Field for Disposition" })).toHaveTextContent("Disposition");
  expect(screen.getByText("Unit from the unit column")).toBeInTheDocument();

  // Change "Item Description" to not mapped via the dropdown.
  fireEvent.click(screen.getByRole("combobox", { name: "Field for Item Description" }));
  fireEvent.click(await screen.findByRole("option", { name: "— not mapped —" }));
  await waitFor(() => expect(screen.getByRole("combobox", { name: "Field for Item Description" })).toHaveTextContent("— not mapped —"));

  fireEvent.click(screen.getByRole("button", { name: "Confirm mapping" }));
  await screen.findByText("Mapping confirmed and saved in the workbook.");
  const saved = (await gateway.readSetting(MAPPING_KEY)) as { confirmed: boolean; source: { sheet: string }; columns: Array<{ header: string; field: string | null }> };
  expect(saved.confirmed).toBe(true);
  expect(saved.source.sheet).toBe("Log");
  expect(saved.columns.find((c) => c.header === "Item Description")!.field).toBeNull();
  expect(saved.columns.find((c) => c.header === "Weight")!.field).toBe("mass");
});

test("exports the template as JSON and refuses a broken import with a message", async () => {
  renderApp(gatewayWith());
  await clickWhenEnabled("Suggest mapping");
  await screen.findByText(/Header row 2 /);
  fireEvent.click(screen.getByRole("button", { name: "Export template" }));
  const json = (screen.getByRole("textbox", { name: "Mapping template (JSON)" }) as HTMLTextAreaElement).value;
  expect(JSON.parse(json)).toMatchObject({ schema: "esg-mapping", version: 1, headerRow: 2 });

  fireEvent.click(screen.getByRole("button", { name: "Import template" }));
  fireEvent.change(screen.getByRole("textbox", { name: "Paste a mapping template (JSON)" }), { target: { value: "{ not json" } });
  fireEvent.click(screen.getByRole("button", { name: "Import" }));
  await screen.findByText(/Template not imported/);

  // A good template imports and must be confirmed again.
  fireEvent.change(screen.getByRole("textbox", { name: "Paste a mapping template (JSON)" }), { target: { value: json } });
  fireEvent.click(screen.getByRole("button", { name: "Import" }));
  await screen.findByText("Template imported: review and confirm it.");
});

test("an empty sheet gives a clear message", async () => {
  renderApp(gatewayWith({ Empty: [] }));
  await clickWhenEnabled("Suggest mapping");
  await screen.findByText("The sheet is empty.");
});
