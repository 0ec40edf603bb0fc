/**
 * `diffMethod`: recompute a bundle's records under another factor library version or other settings
 * (GWP set, factor year, allocation...) and report what changes and by how much, per ledger line and
 * per total, absolute and in per cent of the stated value. Absolute changes are exact; per cents are
 * rounded at the edge to 6 decimal places.
 */
import { Dec, ZERO, plain } from "../quantities/decimal";
import { ENTRY } from "../bundle/manifest";
import { recomputeSubmission, type RecomputeOptions } from "./recompute";

export interface MethodChange {
  ledger: "inventory" | "avoided" | "materialFlow";
  /** A line code ("inventory/scope3.cat4/WTW") or a total ("inventory: totalLocationBased"). */
  line: string;
  unit: string;
  stated: string;
  recomputed: string;
  change: string;
  /** change / stated x 100, 6 decimal places; null when the stated value is zero. */
  percent: string | null;
}

export interface MethodDiff {
  changes: MethodChange[];
  /** Every line and total, changed or not. */
  lines: MethodChange[];
  rows: number;
  rowsChanged: number;
  /** Rows that compute under the bundle's versions but not under the other ones (e.g. a factor that is not in the other library). */
  rowsRejected: number;
  notes: string[];
}

const HUNDRED = new Dec(100);

function change(ledger: MethodChange["ledger"], line: string, unit: string, stated: string, recomputed: string): MethodChange {
  const a = new Dec(stated);
  const b = new Dec(recomputed);
  const d = b.minus(a);
  return { ledger, line, unit, stated, recomputed, change: plain(d), percent: a.isZero() ? null : plain(d.times(HUNDRED).div(a).toDecimalPlaces(6)) };
}

type Byline = Array<{ code: string; value: string; unit: string }>;

/** Recomputes under other versions/settings (in `options`) and lists the changes. */
export function diffMethod(entries: ReadonlyMap<string, Uint8Array>, options: RecomputeOptions): MethodDiff {
  const report = recomputeSubmission(entries, { ...options, maxRowFindings: 0 });
  const notes = report.findings.filter((f) => f.type === "error").map((f) => f.message);
  const lines: MethodChange[] = [];
  const read = (name: string): Record<string, unknown> => {
    const b = entries.get(name);
    return b ? (JSON.parse(new TextDecoder().decode(b)) as Record<string, unknown>) : {};
  };
  const ledgers: Array<[MethodChange["ledger"], string, string[]]> = [
    ["inventory", ENTRY.ledgerInventory, ["scope1", "scope2Location", "scope2Market", "scope3Total", "totalLocationBased", "totalMarketBased"]],
    ["avoided", ENTRY.ledgerAvoided, ["recycling", "recyclingReservedToUser", "total"]],
    ["materialFlow", ENTRY.ledgerMaterialFlow, ["assetsTotal", "outputsTotal"]],
  ];
  for (const [ledger, entry, keys] of ledgers) {
    const stated = read(entry);
    const now = report.recomputed.ledgers[ledger] as Record<string, unknown> | null;
    const sb = new Map(((stated.byLineCode ?? []) as Byline).map((l) => [l.code, l]));
    const nb = new Map((((now?.byLineCode ?? []) as Byline)).map((l) => [l.code, l]));
    for (const code of [...new Set([...sb.keys(), ...nb.keys()])].sort()) {
      const s = sb.get(code);
      const n = nb.get(code);
      lines.push(change(ledger, code, (s ?? n)!.unit, s?.value ?? "0", n?.value ?? "0"));
    }
    const unit = ledger === "materialFlow" ? "kg" : "kg CO2e";
    for (const k of keys) {
      const s = stated[k];
      const n = now?.[k];
      if (typeof s === "string" || typeof n === "string") lines.push(change(ledger, `${ledger}: ${k}`, unit, typeof s === "string" ? s : "0", typeof n === "string" ? n : "0"));
    }
  }
  const changes = lines.filter((l) => !new Dec(l.change).eq(ZERO));
  if (report.rowsRejected) notes.push(`${report.rowsRejected} row(s) computed under the bundle's versions are rejected under these (see the recompute findings); their lines are missing from the recomputed totals`);
  return { changes, lines, rows: report.rows, rowsChanged: report.rowsDiffering, rowsRejected: report.rowsRejected, notes };
}
