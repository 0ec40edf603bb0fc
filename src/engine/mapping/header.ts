/**
 * Header text: normalisation, units written in headers ("Wt (lbs)", "Gewicht kg",
 * "kWh Usage"), matching against field synonyms, and finding which row of a sheet
 * is the header row (the first rows are often titles, dates or blank).
 */
import { editDistance } from "../issues/suggest";
import { findUnit, type UnitDef } from "../quantities/units";
import { FIELDS, type FieldId } from "./fields";
import { cellText, parseDateCell, parseNumberCell, type SheetCell } from "./values";

export interface NormalisedHeader {
  /** The header without its unit, normalised ("wt", "gross weight"). */
  base: string;
  /** Alternatives for headers such as "Beschreibung/Product". */
  variants: string[];
  /** Unit named in the header, if any. */
  unit?: UnitDef;
  unitText?: string;
}

/** Lower case, accents folded (ä -> ae, é -> e), "#" read as "no", punctuation to spaces. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/#/g, " no ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Units too short or too common to be read from a bare header word. */
const NOT_BARE_UNITS = new Set(["#", "m", "l", "g", "t", "st", "nm", "gr", "gal", "mt"]);

export function normaliseHeader(raw: string): NormalisedHeader {
  let text = raw.trim();
  let unit: UnitDef | undefined;
  let unitText: string | undefined;
  // (lbs), [kg], {t}
  const bracket = /[([{]\s*([^)\]}]+?)\s*[)\]}]/.exec(text);
  if (bracket) {
    const u = findUnit(bracket[1]!.replace(/^in\s+/i, ""));
    if (u) {
      unit = u;
      unitText = bracket[1]!;
    }
    text = text.replace(bracket[0], " ");
  }
  const words = text.split(/[\s_]+/).filter(Boolean);
  if (!unit && words.length > 0) {
    const single = words.length === 1;
    const bare = (w: string): UnitDef | undefined => (w === "#" || (NOT_BARE_UNITS.has(w.toLowerCase()) && (single || w.length === 1 && w !== "t")) ? undefined : findUnit(w));
    const last = words[words.length - 1]!;
    const lastUnit = bare(last);
    const firstUnit = single ? undefined : bare(words[0]!);
    if (lastUnit) {
      unit = lastUnit;
      unitText = last;
      if (!single) {
        words.pop();
        if (words.length > 1 && /^in$/i.test(words[words.length - 1]!)) words.pop();
      }
    } else if (firstUnit) {
      unit = firstUnit;
      unitText = words.shift()!;
    }
  }
  const base = foldText(words.join(" "));
  const parts = text.split(/[/|;]/).map(foldText).filter((p) => p.length > 0 && p !== base);
  return { base, variants: [base, ...parts], ...(unit ? { unit, unitText: unitText! } : {}) };
}

const SYNONYMS: ReadonlyArray<{ field: FieldId; terms: string[] }> = FIELDS.map((f) => ({ field: f.id, terms: f.synonyms.map(foldText) }));

function phraseIn(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** How well a header names a field, 0..1: exact synonym 1; a synonym inside the header 0.6-0.95; near spelling 0.7. */
export function headerScore(header: NormalisedHeader, field: FieldId): number {
  const entry = SYNONYMS.find((s) => s.field === field)!;
  let best = 0;
  for (const variant of header.variants) {
    if (variant === "") continue;
    const words = variant.split(" ");
    for (const term of entry.terms) {
      if (term === "") continue;
      let s = 0;
      if (term === variant) s = 1;
      else {
        const t = term.split(" ");
        if (phraseIn(words, t)) s = 0.6 + 0.35 * (t.length / words.length);
        else if (phraseIn(t, words)) s = 0.45 + 0.3 * (words.length / t.length);
        else if (t.length === 1 && words.length === 1 && term.length >= 5 && editDistance(term, variant, 1) <= 1) s = 0.75;
      }
      if (variant !== header.base) s *= 0.95; // a part of "A/B" is slightly weaker evidence
      if (s > best) best = s;
    }
  }
  return best;
}

export function bestHeaderField(header: NormalisedHeader): { field: FieldId; score: number } | null {
  let best: { field: FieldId; score: number } | null = null;
  for (const f of FIELDS) {
    const s = headerScore(header, f.id);
    if (!best || s > best.score) best = { field: f.id, score: s };
  }
  return best && best.score > 0 ? best : null;
}

export interface HeaderRowGuess {
  /** 0-based index into the rows given. */
  index: number;
  /** 0..1. */
  confidence: number;
  scores: number[];
}

function isTextCell(c: SheetCell): boolean {
  if (typeof c !== "string") return false;
  const t = c.trim();
  return t !== "" && parseNumberCell(t) === null && parseDateCell(t) === null;
}

/**
 * Scores each of the first `scanRows` rows as a header: how much of the table's
 * width it covers, how much of it is text, how unique its cells are, how many name a
 * known field, and whether the rows below look like data (numbers or dates under
 * text). Titles, notes and blank rows lose on coverage; the first data row loses on
 * text share and known names.
 */
export function detectHeaderRow(rows: readonly (readonly SheetCell[])[], scanRows = 25): HeaderRowGuess {
  const scan = rows.slice(0, scanRows);
  const filled = scan.map((r) => r.filter((c) => cellText(c) !== "").length);
  const width = Math.max(1, ...filled);
  const scores = scan.map((row, i) => {
    const cells = row.map(cellText).filter((t) => t !== "");
    if (cells.length < 2 && width >= 2) return 0;
    const coverage = cells.length / width;
    const textShare = row.filter(isTextCell).length / Math.max(1, cells.length);
    const unique = new Set(cells.map((t) => t.toLowerCase())).size / Math.max(1, cells.length);
    const known = cells.filter((t) => (bestHeaderField(normaliseHeader(t))?.score ?? 0) >= 0.7).length / Math.max(1, cells.length);
    const below = rows.slice(i + 1, i + 6);
    let dataBelow = 0;
    row.forEach((c, j) => {
      if (!isTextCell(c)) return;
      if (below.some((b) => b[j] !== undefined && cellText(b[j]) !== "" && !isTextCell(b[j]))) dataBelow++;
    });
    const dataShare = dataBelow / Math.max(1, cells.length);
    const hasRowsBelow = below.some((b) => b.some((c) => cellText(c) !== "")) ? 1 : 0;
    return hasRowsBelow * (0.35 * coverage + 0.2 * textShare + 0.1 * unique + 0.25 * known + 0.1 * dataShare);
  });
  let index = 0;
  scores.forEach((s, i) => {
    if (s > scores[index]! + 1e-9) index = i;
  });
  const sorted = [...scores].sort((a, b) => b - a);
  const margin = (sorted[0] ?? 0) - (sorted[1] ?? 0);
  const confidence = Math.round(Math.min(1, (scores[index] ?? 0) * (0.7 + Math.min(0.3, margin))) * 100) / 100;
  return { index, confidence, scores };
}
