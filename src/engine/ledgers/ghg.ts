/**
 * GHG disclosure in the ESRS E1-6 shape (§44-52 [V2 S3]; GHG Protocol; IFRS S2 29(a) [V2 S4]):
 * gross Scope 1, Scope 2 location-based and market-based, Scope 3 by category, and the two
 * totals (§52). Avoided emissions are shown BESIDE the inventory in their own object; an
 * inventory line cannot be an avoided result (type error, and RULE_VIOLATION at run time),
 * and no field of the output combines the two ledgers.
 */
import { Dec, ZERO } from "../quantities/decimal";
import { toDec } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { TraceBuilder, type Result, type Trace } from "../trace/trace";
import { methodOf, type NumberLike } from "../methods/avoided-common";
import { ATTRIBUTION_CLAUSES, clauseRef } from "../methods/attribution";
import type { AvoidedLedger } from "./avoided";

/** An inventory line: a method Result, or a labelled amount. Never an avoided result. */
export type InventoryLine =
  | (Result & { readonly ledger?: "inventory"; readonly label?: string })
  | { readonly ledger?: "inventory"; readonly label: string; readonly value: NumberLike; readonly unit?: string; readonly trace?: Trace };

export const SCOPE3_CATEGORIES: Readonly<Record<number, string>> = {
  1: "Purchased goods and services",
  2: "Capital goods",
  3: "Fuel- and energy-related activities",
  4: "Upstream transportation and distribution",
  5: "Waste generated in operations",
  6: "Business travel",
  7: "Employee commuting",
  8: "Upstream leased assets",
  9: "Downstream transportation and distribution",
  10: "Processing of sold products",
  11: "Use of sold products",
  12: "End-of-life treatment of sold products",
  13: "Downstream leased assets",
  14: "Franchises",
  15: "Investments",
};

export interface GhgDisclosureInput {
  scope1: readonly InventoryLine[];
  scope2LocationBased: readonly InventoryLine[];
  scope2MarketBased: readonly InventoryLine[];
  /** Scope 3 lines by category number 1-15 (significant categories). */
  scope3?: Readonly<Partial<Record<number, readonly InventoryLine[]>>>;
  /** The avoided ledger, shown beside (never inside) the totals. */
  avoided?: AvoidedLedger;
}

export interface GhgDisclosure {
  inventory: {
    ledger: "inventory";
    unit: "kg CO2e";
    /** E1-6 §44 gross Scope 1. */
    scope1: Result;
    /** E1-6 §49 gross Scope 2. */
    scope2: { locationBased: Result; marketBased: Result };
    /** E1-6 §51 gross Scope 3 by significant category. */
    scope3: { byCategory: ReadonlyArray<{ category: number; name: string; total: Result }>; total: Result };
    /** E1-6 §52 total GHG emissions, location-based and market-based. */
    totalLocationBased: Result;
    totalMarketBased: Result;
  };
  /** Avoided emissions beside the inventory, in their own ledger; null when none were given. */
  avoidedBeside: { ledger: "avoided"; unit: "kg CO2e"; total: Dec; note: string } | null;
  notes: readonly string[];
}

const KG = "kg CO2e";
const TO_KG: Record<string, string> = { "kg CO2e": "1", "t CO2e": "1000", "tCO2e": "1000", "g CO2e": "0.001" };

function lineValue(line: InventoryLine, argument: string): { label: string; kg: Dec } {
  const tagged = line as { ledger?: string };
  if (tagged.ledger !== undefined && tagged.ledger !== "inventory") {
    fail("RULE_VIOLATION", {
      rule: clauseRef(ATTRIBUTION_CLAUSES.inventoryNoCredits),
      detail: `${argument} is an ${String(tagged.ledger)} result; avoided emissions are reported beside the inventory, never inside it (GHG Protocol Scope 3 Standard §9.5)`,
    });
  }
  const unit = line.unit ?? KG;
  const factor = TO_KG[unit];
  if (factor === undefined) fail("INCOMPATIBLE_UNITS", { argument, from: unit, to: KG });
  const v = toDec(line.value);
  if (v === null) fail("NOT_A_NUMBER", { argument, value: String(line.value), expected: `an amount in ${KG}` });
  const label = ("label" in line && line.label) || ("trace" in line && line.trace ? line.trace.method.name : argument);
  return { label: String(label), kg: v.times(new Dec(factor)) };
}

