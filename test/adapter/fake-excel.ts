/**
 * A hand-written fake of the Excel object model over a MemoryWorkbook, with the
 * batching semantics of Office.js: method calls and property writes are queued and
 * run at `context.sync()`, in order; a property can be read only after `load` and a
 * sync (otherwise it throws, as Office.js does). It exists because office-addin-mock
 * cannot model methods with behaviour (getRange by address, tables.add, charts.add,
 * settings). Every sync records the bytes sent (written arrays) and received
 * (loaded properties) so tests can check the payload budget.
 */
import { jsonBytes } from "../../src/office/chunking";
import { parseRange, rangeAddress, rangeSize, type RangeRef } from "../../src/office/a1";
import { EXCEL_CHART_TYPE, type CellValue, type ChartKind } from "../../src/office/gateway";
import type { MemorySheet, MemoryTable, MemoryWorkbook } from "../../src/office/memory/workbook";
import type { ExcelRun } from "../../src/office/office-gateway";

export interface SyncRecord {
  bytesSent: number;
  bytesReceived: number;
}

class ItemNotFound extends Error {
  code = "ItemNotFound";
}

class Base {
  protected loaded = new Map<string, unknown>();
  constructor(protected ctx: FakeContext) {}
  protected get_(name: string): unknown {
    if (!this.loaded.has(name)) throw new Error(`PropertyNotLoaded: '${name}' was not loaded and synced`);
    return this.loaded.get(name);
  }
  protected snapshot(props: string, read: (name: string) => unknown, measure: (v: unknown) => number = (v) => jsonBytes(v ?? null)): void {
    const names = props.split(",").map((p) => p.trim()).filter(Boolean);
    this.ctx.queue.push(() => {
      for (const n of names) {
        const v = read(n);
        this.ctx.current.bytesReceived += measure(v);
        this.loaded.set(n, v);
      }
    });
  }
}

class Lazy<T> {
  private cached: T | undefined;
  constructor(private readonly resolver: () => T) {}
  get(): T {
    if (this.cached === undefined) this.cached = this.resolver();
    return this.cached;
  }
  set(v: T): void {
    this.cached = v;
  }
}

class RangeP extends Base {
  constructor(
    ctx: FakeContext,
    private readonly at: () => { sheet: MemorySheet; ref: RangeRef },
  ) {
    super(ctx);
  }
  load(props: string): this {
    this.snapshot(props, (n) => {
      const { sheet, ref } = this.at();
      const size = rangeSize(ref);
      const got = this.ctx.wb.read(sheet.name, ref);
      switch (n) {
        case "address":
          return rangeAddress({ sheet: sheet.name, start: ref.start, end: ref.end });
        case "values":
          return got.values;
        case "formulas":
          return got.formulas;
        case "numberFormat":
          return got.numberFormats;
        case "rowCount":
          return size.rows;
        case "columnCount":
          return size.columns;
        default:
          throw new Error(`fake Range has no property '${n}'`);
      }
    });
    return this;
  }
  get address(): string {
    return this.get_("address") as string;
  }
  get values(): CellValue[][] {
    return this.get_("values") as CellValue[][];
  }
  set values(rows: CellValue[][]) {
    this.write(rows);
  }
  get formulas(): CellValue[][] {
    return this.get_("formulas") as CellValue[][];
  }
  set formulas(rows: CellValue[][]) {
    this.write(rows);
  }
  get numberFormat(): string[][] {
    return this.get_("numberFormat") as string[][];
  }
  get rowCount(): number {
    return this.get_("rowCount") as number;
  }
  get columnCount(): number {
    return this.get_("columnCount") as number;
  }
  /** Excel parses what is assigned: "=..." is a formula, a leading apostrophe marks text. */
  private write(rows: CellValue[][]): void {
    const copy = rows.map((r) => [...r]);
    this.ctx.queue.push(() => {
      const { sheet, ref } = this.at();
      const size = rangeSize(ref);
      if (copy.length !== size.rows || copy.some((r) => r.length !== size.columns)) throw new Error(`InvalidArgument: ${copy.length} rows for ${rangeAddress(ref)}`);
      this.ctx.current.bytesSent += jsonBytes(copy);
      copy.forEach((row, r) =>
        row.forEach((v, c) => {
          const rr = ref.start.row + r;
          const cc = ref.start.column + c;
          if (typeof v === "string" && v.startsWith("=")) this.ctx.wb.setFormula(sheet, rr, cc, v);
          else this.ctx.wb.setValue(sheet, rr, cc, typeof v === "string" && v.startsWith("'") ? v.slice(1) : v);
        }),
      );
    });
  }
  getCell(row: number, column: number): RangeP {
    return new RangeP(this.ctx, () => {
      const { sheet, ref } = this.at();
      const cell = { row: ref.start.row + row, column: ref.start.column + column };
      return { sheet, ref: { start: cell, end: cell } };
    });
  }
}

