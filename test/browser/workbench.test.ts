/**
 * The workbench in Debian's chromium: map the sample asset log, fix the deliberately bad
 * row in the grid, check, calculate, compare the summary numbers with an independent
 * computation, and explain a result cell. Screenshots go to test-artifacts/.
 */
import Decimal from "decimal.js";
import type { Browser, Page } from "playwright-core";
import type { Server } from "node:http";
import { assetLog, ASSET_TITLE_ROWS, BAD_ROW_INDEX, FIXED_WEIGHT } from "../../src/workbench/sample/generate";
import { artifact, ensureBuild, launch, openPage, serveDist } from "./harness";

jest.setTimeout(240_000);

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  ensureBuild();
  ({ server, origin } = await serveDist());
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

/** Sheet row of the bad row: title rows, header, then the data index. */
const BAD_SHEET_ROW = ASSET_TITLE_ROWS + 1 + BAD_ROW_INDEX + 1;

async function selectCell(page: Page, address: string): Promise<void> {
  const row = Number(address.replace(/\D+/g, ""));
  await page.getByTestId("grid").evaluate((el, r) => (el.scrollTop = Math.max(0, r * 24 - 200)), row);
  await page.locator(`[data-address="${address}"]`).click();
  await page.getByLabel("Name box").and(page.locator(`[value="${address}"]`)).waitFor();
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
}

/** Map step: choose a sheet, suggest, confirm. */
async function mapSheet(page: Page, sheet: string): Promise<void> {
  await page.getByRole("combobox", { name: "Sheet or table" }).click();
  await page.getByRole("option", { name: sheet, exact: true }).click();
  await page.getByRole("button", { name: "Suggest mapping" }).click();
  await page.getByText(/Header row \d+ /).waitFor();
  await page.getByRole("button", { name: "Confirm mapping" }).click();
  await page.getByText("Mapping confirmed and saved in the workbook.").waitFor();
}

/** The workbench's in-memory workbook, read in the page. */
type Wb = { charts: unknown[]; findSheet(n: string): { rows: Array<Array<{ value: unknown; formula?: string } | undefined>> } | undefined };

/** Results-table formulas of one sheet's Inventory (or another) column, 0-based column index. */
async function formulasIn(page: Page, sheet: string, column: number): Promise<Array<{ row: number; formula: string; value: unknown }>> {
  return page.evaluate(
    ([name, col]) => {
      const wb = (window as never as { esgWorkbench: { workbook: Wb } }).esgWorkbench.workbook;
      const out: Array<{ row: number; formula: string; value: unknown }> = [];
      wb.findSheet(name as string)!.rows.forEach((r, i) => r?.forEach((c, j) => c?.formula && j === col && out.push({ row: i + 1, formula: c.formula, value: c.value })));
      return out;
    },
    [sheet, column] as const,
  );
}

