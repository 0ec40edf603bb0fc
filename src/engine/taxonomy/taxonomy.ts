/**
 * The taxonomy as a value: UNU-KEYs, fractions, dispositions, stages, modes,
 * carriers, refrigerants and crosswalks, validated once and indexed for lookup.
 * Unknown ids fail with UNKNOWN_ID and near-match suggestions.
 */
import { z } from "zod";
import { Dec } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { suggest } from "../issues/suggest";
import {
  CarriersFileSchema,
  CrosswalksFileSchema,
  DispositionsFileSchema,
  FractionsFileSchema,
  GWP_REPORTS,
  LexiconFileSchema,
  ModesFileSchema,
  RefrigerantsFileSchema,
  StagesFileSchema,
  UnuKeysFileSchema,
  type Carrier,
  type CrosswalkRow,
  type Disposition,
  type Fraction,
  type GwpReport,
  type LexiconRule,
  type Mode,
  type Stage,
  type UnuKey,
} from "./schema";
import { compileClassifier, type Classification, type Classifier } from "./classify";

export interface RawTaxonomy {
  unuKeys: unknown;
  fractions: unknown;
  dispositions: unknown;
  stages: unknown;
  modes: unknown;
  carriers: unknown;
  refrigerants: unknown;
  crosswalks: unknown;
  lexicon: unknown;
}

export interface GwpValue {
  gas: string;
  report: GwpReport;
  value: Dec;
  /** "table" for a single gas as tabulated; "blend" when computed from the composition. */
  derivation: "table" | "blend";
  source: string;
  confirmed: boolean;
  note?: string;
}

export interface Refrigerant {
  id: string;
  label: string;
  ashrae: string | null;
  kind: "single" | "blend";
  composition?: ReadonlyArray<{ gas: string; massFraction: string }>;
  gwp100: Record<GwpReport, GwpValue | null>;
}

export interface Taxonomy {
  readonly versions: Record<string, string>;
  readonly unuKeys: readonly UnuKey[];
  category(key: string): UnuKey;
  fraction(code: string): Fraction;
  disposition(idOrSynonym: string): Disposition;
  stage(idOrSynonym: string): Stage;
  mode(idOrSynonym: string): Mode;
  carrier(idOrSynonym: string): Carrier;
  refrigerant(idOrSynonym: string): Refrigerant;
  gwp(gas: string, report: GwpReport): GwpValue;
  crosswalk(key: string): CrosswalkRow;
  /** EU-wide default unit weight, or the series row for a year (and country) when given. */
  unitWeightKg(key: string, options?: { year?: number; country?: string }): { kg: Dec; year: number; country: string | null };
  classify(text: string): Classification | null;
  readonly classifier: Classifier;
  readonly lexicon: readonly LexiconRule[];
}

/** Lower-case, single-spaced form used for id and synonym matching. */
export function normaliseTerm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\s]+/g, " ")
    .trim();
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    fail("LIBRARY_INVALID", { library: `taxonomy/${what}`, detail: result.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
  }
  return result.data;
}

/** Index of ids and synonyms (normalised) to entries; a synonym used twice is a data error. */
function index<T>(what: string, items: readonly T[], id: (t: T) => string, synonyms: (t: T) => readonly string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const own = normaliseTerm(id(item));
    for (const term of [own, ...synonyms(item).map(normaliseTerm)]) {
      const prior = map.get(term);
      if (prior !== undefined && prior !== item) {
        fail("LIBRARY_INVALID", { library: `taxonomy/${what}`, detail: `term '${term}' names both '${id(prior)}' and '${id(item)}'` });
      }
      map.set(term, item);
    }
  }
  return map;
}

function lookup<T>(map: Map<string, T>, value: string, what: string, argument: string, ids: readonly string[]): T {
  const hit = map.get(normaliseTerm(value));
  if (hit === undefined) fail("UNKNOWN_ID", { argument, what, value }, suggest(value, ids.length > 0 ? [...ids, ...map.keys()] : map.keys()));
  return hit;
}

