/**
 * Suggests a mapping for a sheet: finds the header row, scores every column against
 * every field from its header (synonyms) and its values (patterns), assigns each
 * field to at most one column (best scores first), detects units and number/date
 * conventions, and classifies the distinct values of taxonomy columns.
 */
import { FIELDS, fieldDef, type FieldDef, type FieldId } from "./fields";
import { detectHeaderRow, headerScore, normaliseHeader, type NormalisedHeader } from "./header";
import { REVIEW_BELOW, type MappingTaxonomy, type ValueClass } from "./taxonomy-port";
import { MAPPING_SCHEMA_ID, MAPPING_VERSION, type ColumnMapping, type MappingTemplate } from "./template";
import {
  cellText,
  detectDateOrder,
  isCountryCode,
  isSerialLike,
  looksDecimalComma,
  parseBooleanCell,
  parseDateCell,
  parseNumberCell,
  parsePeriodCell,
  type DateOrder,
  type SheetCell,
} from "./values";
import { findUnit, type Dimension } from "../quantities/units";

export interface ColumnProfile {
  nonEmpty: number;
  numeric: number;
  integers: number;
  /** Numbers written with a unit in the cell, by the unit's dimension. */
  cellUnits: Partial<Record<Dimension, number>>;
  /** Cells that are only a unit ("kg", "lbs"), by dimension. */
  unitOnly: Partial<Record<Dimension, number>>;
  textDates: number;
  serialDates: number;
  periods: number;
  countries: number;
  serials: number;
  booleans: number;
  withSpaces: number;
  distinct: number;
  averageLength: number;
  decimalComma: number;
  classHits: Partial<Record<ValueClass, number>>;
  unitSymbols: Record<string, number>;
}

const MAX_DISTINCT_TO_CLASSIFY = 30;

export function profileColumn(values: readonly SheetCell[], taxonomy?: MappingTaxonomy): ColumnProfile {
  const p: ColumnProfile = {
    nonEmpty: 0, numeric: 0, integers: 0, cellUnits: {}, unitOnly: {}, textDates: 0, serialDates: 0, periods: 0, countries: 0,
    serials: 0, booleans: 0, withSpaces: 0, distinct: 0, averageLength: 0, decimalComma: 0, classHits: {}, unitSymbols: {},
  };
  const seen = new Set<string>();
  const textCounts = new Map<string, number>();
  let length = 0;
  for (const v of values) {
    const t = cellText(v);
    if (t === "") continue;
    p.nonEmpty++;
    seen.add(t.toLowerCase());
    length += t.length;
    if (/\s/.test(t)) p.withSpaces++;
    if (typeof v === "string" && looksDecimalComma(t)) p.decimalComma++;
    const n = parseNumberCell(v, typeof v === "string" && looksDecimalComma(t));
    if (n) {
      if (n.unit) {
        p.cellUnits[n.unit.dimension] = (p.cellUnits[n.unit.dimension] ?? 0) + 1;
        p.unitSymbols[n.unit.symbol] = (p.unitSymbols[n.unit.symbol] ?? 0) + 1;
      }
      if (!n.unitText || n.unit) {
        p.numeric++;
        if (n.amount.isInteger()) p.integers++;
      }
      if (typeof v === "number" && Number.isInteger(v) && v >= 32874 && v <= 58440) p.serialDates++; // 1990..2059
    } else {
      const u = t.length <= 20 ? findUnit(t) : undefined;
      if (u && t !== "#") {
        p.unitOnly[u.dimension] = (p.unitOnly[u.dimension] ?? 0) + 1;
        p.unitSymbols[u.symbol] = (p.unitSymbols[u.symbol] ?? 0) + 1;
      }
    }
    if (typeof v === "string" && parseDateCell(v) !== null) p.textDates++;
    if (parsePeriodCell(v) !== null && typeof v === "string") p.periods++;
    if (isCountryCode(v)) p.countries++;
    if (isSerialLike(v)) p.serials++;
    if (typeof v === "boolean" || (typeof v === "string" && parseBooleanCell(v) !== null)) p.booleans++;
    if (typeof v === "string" && n === null && t.length <= 60) textCounts.set(t, (textCounts.get(t) ?? 0) + 1);
  }
  // Taxonomy hits are counted over distinct values (a column of unique serials is not worth classifying).
  if (taxonomy && textCounts.size > 0 && textCounts.size <= MAX_DISTINCT_TO_CLASSIFY) {
    for (const [t, count] of textCounts) {
      for (const k of ["disposition", "mode", "carrier", "refrigerant"] as const) {
        const m = taxonomy.match(k, t);
        if (m && m.confidence >= 0.6) p.classHits[k] = (p.classHits[k] ?? 0) + count;
      }
    }
  }
  p.distinct = seen.size;
  p.averageLength = p.nonEmpty === 0 ? 0 : length / p.nonEmpty;
  return p;
}