test("map, fix the bad row, check, calculate, inspect", async () => {
  const { page, errors } = await openPage(browser, `${origin}/workbench.html`);
  await page.getByRole("button", { name: "Suggest mapping" }).click();
  await page.getByText(/Header row 4 /).waitFor();
  // Every column of the sample got its field.
  await page.getByText(/16 of\s+16 columns mapped/).waitFor();
  await page.screenshot({ path: artifact("01-map.png") });
  await page.getByRole("button", { name: "Confirm mapping" }).click();
  await page.getByText("Mapping confirmed and saved in the workbook.").waitFor();

  await tab(page, "Check");
  await page.getByRole("button", { name: "Run checks" }).click();
  await page.getByTestId("count-rejected").getByText("1", { exact: true }).waitFor();
  await expect(page.getByTestId("count-read").textContent()).resolves.toBe("4000");
  await page.getByText(new RegExp(`Row ${BAD_SHEET_ROW}, F${BAD_SHEET_ROW} \\(Weight\\)`)).waitFor();
  await page.screenshot({ path: artifact("02-check-bad-row.png") });
  // The problems went to the ESG Issues sheet too.
  const issues = await page.evaluate(() => {
    const wb = (window as never as { esgWorkbench: { workbook: { findSheet(n: string): { cell(r: number, c: number): { value: unknown } | undefined } | undefined } } }).esgWorkbench.workbook;
    return wb.findSheet("ESG Issues")?.cell(2, 2)?.value;
  });
  expect(issues).toBe(`F${BAD_SHEET_ROW}`);

  // Fix the bad row in the grid (the Check step wrote the issues sheet; go back to the log).
  await page.getByRole("tab", { name: "Asset Log" }).click();
  await selectCell(page, `F${BAD_SHEET_ROW}`);
  await page.getByLabel("Formula bar").fill(String(FIXED_WEIGHT));
  await page.getByLabel("Formula bar").press("Enter");
  await expect(page.locator(`[data-address="F${BAD_SHEET_ROW}"]`).textContent()).resolves.toBe(String(FIXED_WEIGHT));
  await page.getByRole("button", { name: "Run checks" }).click();
  await page.getByText("No problems: every row is ready.").waitFor();
  await expect(page.getByTestId("count-rejected").textContent()).resolves.toBe("0");

  // Map the other sheets too, then calculate them all together (one run, one summary).
  await tab(page, "Map");
  for (const sheet of ["Shipments", "Facility Energy", "Fuel Log", "Downstream Certs"]) await mapSheet(page, sheet);
  await tab(page, "Calculate");
  await page.getByText(/Mapped sheets: Asset Log, Shipments, Facility Energy, Fuel Log, Downstream Certs\./).waitFor();
  await page.getByRole("button", { name: "Calculate all mapped sheets" }).click();
  // 4000 asset rows, 309 shipment legs (150 shipments), 24 months of electricity, 24 fuel rows, 120 certificates.
  await page.getByText(/4477 rows computed, 0 rejected of 4477 read/).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: artifact("03-calculated.png") });

  // Independent expectation: total mass of the (fixed) log in kg, exactly.
  const rows = assetLog();
  let kg = new Decimal(0);
  rows.slice(ASSET_TITLE_ROWS + 1).forEach((r, i) => {
    const w = new Decimal(String(i === BAD_ROW_INDEX ? FIXED_WEIGHT : r[5]));
    kg = kg.plus(r[6] === "lbs" ? w.times("0.45359237") : w);
  });
  await expect(page.locator('[data-figure="Material flow, assets"]').textContent()).resolves.toBe(`${kg.toFixed()} kg`);
  // Every kind reaches the ledgers: Scope 1 (fuel log), Scope 2 both bases (RECs lower the market-based), Scope 3, avoided, GRI 306.
  const figure = async (label: string) => (await page.locator(`[data-figure="${label}"]`).textContent()) ?? "";
  const amount = async (label: string) => new Decimal((await figure(label)).split(" ")[0]!);
  for (const label of ["Scope 1", "Scope 2, location-based", "Scope 2, market-based", "Scope 3", "Avoided (not netted)", "GRI 306-3 waste generated", "GRI 306-4 diverted from disposal", "GRI 306-5 directed to disposal"]) {
    expect([label, (await amount(label)).gt(0)]).toEqual([label, true]);
  }
  expect((await amount("Scope 2, market-based")).lt(await amount("Scope 2, location-based"))).toBe(true);
  await expect(figure("Mass balance")).resolves.toMatch(/^closes/);
  // GRI 306-3: the sample's waste generated is the processed log (t), the reused devices aside.
  expect((await amount("GRI 306-3 waste generated")).lte(kg.div(1000))).toBe(true);

  // The summary sheet holds the same numbers, the disclosures and three charts.
  const summary = await page.evaluate(() => {
    const wb = (window as never as { esgWorkbench: { workbook: { charts: unknown[]; findSheet(n: string): { rows: Array<Array<{ value: unknown } | undefined>> } | undefined } } }).esgWorkbench.workbook;
    const s = wb.findSheet("ESG Summary");
    return { charts: wb.charts.length, cells: (s?.rows ?? []).map((r) => (r ?? []).map((c) => c?.value ?? "")) };
  });
  expect(summary.charts).toBe(3);
  const find = (label: string) => summary.cells.find((r) => r?.[0] === label)?.[1];
  expect(find("Material flow: assets (kg)")).toBe(Number(kg.toFixed()));
  expect(find("Rows computed")).toBe(4477);
  expect(find("Closes")).toMatch(/^yes/);
  const flat = summary.cells.flatMap((r) => r ?? []);
  expect(flat).toEqual(expect.arrayContaining(["306-3", "306-4", "306-5", "37(a)", "Gross Scope 3 GHG emissions", "Scope 3 cat. 5 waste (end-of-life treatment)", "Scope 1", "Scope 2 (market-based)"]));
  for (const label of ["Scope 1", "Scope 2 (location-based)", "Scope 2 (market-based)", "Avoided: reuse/reuse (kg CO2e)", "Avoided: recycling/eol-share (kg CO2e)"]) expect([label, find(label)]).toEqual([label, expect.any(Number)]);
  expect(Number(find("Avoided: reuse/reuse (kg CO2e)"))).toBeGreaterThan(0);
  const inventory = Number(find("Inventory (kg CO2e, location-based)"));
  expect(inventory).toBeGreaterThan(0);

  // The asset log's results table (16 input columns, a gap, so Row at R and Inventory at T) holds live EOL formulas; they add up to Scope 3 cat. 5.
  const formulas = await formulasIn(page, "Asset Log", 19);
  expect(formulas.length).toBeGreaterThan(1000);
  expect(formulas[0]!.formula).toMatch(/^=ESG\.EOL_CO2\("\d{4}",(CONVERT\()?F\d+/);
  const cat5 = Number(find("Scope 3 cat. 5 waste (end-of-life treatment)"));
  const sum = formulas.reduce((s, f) => s + Number(f.value), 0);
  expect(Math.abs(sum - cat5) / cat5).toBeLessThan(1e-9);
  // The fuel log's (6 columns: Inventory at J) live FUEL_CO2 formulas add up to Scope 1 (combustion) plus their WTT.
  const fuel = await formulasIn(page, "Fuel Log", 9);
  expect(fuel).toHaveLength(24);
  expect(fuel[0]!.formula).toMatch(/^=ESG\.FUEL_CO2\(E2,"m3","desnz\.fuels\..*natural-gas\.m3\.ttw"\)\+ESG\.FUEL_CO2\(E2,"m3",.*"line=wtt"\)$/);
  // The certificates' (7 columns: Row at I, Avoided at L) recycling credits are live RECYCLING_CO2 formulas.
  const credits = await formulasIn(page, "Downstream Certs", 11);
  expect(credits.length).toBeGreaterThan(0);
  expect(credits[0]!.formula).toMatch(/^=ESG\.RECYCLING_CO2\(".+",E\d+,,,"certificate=COR-24-\d{4}"\)$/);
  expect(credits.every((c) => typeof c.value === "number" && c.value > 0)).toBe(true);

  // A fuel cell explains itself and recomputes to its value.
  await page.getByRole("tab", { name: "Fuel Log" }).click();
  await selectCell(page, "J2");
  await tab(page, "Inspect");
  await page.getByRole("button", { name: "Explain the selected cell" }).click();
  await page.getByTestId("recompute").getByText(/matches the cell/).waitFor();
  await page.screenshot({ path: artifact("04b-inspect-fuel.png") });

  // Inspect the first result formula: readable account, factor with source and year, recompute matches.
  await page.getByRole("tab", { name: "Asset Log" }).click();
  await selectCell(page, `T${formulas[0]!.row}`);
  await page.screenshot({ path: artifact("04-result-cell.png") });
  await page.getByRole("button", { name: "Explain the selected cell" }).click();
  await page.getByTestId("explain-sentence").getByText(/End-of-life treatment \(inventory\).*DESNZ.*\(2025\).*kg CO2e\/t gives/).waitFor();
  await page.getByTestId("recompute").getByText(/matches the cell/).waitFor();
  await page.getByRole("button", { name: "Show the full trace" }).click();
  await page.getByRole("table", { name: "Full trace" }).getByText("clause").waitFor();
  await page.screenshot({ path: artifact("05-inspect.png") });

  // Edit an input: the result formula recalculates and Inspect still matches.
  const before = formulas[0]!.value;
  await selectCell(page, `F${formulas[0]!.row}`);
  await page.getByLabel("Formula bar").fill("100");
  await page.getByLabel("Formula bar").press("Enter");
  await selectCell(page, `T${formulas[0]!.row}`);
  await page.getByRole("button", { name: "Explain the selected cell" }).click();
  await page.getByTestId("recompute").getByText(/matches the cell/).waitFor();
  const after = await page.locator(`[data-address="T${formulas[0]!.row}"]`).textContent();
  expect(after).not.toBe(String(before));

  await page.getByRole("tab", { name: "ESG Summary" }).click();
  await page.screenshot({ path: artifact("06-summary.png") });
  expect(errors).toEqual([]);
});

test("the taskpane does not break at 320 px", async () => {
  const { page, errors } = await openPage(browser, `${origin}/workbench.html`, { width: 320 + 900, height: 800 });
  await page.getByRole("button", { name: "Suggest mapping" }).click();
  await page.getByText(/Header row 4 /).waitFor();
  const pane = page.getByRole("complementary", { name: "Taskpane" });
  await pane.evaluate((el) => ((el as HTMLElement).style.width = "320px"));
  const overflow = await pane.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Keyboard: the step tabs are reachable and switch with the arrow keys.
  await page.getByRole("tab", { name: "Map", exact: true }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("tab", { name: "Check", exact: true }).getAttribute("aria-selected")).resolves.toBe("true");
  await pane.screenshot({ path: artifact("07-taskpane-320.png") });
  expect(errors).toEqual([]);
});
