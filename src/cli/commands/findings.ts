/** `esg findings <findings.json>`: aggregates uncorrected misstatements against materiality and drafts the statement. */
import { readFileSync, statSync } from "node:fs";
import { FindingsFileSchema, draftStatement, evaluateFindings, isDecimalLiteral, percent } from "../../engine";
import { parseArgs, table, UsageError, type CliIo } from "../io";

export const FINDINGS_HELP = `esg findings <findings.json> [--inventory-total <kg CO2e>] [--statement] [--json]
  Aggregates the uncorrected misstatements of a findings file against materiality (gross sum, in total
  and per line item; see docs/verification.md) and, with --statement, drafts the verification statement
  (limited: negative form; reasonable: positive form; qualified when material misstatements remain).`;

const MAX_FINDINGS_BYTES = 64 * 1024 * 1024;

export function findingsCommand(argv: readonly string[], io: CliIo): number {
  const { positional, flags } = parseArgs(argv, ["statement", "json"]);
  const file = positional[0];
  if (!file) throw new UsageError("esg findings needs a findings file");
  const total = flags.get("inventory-total");
  if (total !== undefined && (typeof total !== "string" || !isDecimalLiteral(total) || total.trim().startsWith("-")))
    throw new UsageError("--inventory-total must be a non-negative number of kg CO2e");
  if (statSync(file).size > MAX_FINDINGS_BYTES) throw new UsageError(`${file} is larger than ${MAX_FINDINGS_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    io.err(`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const parsed = FindingsFileSchema.safeParse(raw);
  if (!parsed.success) {
    io.err(`${file} is not a findings file (format 1.0):\n${parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n")}`);
    return 1;
  }
  const evaluation = evaluateFindings(parsed.data, typeof total === "string" ? { inventoryTotalKgCo2e: total.trim() } : {});
  if (flags.has("json")) {
    io.out(JSON.stringify(flags.has("statement") ? { ...evaluation, statement: draftStatement(parsed.data, evaluation) } : evaluation, null, 2));
    return 0;
  }
  const t = evaluation.total;
  const row = (name: string, a: typeof t) => [
    name,
    String(a.count),
    a.netKgCo2e,
    a.grossKgCo2e,
    a.reportedKgCo2e ?? "?",
    a.thresholdKgCo2e ?? "?",
    a.ratio ? percent(a.ratio) : "?",
    a.material === undefined ? "unknown" : a.material ? "MATERIAL" : "not material",
  ];
  io.out(`${parsed.data.assurance} assurance, materiality ${percent(evaluation.materiality)}; uncorrected misstatements aggregated (gross), kg CO2e\n`);
  io.out(
    table(
      ["line item", "findings", "net", "gross", "reported", "threshold", "gross/reported", "assessment"],
      [...evaluation.lineItems.map((l) => row(l.lineItem, l)), row("TOTAL", t)],
      80,
    ),
  );
  io.out(`\ncorrected findings (not counted): ${evaluation.correctedCount}; by kind (net): factual ${evaluation.byKind.factual}, judgemental ${evaluation.byKind.judgemental}, projected ${evaluation.byKind.projected}`);
  io.out(evaluation.material ? "Result: MATERIAL misstatement remains uncorrected." : t.material === undefined ? "Result: total not tested (give --inventory-total)." : "Result: not material.");
  if (flags.has("statement")) io.out("\n" + draftStatement(parsed.data, evaluation));
  return 0;
}
