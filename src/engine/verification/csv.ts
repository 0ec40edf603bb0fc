/**
 * CSV output safe to open in a spreadsheet (RFC 4180 plus formula-injection protection).
 *
 * Every field is quoted ("..." with inner quotes doubled); lines end with CRLF. A cell whose text
 * begins — after any leading spaces — with '=', '+', '-' or '@', or that begins with a tab or a
 * carriage return, is one Excel, LibreOffice or Google Sheets may run as a formula (OWASP "CSV
 * Injection"): such a cell gets a leading apostrophe ("'=HYPERLINK(...)"), which the spreadsheet
 * shows as text. A plain signed decimal ("-12.5") is a number, not a formula, and is left as it is so
 * that negative quantities stay numeric.
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const DANGEROUS = /^(?:[\t\r]| *[=+\-@])/;

/** The cell text with the apostrophe prefix applied when it could be read as a formula. */
export function neutralizeFormula(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return DANGEROUS.test(text) ? "'" + text : text;
}

/** One quoted CSV field, neutralized. */
export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return '"' + neutralizeFormula(text).replace(/"/g, '""') + '"';
}

/** A whole CSV text: header line, then one line per row, CRLF line endings. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",") + "\r\n").join("");
}
