/**
 * Reading spreadsheets for the command line: CSV (RFC 4180) and XLSX (Office Open XML, read with the
 * engine's safe zip reader, Node's raw inflate and fast-xml-parser). An XLSX cell keeps what Excel
 * stored: the value's text exactly as written in the XML (numbers are not parsed into doubles), its
 * type (n, s, inlineStr, str, b, e), and the formula with its kind (normal, shared, array).
 */
import { XMLParser } from "fast-xml-parser";
import { readZip } from "../engine";
import { nodeInflateRaw } from "./crypto-node";

export type CellType = "n" | "s" | "inlineStr" | "str" | "b" | "e" | "empty";

export interface XlsxCell {
  ref: string;
  row: number;
  col: number;
  type: CellType;
  /** The stored value: number text exactly as in the XML, text, "TRUE"/"FALSE", or an error like "#N/A". */
  text: string;
  formula?: string;
  formulaKind?: "normal" | "shared" | "array";
  /** For an array formula: the range it fills. */
  formulaRef?: string;
}

export interface XlsxSheet {
  name: string;
  cells: Map<string, XlsxCell>;
  /** Values as the mapping layer reads them (numbers as their stored text, booleans, null for empty), row 1 first. */
  rows: Array<Array<string | boolean | null>>;
}

export class SpreadsheetError extends Error {}