/** How well a column's values fit a field, 0..1. */
export function valueFit(p: ColumnProfile, f: FieldDef): number {
  if (p.nonEmpty === 0) return 0;
  const share = (n: number | undefined): number => (n ?? 0) / p.nonEmpty;
  const distinct = p.distinct / p.nonEmpty;
  const numeric = share(p.numeric);
  const text = 1 - numeric;
  switch (f.kind) {
    case "id":
      return (distinct >= 0.95 ? 0.9 : distinct * 0.7) * (p.averageLength > 30 ? 0.3 : 1);
    case "serial":
      return share(p.serials) * (0.4 + 0.6 * distinct);
    case "text":
      return text * (p.averageLength >= 8 ? 0.5 + 0.5 * share(p.withSpaces) : 0.3);
    case "name":
      return text * (distinct <= 0.8 ? 0.85 : 0.55) * (p.averageLength > 40 ? 0.5 : 1);
    case "count":
      return numeric * share(p.integers) * (Object.keys(p.cellUnits).length > 0 ? 0.3 : 1) * (share(p.serialDates) > 0.5 ? 0.5 : 1);
    case "quantity": {
      const dims = p.cellUnits;
      const own = share(dims[f.dimension!]);
      const other = Object.entries(dims).reduce((n, [d, c]) => (d === f.dimension ? n : n + (c ?? 0)), 0) / p.nonEmpty;
      return Math.max(0, numeric * (own > 0 ? 1 : 0.8) - other);
    }
    case "unit":
      return share(p.unitOnly[f.dimension!]);
    case "date":
      return Math.max(share(p.textDates), share(p.serialDates) * 0.8);
    case "period":
      return share(p.periods) * (share(p.textDates) > 0.8 ? 0.7 : 1);
    case "class":
      return f.taxonomy && f.taxonomy !== "product" && p.classHits[f.taxonomy] !== undefined ? 0.4 + 0.6 * share(p.classHits[f.taxonomy]) : text * 0.4;
    case "country":
      return share(p.countries);
    case "boolean":
      return share(p.booleans);
  }
}

/** Kinds whose values are distinctive enough to map a column without a matching header. */
const PATTERN_ONLY = new Set(["date", "country", "serial", "unit", "class"]);

export function columnScore(header: NormalisedHeader, p: ColumnProfile, f: FieldDef): number {
  const h = headerScore(header, f.id);
  const fit = valueFit(p, f);
  if (h >= 0.5) return 0.7 * h + 0.3 * fit;
  if (PATTERN_ONLY.has(f.kind) && fit >= 0.8) return 0.5 * fit + 0.3 * h;
  return 0.3 * h + 0.1 * fit;
}

export interface ValueClassification {
  raw: string;
  id: string | null;
  confidence: number;
  review: boolean;
  rows: number;
}

export interface ColumnSuggestion extends ColumnMapping {
  unitSource: "header" | "cells" | "unit column" | "none";
  alternatives: Array<{ field: FieldId; score: number }>;
  /** For taxonomy columns: each distinct value with its classification. */
  values?: ValueClassification[];
}

export interface MappingSuggestion {
  template: MappingTemplate;
  headerConfidence: number;
  columns: ColumnSuggestion[];
  /** Share of mapped columns with confidence >= 0.6. */
  mappedShare: number;
}

export interface SuggestOptions {
  taxonomy?: MappingTaxonomy;
  source?: MappingTemplate["source"];
  /** Data rows profiled per column (default 500). */
  sampleRows?: number;
}

const MEASURED_FIELDS: readonly FieldId[] = ["mass", "distance", "energyAmount", "refrigerantMass"];

