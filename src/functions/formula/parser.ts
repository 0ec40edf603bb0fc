/**
 * Lexer and parser of Excel formulas as typed in a cell (or stored in a saved
 * workbook): `=` prefix, numbers, "strings" with doubled quotes, TRUE/FALSE,
 * error literals, array constants {1,2;3,4}, unary minus and plus, postfix %,
 * ^ * / + - & = <> < > <= >=, parentheses, function calls (ESG.NAME, the
 * saved spelling _xldudf_ESG_NAME, _xlfn. built-ins), and cell references
 * (A1, $A$1, A1:B10, Sheet1!A1, 'My sheet'!A1:A5). No eval, no new Function.
 *
 * Precedence, high to low, as in Excel: range (:), negation (-), percent (%),
 * exponent (^, left-associative), * and /, + and -, &, comparisons. So -2^2 is 4.
 */

export class ParseError extends Error {
  /** 0-based index into the formula text. */
  constructor(
    message: string,
    readonly position: number,
    readonly formula: string,
  ) {
    super(`${message} (at position ${position + 1})`);
    this.name = "ParseError";
  }
  /** The formula with a caret under the position. */
  pointer(): string {
    return `${this.formula}\n${" ".repeat(this.position)}^`;
  }
}

export interface CellAddress {
  /** 0-based row and column. */
  readonly row: number;
  readonly col: number;
  readonly absRow: boolean;
  readonly absCol: boolean;
}

export interface RangeRef {
  readonly sheet: string | null;
  readonly start: CellAddress;
  /** Same as start for a single cell. */
  readonly end: CellAddress;
  /** As written, e.g. "'My sheet'!$A$1:B2". */
  readonly text: string;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

export type Node =
  | { kind: "number"; text: string; pos: number }
  | { kind: "string"; value: string; pos: number }
  | { kind: "bool"; value: boolean; pos: number }
  | { kind: "error"; value: string; pos: number }
  | { kind: "array"; rows: Node[][]; pos: number }
  | { kind: "ref"; ref: RangeRef; pos: number }
  | { kind: "name"; name: string; pos: number }
  | { kind: "unary"; op: "-" | "+"; arg: Node; pos: number }
  | { kind: "percent"; arg: Node; pos: number }
  | { kind: "binary"; op: BinaryOp; left: Node; right: Node; pos: number }
  | { kind: "call"; name: string; args: Array<Node | null>; pos: number };

type TokenKind = "number" | "string" | "bool" | "error" | "ref" | "func" | "name" | "op" | "(" | ")" | "," | ";" | "{" | "}" | "end";
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  ref?: RangeRef;
}

const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BUSY!", "#CONNECT!", "#BLOCKED!", "#UNKNOWN!"];
const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseCell(text: string): CellAddress | null {
  const m = CELL.exec(text);
  if (!m) return null;
  const col = columnNumber(m[1]!);
  const row = Number(m[2]);
  if (col < 1 || col > MAX_COLS || row < 1 || row > MAX_ROWS) return null;
  const absCol = text.startsWith("$");
  const absRow = text.slice(absCol ? 1 : 0).includes("$");
  return { row: row - 1, col: col - 1, absRow, absCol };
}

