/**
 * `esg recompute workbook.xlsx [--json]`: opens a workbook saved by Excel, finds every cell whose
 * formula calls an ESG function (`ESG.NAME(...)` when the add-in was loaded, `_xldudf_ESG_NAME(...)`
 * when it was not), re-evaluates it with the formula evaluator from the STORED values of the cells it
 * references, and lists each cell whose stored value differs, plus the cells that could not be
 * evaluated, with the reason. Numbers are compared after Excel's 15-significant-digit edge policy
 * (what a cell can hold); text, booleans and errors exactly.
 */
import { readFileSync } from "node:fs";
import { Dec, formatDec } from "../../engine";
import { evaluateFormula, FormulaError, ParseError, displayValue, isMatrix, type CellResolver, type RangeRef, type Scalar, type Value } from "../../functions/formula";
import { excelError, isExcelError } from "../../functions/excel-values";
import { bundledRegistry } from "../../bundled/libraries";
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { parseArgs, UsageError, type CliIo } from "../io";
import { SpreadsheetError, colLetters, readXlsx, splitRef, type XlsxCell, type XlsxSheet } from "../xlsx";

const cellAt = (s: XlsxSheet, row: number, col: number): XlsxCell | undefined => s.cells.get(`${colLetters(col)}${row}`);

export const RECOMPUTE_HELP = `esg recompute <workbook.xlsx> [--json]
  Re-evaluates every ESG formula (ESG.NAME or _xldudf_ESG_NAME) of a saved workbook from the stored
  values of the cells it references, and lists each cell whose stored value differs (numbers compared
  at Excel's 15 significant digits) and each cell that could not be evaluated, with the reason.
  Exit 0 when every ESG cell agrees.`;

const ESG_CALL = /(_xldudf_ESG_|\bESG\.)/i;

export interface CellCheck {
  sheet: string;
  cell: string;
  formula: string;
  status: "agrees" | "differs" | "not-evaluated";
  stored: string;
  recomputed?: string;
  reason?: string;
}

/** The stored value of a cell as the evaluator reads it. */
function storedValue(c: XlsxCell | undefined): unknown {
  if (!c) return null;
  switch (c.type) {
    case "n":
      return new Dec(c.text);
    case "b":
      return c.text === "TRUE";
    case "e":
      return excelError(c.text as Parameters<typeof excelError>[0], "stored error");
    case "empty":
      return null;
    default:
      return c.text;
  }
}

function resolver(sheets: readonly XlsxSheet[], current: XlsxSheet): CellResolver {
  const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  return {
    resolve(ref: RangeRef): unknown[][] {
      const sheet = ref.sheet === null ? current : byName.get(ref.sheet.replace(/^'|'$/g, "").replace(/''/g, "'").toLowerCase());
      if (!sheet) throw new FormulaError(`the formula refers to sheet '${ref.sheet}', which is not in this workbook`, 0, ref.text);
      const rows: unknown[][] = [];
      for (let r = ref.start.row; r <= ref.end.row; r++) {
        const row: unknown[] = [];
        for (let c = ref.start.col; c <= ref.end.col; c++) {
          const cell = cellAt(sheet, r + 1, c + 1); // CellAddress is 0-based
          row.push(storedValue(cell));
        }
        rows.push(row);
      }
      return rows;
    },
  };
}

function scalarText(v: Scalar): string {
  if (v === null) return "";
  if (v instanceof Dec) return formatDec(v, "excelCell");
  return displayValue(v);
}

function storedText(c: XlsxCell): string {
  if (c.type === "n") return formatDec(new Dec(c.text), "excelCell");
  return c.text;
}

/** Compares one evaluated value with the stored cell. */
function compare(v: Scalar, c: XlsxCell): boolean {
  if (v instanceof Dec) return c.type === "n" && formatDec(v, "excelCell") === formatDec(new Dec(c.text), "excelCell");
  if (isExcelError(v)) return c.type === "e" && c.text === v.excelError;
  if (typeof v === "boolean") return c.type === "b" && (c.text === "TRUE") === v;
  if (v === null) return c.type === "empty" || (c.type === "n" && new Dec(c.text).isZero()) || c.text === "";
  return (c.type === "str" || c.type === "s" || c.type === "inlineStr") && c.text === v;
}

