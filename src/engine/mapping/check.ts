/**
 * Applying a mapping: every data row becomes a normalised record or is rejected
 * with its reasons; nothing is dropped silently (empty and total rows are listed
 * too), and rows read = rows ready + rows rejected, always. Works incrementally so a
 * sheet can be checked block by block as the gateway reads it.
 */
import { issue, type Issue, type IssueParams } from "../issues/issue";
import type { IssueCode } from "../issues/catalogue";
import type { Dec } from "../quantities/decimal";
import { findUnit, unitsOf } from "../quantities/units";
import { fieldDef, type FieldId } from "./fields";
import { REVIEW_BELOW, type MappingTaxonomy, type ValueClass } from "./taxonomy-port";
import type { ColumnMapping, MappingTemplate } from "./template";
import { cellText, isCountryCode, parseBooleanCell, parseDateCell, parseNumberCell, parsePeriodCell, type SheetCell } from "./values";

export interface QuantityValue {
  amount: Dec;
  /** Unit symbol from the units table (kg, lb, t, km, mi, kWh, ...). */
  unit: string;
  /** Where the unit came from. */
  unitFrom: "cell" | "column" | "unit column";
}

export interface ClassValue {
  id: string;
  raw: string;
  confidence: number;
  via: "override" | "taxonomy";
}

export type NormalisedValue = string | boolean | Dec | QuantityValue | ClassValue;

export interface NormalisedRecord {
  /** Row number as given by `firstRow` (the sheet row when the caller passes it). */
  row: number;
  fields: Partial<Record<FieldId, NormalisedValue>>;
  /** True when a value was classified with low confidence (see problems). */
  review: boolean;
}

export interface RowProblem {
  row: number;
  /** 0-based column within the source range; absent for whole-row problems. */
  column?: number;
  header?: string;
  field?: FieldId;
  severity: "error" | "warning";
  issue: Issue;
}

export interface CheckCounts {
  read: number;
  ready: number;
  rejected: number;
  /** Ready rows with at least one warning (review before submitting). */
  flagged: number;
}

export interface CheckReport {
  counts: CheckCounts;
  records: NormalisedRecord[];
  problems: RowProblem[];
  rejectedRows: number[];
}

export interface CheckOptions {
  taxonomy?: MappingTaxonomy;
}

const TOTAL_ROW = /^(grand\s+)?(sub)?-?totals?\b|^summe\b|^gesamt|^zwischensumme|^total\s+g[eé]n[eé]ral|^totaal/i;

export class MappingChecker {
  private readonly columns: ColumnMapping[];
  private readonly overrides = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  readonly records: NormalisedRecord[] = [];
  readonly problems: RowProblem[] = [];
  readonly rejectedRows: number[] = [];
  private counts: CheckCounts = { read: 0, ready: 0, rejected: 0, flagged: 0 };

  constructor(
    readonly template: MappingTemplate,
    private readonly options: CheckOptions = {},
  ) {
    this.columns = template.columns.filter((c) => c.field !== null);
    for (const o of template.valueOverrides) this.overrides.set(`${o.field}\u0000${o.from.trim().toLowerCase()}`, o.to);
  }

  /** Checks data rows (below the header); `firstRow` is the row number of rows[0]. */
  push(rows: readonly (readonly SheetCell[])[], firstRow: number): void {
    rows.forEach((r, i) => this.row(r, firstRow + i));
  }

  report(): CheckReport {
    return { counts: { ...this.counts }, records: this.records, problems: this.problems, rejectedRows: this.rejectedRows };
  }

