/**
 * Implementations of the ESG.* functions as plain functions of plain values.
 * `functions.ts` exposes them to Excel; the command line evaluates formulas
 * with these same implementations.
 */
import { METHOD, attempt, type FactorRegistry } from "../engine";
import { errorFromIssue, numberCell, type CellValue } from "./excel-values";

export const FACTOR_FIELDS = ["value", "unit", "source", "table", "row", "year", "region", "licence", "library", "gwp", "label", "boundary"] as const;

/** ESG.METHOD: method id and version, then the pinned libraries. */
export function methodInfo(): CellValue[][] {
  return [
    ["method", `${METHOD.id} ${METHOD.version}`],
    ...METHOD.libraries.map((l): CellValue[] => [l.id, `${l.version} sha256:${l.dataSha256.slice(0, 12)}`]),
  ];
}

/** ESG.FACTOR: one field of a factor (value by default). */
export function factorField(registry: FactorRegistry, id: unknown, field: unknown, region: unknown, year: unknown): CellValue {
  if (typeof id !== "string" || id.trim() === "") {
    return { excelError: "#VALUE!", message: "factor_id: expected a factor id as text, e.g. \"desnz.electricity.uk.kwh.generation\".", code: "MISSING_INPUT" };
  }
  const f = field === null || field === undefined || field === "" ? "value" : String(field).toLowerCase();
  if (!(FACTOR_FIELDS as readonly string[]).includes(f)) {
    return { excelError: "#VALUE!", message: `field: '${String(field)}' is not a factor field; expected one of ${FACTOR_FIELDS.join(", ")}.`, code: "INVALID_OPTION" };
  }
  let y: number | null = null;
  if (year !== null && year !== undefined && year !== "") {
    y = Number(year);
    if (!Number.isInteger(y)) return { excelError: "#VALUE!", message: `year: '${String(year)}' is not a whole year, e.g. 2025.`, code: "NOT_A_NUMBER" };
  }
  const r = region === null || region === undefined || region === "" ? null : String(region);
  const out = attempt(() => registry.get(id.trim(), { region: r, year: y }));
  if (!out.ok) return errorFromIssue(out.issue);
  const { factor, library } = out.value.loaded;
  switch (f) {
    case "value":
      return numberCell(out.value.value);
    case "unit":
      return factor.unit;
    case "source":
      return `${library.title}, ${library.edition} (${library.publisher})`;
    case "table":
      return factor.sourceTable;
    case "row":
      return factor.sourceRow;
    case "year":
      return factor.year;
    case "region":
      return factor.region;
    case "licence":
      return library.licence.name;
    case "library":
      return `${library.id}@${library.version}`;
    case "gwp":
      return library.gwpBasis;
    case "label":
      return factor.label;
    default:
      return factor.boundary;
  }
}
