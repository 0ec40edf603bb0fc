import { useState } from "react";
import { makeStyles, tokens, Title3, Caption1, Tab, TabList } from "@fluentui/react-components";
import { METHOD, type MappingTemplate } from "../engine";
import { FactorBrowser } from "./features/factors/FactorBrowser";
import { MapStep } from "./features/map/MapStep";
import { useMapping } from "./features/map/useMapping";
import { CheckStep } from "./features/check/CheckStep";
import { useCheck } from "./features/check/useCheck";
import { CalculateStep } from "./features/calculate/CalculateStep";
import { useCalculate } from "./features/calculate/useCalculate";
import { InspectStep } from "./features/inspect/InspectStep";
import { useInspect } from "./features/inspect/useInspect";
import { SubmitStep } from "./features/submit/SubmitStep";
import { useSubmit } from "./features/submit/useSubmit";
import { VerifyStep } from "./features/verify/VerifyStep";
import { useVerify } from "./features/verify/useVerify";
import { SettingsStep } from "./features/settings/SettingsStep";
import { useSettings } from "./features/settings/useSettings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minWidth: "0", boxSizing: "border-box", maxWidth: "100%" },
  tabs: { flexWrap: "wrap" },
  panel: { minWidth: 0 },
});

export const STEPS = ["map", "check", "calculate", "inspect", "submit", "verify", "settings", "factors"] as const;
export type Step = (typeof STEPS)[number];
const LABEL: Record<Step, string> = { map: "Map", check: "Check", calculate: "Calculate", inspect: "Inspect", submit: "Submit", verify: "Verify", settings: "Settings", factors: "Factors" };

/** The taskpane: Map → Check → Calculate → Inspect → Submit, Verify (for verifiers), plus Settings and the factor browser. */
export function App({ initialStep = "map" }: { initialStep?: Step }) {
  const styles = useStyles();
  const [step, setStep] = useState<Step>(initialStep);
  const [template, setTemplate] = useState<MappingTemplate | null>(null);
  const settings = useSettings();
  const mapping = useMapping(setTemplate);
  const check = useCheck(template);
  const calc = useCalculate(template, settings.saved, mapping.confirmed);
  const inspect = useInspect();
  const submit = useSubmit(calc.result?.templates ?? (template ? [template] : []), settings.saved, calc.result?.ledgers ?? null);
  const verify = useVerify();
  return (
    <main className={styles.root}>
      <header>
        <Title3 as="h1">Electronics ESG</Title3>
        <Caption1 as="p">
          {METHOD.id} {METHOD.version}
        </Caption1>
      </header>
      <TabList className={styles.tabs} size="small" selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)} aria-label="Steps">
        {STEPS.map((s) => (
          <Tab key={s} value={s} id={`tab-${s}`} aria-controls={`panel-${s}`}>
            {LABEL[s]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={`panel-${step}`} aria-labelledby={`tab-${step}`} className={styles.panel}>
        {step === "map" && <MapStep mapping={mapping} />}
        {step === "check" && <CheckStep check={check} mapped={template !== null} />}
        {step === "calculate" && <CalculateStep calc={calc} mapped={template !== null} sheets={mapping.confirmed.map((t) => t.source.sheet ?? t.source.table ?? "")} />}
        {step === "inspect" && <InspectStep inspect={inspect} />}
        {step === "submit" && <SubmitStep submit={submit} settings={settings.saved} />}
        {step === "verify" && <VerifyStep verify={verify} />}
        {step === "settings" && <SettingsStep settings={settings} />}
        {step === "factors" && <FactorBrowser />}
      </div>
    </main>
  );
}
