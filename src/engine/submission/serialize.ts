/**
 * How a pipeline run is written into a bundle, and read back: record references, per-row result
 * lines, ledgers and disclosures as JSON (Decimals as decimal strings, never floating point), and the
 * settings a recompute needs. `assembleSubmission` and `recomputeSubmission` share these functions,
 * so a bundle and its recompute are serialized by the very same code.
 */
import { Dec } from "../quantities/decimal";
import type { Result } from "../trace/trace";
import { MAX_FAST_DEPTH, canonicalJsonLine, jsonString, keyShape, type JsonValue } from "../bundle/canonical-json";
import type { Ledgers, LineTotal, PipelineSettings, RecordKind } from "../pipeline";
import type { MaterialFlowLedger } from "../ledgers";

/** The reference of a record, as sampling and findings use it: "dispositions#12". */
export function rowRef(kind: RecordKind | string, row: number | string): string {
  return `${kind}#${row}`;
}

/**
 * A value made safe for canonical JSON: numbers that are not safe integers become their exact
 * decimal string (12.5 -> "12.5", 1e-7 -> "0.0000001"), non-finite numbers their text, Decimals
 * their plain string. The value a pipeline kernel reads from "12.5" equals the one it reads from 12.5.
 */
export function jsonSafe(value: unknown): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return Object.is(value, -0) ? 0 : value;
    return numberText(value);
  }
  if (value === undefined) return null;
  if (Dec.isDecimal(value)) return (value as Dec).isFinite() ? (value as Dec).toFixed() : String(value);
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v));
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined && typeof v !== "function") out[k] = jsonSafe(v);
    return out;
  }
  return String(value);
}

/**
 * `canonicalJsonLine(jsonSafe(value))` in one pass, without the intermediate copy (records.jsonl
 * writes every record this way). Anything unusual (array holes, keys that start with a digit or are
 * "__proto__", functions, very deep nesting) takes that reference expression itself.
 */
export function jsonSafeLine(value: unknown): string {
  return safeCompactOrNull(value, 0) ?? canonicalJsonLine(jsonSafe(value));
}

function safeCompactOrNull(value: unknown, depth: number): string | null {
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (Number.isSafeInteger(value)) return value === 0 ? "0" : String(value);
      return jsonString(numberText(value));
    case "undefined":
      return "null";
    case "object":
      break;
    default:
      return null;
  }
  if (value === null) return "null";
  if (depth > MAX_FAST_DEPTH) return null;
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return null;
      const s = safeCompactOrNull(value[i], depth + 1);
      if (s === null) return null;
      out += i === 0 ? s : "," + s;
    }
    return out + "]";
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if (!Dec.isDecimal(value)) return null;
    const d = value as Dec;
    return jsonString(d.isFinite() ? d.toFixed() : String(d));
  }
  const shape = keyShape(Object.keys(value));
  if (shape === null || shape.tagKey) return null;
  let out = "{";
  const { sorted, heads, tails } = shape;
  for (let i = 0; i < sorted.length; i++) {
    const v = (value as Record<string, unknown>)[sorted[i]!];
    if (v === undefined || typeof v === "function") continue;
    const s = safeCompactOrNull(v, depth + 1);
    if (s === null) return null;
    out += (out.length === 1 ? heads[i] : tails[i]) + s;
  }
  return out + "}";
}

/**
 * The decimal text of a JS number that is not a safe integer, as `jsonSafe` writes it
 * (`new Dec(x).toFixed()`): that is the number's shortest round-trip text whenever that text has no
 * exponent (decimal.js reads it digit for digit and writes it back unchanged), so the Decimal is only
 * built for exponent forms and non-finite numbers.
 */
function numberText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const s = String(x);
  return s.indexOf("e") < 0 ? s : new Dec(x).toFixed();
}

/** Settings as written in settings.json (no callbacks, no batch size; numbers as decimal strings). */
export function settingsJson(s: PipelineSettings): JsonValue {
  const { onProgress: _p, batchSize: _b, ...rest } = s;
  return jsonSafe(rest);
}