export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const src = formula;
  const at = (k = 0) => src[i + k] ?? "";
  while (i < src.length) {
    const c = at();
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    // Numbers: 12, 1.5, .5, 1e3, 1.5E-2
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(at(1)))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      // A number directly followed by letters or ':' is a row range or a typo; keep it simple: reject letters.
      i += m[0].length;
      if (/[A-Za-z_]/.test(at())) throw new ParseError(`Unexpected '${at()}' after the number ${m[0]}`, i, formula);
      tokens.push({ kind: "number", text: m[0], pos: start });
      continue;
    }
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new ParseError("Unterminated text: a closing \" is missing", start, formula);
        if (at() === '"') {
          if (at(1) === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += at();
        i++;
      }
      tokens.push({ kind: "string", text: value, pos: start });
      continue;
    }
    if (c === "#") {
      const rest = src.slice(i).toUpperCase();
      const lit = ERROR_LITERALS.find((e) => rest.startsWith(e));
      if (!lit) throw new ParseError(`Unknown error value '${/^#[^\s,;)}]*/.exec(src.slice(i))![0]}'`, start, formula);
      i += lit.length;
      tokens.push({ kind: "error", text: lit, pos: start });
      continue;
    }
    // Quoted sheet name: 'My sheet'!A1
    if (c === "'") {
      let name = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new ParseError("Unterminated sheet name: a closing ' is missing", start, formula);
        if (at() === "'") {
          if (at(1) === "'") {
            name += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += at();
        i++;
      }
      if (at() !== "!") throw new ParseError("Expected '!' after a quoted sheet name", i, formula);
      i++;
      tokens.push(readRef(name, start));
      continue;
    }
    if (/[A-Za-z_$\\]/.test(c)) {
      const m = /^[A-Za-z_$\\][A-Za-z0-9_.$\\]*/.exec(src.slice(i))!;
      const word = m[0];
      i += word.length;
      if (at() === "!") {
        i++;
        tokens.push(readRef(word, start));
        continue;
      }
      let j = i;
      while (/\s/.test(src[j] ?? "")) j++;
      if (src[j] === "(" && !word.includes("$")) {
        tokens.push({ kind: "func", text: word, pos: start });
        i = j;
        continue;
      }
      if (parseCell(word)) {
        i = start;
        tokens.push(readRef(null, start));
        continue;
      }
      const upper = word.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") tokens.push({ kind: "bool", text: upper, pos: start });
      else tokens.push({ kind: "name", text: word, pos: start });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      tokens.push({ kind: "op", text: two, pos: start });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>%".includes(c)) {
      tokens.push({ kind: "op", text: c, pos: start });
      i++;
      continue;
    }
    if ("(),;{}".includes(c)) {
      tokens.push({ kind: c as TokenKind, text: c, pos: start });
      i++;
      continue;
    }
    throw new ParseError(`Unexpected character '${c}'`, start, formula);
  }
  tokens.push({ kind: "end", text: "", pos: src.length });
  return tokens;

  /** Reads A1 or A1:B2 at i (after an optional sheet prefix already consumed). */
  function readRef(sheet: string | null, start: number): Token {
    const cellAt = (): [CellAddress, string] => {
      const m = /^\$?[A-Za-z]{1,3}\$?\d{1,7}/.exec(src.slice(i));
      const cell = m ? parseCell(m[0]) : null;
      if (!m || !cell || /[A-Za-z0-9_.(]/.test(src[i + m[0].length] ?? "")) {
        throw new ParseError(`Expected a cell reference such as A1${sheet !== null ? ` after '${sheet}!'` : ""}`, i, formula);
      }
      i += m[0].length;
      return [cell, m[0]];
    };
    const [first] = cellAt();
    let end = first;
    if (src[i] === ":") {
      i++;
      // An optional repeated sheet prefix on the second cell (Sheet1!A1:Sheet1!B2) is not Excel syntax; keep A1:B2.
      [end] = cellAt();
    }
    const norm = (a: CellAddress, b: CellAddress): [CellAddress, CellAddress] => [
      { row: Math.min(a.row, b.row), col: Math.min(a.col, b.col), absRow: a.absRow, absCol: a.absCol },
      { row: Math.max(a.row, b.row), col: Math.max(a.col, b.col), absRow: b.absRow, absCol: b.absCol },
    ];
    const [s, e] = norm(first, end);
    return { kind: "ref", text: src.slice(start, i), pos: start, ref: { sheet, start: s, end: e, text: src.slice(start, i) } };
  }
}

