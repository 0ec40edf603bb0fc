/**
 * Compact per-row output of a run.
 *
 * A computed row yields zero or more lines (a shipment: WTW and TTW; an electricity
 * row: location- and market-based Scope 2; a disposition: its mass in the
 * material-flow ledger and, when eligible, a reuse credit). Lines live in parallel
 * arrays: the row they belong to and their line code in typed arrays, the exact
 * value as a Dec in a plain array. No trace is stored per row; `explainRow`
 * rebuilds it on demand.
 */
import type { Dec } from "../quantities/decimal";

export type LedgerName = "inventory" | "avoided" | "materialFlow";

/** What a line measures. Lines with the same code are summed together. */
export interface LineCode {
  /** Stable id, e.g. "inventory/scope2/location", "materialFlow/RECYCLE/hazardous". */
  id: string;
  ledger: LedgerName;
  /** GHG Protocol scope and category, credit family, or disposition code. */
  category: string;
  /** Reporting variant: "WTW", "TTW", "location", "market", "eol-share", "hazardous"... */
  variant: string;
  unit: string;
  /**
   * False for memo lines: reported beside the totals but not added into a ledger total
   * (TTW beside WTW, market-based beside location-based, share A reserved to the user).
   */
  inTotal: boolean;
}

/** The registry of line codes a run uses (small: tens of codes). */
export class LineCodes {
  readonly list: LineCode[] = [];
  private readonly byId = new Map<string, number>();
  /** Short keys the kernels use to find a code without building it. */
  readonly memo = new Map<string, number>();
  code(c: LineCode): number {
    const known = this.byId.get(c.id);
    if (known !== undefined) return known;
    const n = this.list.length;
    this.list.push(c);
    this.byId.set(c.id, n);
    return n;
  }
  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }
}

/** Growable parallel arrays of lines. */
export class LineStore {
  length = 0;
  row: Int32Array;
  code: Uint16Array;
  /** Data-quality scores of the line, packed (see dqi.ts; 0 = not scored). */
  dqi: Uint16Array;
  readonly value: Dec[] = [];
  constructor(capacity = 1024) {
    this.row = new Int32Array(capacity);
    this.code = new Uint16Array(capacity);
    this.dqi = new Uint16Array(capacity);
  }
  push(row: number, code: number, value: Dec, dqi = 0): void {
    if (this.length === this.row.length) this.grow();
    this.row[this.length] = row;
    this.code[this.length] = code;
    this.dqi[this.length] = dqi;
    this.value.push(value);
    this.length++;
  }
  private grow(): void {
    const cap = this.row.length * 2;
    const r = new Int32Array(cap);
    r.set(this.row);
    const c = new Uint16Array(cap);
    c.set(this.code);
    const d = new Uint16Array(cap);
    d.set(this.dqi);
    this.row = r;
    this.code = c;
    this.dqi = d;
  }
  /** Drops the lines from `from` on (a row that failed half-way leaves no lines behind). */
  truncate(from: number): void {
    this.length = from;
    this.value.length = from;
  }
}

export const ROW_PENDING = 0;
export const ROW_COMPUTED = 1;
export const ROW_REJECTED = 2;
