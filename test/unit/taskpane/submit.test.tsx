/** @jest-environment jsdom */
import "./env";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { readBundle, bundleJson, bundleLines, ENTRY, publicKeyFingerprint, type Manifest } from "../../../src/engine";
import { generateEd25519KeyPair, nodeCrypto } from "../../../src/cli/crypto-node";
import { SETTINGS_KEY } from "../../../src/taskpane/features/settings/settings";
import { AUDIT_KEY, EPHEMERAL_NOTE } from "../../../src/taskpane/features/submit/build-submission";
import { gatewayWith, LOG, mapThenOpen, renderApp } from "./helpers";
import type { MemoryWorkbookGateway } from "../../../src/office/memory/memory-gateway";
import { fileBytes } from "../../../src/taskpane/download";

jest.setTimeout(60_000);

const SETTINGS = { reportingPeriod: "2024", organization: "Acme ITAD", preparer: "Pat Preparer", reviewer: "Rey Reviewer", approver: "Ann Approver" };

/** Captures what the step offers for download (jsdom has no object URLs). */
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

async function downloaded(): Promise<Uint8Array> {
  const link = await screen.findByTestId("bundle-download");
  const n = Number(link.getAttribute("href")!.split("/").pop());
  return fileBytes(blobs[n - 1]!);
}

function pick(label: string, files: File[]): void {
  fireEvent.change(screen.getByLabelText(label), { target: { files } });
}

async function open(gateway: MemoryWorkbookGateway): Promise<void> {
  await gateway.writeSetting(SETTINGS_KEY, SETTINGS);
  renderApp(gateway);
  await mapThenOpen("Submit");
}

test("Submit with the organization's key: a signed bundle that node's esg verify accepts; the key is stored nowhere", async () => {
  const gateway = gatewayWith();
  await open(gateway);
  const keys = generateEd25519KeyPair();
  const build = screen.getByRole("button", { name: "Build bundle" });
  expect(build).toBeDisabled(); // no key, no ephemeral choice yet
  pick("Signing key file", [new File([keys.privateKeyPem], "acme-itad.key.pem", { type: "application/x-pem-file" })]);
  const fp = publicKeyFingerprint(keys.publicKeyPem, nodeCrypto)!;
  await screen.findByText(fp);
  await waitFor(() => expect(build).toBeEnabled());
  fireEvent.click(build);
  await screen.findByText("Bundle acme-itad-2024.zip built and signed.");
  expect(screen.getByTestId("bundle-signer")).toHaveTextContent(fp);
  expect(screen.getByTestId("bundle-records")).toHaveTextContent("5 computed, 1 rejected of 6 rows");

  const bytes = await downloaded();
  expect(screen.getByTestId("bundle-sha256")).toHaveTextContent(nodeCrypto.sha256(bytes));
  // Node's crypto (esg verify) accepts it, trusting the organization's key.
  const read = readBundle(bytes, { crypto: nodeCrypto, trustedKeys: [{ fingerprint: fp }] });
  expect(read.problems).toEqual([]);
  expect(read.signer).toMatchObject({ fingerprint: fp, trusted: true, signatureValid: true });
  const m = read.manifest as Manifest;
  expect(m.organization.name).toBe("Acme ITAD");
  expect(m.reportingPeriod).toEqual({ start: "2024-01-01", end: "2024-12-31" });
  expect(m.preparer).toEqual({ name: "Pat Preparer", role: "preparer" });
  expect(m.approvals.map((a) => [a.name, a.role])).toEqual([["Rey Reviewer", "reviewer"], ["Ann Approver", "approver"]]);
  expect(m.signer.note).toBeUndefined();
  expect(m.recordCounts).toMatchObject({ inputRows: 6, records: 5, rejected: 1 });
  // The inputs as received: the mapped columns of the sheet, as CSV.
  const csv = new TextDecoder().decode(read.entries.get("inputs/Log.csv"));
  expect(csv.split("\r\n")[1]).toBe(LOG[1]!.join(","));
  expect(csv).toContain("A-4,Lenovo ThinkPad notebook,1,4..4,lbs");
  // The rejected row is in the validation report with its reason.
  const validation = bundleJson(read.entries, ENTRY.validation) as { rejected: Array<{ stage: string; row: number }> };
  expect(validation.rejected).toEqual([expect.objectContaining({ stage: "map", row: 6 })]);
  // Audit: calculate + submit by the preparer, in the bundle and appended to the workbook.
  const audit = bundleLines(read.entries, ENTRY.auditLog) as Array<{ action: string; who: string }>;
  expect(audit.map((a) => [a.action, a.who])).toEqual([["calculate", "Pat Preparer"], ["submit", "Pat Preparer"]]);
  expect(await gateway.readSetting(AUDIT_KEY)).toEqual(audit);

  // The private key is nowhere: not in any workbook setting, not in the bundle bytes.
  const body = keys.privateKeyPem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");
  const everything = [...gateway.workbook.settings.entries()].map(([k, v]) => `${k}=${v}`).join("\n");
  expect(everything).toContain("Pat Preparer");
  expect(everything).not.toMatch(/PRIVATE KEY/);
  expect(everything).not.toContain(body);
  const latin1 = Buffer.from(bytes).toString("latin1");
  expect(latin1).not.toMatch(/PRIVATE KEY/);
  expect(latin1).not.toContain(body);
  expect(Buffer.from(bytes).includes(Buffer.from(body, "base64").subarray(16))).toBe(false); // the raw seed
  // Nor in the workbook's cells.
  for (const s of gateway.workbook.sheets) for (const r of s.rows) for (const c of r ?? []) expect(String(c?.value ?? "")).not.toContain(body.slice(20, 40));

  // A second submission appends to the audit log: the bundle carries the earlier entries too.
  fireEvent.click(screen.getByRole("button", { name: "Build bundle" }));
  await waitFor(async () => expect(((await gateway.readSetting(AUDIT_KEY)) as unknown[]).length).toBe(4));
});

