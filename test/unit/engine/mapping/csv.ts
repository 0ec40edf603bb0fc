import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Minimal CSV reader for the fixtures (quotes, doubled quotes, any one-character separator). */
export function parseCsv(text: string, separator = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** What Excel (en-US) would hand over for the CSV: plain decimals become numbers, the rest stays text. */
export function asSheet(rows: string[][]): Array<Array<string | number>> {
  return rows.map((r) => r.map((c) => (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(c) ? Number(c) : c)));
}

export function fixture(name: string, separator = ","): Array<Array<string | number>> {
  return asSheet(parseCsv(readFileSync(join(__dirname, "..", "..", "..", "fixtures", "mapping", name), "utf8"), separator));
}
