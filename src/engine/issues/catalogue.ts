/**
 * The one catalogue of expected problems. Every problem the engine reports is an
 * `Issue` value with a code from this table; adapters map `kind` to an Excel
 * error (input -> #VALUE!, missing -> #N/A) and to a taskpane message in one
 * place each. Tests assert codes, not prose.
 */
export type IssueKind = "input" | "missing" | "rule" | "internal";

interface CatalogueEntry {
  kind: IssueKind;
  /** Message template; {name} placeholders are filled from the issue's params. */
  template: string;
  /** What the user can do about it. */
  hint: string;
}

export const ISSUE_CATALOGUE = {
  NOT_A_NUMBER: {
    kind: "input",
    template: "{argument}: '{value}' is not a number; expected {expected}.",
    hint: "Enter a plain number (no units or text in the cell).",
  },
  NEGATIVE_NOT_ALLOWED: {
    kind: "input",
    template: "{argument}: {value} is negative; expected {expected}.",
    hint: "Enter zero or a positive number.",
  },
  OUT_OF_RANGE: {
    kind: "input",
    template: "{argument}: {value} is out of range; expected {expected}.",
    hint: "Enter a value inside the stated range.",
  },
  MISSING_INPUT: {
    kind: "input",
    template: "{argument} is required but empty; expected {expected}.",
    hint: "Fill in the value or map a column to it.",
  },
  UNKNOWN_UNIT: {
    kind: "input",
    template: "{argument}: unknown unit '{value}'; expected one of {expected}.{suggestion}",
    hint: "Use one of the listed unit symbols.",
  },
  INCOMPATIBLE_UNITS: {
    kind: "input",
    template: "{argument}: cannot convert {from} to {to} (different dimensions).",
    hint: "Check that the unit measures the right quantity.",
  },
  UNKNOWN_ID: {
    kind: "input",
    template: "{argument}: unknown {what} '{value}'.{suggestion}",
    hint: "Use an id from the taxonomy (ESG.FACTORS or `esg factors` lists them).",
  },
  INVALID_OPTION: {
    kind: "input",
    template: "{argument}: '{value}' is not a valid option; expected {expected}.",
    hint: "Options are name=value pairs, e.g. \"gwp=AR6\".",
  },
  UNKNOWN_FACTOR: {
    kind: "missing",
    template: "No factor with id '{value}'{scope}.{suggestion}",
    hint: "Check the id with ESG.FACTORS or `esg factors <query>`.",
  },
  NO_FACTOR_FOR_SCOPE: {
    kind: "missing",
    template: "Factor '{value}' has no value for {scope}; available: {available}.",
    hint: "Choose one of the available regions or years, or supply your own factor as a number.",
  },
  AMBIGUOUS_FACTOR: {
    kind: "missing",
    template: "Factor '{value}' exists for several {dimension} ({available}); say which one.",
    hint: "Add the region or year argument.",
  },
  FACTOR_NOT_PUBLISHED: {
    kind: "missing",
    template: "{source} publishes no factor for {what}.",
    hint: "Supply a factor of your own as a number, or choose another treatment.",
  },
  LIBRARY_INVALID: {
    kind: "internal",
    template: "Factor library '{library}' is invalid: {detail}",
    hint: "Reinstall the add-in; a shipped library must never change.",
  },
  LIBRARY_HASH_MISMATCH: {
    kind: "internal",
    template: "Factor library '{library}' does not match its recorded SHA-256 ({expected} expected, {actual} found).",
    hint: "The library was altered after release; restore the released copy.",
  },
  CLASSIFY_NO_MATCH: {
    kind: "missing",
    template: "Could not classify '{value}' to a UNU-KEY.",
    hint: "Enter a UNU-KEY (e.g. 0303) or a clearer description.",
  },
  CREDIT_EVIDENCE_MISSING: {
    kind: "rule",
    template: "{argument}: no {evidence}; {rule} requires it before a {credit} credit can be claimed.",
    hint: "Attach the evidence record id (test, sanitization, sale or displacement record), or report the unit without a credit.",
  },
  CREDIT_STACKING: {
    kind: "rule",
    template: "Lot '{lot}' carries both a reuse and a recycling credit in period {period} ({rule}).",
    hint: "A kilogram earns one credit per period: keep the claim that matches the lot's disposition and withdraw the other.",
  },
  DOUBLE_CLAIM: {
    kind: "rule",
    template: "Lot '{lot}' ({pathway} credit) is claimed more than once: {claimants} ({rule}).",
    hint: "Only the claimant named by the attribution rule, or contractual shares summing to at most 100 %, may claim a lot.",
  },
  MASS_BALANCE_OPEN: {
    kind: "rule",
    template: "Mass balance of {scope} does not close: gap {gap} {unit} ({percent} %) exceeds the {tolerance} % tolerance.",
    hint: "Check receipts, outbound weigh tickets, stock counts and measured losses for the period.",
  },
  ALLOCATION_BASIS_ZERO: {
    kind: "rule",
    template: "{argument}: the allocation basis ({basis}) sums to zero, so {total} {unit} cannot be shared out.",
    hint: "Give at least one part a positive weight (mass, t.km, ...), or allocate on another physical basis.",
  },
  TOTAL_FINER_THAN_QUANTUM: {
    kind: "rule",
    template: "{argument}: the total {total} has digits below the rounding quantum {quantum}, so parts rounded to the quantum cannot sum to it.",
    hint: "Use a finer quantum (or none: exact quotients), or state the total to the quantum.",
  },
  COVERAGE_EXCEEDS_CONSUMPTION: {
    kind: "rule",
    template: "{argument}: instruments cover {covered} {unit} but only {total} {unit} was consumed.",
    hint: "Check the certificate volumes: the energy they cover cannot exceed the energy consumed in the period.",
  },
  MAPPING_ROW_EMPTY: {
    kind: "input",
    template: "Row {row} is empty.",
    hint: "Delete the empty row, or fill it in; it is listed so that no row disappears unnoticed.",
  },
  MAPPING_TOTAL_ROW: {
    kind: "input",
    template: "Row {row} looks like a total or subtotal ('{value}') and is not a record.",
    hint: "Totals are recomputed from the records; remove the row or move totals below the table.",
  },
  MAPPING_UNIT_MISSING: {
    kind: "input",
    template: "{argument}: '{value}' has no unit; expected a {dimension} unit ({expected}).",
    hint: "Set the column's unit in the mapping, map a unit column, or write the unit in the cell (e.g. \"12.5 kg\").",
  },
  MAPPING_BAD_DATE: {
    kind: "input",
    template: "{argument}: '{value}' is not a date; expected {expected}.",
    hint: "Use an Excel date or YYYY-MM-DD; set the column's day/month order in the mapping if it is ambiguous.",
  },
  MAPPING_BAD_BOOLEAN: {
    kind: "input",
    template: "{argument}: '{value}' is not yes/no; expected {expected}.",
    hint: "Use yes/no, true/false, y/n or 1/0.",
  },
  MAPPING_VALUE_UNCLASSIFIED: {
    kind: "input",
    template: "{argument}: '{value}' does not match any {what}.{suggestion}",
    hint: "Add a value override in the mapping (this text -> a taxonomy id), or correct the cell.",
  },
  MAPPING_LOW_CONFIDENCE: {
    kind: "input",
    template: "{argument}: '{value}' was read as {what} '{id}' with low confidence ({confidence}).",
    hint: "Confirm the value in the mapping (add an override) or correct the cell.",
  },
  MAPPING_DUPLICATE_ID: {
    kind: "input",
    template: "{argument}: '{value}' also appears in row {other}.",
    hint: "Check for a double entry; the same asset or serial counted twice doubles its mass and credits.",
  },
  MAPPING_BAD_COUNTRY: {
    kind: "input",
    template: "{argument}: '{value}' is not an ISO 3166 country code.",
    hint: "Use a two- or three-letter ISO 3166-1 code (DE, US, GBR).",
  },
  MAPPING_TEMPLATE_INVALID: {
    kind: "input",
    template: "The mapping template is invalid: {detail}",
    hint: "Export the mapping again from the taskpane, or fix the listed fields.",
  },
  MAPPING_TEMPLATE_VERSION: {
    kind: "input",
    template: "Mapping template version {value} is not supported; this version reads {expected}.",
    hint: "Update the add-in, or re-create the mapping.",
  },
  MAPPING_FIELD_TWICE: {
    kind: "input",
    template: "Field '{field}' is mapped to more than one column ({columns}).",
    hint: "Map each field to one column; set the others to 'not used'.",
  },
  RULE_VIOLATION: {
    kind: "rule",
    template: "{rule}: {detail}",
    hint: "See the method card for the rule.",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type IssueCode = keyof typeof ISSUE_CATALOGUE;
