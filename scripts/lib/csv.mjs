// RFC 4180 CSV parsing for the importers (quoted fields, doubled quotes, CRLF, BOM).
import { readFileSync } from "node:fs";

/** Parses CSV text into an array of rows (arrays of strings). */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a CSV file with a header row into objects keyed by header; each object also gets `__line` (1-based file line of the row). */
export function readCsvObjects(path) {
  const rows = parseCsv(readFileSync(path, "utf8"));
  const header = rows[0];
  return rows
    .slice(1)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => r.length > 1 || (r.length === 1 && r[0] !== ""))
    .map(({ r, line }) => {
      const o = { __line: line };
      header.forEach((h, j) => (o[h] = r[j] ?? ""));
      return o;
    });
}
