/**
 * The disclosures of a run, built from its per-code totals: ESRS E1-6 from the inventory lines;
 * GRI 306-3/4/5 and ESRS E5-5 from the material-flow lines and the site mass balance in the
 * settings (not built without one). One construction for the pipeline, the bundle and the recompute.
 */
import { Dec } from "../quantities/decimal";
import { attempt, type Issue } from "../issues/issue";
import { ghgDisclosure, materialFlowLedger, type GhgDisclosure, type MaterialFlowLedger } from "../ledgers";
import type { Taxonomy } from "../taxonomy";
import type { LineTotal } from "./aggregate";
import type { LineCode } from "./lines";
import type { PipelineSettings } from "./run";

export interface RunDisclosures {
  ghg: GhgDisclosure | null;
  materialFlow: MaterialFlowLedger | null;
  issues: Issue[];
}

/**
 * The disclosures built from a run's per-code totals (the same construction as `runPipeline`):
 * ESRS E1-6 from the inventory lines; GRI 306-3/4/5 and ESRS E5-5 from the material-flow lines and
 * the site mass balance in the settings (not built without one).
 */
export function disclosuresFromTotals(totals: readonly LineTotal[], s: PipelineSettings, taxonomy?: Taxonomy): RunDisclosures {
  const issues: Issue[] = [];
  const labelled = (pred: (c: LineCode) => boolean) => totals.filter((t) => t.code.inTotal && pred(t.code)).map((t) => ({ label: t.code.id, value: t.value, unit: "kg CO2e" }));
  const scope3: Partial<Record<number, { label: string; value: Dec; unit: string }[]>> = {};
  for (const t of totals) {
    const m = /^scope3\.cat(\d+)$/.exec(t.code.category);
    if (t.code.ledger === "inventory" && t.code.inTotal && m) (scope3[Number(m[1])] ??= []).push({ label: t.code.id, value: t.value, unit: "kg CO2e" });
  }
  const ghg = attempt(() =>
    ghgDisclosure({
      scope1: labelled((c) => c.ledger === "inventory" && c.category === "scope1"),
      scope2LocationBased: totals.filter((t) => t.code.id === "inventory/scope2/location").map((t) => ({ label: t.code.id, value: t.value, unit: "kg CO2e" })),
      scope2MarketBased: totals.filter((t) => t.code.id === "inventory/scope2/market").map((t) => ({ label: t.code.id, value: t.value, unit: "kg CO2e" })),
      scope3,
    }),
  );
  if (!ghg.ok) issues.push(ghg.issue);
  let materialFlow: MaterialFlowLedger | null = null;
  if (s.massBalance) {
    const mb = s.massBalance;
    const outbound = totals
      .filter((t) => t.code.ledger === "materialFlow" && t.code.category.startsWith("assets/"))
      .map((t) => {
        const disposition = t.code.category.slice("assets/".length);
        return { stream: disposition, mass: t.value, disposition, ...(t.code.variant === "unstated" ? {} : { hazardous: t.code.variant === "hazardous" }) };
      });
    const r = attempt(() =>
      materialFlowLedger({
        ...(mb.scope !== undefined ? { scope: mb.scope } : {}),
        received: mb.received,
        stockChange: mb.stockChange,
        ...(mb.measuredLoss !== undefined ? { measuredLoss: mb.measuredLoss } : {}),
        ...(mb.tolerance !== undefined ? { tolerance: mb.tolerance } : {}),
        outbound,
        ...(taxonomy ? { taxonomy } : {}),
      }),
    );
    if (r.ok) materialFlow = r.value;
    else issues.push(r.issue);
  }
  return { ghg: ghg.ok ? ghg.value : null, materialFlow, issues };
}
