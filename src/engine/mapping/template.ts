/**
 * The mapping template: which row is the header, which column is which field (with
 * its unit and the confidence of the suggestion), value overrides (this text -> that
 * taxonomy id), required fields, and whether the user confirmed it. Stored in the
 * workbook, exported and re-imported as JSON; the `schema` and `version` fields say
 * how to read it.
 */
import { z } from "zod";
import { issue, type Issue, type Outcome } from "../issues/issue";
import { findUnit } from "../quantities/units";
import { FIELD_IDS, fieldDef } from "./fields";

export const MAPPING_SCHEMA_ID = "esg-mapping";
export const MAPPING_VERSION = 1;

export const ColumnMappingSchema = z
  .object({
    /** 0-based column within the source range. */
    index: z.number().int().min(0),
    header: z.string(),
    field: z.enum(FIELD_IDS).nullable(),
    /** Unit symbol for a quantity column whose cells carry no unit (from the header or set by the user). */
    unit: z.string().optional(),
    decimalComma: z.boolean().optional(),
    dateOrder: z.enum(["dmy", "mdy", "ymd"]).optional(),
    confidence: z.number().min(0).max(1),
    confirmed: z.boolean(),
  })
  .strict();

export const ValueOverrideSchema = z.object({ field: z.enum(FIELD_IDS), from: z.string(), to: z.string() }).strict();

export const MappingTemplateSchema = z
  .object({
    schema: z.literal(MAPPING_SCHEMA_ID),
    version: z.literal(MAPPING_VERSION),
    source: z.object({ sheet: z.string().optional(), table: z.string().optional(), address: z.string().optional() }).strict(),
    /** 1-based row of the header within the source range. */
    headerRow: z.number().int().min(1),
    columns: z.array(ColumnMappingSchema),
    valueOverrides: z.array(ValueOverrideSchema),
    /** Fields every row must have; a row without one is rejected. */
    required: z.array(z.enum(FIELD_IDS)),
    confirmed: z.boolean(),
  })
  .strict();

export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
export type ValueOverride = z.infer<typeof ValueOverrideSchema>;
export type MappingTemplate = z.infer<typeof MappingTemplateSchema>;

/** Semantic checks zod cannot express: known units of the right dimension, each field mapped once. */
export function templateProblems(t: MappingTemplate): Issue[] {
  const out: Issue[] = [];
  const byField = new Map<string, number[]>();
  for (const c of t.columns) {
    if (c.field === null) continue;
    byField.set(c.field, [...(byField.get(c.field) ?? []), c.index]);
    if (c.unit !== undefined) {
      const def = fieldDef(c.field);
      const u = findUnit(c.unit);
      if (!u) out.push(issue("UNKNOWN_UNIT", { argument: c.header, value: c.unit, expected: "a unit symbol (kg, lb, t, km, mi, kWh, ...)" }));
      else if (def.dimension && u.dimension !== def.dimension) out.push(issue("INCOMPATIBLE_UNITS", { argument: c.header, from: u.symbol, to: def.dimension }));
    }
  }
  for (const [field, columns] of byField) {
    if (columns.length > 1) out.push(issue("MAPPING_FIELD_TWICE", { field, columns: columns.map((i) => i + 1).join(", ") }));
  }
  return out;
}

/** Canonical JSON of a template (key order fixed by the schema). */
export function exportTemplate(t: MappingTemplate): string {
  return JSON.stringify(MappingTemplateSchema.parse(t), null, 2);
}

/** Reads a template from JSON text or a parsed object; never throws. */
export function importTemplate(input: string | unknown): Outcome<MappingTemplate> {
  let raw: unknown = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      return { ok: false, issue: issue("MAPPING_TEMPLATE_INVALID", { detail: `not JSON (${(e as Error).message})` }) };
    }
  }
  if (typeof raw === "object" && raw !== null && (raw as { schema?: unknown }).schema === MAPPING_SCHEMA_ID) {
    const v = (raw as { version?: unknown }).version;
    if (v !== MAPPING_VERSION) return { ok: false, issue: issue("MAPPING_TEMPLATE_VERSION", { value: String(v), expected: String(MAPPING_VERSION) }) };
  }
  const parsed = MappingTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issue: issue("MAPPING_TEMPLATE_INVALID", { detail: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") }),
    };
  }
  const problems = templateProblems(parsed.data);
  if (problems.length > 0) return { ok: false, issue: problems[0]! };
  return { ok: true, value: parsed.data };
}
