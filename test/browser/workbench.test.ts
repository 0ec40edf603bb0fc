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

test("map, fix the bad row, check, calculate, inspect", async () => {
  const { page, errors } = await openPage(browser, `${origin}/workbench.html`);
  await page.getByRole("button", { name: "Suggest mapping" }).click();
  await page.getByText(/Header row 4 /).waitFor();
  // Every column of the sample got its field.
  await page.getByText(/11 of\s+11 columns mapped/).waitFor();
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

  await tab(page, "Calculate");
  await page.getByRole("button", { name: "Calculate", exact: true }).click();
  await page.getByText(/4000 rows computed, 0 rejected of 4000 read/).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: artifact("03-calculated.png") });

  // Independent expectation: total mass of the (fixed) log in kg, exactly.
  const rows = assetLog();
  let kg = new Decimal(0);
  rows.slice(ASSET_TITLE_ROWS + 1).forEach((r, i) => {
    const w = new Decimal(String(i === BAD_ROW_INDEX ? FIXED_WEIGHT : r[5]));
    kg = kg.plus(r[6] === "lbs" ? w.times("0.45359237") : w);
  });
  await expect(page.locator('[data-figure="Material flow, assets"]').textContent()).resolves.toBe(`${kg.toFixed()} kg`);

  // The summary sheet holds the same numbers, the disclosures and three charts.
  const summary = await page.evaluate(() => {
    const wb = (window as never as { esgWorkbench: { workbook: { charts: unknown[]; findSheet(n: string): { rows: Array<Array<{ value: unknown } | undefined>> } | undefined } } }).esgWorkbench.workbook;
    const s = wb.findSheet("ESG Summary");
    return { charts: wb.charts.length, cells: (s?.rows ?? []).map((r) => (r ?? []).map((c) => c?.value ?? "")) };
  });
  expect(summary.charts).toBe(3);
  const find = (label: string) => summary.cells.find((r) => r?.[0] === label)?.[1];
  expect(find("Material flow: assets (kg)")).toBe(Number(kg.toFixed()));
  expect(find("Rows computed")).toBe(4000);
  const flat = summary.cells.flatMap((r) => r ?? []);
  expect(flat).toEqual(expect.arrayContaining(["306-3", "Gross Scope 3 GHG emissions", "Scope 3 cat. 5 waste (end-of-life treatment)"]));
  const inventory = Number(find("Inventory (kg CO2e, location-based)"));
  expect(inventory).toBeGreaterThan(0);

  // The results table holds live formulas; the per-row EOL formulas add up to the inventory.
  const formulas = await page.evaluate(() => {
    const wb = (window as never as { esgWorkbench: { workbook: { findSheet(n: string): { rows: Array<Array<{ value: unknown; formula?: string } | undefined>> } | undefined } } }).esgWorkbench.workbook;
    const s = wb.findSheet("Asset Log")!;
    const out: Array<{ row: number; formula: string; value: unknown }> = [];
    s.rows.forEach((r, i) => r?.forEach((c, j) => c?.formula && j === 14 && out.push({ row: i + 1, formula: c.formula, value: c.value })));
    return out;
  });
  expect(formulas.length).toBeGreaterThan(1000);
  expect(formulas[0]!.formula).toMatch(/^=ESG\.EOL_CO2\("\d{4}",(CONVERT\()?F\d+/);
  const sum = formulas.reduce((s, f) => s + Number(f.value), 0);
  expect(Math.abs(sum - inventory) / inventory).toBeLessThan(1e-9);

  // Inspect the first result formula: readable account, factor with source and year, recompute matches.
  await page.getByRole("tab", { name: "Asset Log" }).click();
  await selectCell(page, `O${formulas[0]!.row}`);
  await page.screenshot({ path: artifact("04-result-cell.png") });
  await tab(page, "Inspect");
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
  await selectCell(page, `O${formulas[0]!.row}`);
  await page.getByRole("button", { name: "Explain the selected cell" }).click();
  await page.getByTestId("recompute").getByText(/matches the cell/).waitFor();
  const after = await page.locator(`[data-address="O${formulas[0]!.row}"]`).textContent();
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