/** Parses a formula; a leading "=" is optional. Throws ParseError with the position of the problem. */
export function parseFormula(formula: string): Node {
  const text = formula;
  const offset = /^\s*=/.test(text) ? text.indexOf("=") + 1 : 0;
  const body = text.slice(offset);
  let tokens: Token[];
  try {
    tokens = tokenize(body);
  } catch (err) {
    if (err instanceof ParseError) throw new ParseError(err.message.replace(/ \(at position \d+\)$/, ""), err.position + offset, text);
    throw err;
  }
  let k = 0;
  const peek = () => tokens[k]!;
  const next = () => tokens[k++]!;
  const error = (message: string, pos = peek().pos): never => {
    throw new ParseError(message, pos + offset, text);
  };
  const describe = (t: Token) => (t.kind === "end" ? "the end of the formula" : `'${t.kind === "string" ? `"${t.text}"` : t.text}'`);
  const isOp = (...ops: string[]) => peek().kind === "op" && ops.includes(peek().text);

  function expression(): Node {
    return comparison();
  }
  function comparison(): Node {
    let left = concat();
    while (isOp("=", "<>", "<", ">", "<=", ">=")) {
      const t = next();
      left = { kind: "binary", op: t.text as BinaryOp, left, right: concat(), pos: t.pos + offset };
    }
    return left;
  }
  function concat(): Node {
    let left = additive();
    while (isOp("&")) {
      const t = next();
      left = { kind: "binary", op: "&", left, right: additive(), pos: t.pos + offset };
    }
    return left;
  }
  function additive(): Node {
    let left = multiplicative();
    while (isOp("+", "-")) {
      const t = next();
      left = { kind: "binary", op: t.text as BinaryOp, left, right: multiplicative(), pos: t.pos + offset };
    }
    return left;
  }
  function multiplicative(): Node {
    let left = power();
    while (isOp("*", "/")) {
      const t = next();
      left = { kind: "binary", op: t.text as BinaryOp, left, right: power(), pos: t.pos + offset };
    }
    return left;
  }
  function power(): Node {
    let left = percent();
    while (isOp("^")) {
      const t = next();
      left = { kind: "binary", op: "^", left, right: percent(), pos: t.pos + offset };
    }
    return left;
  }
  function percent(): Node {
    let arg = unary();
    while (isOp("%")) {
      const t = next();
      arg = { kind: "percent", arg, pos: t.pos + offset };
    }
    return arg;
  }
  function unary(): Node {
    if (isOp("-", "+")) {
      const t = next();
      return { kind: "unary", op: t.text as "-" | "+", arg: unary(), pos: t.pos + offset };
    }
    return primary();
  }
  function primary(): Node {
    const t = peek();
    const pos = t.pos + offset;
    switch (t.kind) {
      case "number":
        next();
        return { kind: "number", text: t.text, pos };
      case "string":
        next();
        return { kind: "string", value: t.text, pos };
      case "bool":
        next();
        return { kind: "bool", value: t.text === "TRUE", pos };
      case "error":
        next();
        return { kind: "error", value: t.text, pos };
      case "ref":
        next();
        return { kind: "ref", ref: t.ref!, pos };
      case "name":
        next();
        return { kind: "name", name: t.text, pos };
      case "(": {
        next();
        if (peek().kind === ")") error("Empty parentheses: expected an expression");
        const inner = expression();
        if (peek().kind !== ")") error(`Expected ')' to close the '(' at position ${pos + 1}, found ${describe(peek())}`);
        next();
        return inner;
      }
      case "{":
        return arrayConstant();
      case "func":
        return call();
      default:
        return error(t.kind === "end" ? "The formula ends where a value was expected" : `Unexpected ${describe(t)}; expected a value`);
    }
  }
  function call(): Node {
    const name = next();
    const pos = name.pos + offset;
    next(); // (
    const args: Array<Node | null> = [];
    if (peek().kind === ")") {
      next();
      return { kind: "call", name: name.text, args, pos };
    }
    for (;;) {
      if (peek().kind === "," || peek().kind === ";" || peek().kind === ")") args.push(null);
      else args.push(expression());
      const sep = peek();
      if (sep.kind === "," || sep.kind === ";") {
        next();
        continue;
      }
      if (sep.kind === ")") {
        next();
        return { kind: "call", name: name.text, args, pos };
      }
      return error(`Expected ',' or ')' in the arguments of ${name.text}, found ${describe(sep)}`);
    }
  }
  function arrayConstant(): Node {
    const open = next();
    const pos = open.pos + offset;
    const rows: Node[][] = [[]];
    for (;;) {
      rows[rows.length - 1]!.push(arrayElement());
      const sep = next();
      if (sep.kind === ",") continue;
      if (sep.kind === ";") {
        rows.push([]);
        continue;
      }
      if (sep.kind === "}") break;
      error(`Expected ',', ';' or '}' in the array constant, found ${describe(sep)}`, sep.pos);
    }
    const width = rows[0]!.length;
    const bad = rows.findIndex((r) => r.length !== width);
    if (bad >= 0) error(`Array constant rows must have the same length: row 1 has ${width}, row ${bad + 1} has ${rows[bad]!.length}`, open.pos);
    return { kind: "array", rows, pos };
  }
  function arrayElement(): Node {
    const t = peek();
    const pos = t.pos + offset;
    if (isOp("-", "+")) {
      const sign = next();
      const n = peek();
      if (n.kind !== "number") error("An array constant may only hold numbers, text, TRUE/FALSE or error values");
      next();
      return { kind: "number", text: sign.text === "-" ? `-${n.text}` : n.text, pos };
    }
    if (t.kind === "number" || t.kind === "string" || t.kind === "bool" || t.kind === "error") return primary();
    return error("An array constant may only hold numbers, text, TRUE/FALSE or error values");
  }

  const node = expression();
  if (peek().kind !== "end") {
    const t = peek();
    if (t.kind === ")") error("Unmatched ')'");
    error(`Unexpected ${describe(t)} after a complete expression`);
  }
  return node;
}
