import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { sampleWorkbook } from "./sample/generate";
import { createWorkbook, editCell } from "./workbook";
import { Workbench } from "./Workbench";

// ?assets=100000 loads a larger asset log (the 100,000-row run).
const params = new URLSearchParams(location.search);
const assets = Number(params.get("assets") ?? "") || undefined;
const sample = sampleWorkbook(assets ? { assets } : {});
const { workbook, gateway } = createWorkbook(sample.sheets);
// The sample's own settings (its stated mass balance and reuse assumptions); the memory gateway stores them synchronously.
for (const [key, value] of Object.entries(sample.settings)) void gateway.writeSetting(key, value);

// A handle for browser tests and the console.
(window as unknown as { esgWorkbench: unknown }).esgWorkbench = { workbook, gateway, editCell };

const el = document.getElementById("container");
if (el) {
  createRoot(el).render(
    <FluentProvider theme={webLightTheme}>
      <Workbench workbook={workbook} gateway={gateway} />
    </FluentProvider>,
  );
}
