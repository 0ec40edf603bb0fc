/**
 * The shape of a shipped factor library (data/factors/<library>/<version>/).
 * `library.json` describes the library; `factors.json` holds the factors.
 * Values are decimal strings; nothing is a float.
 */
import { z } from "zod";

const decimalString = z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, "decimal string");

export const GWP_BASES = ["AR4", "AR5", "AR6", "mixed", "not-applicable"] as const;
export type GwpBasis = (typeof GWP_BASES)[number];

export const BOUNDARIES = [
  "TTW", // tank-to-wheel / direct combustion
  "WTT", // well-to-tank / upstream of fuel or energy
  "WTW", // well-to-wheel = TTW + WTT
  "generation", // electricity generation (Scope 2)
  "T&D", // transmission & distribution losses
  "lifecycle", // life-cycle intensity (e.g. Ember)
  "cradle-to-gate",
  "cradle-to-grave",
  "end-of-life",
  "net-lifecycle", // WARM net factors
  "direct",
] as const;
export type Boundary = (typeof BOUNDARIES)[number];

export const FactorSchema = z
  .object({
    /** Stable id within the library family, e.g. "desnz.freight.hgv.all-diesel.average-laden.ttw". */
    id: z.string().min(3).regex(/^[a-z0-9][a-z0-9._:+-]*$/, "lower-case id of letters, digits, . _ : + -"),
    /** Human label. */
    label: z.string().min(1),
    value: decimalString,
    /** Result unit per activity unit, e.g. "kg CO2e/t.km". */
    unit: z.string().min(3),
    /** Unit of the numerator ("kg CO2e", "kg CO2", "g CH4"). */
    numeratorUnit: z.string().min(1),
    /** Activity unit (denominator), a symbol of src/engine/quantities/units where one exists. */
    activityUnit: z.string().min(1),
    /** Gas: CO2e (total, already characterised) or a single gas. */
    gas: z.enum(["CO2e", "CO2", "CH4", "N2O", "CO2e-CO2", "CO2e-CH4", "CO2e-N2O"]),
    boundary: z.enum(BOUNDARIES),
    /** ISO 3166-1 alpha-2/alpha-3 code, eGRID subregion, "GLOBAL", "US", "UK"... */
    region: z.string().min(2),
    /** Year the factor applies to (data year or publication year as the library states). */
    year: z.number().int().min(1990).max(2100),
    /** GHG Protocol scope the publisher assigns, when it does. */
    scope: z.string().optional(),
    /** Publisher's own category path, e.g. ["Freighting goods","HGV (all diesel)","All HGVs","Average laden"]. */
    category: z.array(z.string()),
    /** Where in the source document the value sits: table/sheet and row reference. */
    sourceTable: z.string().min(1),
    sourceRow: z.string().min(1),
    /** Free-form qualifier notes from the source. */
    notes: z.string().optional(),
    /** Set when this factor is a proxy for something else; the text says what for. */
    proxyFor: z.string().optional(),
  })
  .strict();
export type Factor = z.infer<typeof FactorSchema>;

export const LibraryMetaSchema = z
  .object({
    /** Library id, e.g. "desnz-2025". */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    /** Our packaging version of this library (semver); a released version never changes. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    title: z.string(),
    publisher: z.string(),
    /** Publisher's edition, e.g. "2025 v1.0 (updated 2025-06-10)". */
    edition: z.string(),
    year: z.number().int(),
    sourceUrl: z.string().url(),
    /** Source files (kept under data/sources/) the importer read, with their SHA-256. */
    sourceFiles: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
    licence: z.object({ id: z.string(), name: z.string(), url: z.string().url() }),
    attribution: z.string().min(10),
    gwpBasis: z.enum(GWP_BASES),
    gwpNote: z.string().optional(),
    importer: z.string(),
    /** SHA-256 of the exact bytes of factors.json. */
    dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
    factorCount: z.number().int().nonnegative(),
    changelog: z.array(z.object({ version: z.string(), note: z.string() })),
    caveats: z.array(z.string()),
  })
  .strict();
export type LibraryMeta = z.infer<typeof LibraryMetaSchema>;

export const FactorsFileSchema = z.array(FactorSchema);