function total(name: string, clause: string, lines: readonly InventoryLine[], argument: string): Result {
  const tb = new TraceBuilder(methodOf(name, clause));
  let t = ZERO;
  lines.forEach((line, i) => {
    const { label, kg } = lineValue(line, `${argument}[${i}]`);
    t = t.plus(kg);
    tb.input(label, kg, "entered", KG);
    if ("trace" in line && line.trace) tb.absorb(line.trace, label);
  });
  tb.step(name, lines.length === 0 ? "no lines" : `sum of ${lines.length} line(s)`, t, KG);
  return tb.result(t, KG);
}

function add(name: string, clause: string, parts: ReadonlyArray<[string, Result]>): Result {
  const tb = new TraceBuilder(methodOf(name, clause));
  let t = ZERO;
  for (const [label, r] of parts) {
    t = t.plus(r.value);
    tb.input(label, r.value, "entered", KG);
  }
  tb.step(name, parts.map(([l]) => l).join(" + "), t, KG);
  return tb.result(t, KG);
}

/** ESRS E1-6 style totals with the avoided ledger beside them. */
export function ghgDisclosure(input: GhgDisclosureInput): GhgDisclosure {
  const scope1 = total("gross Scope 1", "ESRS E1-6 §44 [V2 S3]", input.scope1, "scope1");
  const lb = total("gross Scope 2 location-based", "ESRS E1-6 §49 [V2 S3]; GHG Protocol Scope 2 Guidance [GK]", input.scope2LocationBased, "scope2LocationBased");
  const mb = total("gross Scope 2 market-based", "ESRS E1-6 §49 [V2 S3]; GHG Protocol Scope 2 Guidance [GK]", input.scope2MarketBased, "scope2MarketBased");
  const cats = Object.keys(input.scope3 ?? {})
    .map((k) => Number(k))
    .sort((a, b) => a - b);
  const byCategory = cats.map((c) => {
    const name = SCOPE3_CATEGORIES[c];
    if (!name) fail("OUT_OF_RANGE", { argument: "scope3 category", value: String(c), expected: "a GHG Protocol Scope 3 category 1-15" });
    return { category: c, name, total: total(`Scope 3 category ${c} ${name}`, "ESRS E1-6 §51 [V2 S3]; GHG Protocol Scope 3 Standard", input.scope3?.[c] ?? [], `scope3[${c}]`) };
  });
  const s3 = add("gross Scope 3", "ESRS E1-6 §51 [V2 S3]", byCategory.map((c) => [`category ${c.category}`, c.total]));
  const totalLB = add("total GHG emissions (location-based)", "ESRS E1-6 §52 [V2 S3]", [["Scope 1", scope1], ["Scope 2 location-based", lb], ["Scope 3", s3]]);
  const totalMB = add("total GHG emissions (market-based)", "ESRS E1-6 §52 [V2 S3]", [["Scope 1", scope1], ["Scope 2 market-based", mb], ["Scope 3", s3]]);
  const notes = [
    "Totals are gross: no avoided emissions, credits or removals are deducted (GHG Protocol Scope 3 Standard §9.5, Box 5.6; ESRS E1-7 removals and credits are separate).",
    "Avoided emissions, where given, are shown beside the totals in their own ledger with their own sign convention (positive = avoided).",
  ];
  return {
    inventory: { ledger: "inventory", unit: KG, scope1, scope2: { locationBased: lb, marketBased: mb }, scope3: { byCategory, total: s3 }, totalLocationBased: totalLB, totalMarketBased: totalMB },
    avoidedBeside: input.avoided
      ? { ledger: "avoided", unit: KG, total: input.avoided.total.value, note: "Reported separately; not included in or deducted from the totals above." }
      : null,
    notes,
  };
}