  private row(cells: readonly SheetCell[], row: number): void {
    this.counts.read++;
    const problems: RowProblem[] = [];
    const add = (severity: RowProblem["severity"], code: IssueCode, params: IssueParams, col?: ColumnMapping, suggestions?: readonly string[]): void => {
      problems.push({
        row,
        ...(col ? { column: col.index, header: col.header, field: col.field! } : {}),
        severity,
        issue: issue(code, { row, ...params }, suggestions),
      });
    };
    const texts = cells.map(cellText);
    const first = texts.find((t) => t !== "");
    if (first === undefined) {
      add("error", "MAPPING_ROW_EMPTY", {});
      return this.finish(row, problems, null);
    }
    if (TOTAL_ROW.test(first)) {
      add("error", "MAPPING_TOTAL_ROW", { value: first });
      return this.finish(row, problems, null);
    }

    const fields: Partial<Record<FieldId, NormalisedValue>> = {};
    let review = false;
    // Unit columns first: quantities may take their unit from them.
    const ordered = [...this.columns].sort((a, b) => Number(fieldDef(b.field!).kind === "unit") - Number(fieldDef(a.field!).kind === "unit"));
    for (const col of ordered) {
      const field = col.field!;
      const def = fieldDef(field);
      const cell = cells[col.index];
      const text = cellText(cell);
      if (text === "") continue;
      const argument = col.header || def.label;
      switch (def.kind) {
        case "id":
        case "serial": {
          let v = text;
          if (field === "unuKey") {
            v = /^\d{1,4}$/.test(text) ? text.padStart(4, "0") : text;
            if (this.options.taxonomy?.isUnuKey && !this.options.taxonomy.isUnuKey(v)) {
              add("error", "UNKNOWN_ID", { argument, what: "UNU-KEY", value: text }, col);
              continue;
            }
          }
          if (field === "assetId" || field === "serialNumber") {
            const key = `${field}\u0000${v.toLowerCase()}`;
            const other = this.seen.get(key);
            if (other !== undefined) add("warning", "MAPPING_DUPLICATE_ID", { argument, value: v, other }, col);
            else this.seen.set(key, row);
          }
          fields[field] = v;
          break;
        }
        case "text":
        case "name":
          fields[field] = text;
          break;
        case "count": {
          const n = parseNumberCell(cell, col.decimalComma);
          if (!n || n.unitText) add("error", "NOT_A_NUMBER", { argument, value: text, expected: "a whole number" }, col);
          else if (n.amount.isNegative()) add("error", "NEGATIVE_NOT_ALLOWED", { argument, value: text, expected: "zero or more" }, col);
          else fields[field] = n.amount;
          break;
        }
        case "quantity": {
          const dimension = def.dimension!;
          const expected = unitsOf(dimension).map((u) => u.symbol).join(", ");
          const n = parseNumberCell(cell, col.decimalComma);
          if (!n) {
            add("error", "NOT_A_NUMBER", { argument, value: text, expected: `a number of ${dimension} units` }, col);
            break;
          }
          if (n.unitText && !n.unit) {
            add("error", "UNKNOWN_UNIT", { argument, value: n.unitText, expected }, col);
            break;
          }
          let unit: string | undefined;
          let unitFrom: QuantityValue["unitFrom"] = "cell";
          if (n.unit) unit = n.unit.symbol;
          else if (col.unit) {
            unit = findUnit(col.unit)?.symbol;
            unitFrom = "column";
          } else if (def.unitField && typeof fields[def.unitField] === "string") {
            unit = fields[def.unitField] as string;
            unitFrom = "unit column";
          }
          if (!unit) {
            add("error", "MAPPING_UNIT_MISSING", { argument, value: text, dimension, expected }, col);
            break;
          }
          const u = findUnit(unit)!;
          if (u.dimension !== dimension) {
            add("error", "INCOMPATIBLE_UNITS", { argument, from: u.symbol, to: dimension }, col);
            break;
          }
          if (n.amount.isNegative()) {
            add("error", "NEGATIVE_NOT_ALLOWED", { argument, value: text, expected: "zero or more" }, col);
            break;
          }
          fields[field] = { amount: n.amount, unit: u.symbol, unitFrom };
          break;
        }
        case "unit": {
          const u = findUnit(text);
          const expected = unitsOf(def.dimension!).map((x) => x.symbol).join(", ");
          if (!u) add("error", "UNKNOWN_UNIT", { argument, value: text, expected }, col);
          else if (u.dimension !== def.dimension) add("error", "INCOMPATIBLE_UNITS", { argument, from: u.symbol, to: def.dimension! }, col);
          else fields[field] = u.symbol;
          break;
        }
        case "date": {
          const d = parseDateCell(cell, col.dateOrder);
          if (!d) add("error", "MAPPING_BAD_DATE", { argument, value: text, expected: "a date (YYYY-MM-DD or an Excel date)" }, col);
          else fields[field] = d;
          break;
        }
        case "period": {
          const p = parsePeriodCell(cell);
          if (!p) add("error", "MAPPING_BAD_DATE", { argument, value: text, expected: "a month or period (2024-03, Mar 2024, 2024-Q1)" }, col);
          else fields[field] = p;
          break;
        }
        case "boolean": {
          const b = parseBooleanCell(cell);
          if (b === null) add("error", "MAPPING_BAD_BOOLEAN", { argument, value: text, expected: "yes or no" }, col);
          else fields[field] = b;
          break;
        }
        case "country":
          if (!isCountryCode(text.toUpperCase())) add("warning", "MAPPING_BAD_COUNTRY", { argument, value: text }, col);
          fields[field] = text.toUpperCase();
          break;
        case "class": {
          const override = this.overrides.get(`${field}\u0000${text.toLowerCase()}`);
          if (override !== undefined) {
            fields[field] = { id: override, raw: text, confidence: 1, via: "override" };
            break;
          }
          const kind = def.taxonomy as ValueClass;
          const m = this.options.taxonomy?.match(kind, text) ?? null;
          if (!m) {
            add("error", "MAPPING_VALUE_UNCLASSIFIED", { argument, value: text, what: kind }, col);
            break;
          }
          if (m.confidence < REVIEW_BELOW) {
            review = true;
            add("warning", "MAPPING_LOW_CONFIDENCE", { argument, value: text, what: kind, id: m.id, confidence: m.confidence.toFixed(2) }, col);
          }
          fields[field] = { id: m.id, raw: text, confidence: m.confidence, via: "taxonomy" };
          break;
        }
      }
    }
    for (const req of this.template.required) {
      if (fields[req] !== undefined) continue;
      const col = this.columns.find((c) => c.field === req);
      const alreadyReported = problems.some((p) => p.field === req && p.severity === "error");
      if (!alreadyReported) add("error", "MISSING_INPUT", { argument: col?.header || fieldDef(req).label, expected: fieldDef(req).label.toLowerCase() }, col);
    }
    this.finish(row, problems, { row, fields, review });
  }

  private finish(row: number, problems: RowProblem[], record: NormalisedRecord | null): void {
    this.problems.push(...problems);
    if (record === null || problems.some((p) => p.severity === "error")) {
      this.counts.rejected++;
      this.rejectedRows.push(row);
      return;
    }
    this.counts.ready++;
    if (problems.length > 0) this.counts.flagged++;
    this.records.push(record);
  }
}

/**
 * Applies a mapping to the rows of its source range (header rows included, as read):
 * rows up to and including `template.headerRow` are skipped; row numbers are
 * `firstRow` + offset (pass the sheet row of rows[0] to get sheet rows).
 */
export function applyMapping(template: MappingTemplate, rows: readonly (readonly SheetCell[])[], options: CheckOptions & { firstRow?: number } = {}): CheckReport {
  const checker = new MappingChecker(template, options);
  checker.push(rows.slice(template.headerRow), (options.firstRow ?? 1) + template.headerRow);
  return checker.report();
}
