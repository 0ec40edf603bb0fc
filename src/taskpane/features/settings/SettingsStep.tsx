import { Button, Caption1, Dropdown, Field, Input, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import { METHOD } from "../../../engine";
import { ALLOCATIONS, GWP_SETS, type EsgSettings } from "./settings";
import type { useSettings } from "./useSettings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  libs: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

const ALLOCATION_LABEL: Record<EsgSettings["allocation"], string> = {
  "cut-off": "Cut-off (no credit to the recycler)",
  "avoided-burden": "Avoided burden (100 % to end of life)",
  "50-50": "50:50",
  cff: "EU PEF Circular Footprint Formula",
};

/** Reporting period, organization, defaults and method options; factor library versions are read-only. */
export function SettingsStep({ settings }: { settings: ReturnType<typeof useSettings> }) {
  const styles = useStyles();
  const { draft, update, save, problems, status, error, dirty } = settings;
  return (
    <section aria-label="Settings" className={styles.form}>
      <Field label="Reporting period" validationMessage={problems.reportingPeriod} required>
        <Input value={draft.reportingPeriod} onChange={(_, d) => update("reportingPeriod", d.value)} />
      </Field>
      <Field label="Organization" hint="Who claims the credits (credits on certificates claimed by others are not counted).">
        <Input value={draft.organization} onChange={(_, d) => update("organization", d.value)} />
      </Field>
      <Field label="Preparer" hint="Who prepares the submission: recorded in the bundle's manifest and the audit log.">
        <Input value={draft.preparer} onChange={(_, d) => update("preparer", d.value)} />
      </Field>
      <Field label="Reviewer" hint="Optional: who reviewed the figures (recorded as an approval).">
        <Input value={draft.reviewer} onChange={(_, d) => update("reviewer", d.value)} />
      </Field>
      <Field label="Approver" hint="Who approves the submission; best a person other than the preparer (docs/governance.md).">
        <Input value={draft.approver} onChange={(_, d) => update("approver", d.value)} />
      </Field>
      <Field label="Default region" hint="Grid region for energy rows that name none (ISO code or eGRID subregion)." validationMessage={problems.regionDefault}>
        <Input value={draft.regionDefault} onChange={(_, d) => update("regionDefault", d.value)} />
      </Field>
      <Field label="GWP set">
        <Dropdown value={draft.gwpSet} selectedOptions={[draft.gwpSet]} onOptionSelect={(_, d) => d.optionValue && update("gwpSet", d.optionValue as EsgSettings["gwpSet"])}>
          {GWP_SETS.map((g) => (
            <Option key={g} value={g}>
              {g}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Allocation of recycling credits">
        <Dropdown
          value={ALLOCATION_LABEL[draft.allocation]}
          selectedOptions={[draft.allocation]}
          onOptionSelect={(_, d) => d.optionValue && update("allocation", d.optionValue as EsgSettings["allocation"])}
        >
          {ALLOCATIONS.map((a) => (
            <Option key={a} value={a} text={ALLOCATION_LABEL[a]}>
              {ALLOCATION_LABEL[a]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Displacement rate (reuse)" validationMessage={problems.displacementRate}>
        <Input value={draft.displacementRate} onChange={(_, d) => update("displacementRate", d.value)} />
      </Field>
      <Text weight="semibold">Site mass balance (GRI 306 / ESRS E5-5)</Text>
      <Field label="Mass received in the period (kg)" hint="The weighbridge total of what the site received; empty: GRI 306 and ESRS E5-5 are not built." validationMessage={problems.massReceived}>
        <Input value={draft.massReceived} onChange={(_, d) => update("massReceived", d.value)} />
      </Field>
      <Field label="Stock change in the period (kg)" hint="Closing minus opening stock (negative when stock fell; empty = 0)." validationMessage={problems.stockChange}>
        <Input value={draft.stockChange} onChange={(_, d) => update("stockChange", d.value)} />
      </Field>
      <Text weight="semibold">Reuse assumptions (resold devices)</Text>
      <Caption1>
        The new product a reused unit stands in for is the Boavizta category median of its UNU-KEY. All empty: reuse rows count in the material flow only, with no credit.
      </Caption1>
      <Field label="Second-life years" validationMessage={problems.reuseSecondLifeYears}>
        <Input value={draft.reuseSecondLifeYears} onChange={(_, d) => update("reuseSecondLifeYears", d.value)} />
      </Field>
      <Field label="Reference life of a new product (years)" validationMessage={problems.reuseReferenceLifeYears}>
        <Input value={draft.reuseReferenceLifeYears} onChange={(_, d) => update("reuseReferenceLifeYears", d.value)} />
      </Field>
      <Field label="Refurbishment (kg CO2e per unit)" validationMessage={problems.reuseRefurbishmentKg}>
        <Input value={draft.reuseRefurbishmentKg} onChange={(_, d) => update("reuseRefurbishmentKg", d.value)} />
      </Field>
      <Field label="Replacement parts (kg CO2e per unit)" validationMessage={problems.reusePartsKg}>
        <Input value={draft.reusePartsKg} onChange={(_, d) => update("reusePartsKg", d.value)} />
      </Field>
      <Field label="Extra logistics (kg CO2e per unit)" validationMessage={problems.reuseLogisticsKg}>
        <Input value={draft.reuseLogisticsKg} onChange={(_, d) => update("reuseLogisticsKg", d.value)} />
      </Field>
      <div>
        <Text weight="semibold">Factor libraries (pinned by {METHOD.id} {METHOD.version})</Text>
        <ul className={styles.libs} aria-label="Factor library versions">
          {METHOD.libraries.map((l) => (
            <li key={l.id}>
              <Caption1>
                {l.id} {l.version}
              </Caption1>
            </li>
          ))}
        </ul>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={!dirty || Object.keys(problems).length > 0 || status === "saving"} onClick={() => void save()}>
          Save settings
        </Button>
        <Text role="status">{status === "saved" ? "Saved in the workbook." : status === "loading" ? "Loading…" : status === "error" ? `Could not save: ${error}` : ""}</Text>
      </div>
    </section>
  );
}
