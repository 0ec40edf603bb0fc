/**
 * The workbook gateway the taskpane talks to, passed down through React context.
 * In Excel it is the OfficeWorkbookGateway; in the workbench and in tests a
 * MemoryWorkbookGateway. The taskpane never calls Excel.* itself.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { WorkbookGateway } from "../office/gateway";

const GatewayContext = createContext<WorkbookGateway | null>(null);

export function GatewayProvider({ gateway, children }: { gateway: WorkbookGateway; children: ReactNode }) {
  return <GatewayContext.Provider value={gateway}>{children}</GatewayContext.Provider>;
}

/** The gateway of the enclosing GatewayProvider (throws outside one: a wiring bug). */
export function useGateway(): WorkbookGateway {
  const g = useContext(GatewayContext);
  if (!g) throw new Error("useGateway: no GatewayProvider above this component");
  return g;
}
