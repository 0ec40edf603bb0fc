/** @jest-environment jsdom */
import "./env";
import Decimal from "decimal.js";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ENTRY, FindingsFileSchema, canonicalEntryOrder, formatSha256Sums, publicKeyFingerprint, readBundle, writeZip, utf8Bytes } from "../../../src/engine";
import { generateEd25519KeyPair, nodeCrypto } from "../../../src/cli/crypto-node";
import { SETTINGS_KEY } from "../../../src/taskpane/features/settings/settings";
import { fileBytes } from "../../../src/taskpane/download";
import { gatewayWith, mapThenOpen, renderApp } from "./helpers";
import type { MemoryWorkbookGateway } from "../../../src/office/memory/memory-gateway";

jest.setTimeout(90_000);

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

async function linkBytes(testId: string): Promise<Uint8Array> {
  const link = await screen.findByTestId(testId);
  return fileBytes(blobs[Number(link.getAttribute("href")!.split("/").pop()) - 1]!);
}

const keys = generateEd25519KeyPair();
const fingerprint = publicKeyFingerprint(keys.publicKeyPem, nodeCrypto)!;

/** Map, calculate (values only: the memory gateway evaluates no formulas), submit with the org key: the bundle bytes. */
async function prepare(): Promise<{ gateway: MemoryWorkbookGateway; bundle: Uint8Array }> {
  const gateway = gatewayWith();
  await gateway.writeSetting(SETTINGS_KEY, { reportingPeriod: "2024", organization: "Acme ITAD", preparer: "Pat Preparer", approver: "Ann Approver" });
  renderApp(gateway);
  await mapThenOpen("Calculate");
  fireEvent.click(screen.getByRole("checkbox", { name: /Values only/ }));
  fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
  await screen.findByText(/5 rows computed/);
  fireEvent.click(screen.getByRole("tab", { name: "Submit" }));
  fireEvent.change(screen.getByLabelText("Signing key file"), { target: { files: [new File([keys.privateKeyPem], "acme.key.pem")] } });
  await screen.findByText(fingerprint);
  await waitFor(() => expect(screen.getByRole("button", { name: "Build bundle" })).toBeEnabled());
  fireEvent.click(screen.getByRole("button", { name: "Build bundle" }));
  const bundle = await linkBytes("bundle-download");
  fireEvent.click(screen.getByRole("tab", { name: "Verify" }));
  return { gateway, bundle };
}

async function verifyFile(bytes: Uint8Array, trust: string): Promise<void> {
  fireEvent.change(screen.getByLabelText("Bundle file"), { target: { files: [new File([bytes as Uint8Array<ArrayBuffer>], "acme-itad-2024.zip", { type: "application/zip" })] } });
  fireEvent.change(screen.getByRole("textbox", { name: /Trusted keys/ }), { target: { value: trust } });
  await waitFor(() => expect(screen.getByRole("button", { name: "Verify bundle" })).toBeEnabled());
  fireEvent.click(screen.getByRole("button", { name: "Verify bundle" }));
  await screen.findByTestId("verify-result");
}

const status = (name: string) => screen.getByTestId(`check-${name}`).getAttribute("data-status");

test("a bundle from Submit verifies: hashes, signature, trusted signer, recompute, rules, and the workbook agrees", async () => {
  const { bundle } = await prepare();
  await verifyFile(bundle, keys.publicKeyPem);
  expect(screen.getByTestId("verify-result")).toHaveTextContent("Structure, hashes, signature, signer and recompute hold; the workbook agrees with the bundle.");
  for (const c of ["archive", "entries", "hashes", "signature", "signer", "manifest", "versions", "recompute"]) expect([c, status(c)]).toEqual([c, "pass"]);
  expect(screen.getByTestId("check-recompute")).toHaveTextContent("5 rows: every result, ledger and disclosure value equal");
  expect(screen.getByTestId("verify-signer")).toHaveTextContent(`${fingerprint} (trusted)`);
  expect(screen.getByTestId("comparison-summary")).toHaveTextContent("5 rows compared (ESG_Results_Log); 0 difference(s)");
  for (const r of ["mass-balance", "credit-shares", "no-stacking"]) expect(screen.getByTestId(`rule-${r}`)).toHaveTextContent("holds");
  // The findings file is valid and empty.
  const findings = FindingsFileSchema.parse(JSON.parse(new TextDecoder().decode(await linkBytes("findings-download"))));
  expect(findings.findings).toEqual([]);
  expect(findings.engagement).toMatchObject({ organization: "Acme ITAD", reportingPeriod: "2024-01-01..2024-12-31", bundleSha256: nodeCrypto.sha256(bundle) });
});