test("without a key: the ephemeral choice, a loud warning and an unverifiable signer in the manifest", async () => {
  const gateway = gatewayWith();
  await open(gateway);
  fireEvent.click(screen.getByRole("checkbox", { name: /ephemeral key/ }));
  expect(screen.getByText("Ephemeral, unverifiable signer")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Build bundle" }));
  await screen.findByText(/Signed with an EPHEMERAL key/);
  const read = readBundle(await downloaded(), { crypto: nodeCrypto, trustedKeys: [] });
  expect(read.problems.map((p) => p.code)).toEqual(["UNKNOWN_KEY"]);
  expect(read.manifest!.signer.note).toBe(EPHEMERAL_NOTE);
  expect((bundleLines(read.entries, ENTRY.auditLog) as Array<{ note: string }>)[1]!.note).toContain("ephemeral");
});

test("a file that is not an Ed25519 private key is refused with a reason; nothing is built", async () => {
  const gateway = gatewayWith();
  await open(gateway);
  pick("Signing key file", [new File([generateEd25519KeyPair().publicKeyPem], "acme.pub.pem")]);
  expect(await screen.findByText(/acme.pub.pem: not a PKCS#8 PEM private key/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Build bundle" })).toBeDisabled();
});

test("missing preparer or organization: Submit says what to set", async () => {
  const gateway = gatewayWith();
  renderApp(gateway);
  await mapThenOpen("Submit");
  expect(await screen.findByText(/Set the organization in Settings. Set the preparer in Settings./)).toBeInTheDocument();
});

test("evidence: documents named in the evidence column and attached are hashed into the evidence index", async () => {
  const sheet = [
    ["Asset Tag", "Item Description", "Weight", "UOM", "Disposition", "Evidence"],
    ["A-1", "Dell Latitude 5420 laptop", 4.4, "lbs", "Recycled", "WT-001"],
    ["A-2", "HP EliteDesk desktop PC", 7.5, "kg", "Resold", "WT-002"],
    ["A-3", "Dell 24in LCD monitor", 10, "lbs", "Recycled", "WT-001"],
  ];
  const gateway = gatewayWith({ Log: sheet });
  await open(gateway);
  pick("Evidence files", [new File(["scale ticket 001"], "WT-001.pdf")]);
  await screen.findByText("1 evidence file(s) hashed.");
  fireEvent.click(screen.getByRole("checkbox", { name: /ephemeral key/ }));
  fireEvent.click(screen.getByRole("button", { name: "Build bundle" }));
  await screen.findByText(/1 of 2 referenced documents hashed \(not attached: WT-002\)/);
  const read = readBundle(await downloaded(), { crypto: nodeCrypto, trustedKeys: [] });
  expect(bundleJson(read.entries, ENTRY.evidence)).toEqual([
    { documentId: "WT-001", kind: "evidence", location: "WT-001.pdf", sha256: nodeCrypto.sha256(new TextEncoder().encode("scale ticket 001")), supports: ["dispositions#2", "dispositions#4"] },
  ]);
});
