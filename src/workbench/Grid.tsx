/**
 * A simple spreadsheet grid over the in-memory workbook. Virtualized: only the rows in
 * view (plus a few) are in the DOM, so 100,000 rows scroll. Click selects (the gateway's
 * selection, which Inspect reads), double-click, Enter or F2 edits in place, the formula
 * bar edits the selected cell; arrow keys move.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { cellAddress, columnLetters, parseRange } from "../office/a1";
import type { MemoryWorkbook } from "../office/memory/workbook";
import { cellMessages, entryText, shownValue } from "./workbook";

export const ROW_HEIGHT = 24;
const COL_WIDTH = 112;
const HEAD_WIDTH = 56;
const OVERSCAN = 8;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: 0, flexGrow: 1 },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", padding: tokens.spacingHorizontalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  name: { width: "90px", fontFamily: tokens.fontFamilyMonospace },
  fx: { flexGrow: 1, fontFamily: tokens.fontFamilyMonospace, padding: "2px 4px" },
  scroller: { overflow: "auto", flexGrow: 1, position: "relative", outline: "none", fontSize: tokens.fontSizeBase200 },
  row: { position: "absolute", left: 0, display: "flex", height: `${ROW_HEIGHT}px` },
  cell: {
    width: `${COL_WIDTH}px`,
    minWidth: `${COL_WIDTH}px`,
    boxSizing: "border-box",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: "0 4px",
    lineHeight: `${ROW_HEIGHT - 1}px`,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
  },
  number: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  formula: { color: tokens.colorBrandForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  head: { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold, textAlign: "center", position: "sticky", left: 0, zIndex: 1 },
  colHead: { position: "sticky", top: 0, zIndex: 2, display: "flex", height: `${ROW_HEIGHT}px`, backgroundColor: tokens.colorNeutralBackground3 },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  editor: { width: `${COL_WIDTH}px`, boxSizing: "border-box", height: `${ROW_HEIGHT}px`, fontFamily: "inherit", fontSize: "inherit" },
});

export interface GridProps {
  workbook: MemoryWorkbook;
  sheet: string;
  /** Bumped whenever the workbook changed. */
  version: number;
  selection: string;
  onSelect: (address: string) => void;
  onEdit: (row: number, column: number, text: string) => void;
}

export function Grid({ workbook, sheet, version, selection, onSelect, onEdit }: GridProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [editing, setEditing] = useState<{ row: number; column: number; text: string } | null>(null);
  const [fx, setFx] = useState("");
  const sel = parseRange(selection).start;
  const s = workbook.findSheet(sheet);
  const used = useMemo(() => s?.usedRange(), [s, version]);
  const rowCount = Math.max(40, (used?.end.row ?? 1) + 20);
  const colCount = Math.max(12, (used?.end.column ?? 1) + 2);

  useEffect(() => setFx(entryText(workbook, sheet, selection)), [workbook, sheet, selection, version]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const first = Math.max(1, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const select = (row: number, column: number) => {
    onSelect(cellAddress({ row: Math.max(1, row), column: Math.max(1, column) }));
  };
  const ensureVisible = (row: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = row * ROW_HEIGHT;
    if (top < el.scrollTop + ROW_HEIGHT) el.scrollTop = top - ROW_HEIGHT;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, 1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const row = Math.min(rowCount, Math.max(1, sel.row + m[0]));
      select(row, Math.min(colCount, Math.max(1, sel.column + m[1])));
      ensureVisible(row);
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      setEditing({ row: sel.row, column: sel.column, text: entryText(workbook, sheet, selection) });
    } else if (e.key === "Delete") {
      onEdit(sel.row, sel.column, "");
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      setEditing({ row: sel.row, column: sel.column, text: e.key });
    }
  };
  const commit = (text: string, row: number, column: number) => {
    setEditing(null);
    onEdit(row, column, text);
    scroller.current?.focus();
  };

  const rows = [];
  for (let r = first; r <= last; r++) {
    const cells = [];
    for (let c = 1; c <= colCount; c++) {
      const cell = s?.cell(r, c);
      const isSel = r === sel.row && c === sel.column;
      const address = `${columnLetters(c)}${r}`;
      if (editing && editing.row === r && editing.column === c) {
        cells.push(
          <input
            key={c}
            autoFocus
            aria-label={`Edit ${address}`}
            className={styles.editor}
            value={editing.text}
            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter") commit(editing.text, r, c);
              else if (e.key === "Escape") {
                setEditing(null);
                scroller.current?.focus();
              }
            }}
            onBlur={() => commit(editing.text, r, c)}
          />,
        );
        continue;
      }
      const v = cell?.value;
      const text = shownValue(v);
      const isError = typeof v === "string" && /^#[A-Z/0-9!?]+$/.test(v);
      const cls = [styles.cell, typeof v === "number" ? styles.number : "", cell?.formula ? styles.formula : "", isError ? styles.error : "", isSel ? styles.selected : ""].join(" ");
      cells.push(
        <div
          key={c}
          role="gridcell"
          aria-selected={isSel}
          data-address={address}
          title={isError ? (cellMessages.get(`${sheet}!${address}`) ?? text) : text}
          className={cls}
          onMouseDown={() => select(r, c)}
          onDoubleClick={() => setEditing({ row: r, column: c, text: entryText(workbook, sheet, address) })}
        >
          {text}
        </div>,
      );
    }
    rows.push(
      <div key={r} role="row" aria-rowindex={r + 1} className={styles.row} style={{ top: r * ROW_HEIGHT }}>
        <div role="rowheader" className={`${styles.cell} ${styles.head}`} style={{ width: HEAD_WIDTH, minWidth: HEAD_WIDTH }}>
          {r}
        </div>
        {cells}
      </div>,
    );
  }

  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <input aria-label="Name box" className={styles.name} readOnly value={`${columnLetters(sel.column)}${sel.row}`} />
        <span aria-hidden="true">fx</span>
        <input
          aria-label="Formula bar"
          className={styles.fx}
          value={fx}
          onChange={(e) => setFx(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              onEdit(sel.row, sel.column, fx);
              scroller.current?.focus();
            }
          }}
        />
      </div>
      <div
        ref={scroller}
        className={styles.scroller}
        tabIndex={0}
        role="grid"
        aria-label={`Sheet ${sheet}`}
        aria-rowcount={rowCount + 1}
        aria-colcount={colCount + 1}
        data-testid="grid"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKey}
      >
        <div style={{ height: (rowCount + 1) * ROW_HEIGHT, width: HEAD_WIDTH + colCount * COL_WIDTH, position: "relative" }}>
          <div role="row" className={styles.colHead} style={{ width: HEAD_WIDTH + colCount * COL_WIDTH }}>
            <div className={`${styles.cell} ${styles.head}`} style={{ width: HEAD_WIDTH, minWidth: HEAD_WIDTH, zIndex: 3 }} />
            {Array.from({ length: colCount }, (_, i) => (
              <div key={i} role="columnheader" className={`${styles.cell} ${styles.head}`} style={{ position: "static" }}>
                {columnLetters(i + 1)}
              </div>
            ))}
          </div>
          {rows}
        </div>
      </div>
    </div>
  );
}
