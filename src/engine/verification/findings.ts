/**
 * Verification findings: the file format a verifier records misstatements in, their aggregation
 * against materiality, and a draft verification statement (docs/verification.md).
 *
 * Aggregation [V S1 ch.10 + WE-V3]: materiality is judged on the AGGREGATE of uncorrected
 * misstatements, not finding by finding. Project rule [P]: the aggregate is the gross sum of
 * absolute values (an overstatement does not offset an understatement; the net sum is shown too),
 * and it is material when it is at or above the threshold (materiality fraction × reported total),
 * for the total and for each line item whose reported amount is given.
 * Statement forms [V S1 Table 10.2]: limited assurance — negative form ("nothing has come to our
 * attention ..."); reasonable assurance — positive form ("fairly stated, in all material respects");
 * a qualified form ("except for ...") when a material misstatement remains uncorrected.
 */
import { z } from "zod";
import { Dec, isDecimalLiteral, plain, sum, ZERO } from "../quantities/decimal";

const decimalString = z.string().refine((s) => isDecimalLiteral(s) && s.trim() === s, "a decimal string, e.g. \"20000\" or \"-1250.5\"");
const nonNegativeDecimal = decimalString.refine((s) => !new Dec(s).isNegative(), "zero or more");

export const FINDINGS_FORMAT = "1.0" as const;

export const FindingSchema = z
  .object({
    id: z.string().min(1),
    /** The record the finding is about, e.g. "dispositions#12" (from the sample CSV's record_ref). */
    recordRef: z.string().min(1),
    /** The line item of the inventory, e.g. "Scope 3 category 4" or "Scope 2 location-based". */
    lineItem: z.string().min(1),
    /** Reported minus correct, kg CO2e: positive = overstatement, negative = understatement. */
    misstatementKgCo2e: decimalString,
    /** factual (certain), judgemental (estimate disagreement) or projected (extrapolated from a sample). */
    kind: z.enum(["factual", "judgemental", "projected"]),
    /** True when the preparer corrected it in the submission: it no longer counts. */
    corrected: z.boolean(),
    note: z.string().optional(),
  })
  .strict();
export type Finding = z.infer<typeof FindingSchema>;

export const FindingsFileSchema = z
  .object({
    findingsFormat: z.literal(FINDINGS_FORMAT),
    engagement: z
      .object({
        organization: z.string().min(1),
        reportingPeriod: z.string().min(1),
        verifier: z.string().optional(),
        /** The criteria the statement is prepared under, e.g. "SERI-EVC-METHOD 0.1.0-draft". */
        criteria: z.string().optional(),
        /** SHA-256 of the bundle verified. */
        bundleSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      })
      .strict(),
    assurance: z.enum(["limited", "reasonable"]),
    /** Materiality as a fraction of the reported total, e.g. "0.05". */
    materialityThreshold: decimalString.refine((s) => new Dec(s).gt(0) && new Dec(s).lte(1), "a fraction above 0 and at most 1"),
    /** Reported inventory total, kg CO2e (may also be given on the command line). */
    inventoryTotalKgCo2e: nonNegativeDecimal.optional(),
    /** Reported amount of each line item, kg CO2e, for line-item materiality. */
    lineItems: z.array(z.object({ name: z.string().min(1), reportedKgCo2e: nonNegativeDecimal }).strict()).optional(),
    findings: z.array(FindingSchema),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.findings.forEach((x, i) => {
      if (ids.has(x.id)) ctx.addIssue({ code: "custom", message: `duplicate finding id '${x.id}'`, path: ["findings", i, "id"] });
      ids.add(x.id);
    });
  });
export type FindingsFile = z.infer<typeof FindingsFileSchema>;

export interface Aggregate {
  /** Uncorrected misstatements counted. */
  count: number;
  /** Σ misstatement (signed), kg CO2e. */
  netKgCo2e: string;
  /** Σ |misstatement|, kg CO2e: the basis of the materiality test [P]. */
  grossKgCo2e: string;
  /** Reported amount, kg CO2e, when known. */
  reportedKgCo2e?: string;
  /** Materiality threshold in kg CO2e (fraction × reported), when the reported amount is known. */
  thresholdKgCo2e?: string;
  /** gross / reported, as a fraction, when the reported amount is known and not zero. */
  ratio?: string;
  /** True when gross >= threshold; undefined when the reported amount is unknown. */
  material?: boolean;
}

export interface FindingsEvaluation {
  assurance: "limited" | "reasonable";
  materiality: string;
  total: Aggregate;
  lineItems: Array<Aggregate & { lineItem: string }>;
  correctedCount: number;
  byKind: Record<"factual" | "judgemental" | "projected", string>;
  material: boolean;
}

function aggregate(findings: readonly Finding[], reported: Dec | undefined, materiality: Dec): Aggregate {
  const values = findings.map((f) => new Dec(f.misstatementKgCo2e));
  const net = sum(values);
  const gross = sum(values.map((v) => v.abs()));
  const out: Aggregate = { count: findings.length, netKgCo2e: plain(net), grossKgCo2e: plain(gross) };
  if (reported !== undefined) {
    const threshold = reported.times(materiality);
    out.reportedKgCo2e = plain(reported);
    out.thresholdKgCo2e = plain(threshold);
    if (!reported.isZero()) out.ratio = plain(gross.div(reported));
    out.material = gross.gte(threshold) && !gross.isZero();
  }
  return out;
}

