/**
 * The few Excel built-ins models need around ESG.* calls: SUM, MIN, MAX, ROUND,
 * IF, IFERROR and CONVERT (for the units of the engine's quantities table), with
 * Excel's argument rules and exact Decimal arithmetic.
 */
import { Dec, IssueError, UNITS, convert, type UnitDef } from "../../engine";
import { excelError, isExcelError, type ExcelError } from "../excel-values";
import type { Node } from "./parser";
import { broadcast, isMatrix, toNumber, type Evaluator, type Scalar, type Value } from "./evaluator";

type CallNode = Extract<Node, { kind: "call" }>;

export interface Builtin {
  readonly min: number;
  readonly max: number;
  readonly description: string;
  run(node: CallNode, ev: Evaluator, depth: number): Value;
}

/**
 * Numbers of an aggregate's arguments, Excel style: in ranges and arrays only numbers count
 * (text, TRUE/FALSE and empty cells are skipped); a value typed directly is coerced
 * (numeric text, TRUE = 1). The first error met is the result.
 */
function numbersOf(node: CallNode, ev: Evaluator, depth: number): Dec[] | ExcelError {
  const out: Dec[] = [];
  for (const a of node.args) {
    if (a === null) {
      out.push(new Dec(0));
      continue;
    }
    const v = ev.eval(a, depth + 1);
    const fromCells = a.kind === "ref" || isMatrix(v);
    if (isMatrix(v)) {
      for (const row of v) {
        for (const x of row) {
          if (isExcelError(x)) return x;
          if (x instanceof Dec) out.push(x);
        }
      }
      continue;
    }
    if (isExcelError(v)) return v;
    if (fromCells) {
      if (v instanceof Dec) out.push(v);
      continue;
    }
    const n = toNumber(v);
    if (isExcelError(n)) return n;
    out.push(n);
  }
  return out;
}

function aggregate(f: (xs: Dec[]) => Dec, description: string): Builtin {
  return {
    min: 1,
    max: 255,
    description,
    run: (node, ev, depth) => {
      const xs = numbersOf(node, ev, depth);
      return isExcelError(xs) ? xs : f(xs);
    },
  };
}

/** Excel's ROUND: half away from zero; negative digits round to tens, hundreds... */
export function roundExcel(x: Dec, digits: number): Dec {
  if (digits >= 0) return x.toDecimalPlaces(digits, Dec.ROUND_HALF_UP);
  const scale = new Dec(10).pow(-digits);
  return x.div(scale).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(scale);
}

function truthy(v: Scalar): boolean | ExcelError {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (v instanceof Dec) return !v.isZero();
  if (isExcelError(v)) return v;
  const t = v.trim().toUpperCase();
  if (t === "TRUE") return true;
  if (t === "FALSE") return false;
  return excelError("#VALUE!", `'${v}' is not TRUE or FALSE`, "NOT_A_BOOLEAN");
}

/** Excel CONVERT unit names mapped to the engine's units (case-sensitive, as in Excel). */
const EXCEL_UNIT_NAMES: Record<string, string> = {
  lbm: "lb",
  ton: "short ton",
  Nmi: "nmi",
  l: "L",
  lt: "L",
  gal: "US gal",
  uk_gal: "UK gal",
  "m^3": "m3",
};

function unitFor(name: string): UnitDef | undefined {
  const symbol = EXCEL_UNIT_NAMES[name] ?? name;
  return UNITS.find((u) => u.symbol === symbol);
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  SUM: aggregate((xs) => xs.reduce((s, x) => s.plus(x), new Dec(0)), "adds numbers; text and empty cells in ranges are skipped"),
  MIN: aggregate((xs) => (xs.length === 0 ? new Dec(0) : Dec.min(...xs)), "smallest number (0 when none)"),
  MAX: aggregate((xs) => (xs.length === 0 ? new Dec(0) : Dec.max(...xs)), "largest number (0 when none)"),
  ROUND: {
    min: 2,
    max: 2,
    description: "rounds half away from zero to a number of digits",
    run: (node, ev, depth) => {
      const [a, b] = node.args.map((x) => (x === null ? null : ev.eval(x, depth + 1)));
      return broadcast([a ?? null, b ?? null], ([x, d]) => {
        const n = toNumber(x!);
        if (isExcelError(n)) return n;
        const digits = toNumber(d!);
        if (isExcelError(digits)) return digits;
        return roundExcel(n, digits.trunc().toNumber());
      });
    },
  },
  IF: {
    min: 1,
    max: 3,
    description: "IF(condition, value_if_true, [value_if_false]); only the branch taken is evaluated for a single condition",
    run: (node, ev, depth) => {
      const [c, t, f] = node.args;
      const cond = c ? ev.eval(c, depth + 1) : null;
      const branch = (n: Node | null | undefined, omitted: Value): Value => (n === undefined ? omitted : n === null ? new Dec(0) : ev.eval(n, depth + 1));
      if (!isMatrix(cond)) {
        const b = truthy(cond);
        if (isExcelError(b)) return b;
        return b ? branch(t, true) : branch(f, false);
      }
      const tv = branch(t, true);
      const fv = branch(f, false);
      return broadcast([cond, tv, fv], ([x, y, z]) => {
        const b = truthy(x!);
        if (isExcelError(b)) return b;
        return b ? y! : z!;
      });
    },
  },
  IFERROR: {
    min: 2,
    max: 2,
    description: "IFERROR(value, value_if_error)",
    run: (node, ev, depth) => {
      const [a, b] = node.args;
      const v = a ? ev.eval(a, depth + 1) : new Dec(0);
      const alt = b ? ev.eval(b, depth + 1) : new Dec(0);
      return broadcast([v, alt], ([x, y]) => (isExcelError(x) ? y! : x!));
    },
  },
  CONVERT: {
    min: 3,
    max: 3,
    description: "CONVERT(number, from_unit, to_unit) for the engine's units (kg, t, g, lbm, ton, km, m, mi, Nmi, kWh, MWh, MJ, GJ, MMBtu, therm, L, m3, gal, uk_gal, t.km)",
    run: (node, ev, depth) => {
      const vals = node.args.map((x) => (x === null ? null : ev.eval(x, depth + 1)));
      return broadcast(vals, ([x, from, to]) => {
        const n = toNumber(x!);
        if (isExcelError(n)) return n;
        for (const u of [from, to]) if (isExcelError(u)) return u;
        const f = unitFor(String(from ?? ""));
        const t = unitFor(String(to ?? ""));
        if (!f || !t) {
          const bad = !f ? from : to;
          return excelError("#N/A", `CONVERT: unknown unit '${String(bad ?? "")}'; expected one of ${UNITS.map((u) => u.symbol).join(", ")} (or Excel's lbm, ton, Nmi, l, gal, uk_gal).`, "UNKNOWN_UNIT");
        }
        if (f.dimension !== t.dimension) return excelError("#N/A", `CONVERT: cannot convert ${f.symbol} to ${t.symbol} (different dimensions).`, "INCOMPATIBLE_UNITS");
        try {
          return convert(n, f.symbol, t.symbol);
        } catch (err) {
          if (err instanceof IssueError) return excelError("#N/A", err.issue.message, err.issue.code);
          throw err;
        }
      });
    },
  },
};

export function builtinNames(): string[] {
  return Object.keys(BUILTINS);
}