class ChartP extends Base {
  spec: { name: string } | undefined;
  readonly title: { text: string };
  constructor(ctx: FakeContext) {
    super(ctx);
    const setTitle = (t: string): void => {
      ctx.queue.push(() => {
        (this.spec as { title?: string }).title = t;
      });
    };
    this.title = {
      set text(t: string) {
        setTitle(t);
      },
      get text(): string {
        throw new Error("PropertyNotLoaded: title/text");
      },
    };
  }
  set name(n: string) {
    this.ctx.queue.push(() => {
      this.spec!.name = n;
    });
  }
  get name(): string {
    return this.get_("name") as string;
  }
  load(props: string): this {
    this.snapshot(props, (n) => (this.spec as unknown as Record<string, unknown>)[n]);
    return this;
  }
}

class SheetP extends Base {
  private readonly sheet: Lazy<MemorySheet | null>;
  readonly charts: { add: (type: string, source: RangeP, seriesBy?: string) => ChartP };
  constructor(ctx: FakeContext, resolver: () => MemorySheet | null, nullable = false) {
    super(ctx);
    this.sheet = new Lazy(resolver);
    if (nullable) this.ctx.queue.push(() => this.loaded.set("isNullObject", this.sheet.get() === null));
    this.charts = {
      add: (type, source, seriesBy) => {
        const chart = new ChartP(ctx);
        ctx.queue.push(() => {
          const { ref } = (source as unknown as { at: () => { ref: RangeRef } }).at();
          const kind = (Object.keys(EXCEL_CHART_TYPE) as ChartKind[]).find((k) => EXCEL_CHART_TYPE[k] === type);
          if (!kind) throw new Error(`fake: chart type ${type} not modelled`);
          const spec = {
            sheet: this.must().name,
            name: `Chart ${ctx.wb.charts.length + 1}`,
            kind,
            excelType: type,
            sourceAddress: rangeAddress({ start: ref.start, end: ref.end }),
            seriesBy: (seriesBy ?? "Auto").toLowerCase() as "auto" | "columns" | "rows",
          };
          ctx.wb.charts.push(spec);
          chart.spec = spec;
        });
        return chart;
      },
    };
  }
  must(): MemorySheet {
    const s = this.sheet.get();
    if (!s) throw new ItemNotFound("ItemNotFound: sheet");
    return s;
  }
  bind(s: MemorySheet): void {
    this.sheet.set(s);
  }
  get isNullObject(): boolean {
    return this.get_("isNullObject") as boolean;
  }
  get name(): string {
    return this.get_("name") as string;
  }
  set name(n: string) {
    this.ctx.queue.push(() => {
      const s = this.must();
      if (this.ctx.wb.activeSheet === s.name) this.ctx.wb.activeSheet = n;
      s.name = n;
    });
  }
  get position(): number {
    return this.get_("position") as number;
  }
  load(props: string): this {
    this.snapshot(props, (n) => {
      const s = this.must();
      if (n === "name") return s.name;
      if (n === "position") return this.ctx.wb.sheets.indexOf(s);
      throw new Error(`fake Worksheet has no property '${n}'`);
    });
    return this;
  }
  getRange(address: string): RangeP {
    return new RangeP(this.ctx, () => ({ sheet: this.must(), ref: parseRange(address) }));
  }
  getUsedRange(): RangeP {
    return new RangeP(this.ctx, () => ({ sheet: this.must(), ref: this.must().usedRange() }));
  }
  delete(): void {
    this.ctx.queue.push(() => this.ctx.wb.deleteSheet(this.must().name));
  }
}

class TableP extends Base {
  private readonly table: Lazy<MemoryTable | null>;
  constructor(ctx: FakeContext, resolver: () => MemoryTable | null, nullable = false) {
    super(ctx);
    this.table = new Lazy(resolver);
    if (nullable) this.ctx.queue.push(() => this.loaded.set("isNullObject", this.table.get() === null));
  }
  must(): MemoryTable {
    const t = this.table.get();
    if (!t) throw new ItemNotFound("ItemNotFound: table");
    return t;
  }
  bind(t: MemoryTable): void {
    this.table.set(t);
  }
  get isNullObject(): boolean {
    return this.get_("isNullObject") as boolean;
  }
  get name(): string {
    return this.get_("name") as string;
  }
  set name(n: string) {
    this.ctx.queue.push(() => {
      if (this.ctx.wb.findTable(n)) throw new Error(`InvalidArgument: table name '${n}' is taken`);
      this.must().name = n;
    });
  }
  load(props: string): this {
    this.snapshot(props, (n) => {
      if (n === "name") return this.must().name;
      throw new Error(`fake Table has no property '${n}'`);
    });
    return this;
  }
  getRange(): RangeP {
    return new RangeP(this.ctx, () => {
      const t = this.must();
      return { sheet: this.ctx.wb.sheet(t.sheet), ref: t.range };
    });
  }
  delete(): void {
    this.ctx.queue.push(() => this.ctx.wb.deleteTable(this.must().name));
  }
}