export function loadTaxonomy(raw: RawTaxonomy): Taxonomy {
  const unu = parse(UnuKeysFileSchema, raw.unuKeys, "unu-keys");
  const fractions = parse(FractionsFileSchema, raw.fractions, "fractions");
  const dispositions = parse(DispositionsFileSchema, raw.dispositions, "dispositions");
  const stages = parse(StagesFileSchema, raw.stages, "stages");
  const modes = parse(ModesFileSchema, raw.modes, "modes");
  const carriers = parse(CarriersFileSchema, raw.carriers, "carriers");
  const refrigerants = parse(RefrigerantsFileSchema, raw.refrigerants, "refrigerants");
  const crosswalks = parse(CrosswalksFileSchema, raw.crosswalks, "crosswalks");
  const lexicon = parse(LexiconFileSchema, raw.lexicon, "classifier-lexicon");

  const keyMap = new Map(unu.keys.map((k) => [k.key, k]));
  const fractionMap = index("fractions", fractions.classes, (f) => f.code, () => []);
  const dispositionMap = index("dispositions", dispositions.dispositions, (d) => d.id, (d) => d.synonyms);
  const stageMap = index("stages", stages.stages, (s) => s.id, (s) => s.synonyms);
  const modeMap = index("modes", modes.modes, (m) => m.id, (m) => m.synonyms);
  const carrierMap = index("carriers", carriers.carriers, (c) => c.id, (c) => c.synonyms);
  const crosswalkMap = new Map(crosswalks.rows.map((r) => [r.key, r]));

  const single = new Map(refrigerants.gases.map((g) => [g.id, g]));
  const built: Refrigerant[] = [];
  for (const g of refrigerants.gases) {
    const gwp100 = {} as Record<GwpReport, GwpValue | null>;
    for (const report of GWP_REPORTS) {
      const v = g.gwp100[report];
      gwp100[report] =
        v.value === null
          ? null
          : { gas: g.id, report, value: new Dec(v.value), derivation: "table", source: v.source ?? "", confirmed: v.confirmed, ...(v.note ? { note: v.note } : {}) };
    }
    built.push({ id: g.id, label: g.label, ashrae: g.ashrae, kind: "single", gwp100 });
  }
  for (const b of refrigerants.blends) {
    let total = new Dec(0);
    for (const part of b.composition) {
      if (!single.has(part.gas)) fail("LIBRARY_INVALID", { library: "taxonomy/refrigerants", detail: `${b.id} names unknown component ${part.gas}` });
      total = total.plus(part.massFraction);
    }
    if (!total.equals(1)) fail("LIBRARY_INVALID", { library: "taxonomy/refrigerants", detail: `${b.id} mass fractions sum to ${total.toFixed()}` });
    const gwp100 = {} as Record<GwpReport, GwpValue | null>;
    for (const report of GWP_REPORTS) {
      const parts = b.composition.map((p) => ({ p, v: built.find((r) => r.id === p.gas)?.gwp100[report] ?? null }));
      if (parts.some((x) => x.v === null)) {
        gwp100[report] = null;
        continue;
      }
      let value = new Dec(0);
      for (const { p, v } of parts) value = value.plus(new Dec(p.massFraction).times(v!.value));
      gwp100[report] = {
        gas: b.id,
        report,
        value,
        derivation: "blend",
        source: `Mass-weighted sum of ${report} component values: ${b.composition.map((p) => `${p.massFraction} x ${p.gas}`).join(" + ")}`,
        confirmed: parts.every((x) => x.v!.confirmed),
      };
    }
    built.push({ id: b.id, label: b.label, ashrae: b.ashrae, kind: "blend", composition: b.composition, gwp100 });
  }
  const refrigerantMap = index(
    "refrigerants",
    built,
    (r) => r.id,
    (r) => [...(refrigerants.gases.find((g) => g.id === r.id)?.synonyms ?? refrigerants.blends.find((x) => x.id === r.id)?.synonyms ?? []), ...(r.ashrae && r.ashrae.toLowerCase() !== r.id ? [r.ashrae] : [])],
  );

  const classifier = compileClassifier(lexicon.rules, new Set(keyMap.keys()));

  const taxonomy: Taxonomy = {
    versions: {
      unuKeys: unu.version,
      fractions: fractions.version,
      dispositions: dispositions.version,
      stages: stages.version,
      modes: modes.version,
      carriers: carriers.version,
      refrigerants: refrigerants.version,
      crosswalks: crosswalks.version,
      lexicon: lexicon.version,
    },
    unuKeys: unu.keys,
    category(key) {
      const k = keyMap.get(key.trim().padStart(4, "0"));
      if (!k) fail("UNKNOWN_ID", { argument: "key", what: "UNU-KEY", value: key }, suggest(key, keyMap.keys()));
      return k;
    },
    fraction: (code) => lookup(fractionMap, code, "fraction class", "fraction", fractions.classes.map((f) => f.code)),
    disposition: (v) => lookup(dispositionMap, v, "disposition", "disposition", dispositions.dispositions.map((d) => d.id)),
    stage: (v) => lookup(stageMap, v, "value-chain stage", "stage", stages.stages.map((s) => s.id)),
    mode: (v) => lookup(modeMap, v, "transport mode", "mode", modes.modes.map((m) => m.id)),
    carrier: (v) => lookup(carrierMap, v, "energy carrier", "carrier", carriers.carriers.map((c) => c.id)),
    refrigerant: (v) => lookup(refrigerantMap, v, "refrigerant or gas", "gas", built.map((r) => r.id)),
    gwp(gas, report) {
      if (!(GWP_REPORTS as readonly string[]).includes(report)) {
        fail("INVALID_OPTION", { argument: "gwp", value: report, expected: GWP_REPORTS.join(", ") });
      }
      const r = taxonomy.refrigerant(gas);
      const v = r.gwp100[report];
      if (v === null) fail("FACTOR_NOT_PUBLISHED", { source: `IPCC ${report}`, what: `a GWP-100 of ${r.label}` });
      return v;
    },
    crosswalk(key) {
      const row = crosswalkMap.get(taxonomy.category(key).key);
      if (!row) fail("UNKNOWN_ID", { argument: "key", what: "crosswalk row", value: key });
      return row;
    },
    unitWeightKg(key, options = {}) {
      const k = taxonomy.category(key);
      if (options.year === undefined && options.country === undefined) {
        return { kg: new Dec(k.unitWeightKg.kg), year: k.unitWeightKg.year, country: null };
      }
      const country = options.country?.toUpperCase() ?? null;
      const year = options.year ?? k.unitWeightKg.year;
      const row = k.unitWeightSeriesKg.find((r) => r.year === year && r.country === country);
      if (!row) {
        fail("NO_FACTOR_FOR_SCOPE", {
          value: `unit weight ${k.key}`,
          scope: `${country ?? "EU-wide"} ${year}`,
          available: `${k.unitWeightSeriesKg[0]?.year ?? ""}-${k.unitWeightSeriesKg.at(-1)?.year ?? ""}`,
        });
      }
      return { kg: new Dec(row.kg), year: row.year, country: row.country };
    },
    classify: (text) => classifier.classify(text),
    classifier,
    lexicon: lexicon.rules,
  };
  return taxonomy;
}
