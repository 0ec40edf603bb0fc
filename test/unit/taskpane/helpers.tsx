import "./env";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { MemoryWorkbookGateway } from "../../../src/office/memory/memory-gateway";
import { App, type Step } from "../../../src/taskpane/App";
import { GatewayProvider } from "../../../src/taskpane/gateway-context";
import type { CellValue } from "../../../src/office/gateway";

/** A small ITAD log: title row, header, six rows (lbs and kg), one bad weight (row 6). */
export const LOG: CellValue[][] = [
  ["Disposition log 2024"],
  ["Asset Tag", "Item Description", "Qty", "Weight", "UOM", "Disposition", "Date Processed"],
  ["A-1", "Dell Latitude 5420 laptop", 1, 4.4, "lbs", "Recycled", "01/05/2024"],
  ["A-2", "HP EliteDesk desktop PC", 1, 7.5, "kg", "Resold", "01/06/2024"],
  ["A-3", "Dell 24in LCD monitor", 2, 10, "lbs", "Recycled", "02/01/2024"],
  ["A-4", "Lenovo ThinkPad notebook", 1, "4..4", "lbs", "Recycled", "02/03/2024"],
  ["A-5", "Cisco network switch", 1, 4, "kg", "Landfill", "03/03/2024"],
  ["A-6", "Apple iPhone smartphone", 1, 0.2, "kg", "Recycled", "03/09/2024"],
];

export function gatewayWith(sheets: Record<string, CellValue[][]> = { Log: LOG }): MemoryWorkbookGateway {
  return MemoryWorkbookGateway.from({ sheets });
}

export function renderApp(gateway: MemoryWorkbookGateway, initialStep: Step = "map") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <GatewayProvider gateway={gateway}>
        <App initialStep={initialStep} />
      </GatewayProvider>
    </FluentProvider>,
  );
}

/** Clicks a button once it is enabled (sources load asynchronously). */
export async function clickWhenEnabled(name: string | RegExp): Promise<void> {
  const button = await screen.findByRole("button", { name });
  await waitFor(() => expect(button).toBeEnabled());
  fireEvent.click(button);
}

/** Suggests and confirms the mapping of the first sheet, then opens a step. */
export async function mapThenOpen(step: string): Promise<void> {
  await clickWhenEnabled("Suggest mapping");
  await screen.findByText(/Header row/);
  fireEvent.click(screen.getByRole("button", { name: "Confirm mapping" }));
  await screen.findByText("Mapping confirmed and saved in the workbook.");
  fireEvent.click(screen.getByRole("tab", { name: step }));
}