/** Column letters -> 1-based index ("A" -> 1, "AA" -> 27). */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function colLetters(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function splitRef(ref: string): { col: number; row: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref);
  if (!m) throw new SpreadsheetError(`'${ref}' is not a cell reference`);
  return { col: colIndex(m[1]!), row: Number(m[2]) };
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends; a final line end is optional. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < t.length) {
    const c = t[i]!;
    if (quoted) {
      if (c === '"') {
        if (t[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" && t[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new SpreadsheetError("CSV: a quoted field is not closed");
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV text of rows (RFC 4180: fields quoted when needed, CRLF), for storing a sheet as received. */
export function toCsvText(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const q = (v: string | number | boolean | null) => {
    const s = v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ["sheet", "Relationship", "si", "r", "row", "c"].includes(name),
});

function xml(entries: Map<string, Uint8Array>, path: string): Record<string, unknown> | null {
  const b = entries.get(path);
  if (!b) return null;
  return parser.parse(new TextDecoder().decode(b)) as Record<string, unknown>;
}

type Node = Record<string, unknown>;
const text = (n: unknown): string => {
  if (n === undefined || n === null) return "";
  if (typeof n === "string") return n;
  if (typeof n === "object" && "#text" in (n as Node)) return String((n as Node)["#text"]);
  return "";
};

/** The text of a shared-string or inline-string item: <t>, or rich runs <r><t>. */
function itemText(si: Node | undefined): string {
  if (!si) return "";
  if (si.t !== undefined) return text(si.t);
  if (Array.isArray(si.r)) return (si.r as Node[]).map((r) => text(r.t)).join("");
  return "";
}

/** Reads every worksheet of an XLSX file. */
export function readXlsx(bytes: Uint8Array): XlsxSheet[] {
  const zip = readZip(bytes, { inflateRaw: nodeInflateRaw, limits: { maxTotalBytes: 512 * 1024 * 1024, maxRatio: 1000 } });
  if (zip.refused) throw new SpreadsheetError(`not a readable XLSX file: ${zip.problems.map((p) => p.message).join("; ")}`);
  const entries = new Map(zip.entries.map((e) => [e.name, e.data]));
  const wb = xml(entries, "xl/workbook.xml");
  if (!wb) throw new SpreadsheetError("not an XLSX file: xl/workbook.xml is missing");
  const rels = xml(entries, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const r of ((rels?.Relationships as Node | undefined)?.Relationship as Node[] | undefined) ?? []) {
    const t = String(r["@_Target"]);
    targets.set(String(r["@_Id"]), t.startsWith("/") ? t.slice(1) : `xl/${t}`);
  }
  const sst = xml(entries, "xl/sharedStrings.xml");
  const shared = (((sst?.sst as Node | undefined)?.si as Node[] | undefined) ?? []).map(itemText);
  const sheets = (((wb.workbook as Node).sheets as Node | undefined)?.sheet as Node[] | undefined) ?? [];
  return sheets.map((s) => {
    const name = String(s["@_name"]);
    const path = targets.get(String(s["@_r:id"])) ?? "";
    const doc = xml(entries, path);
    if (!doc) throw new SpreadsheetError(`sheet '${name}': ${path || "its part"} is missing`);
    return readSheet(name, doc, shared);
  });
}

function readSheet(name: string, doc: Node, shared: string[]): XlsxSheet {
  const cells = new Map<string, XlsxCell>();
  const rowsXml = (((doc.worksheet as Node).sheetData as Node | undefined)?.row as Node[] | undefined) ?? [];
  let maxRow = 0;
  let maxCol = 0;
  for (const r of rowsXml) {
    for (const c of (r.c as Node[] | undefined) ?? []) {
      const ref = String(c["@_r"]);
      const { row, col } = splitRef(ref);
      const t = (c["@_t"] as string | undefined) ?? "n";
      const v = text(c.v);
      let type: CellType;
      let value: string;
      switch (t) {
        case "s":
          type = "s";
          value = shared[Number(v)] ?? "";
          break;
        case "inlineStr":
          type = "inlineStr";
          value = itemText(c.is as Node | undefined);
          break;
        case "str":
          type = "str";
          value = v;
          break;
        case "b":
          type = "b";
          value = v === "1" ? "TRUE" : "FALSE";
          break;
        case "e":
          type = "e";
          value = v;
          break;
        default:
          type = v === "" ? "empty" : "n";
          value = v;
      }
      const cell: XlsxCell = { ref, row, col, type, text: value };
      if (c.f !== undefined) {
        const f = c.f as Node | string;
        const kind = typeof f === "object" ? (f["@_t"] as string | undefined) : undefined;
        cell.formula = text(f);
        cell.formulaKind = kind === "array" ? "array" : kind === "shared" ? "shared" : "normal";
        if (typeof f === "object" && f["@_ref"] !== undefined) cell.formulaRef = String(f["@_ref"]);
        if (kind === "shared" && typeof f === "object") (cell as XlsxCell & { sharedIndex?: string }).sharedIndex = String(f["@_si"]);
      }
      if (type === "empty" && !cell.formula) continue;
      cells.set(ref, cell);
      maxRow = Math.max(maxRow, row);
      maxCol = Math.max(maxCol, col);
    }
  }
  expandSharedFormulas(cells);
  const rows: XlsxSheet["rows"] = Array.from({ length: maxRow }, () => Array<string | boolean | null>(maxCol).fill(null));
  for (const c of cells.values()) rows[c.row - 1]![c.col - 1] = c.type === "b" ? c.text === "TRUE" : c.type === "empty" ? null : c.text;
  return { name, cells, rows };
}

/** Shared formulas: the master cell holds the text; the others get it with relative references shifted. */
function expandSharedFormulas(cells: Map<string, XlsxCell>): void {
  const masters = new Map<string, XlsxCell>();
  for (const c of cells.values()) {
    const si = (c as XlsxCell & { sharedIndex?: string }).sharedIndex;
    if (c.formulaKind === "shared" && si !== undefined && c.formula) masters.set(si, c);
  }
  for (const c of cells.values()) {
    const si = (c as XlsxCell & { sharedIndex?: string }).sharedIndex;
    if (c.formulaKind !== "shared" || si === undefined || c.formula) continue;
    const m = masters.get(si);
    if (m?.formula) c.formula = shiftFormula(m.formula, c.row - m.row, c.col - m.col);
  }
}

/** Shifts the relative A1 references of a formula (outside string literals) by rows and columns. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(^|[^A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (_m, pre: string, ca: string, col: string, ra: string, row: string) => {
            const c = ca ? col : colLetters(colIndex(col) + dCol);
            const r = ra ? row : String(Number(row) + dRow);
            return `${pre}${ca}${c}${ra}${r}`;
          }),
    )
    .join("");
}