/** Settings read back from settings.json. */
export function settingsFromJson(v: unknown): PipelineSettings {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("settings.json is not an object");
  const s = v as Record<string, unknown>;
  if (typeof s.reportingPeriod !== "string") throw new Error("settings.json has no reportingPeriod");
  return s as unknown as PipelineSettings;
}

/** One line of a row's result, as in results.jsonl. */
export interface ResultLineJson {
  code: string;
  value: string;
  unit: string;
}

export function resultJson(r: Result | null | undefined): JsonValue {
  return r ? { value: r.value, unit: r.unit } : null;
}

function totalsJson(totals: readonly LineTotal[], ledger: string): JsonValue {
  return totals.filter((t) => t.code.ledger === ledger).map((t) => ({ code: t.code.id, value: t.value, unit: t.code.unit, rows: t.count, inTotal: t.code.inTotal }));
}

/** The three ledgers as JSON, each with its per-line-code totals. */
export function ledgersJson(ledgers: Ledgers, totals: readonly LineTotal[], materialFlow: MaterialFlowLedger | null): { inventory: JsonValue; materialFlow: JsonValue; avoided: JsonValue } {
  return {
    inventory: jsonSafe({ ...ledgers.inventory, byLineCode: totalsJson(totals, "inventory") }),
    avoided: jsonSafe({
      ...ledgers.avoided,
      byLineCode: totalsJson(totals, "avoided"),
      note: "Avoided emissions are reported beside the inventory, never netted against it (GHG Protocol Scope 3 Standard §9.5).",
    }),
    materialFlow: jsonSafe({
      ...ledgers.materialFlow,
      byLineCode: totalsJson(totals, "materialFlow"),
      massBalance: materialFlow ? materialFlow.massBalance : null,
    }),
  };
}

export { disclosuresFromTotals, type RunDisclosures } from "../pipeline/disclosures";
import type { RunDisclosures } from "../pipeline/disclosures";

const NOT_BUILT_MASS_BALANCE = "not built: the run settings give no site mass balance (settings.massBalance: received, stockChange), which GRI 306 and ESRS E5-5 need";

/** disclosures.json: GRI 306-3/4/5, ESRS E5-5 (material flow) and ESRS E1-6 (GHG), as JSON. */
export function disclosuresJson(d: RunDisclosures): { gri306_3: JsonValue; gri306_4: JsonValue; gri306_5: JsonValue; esrsE5_5: JsonValue; esrsE1_6: JsonValue } {
  const why = (fallback: string) => ({ status: "not built", reason: d.issues.length ? d.issues.map((i) => `${i.code}: ${i.message}`).join("; ") : fallback });
  const mf = d.materialFlow;
  const g = d.ghg;
  return {
    gri306_3: mf ? jsonSafe({ unit: mf.unit, scope: mf.scope, ...mf.gri306_3, massBalance: mf.massBalance }) : why(NOT_BUILT_MASS_BALANCE),
    gri306_4: mf ? jsonSafe({ unit: mf.unit, scope: mf.scope, ...mf.gri306_4 }) : why(NOT_BUILT_MASS_BALANCE),
    gri306_5: mf ? jsonSafe({ unit: mf.unit, scope: mf.scope, ...mf.gri306_5 }) : why(NOT_BUILT_MASS_BALANCE),
    esrsE5_5: mf ? jsonSafe({ unit: mf.unit, scope: mf.scope, ...mf.esrsE5_5, rates: mf.rates, choices: mf.choices, flags: mf.flags }) : why(NOT_BUILT_MASS_BALANCE),
    esrsE1_6: g
      ? jsonSafe({
          unit: g.inventory.unit,
          scope1: resultJson(g.inventory.scope1),
          scope2: { locationBased: resultJson(g.inventory.scope2.locationBased), marketBased: resultJson(g.inventory.scope2.marketBased) },
          scope3: { byCategory: g.inventory.scope3.byCategory.map((c) => ({ category: c.category, name: c.name, total: resultJson(c.total) })), total: resultJson(g.inventory.scope3.total) },
          totalLocationBased: resultJson(g.inventory.totalLocationBased),
          totalMarketBased: resultJson(g.inventory.totalMarketBased),
          notes: [...g.notes],
        })
      : why("not built"),
  };
}