class Collection<T> extends Base {
  constructor(
    ctx: FakeContext,
    private readonly list: () => T[],
  ) {
    super(ctx);
  }
  get items(): T[] {
    return this.get_("items") as T[];
  }
  load(_props: string): this {
    // Collections come back as item descriptions; count a small record per item.
    this.snapshot("items", () => this.list(), (v) => 64 * (v as unknown[]).length);
    return this;
  }
}

class SettingP extends Base {
  constructor(ctx: FakeContext, key: string) {
    super(ctx);
    ctx.queue.push(() => {
      const raw = ctx.wb.settings.get(key);
      this.loaded.set("isNullObject", raw === undefined);
      this.loaded.set("value", raw);
    });
  }
  get isNullObject(): boolean {
    return this.get_("isNullObject") as boolean;
  }
  get value(): unknown {
    return this.get_("value");
  }
  load(_props: string): this {
    return this;
  }
}

export class FakeContext {
  queue: Array<() => void> = [];
  current: SyncRecord = { bytesSent: 0, bytesReceived: 0 };
  readonly workbook: unknown;

  constructor(
    readonly wb: MemoryWorkbook,
    private readonly log: SyncRecord[],
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the object graph below closes over its context
    const ctx = this;
    const sheetsList = new Collection(ctx, () =>
      wb.sheets.map((s) => {
        const p = new SheetP(ctx, () => s);
        (p as unknown as { loaded: Map<string, unknown> }).loaded.set("name", s.name);
        (p as unknown as { loaded: Map<string, unknown> }).loaded.set("position", wb.sheets.indexOf(s));
        return p;
      }),
    );
    const tablesList = new Collection(ctx, () =>
      wb.tables.map((t) => {
        const p = new TableP(ctx, () => t);
        (p as unknown as { loaded: Map<string, unknown> }).loaded.set("name", t.name);
        return p;
      }),
    );
    this.workbook = {
      worksheets: Object.assign(sheetsList, {
        getItem: (name: string) => new SheetP(ctx, () => wb.findSheet(name) ?? null),
        getItemOrNullObject: (name: string) => new SheetP(ctx, () => wb.findSheet(name) ?? null, true),
        getActiveWorksheet: () => new SheetP(ctx, () => wb.findSheet(wb.activeSheet) ?? null),
        add: (name: string) => {
          const p = new SheetP(ctx, () => null);
          ctx.queue.push(() => p.bind(wb.addSheet(name)));
          return p;
        },
      }),
      tables: Object.assign(tablesList, {
        getItem: (name: string) => new TableP(ctx, () => wb.findTable(name) ?? null),
        getItemOrNullObject: (name: string) => new TableP(ctx, () => wb.findTable(name) ?? null, true),
        add: (address: string, _hasHeaders: boolean) => {
          const p = new TableP(ctx, () => null);
          ctx.queue.push(() => {
            const ref = parseRange(address);
            let i = 1;
            while (wb.findTable(`Table${i}`)) i++;
            p.bind(wb.addTable(`Table${i}`, ref.sheet ?? wb.activeSheet, ref));
          });
          return p;
        },
      }),
      settings: {
        add: (key: string, value: unknown) => {
          ctx.queue.push(() => {
            ctx.current.bytesSent += jsonBytes(value);
            wb.settings.set(key, value as string);
          });
        },
        getItemOrNullObject: (key: string) => new SettingP(ctx, key),
      },
      getSelectedRange: () => new RangeP(ctx, () => ({ sheet: wb.sheet(wb.activeSheet), ref: parseRange(wb.selection) })),
    };
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.current = { bytesSent: 0, bytesReceived: 0 };
    try {
      for (const op of ops) op();
    } finally {
      this.log.push(this.current);
    }
  }
}

/** A fake `Excel.run` over the workbook; `syncs` lists every sync with its payload. */
export function fakeExcel(wb: MemoryWorkbook): { run: ExcelRun; syncs: SyncRecord[]; runs: () => number } {
  const syncs: SyncRecord[] = [];
  let runs = 0;
  const run: ExcelRun = async (batch) => {
    runs++;
    const ctx = new FakeContext(wb, syncs);
    const out = await batch(ctx as unknown as Excel.RequestContext);
    if (ctx.queue.length > 0) await ctx.sync(); // Excel.run syncs what is left when the batch returns
    return out;
  };
  return { run, syncs, runs: () => runs };
}
