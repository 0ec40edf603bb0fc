/**
 * Submit and Verify in Debian's chromium: map and calculate every sheet of the workbench's sample, Submit with an
 * ephemeral key (the download is captured and saved to test-artifacts/), then open that file in the
 * Verify step, trusting the fingerprint Submit showed: hashes, signature and recompute hold and the
 * workbook's live results agree. The same file also passes node's readBundle (what esg verify runs).
 */
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import type { Server } from "node:http";
import { readBundle } from "../../src/engine";
import { nodeCrypto } from "../../src/cli/crypto-node";
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

test("calculate, submit with an ephemeral key, download, verify the downloaded bundle", async () => {
  const { page, errors } = await openPage(browser, `${origin}/workbench.html`);
  const tab = (name: string) => page.getByRole("tab", { name, exact: true }).click();

  // Settings: organization and preparer (Submit needs them).
  await tab("Settings");
  await page.getByRole("textbox", { name: "Organization" }).fill("Sample ITAD Ltd");
  await page.getByRole("textbox", { name: /Preparer/ }).fill("Pat Preparer");
  await page.getByRole("textbox", { name: /Approver/ }).fill("Ann Approver");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Saved in the workbook.").waitFor();

  // Map every sheet of the sample and calculate them together (one run; the bad asset row stays rejected).
  await tab("Map");
  for (const sheet of ["Asset Log", "Shipments", "Facility Energy", "Fuel Log", "Downstream Certs"]) {
    await page.getByRole("combobox", { name: "Sheet or table" }).click();
    await page.getByRole("option", { name: sheet, exact: true }).click();
    await page.getByRole("button", { name: "Suggest mapping" }).click();
    await page.getByText(/Header row \d+ /).waitFor();
    await page.getByRole("button", { name: "Confirm mapping" }).click();
    await page.getByText("Mapping confirmed and saved in the workbook.").waitFor();
  }
  await tab("Calculate");
  await page.getByRole("button", { name: "Calculate all mapped sheets" }).click();
  await page.getByText(/4476 rows computed, 1 rejected of 4477 read/).waitFor({ timeout: 120_000 });

  await tab("Submit");
  await page.getByRole("checkbox", { name: /ephemeral key/ }).check();
  await page.getByText("Ephemeral, unverifiable signer").waitFor();
  await page.getByRole("button", { name: "Build bundle" }).click();
  await page.getByText(/Bundle sample-itad-ltd-2024\.zip built and signed\./).waitFor({ timeout: 120_000 });
  const fingerprint = ((await page.getByTestId("bundle-signer").textContent()) ?? "").replace(/\s*\(ephemeral\)\s*$/, "").trim();
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  const shownSha = (await page.getByTestId("bundle-sha256").textContent())!.trim();
  // Records: 3999 assets + 150 shipments + 24 + 24 + 120; the rejected asset row; rows of the five sheets' inputs.
  await expect(page.getByTestId("bundle-records").textContent()).resolves.toMatch(/^4317 computed, 1 rejected of \d+ rows$/);
  await page.screenshot({ path: artifact("08-submit.png") });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("bundle-download").click()]);
  expect(download.suggestedFilename()).toBe("sample-itad-ltd-2024.zip");
  const saved = artifact("sample-itad-ltd-2024.zip");
  await download.saveAs(saved);
  const bytes = new Uint8Array(readFileSync(saved));
  expect(nodeCrypto.sha256(bytes)).toBe(shownSha);
  // What esg verify checks, with node's crypto: only the (ephemeral) key is unknown until trusted.
  const read = readBundle(bytes, { crypto: nodeCrypto, trustedKeys: [{ fingerprint }] });
  expect(read.problems).toEqual([]);
  expect(read.manifest!.signer.note).toMatch(/^ephemeral, unverifiable signer/);

  // The audit log went into the workbook settings; no private key anywhere in them.
  const settings = await page.evaluate(() => [...(window as never as { esgWorkbench: { workbook: { settings: Map<string, string> } } }).esgWorkbench.workbook.settings.entries()].join("\n"));
  expect(settings).toContain('"action":"submit"');
  expect(settings).not.toMatch(/PRIVATE KEY/);

  await tab("Verify");
  await page.getByLabel("Bundle file").setInputFiles(saved);
  await page.getByRole("textbox", { name: /Trusted keys/ }).fill(fingerprint);
  await page.getByRole("button", { name: "Verify bundle" }).click();
  await page.getByTestId("verify-result").waitFor({ timeout: 120_000 });
  await expect(page.getByTestId("verify-result").textContent()).resolves.toBe("Structure, hashes, signature, signer and recompute hold; the workbook agrees with the bundle.");
  for (const c of ["hashes", "signature", "signer", "recompute"]) await expect(page.getByTestId(`check-${c}`).getAttribute("data-status")).resolves.toBe("pass");
  await expect(page.getByTestId("check-recompute").textContent()).resolves.toContain("4317 rows: every result, ledger and disclosure value equal");
  // Every sheet's results table (live formulas, evaluated by the workbench) agrees with the bundle.
  await expect(page.getByTestId("comparison-summary").textContent()).resolves.toBe(
    "4317 rows compared (ESG_Results_Asset_Log, ESG_Results_Downstream_Certs, ESG_Results_Facility_Energy, ESG_Results_Fuel_Log, ESG_Results_Shipments); 0 difference(s).",
  );
  await expect(page.getByTestId("rule-mass-balance").textContent()).resolves.toContain("holds");
  await page.getByText(/Signer note: ephemeral, unverifiable signer/).waitFor();
  await page.screenshot({ path: artifact("09-verify.png"), fullPage: true });
  await page.getByRole("complementary", { name: "Taskpane" }).screenshot({ path: artifact("10-verify-taskpane.png") });

  const [findings] = await Promise.all([page.waitForEvent("download"), page.getByTestId("findings-download").click()]);
  await findings.saveAs(artifact("sample-itad-ltd-2024.findings.json"));
  const file = JSON.parse(readFileSync(artifact("sample-itad-ltd-2024.findings.json"), "utf8")) as { findings: unknown[]; engagement: { bundleSha256: string } };
  expect(file.findings).toEqual([]);
  expect(file.engagement.bundleSha256).toBe(shownSha);
  expect(errors).toEqual([]);
});