/** Checks every ESG formula cell of the workbook. */
export function recomputeWorkbook(sheets: readonly XlsxSheet[]): CellCheck[] {
  const registry = bundledRegistry();
  const taxonomy = bundledTaxonomy();
  const out: CellCheck[] = [];
  for (const sheet of sheets) {
    const cells = [...sheet.cells.values()].filter((c) => c.formula && ESG_CALL.test(c.formula)).sort((a, b) => a.row - b.row || a.col - b.col);
    for (const c of cells) {
      const base = { sheet: sheet.name, cell: c.ref, formula: c.formula!, stored: storedText(c) };
      if (/\[\d+\]!/.test(c.formula!)) {
        out.push({ ...base, status: "not-evaluated", reason: "external reference ([n]!...): the formula calls a function or name in another workbook, which is not available" });
        continue;
      }
      let value: Value;
      try {
        value = evaluateFormula(c.formula!, { context: { registry, taxonomy }, cells: resolver(sheets, sheet) }).value;
      } catch (e) {
        const reason = e instanceof ParseError || e instanceof FormulaError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        out.push({ ...base, status: "not-evaluated", reason });
        continue;
      }
      // An array formula stores its first element in its anchor cell (the others in the cells of its range).
      let scalar: Scalar;
      if (isMatrix(value)) {
        if (c.formulaKind === "array" && c.formulaRef && c.formulaRef.includes(":")) {
          const [from, to] = c.formulaRef.split(":");
          const a = splitRef(from!);
          const b = splitRef(to!);
          let all = true;
          const diffs: string[] = [];
          for (let r = a.row; r <= b.row; r++)
            for (let k = a.col; k <= b.col; k++) {
              const v = value[r - a.row]?.[k - a.col] ?? null;
              const stored = cellAt(sheet, r, k);
              if (!stored || !compare(v, stored)) {
                all = false;
                diffs.push(`${stored?.ref ?? `R${r}C${k}`}: stored ${stored ? storedText(stored) : "(empty)"}, recomputed ${scalarText(v)}`);
              }
            }
          out.push({ ...base, status: all ? "agrees" : "differs", recomputed: `array ${value.length}x${value[0]?.length ?? 0}`, ...(all ? {} : { reason: diffs.join("; ") }) });
          continue;
        }
        scalar = value[0]?.[0] ?? null;
      } else scalar = value;
      const same = compare(scalar, c);
      out.push({ ...base, status: same ? "agrees" : "differs", recomputed: scalarText(scalar), ...(isExcelError(scalar) && scalar.message ? { reason: scalar.message } : {}) });
    }
  }
  return out;
}

export function recomputeCommand(argv: readonly string[], io: CliIo): number {
  const { positional, flags } = parseArgs(argv, ["json"]);
  const file = positional[0];
  if (!file) throw new UsageError("esg recompute needs a workbook (.xlsx)");
  let sheets: XlsxSheet[];
  try {
    sheets = readXlsx(new Uint8Array(readFileSync(file)));
  } catch (e) {
    if (e instanceof SpreadsheetError) {
      io.err(`${file}: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const checks = recomputeWorkbook(sheets);
  const differs = checks.filter((c) => c.status === "differs");
  const skipped = checks.filter((c) => c.status === "not-evaluated");
  if (flags.has("json")) {
    io.out(JSON.stringify({ workbook: file, cells: checks.length, agrees: checks.length - differs.length - skipped.length, differs, notEvaluated: skipped, checks }, null, 2));
  } else {
    io.out(`${file}: ${checks.length} ESG formula cell(s); ${checks.length - differs.length - skipped.length} agree, ${differs.length} differ, ${skipped.length} not evaluated`);
    for (const c of differs) io.out(`  DIFFERS  ${c.sheet}!${c.cell}  stored ${c.stored}, recomputed ${c.recomputed ?? "?"}${c.reason ? ` (${c.reason})` : ""}  ${c.formula}`);
    for (const c of skipped) io.out(`  NOT EVALUATED  ${c.sheet}!${c.cell}  ${c.reason}  ${c.formula}`);
  }
  return differs.length || skipped.length ? 1 : 0;
}