test("an untrusted signer is reported as unknown (fingerprint shown), the rest still holds", async () => {
  const { bundle } = await prepare();
  await verifyFile(bundle, "");
  expect(status("signer")).toBe("fail");
  expect(status("hashes")).toBe("pass");
  expect(status("signature")).toBe("pass");
  expect(screen.getByTestId("verify-signer")).toHaveTextContent(`${fingerprint} (NOT trusted: unknown key)`);
  expect(screen.getByTestId("verify-result")).toHaveTextContent("Problems found: 1 bundle problem(s).");
});

test("a tampered byte: the problem names the entry, the recompute is not run", async () => {
  const { bundle } = await prepare();
  const text = Buffer.from(bundle).toString("latin1");
  const start = text.indexOf(ENTRY.results) + ENTRY.results.length; // local header name, then the data
  const at = text.indexOf('"value":"', start) + '"value":"'.length;
  const tampered = bundle.slice();
  tampered[at] = tampered[at] === 0x31 ? 0x32 : 0x31;
  await verifyFile(tampered, fingerprint);
  expect(screen.getByTestId("verify-result")).toHaveTextContent(/Problems found: \d+ bundle problem\(s\), recompute not run/);
  expect(status("hashes")).toBe("fail");
  expect(status("recompute")).toBe("not-run");
  expect(within(screen.getByRole("list", { name: "Bundle problems" })).getAllByText(/results\.jsonl: (HASH_MISMATCH|ENTRY_DAMAGED)/).length).toBeGreaterThan(0);
});

test("a consistently re-signed bundle with a changed result: unknown key, the recompute differs, and the workbook comparison shows bundle / workbook / recomputed", async () => {
  const { bundle } = await prepare();
  const read = readBundle(bundle, { crypto: nodeCrypto, trustedKeys: [] });
  const entries = new Map(read.entries);
  const lines = new TextDecoder().decode(entries.get(ENTRY.results)).split("\n");
  const first = JSON.parse(lines[0]!) as { ref: string; lines: Array<{ code: string; value: string }> };
  const inv = first.lines.findIndex((l) => l.code.startsWith("inventory/"));
  const honest = first.lines[inv]!.value;
  first.lines[inv]!.value = "999";
  lines[0] = JSON.stringify(first).replace(/\s/g, "");
  entries.set(ENTRY.results, utf8Bytes(lines.join("\n")));
  // Re-hash and re-sign with another (attacker's) key, as a tamperer who knows the format would.
  const attacker = generateEd25519KeyPair();
  entries.set(ENTRY.publicKey, utf8Bytes(attacker.publicKeyPem));
  const hashed = [...entries.keys()].filter((n) => n !== ENTRY.sums && n !== ENTRY.signature);
  const sums = utf8Bytes(formatSha256Sums(hashed.map((path) => ({ path, sha256: nodeCrypto.sha256(entries.get(path)!) }))));
  entries.set(ENTRY.sums, sums);
  entries.set(ENTRY.signature, nodeCrypto.sign(sums, attacker.privateKeyPem));
  const resigned = writeZip(canonicalEntryOrder([...entries.keys()]).map((name) => ({ name, data: entries.get(name)! })));

  await verifyFile(resigned, fingerprint);
  expect(status("hashes")).toBe("pass");
  expect(status("signature")).toBe("pass");
  expect(status("signer")).toBe("fail");
  expect(status("recompute")).toBe("fail");
  expect(screen.getByTestId("check-recompute")).toHaveTextContent(/1 of 5 rows differ/);
  const table = screen.getByRole("table", { name: "Differences with the workbook" });
  const row = within(table).getAllByRole("row")[1]!;
  const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
  expect(cells).toEqual([String(first.ref.split("#")[1]), "Inventory kg CO2e", "999", String(Number(honest)), honest]);
  // Exported findings: the misstatement is bundle minus recomputed.
  const file = FindingsFileSchema.parse(JSON.parse(new TextDecoder().decode(await linkBytes("findings-download"))));
  const misstated = file.findings.filter((f) => f.recordRef === first.ref && f.lineItem.startsWith("Inventory"));
  expect(misstated[0]!.misstatementKgCo2e).toBe(new Decimal(999).minus(honest).toFixed());
});

test("a workbook edited after submission: the changed result cell is a finding", async () => {
  const { gateway, bundle } = await prepare();
  const sheet = gateway.workbook.sheet("Log");
  const before = sheet.cell(3, 11)!.value as number;
  gateway.workbook.setValue(sheet, 3, 11, before + 1);
  await verifyFile(bundle, fingerprint);
  expect(status("recompute")).toBe("pass");
  expect(screen.getByTestId("comparison-summary")).toHaveTextContent("5 rows compared (ESG_Results_Log); 1 difference(s)");
  const row = within(screen.getByRole("table", { name: "Differences with the workbook" })).getAllByRole("row")[1]!;
  const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
  expect(cells.slice(0, 2)).toEqual(["3", "Inventory kg CO2e"]);
  expect(cells[3]).toBe(String(before + 1));
  expect(cells[2]).toBe(cells[4]); // bundle = recomputed: the workbook is what changed
});
