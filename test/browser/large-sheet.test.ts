/**
 * A 100,000-row asset log in the workbench: suggest the mapping, check, calculate (live
 * formulas), with the progress bar observed moving. Timings are printed and written to
 * test-artifacts/large-sheet-timing.json; the limit is generous on purpose.
 */
import { writeFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import type { Server } from "node:http";
import { artifact, ensureBuild, launch, openPage, serveDist } from "./harness";

const ROWS = 100_000;
jest.setTimeout(600_000);

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

test(`a ${ROWS}-row sheet maps, checks and calculates with a moving progress bar`, async () => {
  const t0 = Date.now();
  const { page, errors } = await openPage(browser, `${origin}/workbench.html?assets=${ROWS}`);
  await page.getByRole("button", { name: "Suggest mapping" }).waitFor({ timeout: 120_000 });
  const loaded = Date.now();
  await page.getByRole("button", { name: "Suggest mapping" }).click();
  await page.getByText(/Header row 4 /).waitFor();
  await page.getByRole("button", { name: "Confirm mapping" }).click();
  const mapped = Date.now();

  await page.getByRole("tab", { name: "Check", exact: true }).click();
  await page.getByRole("button", { name: "Run checks" }).click();
  await page.getByTestId("count-read").getByText(String(ROWS), { exact: true }).waitFor({ timeout: 300_000 });
  const checked = Date.now();
  await expect(page.getByTestId("count-rejected").textContent()).resolves.toBe("1");

  await page.getByRole("tab", { name: "Calculate", exact: true }).click();
  // Record every progress value the bar shows.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as never as { progressSeen: string[] }).progressSeen = seen;
    const tick = () => {
      const v = document.querySelector("[data-progress]")?.getAttribute("data-progress");
      if (v && seen[seen.length - 1] !== v) seen.push(v);
      requestAnimationFrame(tick);
    };
    tick();
  });
  await page.getByRole("button", { name: "Calculate", exact: true }).click();
  await page.getByText(new RegExp(`${ROWS - 1} rows computed, 1 rejected of ${ROWS} read`)).waitFor({ timeout: 540_000 });
  const calculated = Date.now();
  const seen = await page.evaluate(() => (window as never as { progressSeen: string[] }).progressSeen);
  await page.screenshot({ path: artifact("08-large-sheet.png") });
  const timing = {
    rows: ROWS,
    loadSeconds: (loaded - t0) / 1000,
    mapSeconds: (mapped - loaded) / 1000,
    checkSeconds: (checked - mapped) / 1000,
    calculateSeconds: (calculated - checked) / 1000,
    progressValuesSeen: seen.length,
  };
  writeFileSync(artifact("large-sheet-timing.json"), JSON.stringify(timing, null, 2));
  console.log(`100k-row workbench run: ${JSON.stringify(timing)}`);
  expect(seen.length).toBeGreaterThanOrEqual(5);
  expect(new Set(seen).size).toBe(seen.length);
  expect(errors).toEqual([]);
});
