/** @jest-environment jsdom */
import "./env";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { gatewayWith, renderApp } from "./helpers";
import { SETTINGS_KEY, pipelineSettings, readSettings, reuseAssumptions } from "../../../src/taskpane/features/settings/settings";
import { services } from "../../../src/taskpane/services";
import { METHOD } from "../../../src/engine";

jest.setTimeout(60_000);

test("loads stored settings, validates, saves to the workbook; library versions are read-only", async () => {
  const g = gatewayWith();
  await g.writeSetting(SETTINGS_KEY, { reportingPeriod: "2023", organization: "Acme ITAD", gwpSet: "AR6" });
  renderApp(g, "settings");
  const period = await screen.findByRole("textbox", { name: /Reporting period/ });
  await waitFor(() => expect(period).toHaveValue("2023"));
  expect(screen.getByRole("combobox", { name: "GWP set" })).toHaveTextContent("AR6");
  for (const l of METHOD.libraries) expect(screen.getByRole("list", { name: "Factor library versions" })).toHaveTextContent(`${l.id} ${l.version}`);

  const rate = screen.getByRole("textbox", { name: /Displacement rate/ });
  fireEvent.change(rate, { target: { value: "1.5" } });
  expect(await screen.findByText("A fraction between 0 and 1, e.g. 0.5.")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Save settings" })).toBeDisabled();
  fireEvent.change(rate, { target: { value: "0.7" } });
  fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  await screen.findByText("Saved in the workbook.");
  const saved = readSettings(await g.readSetting(SETTINGS_KEY));
  expect(saved).toMatchObject({ reportingPeriod: "2023", organization: "Acme ITAD", gwpSet: "AR6", displacementRate: "0.7" });
  expect(pipelineSettings(saved)).toMatchObject({ reportingPeriod: "2023", gwpSet: "AR6", displacementRate: "0.7", claimant: "Acme ITAD" });
});

test("the site mass balance and the reuse assumptions are stored and reach the pipeline and the records", async () => {
  const g = gatewayWith();
  renderApp(g, "settings");
  const received = await screen.findByRole("textbox", { name: /Mass received/ });
  fireEvent.change(received, { target: { value: "12.5kg" } });
  expect(await screen.findByText(/A mass in kg/)).toBeInTheDocument();
  fireEvent.change(received, { target: { value: "45210" } });
  fireEvent.change(screen.getByRole("textbox", { name: /Stock change/ }), { target: { value: "-120" } });
  fireEvent.change(screen.getByRole("textbox", { name: /Second-life years/ }), { target: { value: "3" } });
  expect(await screen.findByText(/Years, more than 0/)).toBeInTheDocument(); // the reference life is missing
  fireEvent.change(screen.getByRole("textbox", { name: /Reference life/ }), { target: { value: "5" } });
  fireEvent.change(screen.getByRole("textbox", { name: /Refurbishment/ }), { target: { value: "1.5" } });
  fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  await screen.findByText("Saved in the workbook.");
  const saved = readSettings(await g.readSetting(SETTINGS_KEY));
  expect(pipelineSettings(saved).massBalance).toEqual({ received: "45210", stockChange: "-120" });
  const reuse = reuseAssumptions(saved, services().registry)!;
  expect(reuse).toMatchObject({ lifetimeExtendedYears: "3", lifetimeNewYears: "5", refurbishmentKg: "1.5", partsKg: "0", extraLogisticsKg: "0" });
  // The new product of a laptop (UNU-KEY 0303) is a Boavizta category median.
  expect(reuse.newProductFactorByUnuKey["0303"]).toMatch(/^boavizta\./);
  expect(pipelineSettings(readSettings({ reportingPeriod: "2024" })).massBalance).toBeUndefined();
});