/** Aggregates the uncorrected misstatements against materiality, in total and per line item. */
export function evaluateFindings(file: FindingsFile, options: { inventoryTotalKgCo2e?: string } = {}): FindingsEvaluation {
  const materiality = new Dec(file.materialityThreshold);
  const totalText = options.inventoryTotalKgCo2e ?? file.inventoryTotalKgCo2e;
  if (totalText !== undefined && !(isDecimalLiteral(totalText) && !new Dec(totalText).isNegative())) throw new RangeError(`inventory total '${totalText}' is not a non-negative decimal`);
  const total = totalText === undefined ? undefined : new Dec(totalText);
  const open = file.findings.filter((f) => !f.corrected);
  const items = [...new Set([...(file.lineItems ?? []).map((l) => l.name), ...open.map((f) => f.lineItem)])].sort();
  const lineItems = items.map((name) => {
    const reported = file.lineItems?.find((l) => l.name === name)?.reportedKgCo2e;
    return { lineItem: name, ...aggregate(open.filter((f) => f.lineItem === name), reported === undefined ? undefined : new Dec(reported), materiality) };
  });
  const byKind = { factual: ZERO, judgemental: ZERO, projected: ZERO };
  for (const f of open) byKind[f.kind] = byKind[f.kind].plus(new Dec(f.misstatementKgCo2e));
  const totalAgg = aggregate(open, total, materiality);
  return {
    assurance: file.assurance,
    materiality: plain(materiality),
    total: totalAgg,
    lineItems,
    correctedCount: file.findings.length - open.length,
    byKind: { factual: plain(byKind.factual), judgemental: plain(byKind.judgemental), projected: plain(byKind.projected) },
    material: totalAgg.material === true || lineItems.some((l) => l.material === true),
  };
}

/** A fraction as a percentage text: "0.038" -> "3.8 %". */
export function percent(fraction: string): string {
  return `${plain(new Dec(fraction).times(100))} %`;
}

/** kg as tonnes text: "38000" -> "38 t CO2e". */
function tonnes(kg: string): string {
  return `${plain(new Dec(kg).div(1000))} t CO2e`;
}

/** Drafts the verification statement text; the verifier reviews, edits and signs it. */
export function draftStatement(file: FindingsFile, evaluation: FindingsEvaluation): string {
  const e = file.engagement;
  const subject = `the greenhouse gas statement of ${e.organization} for ${e.reportingPeriod}`;
  const criteria = e.criteria ?? "the stated criteria";
  const t = evaluation.total;
  const materialItems = evaluation.lineItems.filter((l) => l.material);
  const lines: string[] = ["DRAFT VERIFICATION STATEMENT — prepared by the engine for the verifier to review, complete and sign; not an opinion until signed.", ""];
  lines.push(`Level of assurance: ${evaluation.assurance}. Materiality: ${percent(evaluation.materiality)} of the reported total${t.thresholdKgCo2e ? ` (${tonnes(t.thresholdKgCo2e)})` : ""}.`);
  lines.push(
    `Uncorrected misstatements: ${t.count}, aggregate ${tonnes(t.grossKgCo2e)} (gross; net ${tonnes(t.netKgCo2e)})${t.ratio ? `, ${percent(t.ratio)} of the reported ${tonnes(t.reportedKgCo2e!)}` : ""}. Corrected during the engagement: ${evaluation.correctedCount}.`,
  );
  if (t.material === undefined) lines.push("The reported total was not given: the total cannot be tested against materiality (pass --inventory-total).");
  lines.push("");
  if (evaluation.material) {
    const where = [
      ...(t.material ? [`the aggregate of uncorrected misstatements (${tonnes(t.grossKgCo2e)}${t.ratio ? `, ${percent(t.ratio)}` : ""}) is at or above the materiality threshold${t.thresholdKgCo2e ? ` of ${tonnes(t.thresholdKgCo2e)}` : ""}`] : []),
      ...materialItems.map((l) => `the line item "${l.lineItem}" carries uncorrected misstatements of ${tonnes(l.grossKgCo2e)} (${l.ratio ? percent(l.ratio) : "?"} of ${tonnes(l.reportedKgCo2e!)}), at or above its threshold of ${tonnes(l.thresholdKgCo2e!)}`),
    ];
    lines.push(`Basis for qualified ${evaluation.assurance === "limited" ? "conclusion" : "opinion"}: ${where.join("; ")}.`);
    lines.push("");
    if (evaluation.assurance === "limited") {
      lines.push(
        `Qualified conclusion: Based on the procedures performed and the evidence obtained, except for the effects of the matter described in the Basis for qualified conclusion, nothing has come to our attention that causes us to believe that ${subject} is not prepared, in all material respects, in accordance with ${criteria}.`,
      );
    } else {
      lines.push(
        `Qualified opinion: In our opinion, except for the effects of the matter described in the Basis for qualified opinion, ${subject} is fairly stated, in all material respects, in accordance with ${criteria}.`,
      );
    }
    lines.push("", "If the effects are pervasive, the verifier issues an adverse conclusion or opinion instead; that judgement is the verifier's.");
  } else if (evaluation.assurance === "limited") {
    lines.push(
      `Conclusion: Based on the procedures performed and the evidence obtained, nothing has come to our attention that causes us to believe that ${subject} is not prepared, in all material respects, in accordance with ${criteria}.`,
    );
  } else {
    lines.push(`Opinion: In our opinion, ${subject} is fairly stated, in all material respects, in accordance with ${criteria}.`);
  }
  lines.push("", "Materiality also has qualitative aspects; the verifier considers them in addition to this quantitative screen.");
  return lines.join("\n") + "\n";
}
