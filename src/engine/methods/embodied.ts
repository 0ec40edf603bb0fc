/**
 * Embodied (cradle-to-gate, manufacturing) footprint of one new unit, kg CO2e/unit:
 * the EF_new of the reuse credit (method brief §5.2 [P]; source priority: manufacturer
 * PCF of the same model -> model-family PCF -> category average from a versioned library).
 *
 * The key is one of
 *   - a number: the footprint itself, kg CO2e/unit (user-supplied, e.g. a manufacturer PCF);
 *   - a factor id in kg CO2e/unit (e.g. a Boavizta per-product `...embodied` factor);
 *   - a UNU-KEY: the median of the Boavizta category mapped to that key (a proxy: a category
 *     average stands in for the model's own PCF). Where several Boavizta categories map to one
 *     key, the one with the largest sample (most manufacturer PCFs behind the median) is used,
 *     unless a category is named; the trace says which and why.
 *
 * The Boavizta subcategory -> UNU-KEY map (the library's unu-key-map.json) and the registry are
 * passed in; nothing here reads data.
 */
import { Dec, toDec } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { suggest } from "../issues/suggest";
import { TraceBuilder, type Result } from "../trace/trace";
import { traceOfFactor, userFactor, type FactorQuery, type FactorRegistry } from "../factors/registry";
import type { Taxonomy } from "../taxonomy";
import { methodOf, type NumberLike } from "./avoided-common";

const CLAUSE = "§5.2 EF_new of the reuse credit: manufacturer PCF -> model-family PCF -> category average (versioned library) [P]";
const UNIT = "kg CO2e/unit";

/** Id of the Boavizta category median for a category slug (e.g. "laptop"). */
export function boaviztaCategoryFactorId(slug: string): string {
  return `boavizta.category.${slug}.embodied.median`;
}