export function suggestMapping(rows: readonly (readonly SheetCell[])[], options: SuggestOptions = {}): MappingSuggestion {
  const head = detectHeaderRow(rows);
  const headerCells = rows[head.index] ?? [];
  const data = rows.slice(head.index + 1, head.index + 1 + (options.sampleRows ?? 500));
  const width = Math.max(headerCells.length, ...data.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, i) => {
    const raw = cellText(headerCells[i]);
    const header = normaliseHeader(raw);
    const values = data.map((r) => r[i]);
    const profile = profileColumn(values, options.taxonomy);
    const scores = FIELDS.map((f) => ({ field: f.id, score: raw === "" && profile.nonEmpty === 0 ? 0 : columnScore(header, profile, f) })).sort((a, b) => b.score - a.score);
    return { index: i, raw, header, values, profile, scores };
  });

  // Greedy one-to-one assignment, best pairs first.
  const pairs = columns.flatMap((c) => c.scores.filter((s) => s.score >= 0.35).map((s) => ({ column: c.index, ...s })));
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const byColumn = new Map<number, { field: FieldId; score: number }>();
  const usedFields = new Set<FieldId>();
  for (const p of pairs) {
    if (byColumn.has(p.column) || usedFields.has(p.field)) continue;
    byColumn.set(p.column, { field: p.field, score: p.score });
    usedFields.add(p.field);
  }

  const suggestions: ColumnSuggestion[] = columns.map((c) => {
    const chosen = byColumn.get(c.index);
    const runnerUp = c.scores.find((s) => s.field !== chosen?.field)?.score ?? 0;
    let confidence = chosen ? chosen.score * (chosen.score - runnerUp < 0.05 ? 0.85 : 1) : 0;
    confidence = Math.round(Math.min(1, confidence) * 100) / 100;
    const field = chosen?.field ?? null;
    const def = field ? fieldDef(field) : undefined;
    const s: ColumnSuggestion = {
      index: c.index,
      header: c.raw,
      field,
      confidence,
      confirmed: false,
      unitSource: "none",
      alternatives: c.scores.filter((x) => x.field !== field).slice(0, 3).map((x) => ({ field: x.field, score: Math.round(x.score * 100) / 100 })),
    };
    if (def?.kind === "quantity") {
      const cellUnit = Object.entries(c.profile.unitSymbols).sort((a, b) => b[1] - a[1])[0];
      if (c.header.unit && c.header.unit.dimension === def.dimension) {
        s.unit = c.header.unit.symbol;
        s.unitSource = "header";
      } else if (cellUnit) {
        s.unitSource = "cells";
      } else if (def.unitField && [...byColumn.values()].some((v) => v.field === def.unitField)) {
        s.unitSource = "unit column";
      }
    }
    if (def && (def.kind === "quantity" || def.kind === "count") && c.profile.decimalComma > 0) s.decimalComma = true;
    if (def?.kind === "date") {
      const order: DateOrder | null = detectDateOrder(c.values.map(cellText));
      if (order) s.dateOrder = order;
    }
    if (def?.kind === "class" && def.taxonomy && def.taxonomy !== "product" && options.taxonomy) {
      const counts = new Map<string, number>();
      for (const v of c.values) {
        const t = cellText(v);
        if (t !== "") counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      s.values = [...counts.entries()].slice(0, 200).map(([raw, n]) => {
        const m = options.taxonomy!.match(def.taxonomy as ValueClass, raw);
        return { raw, id: m?.id ?? null, confidence: m?.confidence ?? 0, review: !m || m.confidence < REVIEW_BELOW, rows: n };
      });
    }
    return s;
  });

  const mapped = suggestions.filter((s) => s.field !== null);
  const template: MappingTemplate = {
    schema: MAPPING_SCHEMA_ID,
    version: MAPPING_VERSION,
    source: options.source ?? {},
    headerRow: head.index + 1,
    columns: suggestions.map((s) => ({
      index: s.index,
      header: s.header,
      field: s.field,
      ...(s.unit !== undefined ? { unit: s.unit } : {}),
      ...(s.decimalComma ? { decimalComma: true } : {}),
      ...(s.dateOrder ? { dateOrder: s.dateOrder } : {}),
      confidence: s.confidence,
      confirmed: false,
    })),
    valueOverrides: [],
    required: MEASURED_FIELDS.filter((f) => mapped.some((s) => s.field === f)),
    confirmed: false,
  };
  return {
    template,
    headerConfidence: head.confidence,
    columns: suggestions,
    mappedShare: suggestions.length === 0 ? 0 : mapped.filter((s) => s.confidence >= 0.6).length / suggestions.length,
  };
}
