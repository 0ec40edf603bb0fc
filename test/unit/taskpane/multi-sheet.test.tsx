/** @jest-environment jsdom */
/**
 * "Calculate all mapped sheets": an asset log, a fuel log and downstream certificates with confirmed
 * mappings are calculated in one pipeline run (Scope 1 from the fuel log, recycling credits from the
 * certificates, GRI 306 from the stated mass balance), each sheet gets its results table, there is one
 * summary; Submit bundles the same sheets and Verify compares every results table with the bundle.
 */
import "./env";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { ENTRY, bundleJson, exportTemplate, publicKeyFingerprint, readBundle, suggestMapping } from "../../../src/engine";
import { generateEd25519KeyPair, nodeCrypto } from "../../../src/cli/crypto-node";
import { MAPPINGS_KEY } from "../../../src/taskpane/features/map/useMapping";
import { SETTINGS_KEY } from "../../../src/taskpane/features/settings/settings";
import { services } from "../../../src/taskpane/services";
import { fileBytes } from "../../../src/taskpane/download";
import type { CellValue } from "../../../src/office/gateway";
import { gatewayWith, LOG, renderApp } from "./helpers";

jest.setTimeout(90_000);

const FUEL: CellValue[][] = [
  ["Site", "Month", "Fuel", "Volume", "Volume Unit"],
  ["Leeds", "2024-01", "Natural gas", 1000, "m3"],
  ["Leeds", "2024-01", "Diesel", 150, "L"],
];
const CERTS: CellValue[][] = [
  ["Certificate #", "Lot", "Material", "Weight (kg)", "Final Disposition"],
  ["COR-1", "LOT-1", "Aluminium scrap", 120.5, "Recycled"],
  ["COR-2", "LOT-2", "Mixed plastics", 80, "Energy recovery"],
];
/** The log with hazardous flags (GRI 306 needs them) and the bad row fixed. */
const LOG_H: CellValue[][] = LOG.map((r, i) => (i === 0 ? r : [...r.map((c) => (c === "4..4" ? 4.4 : c)), i === 1 ? "Hazardous" : "No"]));

let blobs: Blob[] = [];
beforeEach(() => {
  blobs = [];
  Object.assign(URL, {
    createObjectURL: (b: Blob) => {
      blobs.push(b);
      return `blob:test/${blobs.length}`;
    },
    revokeObjectURL: () => {},
  });
});

async function workbook() {
  const sheets = { Log: LOG_H, Fuel: FUEL, Certs: CERTS };
  const gateway = gatewayWith(sheets);
  const mapped = Object.fromEntries(
    Object.entries(sheets).map(([sheet, rows]) => {
      const t = suggestMapping(rows as never, { taxonomy: services().mappingTaxonomy, source: { sheet } }).template;
      return [sheet, JSON.parse(exportTemplate({ ...t, columns: t.columns.map((c) => ({ ...c, confirmed: true })), confirmed: true }))];
    }),
  );
  await gateway.writeSetting(MAPPINGS_KEY, { sheets: mapped });
  // 6 rows of the log: 4.4 lb + 7.5 kg + 10 lb + 4.4 lb + 4 kg + 0.2 kg = 20.2275... kg; received 20.2 kg (weighbridge), nothing in stock.
  await gateway.writeSetting(SETTINGS_KEY, { reportingPeriod: "2024", organization: "Acme ITAD", preparer: "Pat Preparer", massReceived: "20.2", stockChange: "0" });
  return gateway;
}

test("calculates every mapped sheet in one run: a results table per sheet, one summary with Scope 1, avoided and GRI 306", async () => {
  const gateway = await workbook();
  renderApp(gateway, "calculate");
  fireEvent.click(await screen.findByRole("button", { name: "Calculate all mapped sheets" }));
  await screen.findByText(/rows computed/);
  const wb = gateway.workbook;
  for (const t of ["ESG_Results_Log", "ESG_Results_Fuel", "ESG_Results_Certs"]) expect(wb.findTable(t)).toBeDefined();
  // Fuel rows: live FUEL_CO2 formulas (combustion + WTT), beside the 5 input columns (table at G, inventory at I).
  expect(wb.sheet("Fuel").cell(2, 9)!.formula).toMatch(/^=ESG\.FUEL_CO2\(D2,"m3","desnz\.fuels\.[a-z-]+\.natural-gas\.m3\.ttw"\)\+ESG\.FUEL_CO2\(D2,"m3",".*","line=wtt"\)$/);
  expect(wb.sheet("Fuel").cell(3, 9)!.formula).toBe('=ESG.FUEL_CO2(D3,"L","diesel")+ESG.FUEL_CO2(D3,"L","diesel","line=wtt")');
  // Certificates: the recycling credit as a live formula in the Avoided column; energy recovery earns none.
  expect(wb.sheet("Certs").cell(2, 10)!.formula).toBe('=ESG.RECYCLING_CO2("Aluminium scrap",D2,,,"certificate=COR-1")');
  expect(wb.sheet("Certs").cell(3, 10)?.value ?? "").toBe("");
  expect(wb.sheet("Certs").cell(3, 11)!.value).toBe(80);
  // One summary over the whole workbook.
  const figure = (label: string) => document.querySelector(`[data-figure="${label}"]`)?.textContent ?? "";
  expect(figure("Scope 1")).toMatch(/^[1-9]\d*(\.\d+)? kg CO2e$/);
  expect(figure("Avoided (not netted)")).toMatch(/^[1-9]\d*(\.\d+)? kg CO2e$/);
  expect(figure("Material flow, downstream outputs")).toBe("200.5 kg");
  expect(figure("GRI 306-3 waste generated")).toMatch(/^0\.02\d* t$/);
  expect(figure("Mass balance")).toMatch(/^closes/);
  const summary = wb.findSheet("ESG Summary")!;
  const cells = summary.rows.flatMap((r) => (r ?? []).map((c) => c?.value));
  expect(cells).toEqual(expect.arrayContaining(["306-4", "306-5", "37(a)", "Scope 1", "Scope 2 (market-based)", "Sheets"]));
  expect(wb.tables.filter((t) => t.name === "ESG_Mass_Balance")).toHaveLength(1);
});

