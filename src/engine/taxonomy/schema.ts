/**
 * Shapes of the taxonomy tables shipped under data/taxonomy/. The engine never
 * imports the files: callers pass the parsed JSON to `loadTaxonomy`, which
 * validates it against these schemas.
 */
import { z } from "zod";

const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, "decimal string");
const nullableDecimal = decimalString.nullable();

const categoryRef = z.object({
  number: z.number().int(),
  label: z.string(),
  sourceLabel: z.string(),
  cbsCode: z.string(),
});

const weibull = z.object({ shape: nullableDecimal, scale: nullableDecimal }).nullable();

export const UnuKeySchema = z.object({
  key: z.string().regex(/^\d{4}$/),
  description: z.string(),
  eu6: categoryRef,
  eu10: categoryRef,
  pendingConfirmation: z.string().optional(),
  notes: z.array(z.string()),
  introductionYear: z.number().int().nullable(),
  unitWeightKg: z.object({ kg: decimalString, year: z.number().int(), country: z.null(), rule: z.string() }),
  unitWeightSeriesKg: z.array(z.object({ year: z.number().int(), country: z.string().nullable(), kg: decimalString })),
  hs6: z.array(z.object({ code: z.string(), description: z.string(), sourceLine: z.number().int() })),
  cn8: z.array(z.object({ code: z.string(), years: z.array(z.number().int()) })),
  lifespan: z
    .object({
      sourceLine: z.number().int(),
      weibullUnu2015: weibull,
      weibull2023: weibull,
      note2023: z.string().nullable(),
      weibullCollated: weibull,
      medianYears: nullableDecimal,
      meanYears: nullableDecimal,
    })
    .nullable(),
});
export type UnuKey = z.infer<typeof UnuKeySchema>;

export const UnuKeysFileSchema = z.object({
  id: z.literal("unu-keys"),
  version: z.string(),
  eu6Categories: z.array(z.object({ number: z.number().int(), label: z.string() })),
  eu10Categories: z.array(z.object({ number: z.number().int(), label: z.string() })),
  keys: z.array(UnuKeySchema).length(54),
});

const tableHead = { id: z.string(), version: z.string(), title: z.string(), basis: z.string() };

export const FractionSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9-]*$/),
  label: z.string(),
  kind: z.enum(["component", "material"]),
  hazardousDefault: z.boolean(),
  ewcHint: z.string().nullable(),
  r2FocusMaterial: z.boolean(),
  basis: z.enum(["brief", "P"]),
  notes: z.string(),
});
export type Fraction = z.infer<typeof FractionSchema>;
export const FractionsFileSchema = z.object({ ...tableHead, classes: z.array(FractionSchema) });

export const DispositionSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z-]*$/),
  label: z.string(),
  group: z.enum(["diverted", "directed", "pending"]),
  gri306: z.object({ disclosure: z.enum(["306-4", "306-5"]), line: z.string() }).nullable(),
  esrsE5: z.object({ paragraph: z.string(), line: z.string(), projectChoice: z.boolean().optional() }).nullable(),
  wfdOperation: z.string().nullable(),
  synonyms: z.array(z.string()),
  notes: z.string(),
});
export type Disposition = z.infer<typeof DispositionSchema>;
export const DispositionsFileSchema = z.object({ ...tableHead, dispositions: z.array(DispositionSchema) });

export const StageSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  synonyms: z.array(z.string()),
  ledgerRoles: z.array(z.string()),
});
export type Stage = z.infer<typeof StageSchema>;
export const StagesFileSchema = z.object({ ...tableHead, stages: z.array(StageSchema) });

const factorIds = z.record(z.string(), z.string());
export const ModeSchema = z.object({
  id: z.string().regex(/^[a-z]+(\.[a-z-]+)*$/),
  label: z.string(),
  synonyms: z.array(z.string()),
  defaultFactors: z.object({ desnz2025: factorIds.nullable(), epaHub2025: factorIds.nullable() }),
  glecNote: z.string(),
  notes: z.string(),
  alternatives: z.array(z.string()).optional(),
});
export type Mode = z.infer<typeof ModeSchema>;
export const ModesFileSchema = z.object({ ...tableHead, modes: z.array(ModeSchema) });

export const CarrierSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(["electricity", "gaseous", "liquid", "solid", "heat"]),
  synonyms: z.array(z.string()),
  defaultFactors: z.object({ desnz2025: factorIds.nullable(), epaHub2025: factorIds.nullable() }),
  notes: z.string(),
});
export type Carrier = z.infer<typeof CarrierSchema>;
export const CarriersFileSchema = z.object({ ...tableHead, carriers: z.array(CarrierSchema) });

export const GWP_REPORTS = ["AR4", "AR5", "AR6"] as const;
export type GwpReport = (typeof GWP_REPORTS)[number];

const gwpValue = z.object({
  value: nullableDecimal,
  source: z.string().nullable(),
  confirmed: z.boolean(),
  note: z.string().optional(),
});
export const GasSchema = z.object({
  id: z.string(),
  label: z.string(),
  ashrae: z.string().nullable(),
  synonyms: z.array(z.string()),
  kind: z.literal("single"),
  gwp100: z.object({ AR4: gwpValue, AR5: gwpValue, AR6: gwpValue }),
  otherValues: z.array(z.object({ value: decimalString, source: z.string() })).optional(),
});
export const BlendSchema = z.object({
  id: z.string(),
  label: z.string(),
  ashrae: z.string(),
  synonyms: z.array(z.string()),
  kind: z.literal("blend"),
  composition: z.array(z.object({ gas: z.string(), massFraction: decimalString })).min(2),
  compositionSource: z.string(),
});
export const RefrigerantsFileSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  basis: z.string(),
  gases: z.array(GasSchema),
  blends: z.array(BlendSchema),
});

const crosswalkSide = z.object({ proxy: z.boolean(), rationale: z.string() });
export const CrosswalkRowSchema = z.object({
  key: z.string(),
  description: z.string(),
  desnz: crosswalkSide.extend({
    wasteClass: z.enum(["fridges-and-freezers", "large", "mixed", "small", "batteries"]),
    wasteFactorIds: factorIds,
    materialUseClass: z.string().nullable(),
    materialUseFactorId: z.string().nullable(),
  }),
  epa: crosswalkSide.extend({ row: z.string(), label: z.string(), factorIds }),
});
export type CrosswalkRow = z.infer<typeof CrosswalkRowSchema>;
export const CrosswalksFileSchema = z.object({
  id: z.string(),
  version: z.string(),
  basis: z.string(),
  batteries: z.object({ desnzWasteFactorIds: factorIds, desnzMaterialUseFactorIds: factorIds }),
  rows: z.array(CrosswalkRowSchema),
});

export const LexiconRuleSchema = z.object({
  id: z.string(),
  kind: z.enum(["generic", "form", "family", "pattern", "brand"]),
  key: z.string().regex(/^\d{4}$/),
  weight: z.number().int().positive(),
  pattern: z.string().min(1),
  note: z.string().optional(),
});
export type LexiconRule = z.infer<typeof LexiconRuleSchema>;
export const LexiconFileSchema = z.object({ id: z.string(), version: z.string(), rules: z.array(LexiconRuleSchema) });
