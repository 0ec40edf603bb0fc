import { MemoryWorkbookGateway } from "../../src/office/memory/memory-gateway";
import { gatewayContract } from "./gateway-contract";

gatewayContract("MemoryWorkbookGateway", (wb) => new MemoryWorkbookGateway(wb));