test("single-sheet Calculate still runs the sheet chosen in Map alone", async () => {
  const gateway = await workbook();
  renderApp(gateway, "map");
  // The Map step restored the confirmed mappings; choose none in Map: only "Calculate all" is offered.
  fireEvent.click(screen.getByRole("tab", { name: "Calculate" }));
  await screen.findByRole("button", { name: "Calculate all mapped sheets" });
  expect(screen.queryByRole("button", { name: "Calculate" })).toBeNull();
});

test("Submit bundles every calculated sheet; Verify compares each results table with the bundle", async () => {
  const gateway = await workbook();
  const keys = generateEd25519KeyPair();
  const fingerprint = publicKeyFingerprint(keys.publicKeyPem, nodeCrypto)!;
  renderApp(gateway, "calculate");
  const all = await screen.findByRole("button", { name: "Calculate all mapped sheets" });
  fireEvent.click(screen.getByRole("checkbox", { name: /Values only/ }));
  fireEvent.click(all);
  await screen.findByText(/rows computed/);
  fireEvent.click(screen.getByRole("tab", { name: "Submit" }));
  fireEvent.change(screen.getByLabelText("Signing key file"), { target: { files: [new File([keys.privateKeyPem], "acme.key.pem")] } });
  await screen.findByText(fingerprint);
  await waitFor(() => expect(screen.getByRole("button", { name: "Build bundle" })).toBeEnabled());
  fireEvent.click(screen.getByRole("button", { name: "Build bundle" }));
  const link = await screen.findByTestId("bundle-download");
  const bytes = await fileBytes(blobs[Number(link.getAttribute("href")!.split("/").pop()) - 1]!);
  const read = readBundle(bytes, { crypto: nodeCrypto, trustedKeys: [{ fingerprint }] });
  expect(read.problems).toEqual([]);
  expect(Object.keys((bundleJson(read.entries, ENTRY.mapping) as { sheets: object }).sheets).sort()).toEqual(["Certs", "Fuel", "Log"]);
  expect([...read.entries.keys()].filter((k) => k.startsWith("inputs/")).sort()).toEqual(["inputs/Certs.csv", "inputs/Fuel.csv", "inputs/Log.csv"]);
  expect(bundleJson(read.entries, ENTRY.settings)).toMatchObject({ massBalance: { received: "20.2", stockChange: "0" } });

  fireEvent.click(screen.getByRole("tab", { name: "Verify" }));
  fireEvent.change(screen.getByLabelText("Bundle file"), { target: { files: [new File([bytes as Uint8Array<ArrayBuffer>], "acme.zip", { type: "application/zip" })] } });
  fireEvent.change(screen.getByRole("textbox", { name: /Trusted keys/ }), { target: { value: fingerprint } });
  await waitFor(() => expect(screen.getByRole("button", { name: "Verify bundle" })).toBeEnabled());
  fireEvent.click(screen.getByRole("button", { name: "Verify bundle" }));
  await screen.findByTestId("verify-result");
  expect(screen.getByTestId("verify-result")).toHaveTextContent("Structure, hashes, signature, signer and recompute hold; the workbook agrees with the bundle.");
  // 6 log rows + 2 fuel rows + 2 certificates, three tables.
  expect(screen.getByTestId("comparison-summary")).toHaveTextContent("10 rows compared (ESG_Results_Certs, ESG_Results_Fuel, ESG_Results_Log); 0 difference(s)");
  expect(screen.getByTestId("rule-mass-balance")).toHaveTextContent("holds");
});
