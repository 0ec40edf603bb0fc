import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficeWorkbookGateway } from "../office/office-gateway";
import { App } from "./App";
import { GatewayProvider } from "./gateway-context";

function mount(): void {
  const el = document.getElementById("container");
  if (!el) return;
  createRoot(el).render(
    <FluentProvider theme={webLightTheme}>
      <GatewayProvider gateway={new OfficeWorkbookGateway()}>
        <App />
      </GatewayProvider>
    </FluentProvider>,
  );
}

// Office.onReady never resolves when office.js cannot load (offline, CDN blocked): mount anyway after a timeout.
let mounted = false;
const once = () => {
  if (!mounted) {
    mounted = true;
    mount();
  }
};
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady().then(once);
  setTimeout(once, 3000);
} else {
  once();
}