/** "Thin Client" -> "thin-client"; "IoT" -> "iot". */
export function boaviztaSlug(subcategory: string): string {
  return subcategory
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** One Boavizta category with a median in the registry, mapped to a UNU-KEY. */
export interface EmbodiedCategory {
  /** Slug, e.g. "laptop". */
  slug: string;
  /** Boavizta subcategory names mapped (e.g. "Thin Client", "Thin client"). */
  subcategories: string[];
  factorId: string;
  /** Number of manufacturer PCFs behind the median (from the factor's source row), 0 if not stated. */
  sampleSize: number;
}

function sampleSizeOf(registry: FactorRegistry, id: string): number {
  const v = registry.variants(id)[0];
  const m = v ? /\(n = (\d+)\)/.exec(v.factor.sourceRow) ?? /\bn = (\d+)/.exec(v.factor.notes ?? "") : null;
  return m ? Number(m[1]) : 0;
}

/**
 * UNU-KEY -> the Boavizta categories that have an embodied median in the registry, best first
 * (largest sample, then alphabetical).
 */
export function embodiedCategories(categoryMap: Readonly<Record<string, string>>, registry: FactorRegistry): Map<string, EmbodiedCategory[]> {
  const bySlug = new Map<string, { key: string; subs: string[] }>();
  for (const [sub, key] of Object.entries(categoryMap)) {
    const slug = boaviztaSlug(sub);
    const e = bySlug.get(slug);
    if (e) {
      if (e.key !== key) fail("LIBRARY_INVALID", { library: "boavizta unu-key-map", detail: `category '${slug}' maps to both ${e.key} and ${key}` });
      e.subs.push(sub);
    } else bySlug.set(slug, { key, subs: [sub] });
  }
  const out = new Map<string, EmbodiedCategory[]>();
  for (const [slug, { key, subs }] of bySlug) {
    const factorId = boaviztaCategoryFactorId(slug);
    if (!registry.has(factorId)) continue;
    const list = out.get(key) ?? [];
    list.push({ slug, subcategories: subs, factorId, sampleSize: sampleSizeOf(registry, factorId) });
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.sampleSize - a.sampleSize || a.slug.localeCompare(b.slug));
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export interface EmbodiedInput {
  /** A UNU-KEY ("0303"), a factor id in kg CO2e/unit, or a number (kg CO2e/unit). */
  key: NumberLike;
  registry?: FactorRegistry;
  /** Used to check a UNU-KEY and to name it in the trace. */
  taxonomy?: Taxonomy;
  /** Boavizta subcategory -> UNU-KEY (unu-key-map.json of the Boavizta library). Needed for UNU-KEYs. */
  categoryMap?: Readonly<Record<string, string>>;
  /** A Boavizta category (slug or subcategory name, e.g. "tablet") among those mapped to the key. */
  category?: string | null;
  factorQuery?: FactorQuery;
}

export type EmbodiedSource = "user" | "factor" | "category-median";

export interface EmbodiedResult extends Result {
  source: EmbodiedSource;
  /** The factor used (library factors only). */
  factorId?: string;
  /** The UNU-KEY, when the key was one. */
  unuKey?: string;
}

const isUnuKey = (s: string) => /^\d{1,4}$/.test(s);

/** Embodied footprint of one new unit, kg CO2e/unit, with its trace. */
export function embodiedFootprint(input: EmbodiedInput): EmbodiedResult {
  const tb = new TraceBuilder(methodOf("embodied footprint of a new unit", CLAUSE));
  const raw = input.key;
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    fail("MISSING_INPUT", { argument: "key", expected: "a UNU-KEY (e.g. \"0303\"), a factor id in kg CO2e/unit, or a number in kg CO2e/unit" });
  }
  const text = typeof raw === "string" ? raw.trim() : null;

  // A number: the footprint itself.
  if (text === null || (!isUnuKey(text) && toDec(text) !== null)) {
    const u = userFactor(raw, UNIT, "key");
    if (u.value.isNegative()) fail("NEGATIVE_NOT_ALLOWED", { argument: "key", value: u.value.toFixed(), expected: `a footprint in ${UNIT}, zero or more` });
    if (input.category) fail("INVALID_OPTION", { argument: "category", value: input.category, expected: "no category when the key is a number (the category chooses a Boavizta median for a UNU-KEY)" });
    tb.input("key", u.value, "entered", UNIT, "a footprint given as a number");
    tb.factor(u.trace);
    tb.step("embodied footprint", `user-supplied ${u.value.toFixed()}`, u.value, UNIT);
    if (u.value.isInteger() && u.value.gte(1) && u.value.lte(9999) && input.taxonomy) {
      const k = u.value.toFixed().padStart(4, "0");
      if (input.taxonomy.unuKeys.some((x) => x.key === k)) {
        tb.flag(`The key ${u.value.toFixed()} was read as a footprint of ${u.value.toFixed()} kg CO2e/unit. For UNU-KEY ${k}, enter the key as text ("${k}").`);
      }
    }
    return { ...tb.result(u.value, UNIT), source: "user" };
  }

  // A UNU-KEY: the Boavizta category median mapped to it.
  if (isUnuKey(text)) {
    const key = text.padStart(4, "0");
    const described = input.taxonomy ? input.taxonomy.category(key).description : null;
    if (!input.categoryMap) fail("MISSING_INPUT", { argument: "categoryMap", expected: "the Boavizta subcategory -> UNU-KEY map to look up a UNU-KEY" });
    if (!input.registry) fail("MISSING_INPUT", { argument: "registry", expected: "a factor registry with the Boavizta library" });
    const all = embodiedCategories(input.categoryMap, input.registry);
    const candidates = all.get(key) ?? [];
    const withData = [...all.entries()].map(([k, cs]) => `${k} (${cs.map((c) => c.slug).join(", ")})`).join(", ");
    if (candidates.length === 0) {
      fail("FACTOR_NOT_PUBLISHED", {
        source: "The Boavizta library",
        what: `UNU-KEY ${key}${described ? ` (${described})` : ""}: no embodied category median is mapped to it. Keys with data: ${withData}. Give a product factor id (boavizta.product....embodied) or your own footprint as a number`,
      });
    }
    let chosen = candidates[0]!;
    let why: string;
    if (input.category) {
      const want = boaviztaSlug(input.category);
      const hit = candidates.find((c) => c.slug === want);
      if (!hit) {
        fail("INVALID_OPTION", {
          argument: "category",
          value: input.category,
          expected: `a Boavizta category mapped to UNU-KEY ${key}: ${candidates.map((c) => c.slug).join(", ")}${suggestText(input.category, candidates.map((c) => c.slug))}`,
        });
      }
      chosen = hit;
      why = `category '${hit.slug}' chosen by the user`;
    } else if (candidates.length > 1) {
      why = `${candidates.length} Boavizta categories map to UNU-KEY ${key}: ${candidates.map((c) => `${c.slug} (n = ${c.sampleSize})`).join(", ")}; '${chosen.slug}' is used because its median rests on the most manufacturer PCFs (largest sample). Name another with category=...`;
    } else {
      why = `the only Boavizta category with an embodied median mapped to UNU-KEY ${key}`;
    }
    const resolved = input.registry.get(chosen.factorId, input.factorQuery ?? {});
    tb.input("key", key, "entered", undefined, described ? `UNU-KEY ${key}: ${described}` : `UNU-KEY ${key}`);
    tb.input("Boavizta category", chosen.slug, input.category ? "entered" : "defaulted", undefined, `mapped from ${chosen.subcategories.map((s) => `'${s}'`).join(", ")} (Boavizta subcategory -> UNU-KEY map)`);
    tb.factor(traceOfFactor(resolved));
    tb.step("embodied footprint", `median of ${chosen.sampleSize || "?"} Boavizta manufacturer PCFs (${chosen.slug}), manufacturing phase`, resolved.value, UNIT);
    tb.note(why);
    tb.note("Cradle-to-gate (manufacturing) only: transport, use and end of life are excluded.");
    tb.flag(`Category median used as a proxy for the model's own PCF (${resolved.loaded.factor.proxyFor ?? `Boavizta ${chosen.slug} median`}); use a manufacturer PCF where one exists.`);
    return { ...tb.result(resolved.value, UNIT), source: "category-median", factorId: chosen.factorId, unuKey: key };
  }

  // A factor id.
  if (!input.registry) fail("MISSING_INPUT", { argument: "registry", expected: `a factor registry to look up '${text}'` });
  if (input.category) fail("INVALID_OPTION", { argument: "category", value: input.category, expected: "no category when the key is a factor id (the category chooses a Boavizta median for a UNU-KEY)" });
  if (!input.registry.has(text)) {
    fail("UNKNOWN_ID", { argument: "key", what: "UNU-KEY or factor id", value: text }, suggest(text, input.registry.ids()));
  }
  const resolved = input.registry.get(text, input.factorQuery ?? {});
  const f = resolved.loaded.factor;
  if (f.unit !== UNIT) fail("INCOMPATIBLE_UNITS", { argument: "key", from: f.unit, to: UNIT });
  tb.input("key", text, "entered", undefined, "a factor id");
  tb.factor(traceOfFactor(resolved));
  tb.step("embodied footprint", `factor ${f.id}`, resolved.value, UNIT);
  if (f.boundary !== "cradle-to-gate") {
    const embodied = `${f.id}.embodied`;
    tb.flag(
      `Factor boundary is ${f.boundary}, not cradle-to-gate: it is not an embodied footprint.${input.registry.has(embodied) ? ` The manufacturing share is ${embodied}.` : ""}`,
    );
  }
  if (f.proxyFor) tb.flag(`This factor is a proxy (${f.proxyFor}).`);
  return { ...tb.result(new Dec(resolved.value), UNIT), source: "factor", factorId: f.id };
}

function suggestText(value: string, candidates: readonly string[]): string {
  const s = suggest(value, candidates);
  return s.length > 0 ? ` (did you mean ${s.map((x) => `'${x}'`).join(", ")}?)` : "";
}
