/**
 * Lookup of factors by id, region and year over a set of loaded libraries.
 * No silent fallback: an unknown id, a missing region or year, or an ambiguous
 * lookup is an issue with the available alternatives.
 */
import { Dec, toDec } from "../quantities/decimal";
import { fail } from "../issues/issue";
import { suggest } from "../issues/suggest";
import type { TraceFactor } from "../trace/trace";
import { libraryRef, type FactorLibrary, type LoadedFactor } from "./library";
import type { LibraryMeta } from "./schema";

export interface FactorQuery {
  region?: string | null;
  year?: number | null;
}

/** A resolved factor plus how it was chosen (for the trace). */
export interface Resolved {
  readonly loaded: LoadedFactor;
  readonly value: Dec;
  /** Set when the registry chose among editions because no year was given. */
  readonly defaultedYear?: boolean;
}

export interface SearchHit {
  loaded: LoadedFactor;
  score: number;
}

function norm(text: string): string {
  return text.toLowerCase();
}

function tokens(text: string): string[] {
  return norm(text)
    .replace(/[^a-z0-9.]+/g, " ")
    .split(" ")
    .map((t) => t.replace(/^\.+|\.+$/g, ""))
    .filter((t) => t.length > 0);
}

export class FactorRegistry {
  private readonly byId = new Map<string, LoadedFactor[]>();
  private readonly haystacks: Array<{ loaded: LoadedFactor; text: string }> = [];
  /** Near-match suggestions per unknown id (computing them scans every id, so a column of the same typo pays once). */
  private readonly suggestions = new Map<string, string[]>();
  readonly libraries: readonly LibraryMeta[];

  /**
   * @param libraries the libraries this registry serves (the method's pinned set, or a verifier's).
   * @param preferred library ids, most preferred first, used to pick an edition when no year is given.
   */
  constructor(libraries: readonly FactorLibrary[], private readonly preferred: readonly string[] = []) {
    this.libraries = libraries.map((l) => l.meta);
    const seen = new Set<string>();
    for (const lib of libraries) {
      const ref = libraryRef(lib.meta);
      if (seen.has(ref)) throw new Error(`library ${ref} loaded twice`);
      seen.add(ref);
      for (const lf of lib.factors) {
        const list = this.byId.get(lf.factor.id);
        if (list) list.push(lf);
        else this.byId.set(lf.factor.id, [lf]);
        this.haystacks.push({
          loaded: lf,
          text: norm([lf.factor.id, lf.factor.label, ...lf.factor.category, lf.factor.region, String(lf.factor.year), lf.factor.unit, lf.library.id].join(" | ")),
        });
      }
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** All editions/regions of one id. */
  variants(id: string): readonly LoadedFactor[] {
    return this.byId.get(id) ?? [];
  }

  /** Resolves one factor; fails with UNKNOWN_FACTOR / NO_FACTOR_FOR_SCOPE / AMBIGUOUS_FACTOR. */
  get(id: string, query: FactorQuery = {}): Resolved {
    const all = this.byId.get(id);
    if (!all) {
      let near = this.suggestions.get(id);
      if (!near) {
        near = suggest(id, this.byId.keys());
        if (this.suggestions.size > 1000) this.suggestions.clear();
        this.suggestions.set(id, near);
      }
      fail("UNKNOWN_FACTOR", { value: id, scope: "" }, near);
    }
    let candidates = all;
    const region = query.region ?? null;
    if (region !== null && region !== "") {
      const r = region.toUpperCase();
      candidates = candidates.filter((c) => c.factor.region.toUpperCase() === r);
      if (candidates.length === 0) {
        fail("NO_FACTOR_FOR_SCOPE", { value: id, scope: `region ${region}`, available: unique(all.map((c) => c.factor.region)).join(", ") });
      }
    }
    const year = query.year ?? null;
    if (year !== null) {
      const inYear = candidates.filter((c) => c.factor.year === year);
      if (inYear.length === 0) {
        fail("NO_FACTOR_FOR_SCOPE", { value: id, scope: `year ${year}`, available: unique(candidates.map((c) => String(c.factor.year))).join(", ") });
      }
      candidates = inYear;
    }
    const regions = unique(candidates.map((c) => c.factor.region));
    if (regions.length > 1) {
      fail("AMBIGUOUS_FACTOR", { value: id, dimension: "regions", available: regions.join(", ") });
    }
    if (candidates.length === 1) return { loaded: candidates[0]!, value: candidates[0]!.value };
    // Several editions and no year: the method's preferred library decides, and the trace says so.
    for (const libId of this.preferred) {
      const hit = candidates.find((c) => c.library.id === libId);
      if (hit) return { loaded: hit, value: hit.value, defaultedYear: true };
    }
    fail("AMBIGUOUS_FACTOR", { value: id, dimension: "years", available: unique(candidates.map((c) => String(c.factor.year))).join(", ") });
  }

  /**
   * Factors whose id, label, category, region, year, unit or library contain every word of the query,
   * best first (exact id, then word-boundary matches, then shorter labels).
   */
  search(query: string, limit = 50): SearchHit[] {
    const words = tokens(query);
    if (words.length === 0) return [];
    const q = norm(query.trim());
    const hits: SearchHit[] = [];
    for (const h of this.haystacks) {
      let score = 0;
      let all = true;
      for (const w of words) {
        const at = h.text.indexOf(w);
        if (at < 0) {
          all = false;
          break;
        }
        const boundary = at === 0 || /[^a-z0-9]/.test(h.text[at - 1]!);
        score += boundary ? 2 : 1;
      }
      if (!all) continue;
      if (h.loaded.factor.id === q) score += 100;
      // Totals before their per-gas splits.
      if (h.loaded.factor.gas === "CO2e") score += 0.5;
      score -= h.loaded.factor.label.length / 1000;
      hits.push({ loaded: h.loaded, score });
    }
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        a.loaded.factor.id.localeCompare(b.loaded.factor.id) ||
        b.loaded.factor.year - a.loaded.factor.year ||
        a.loaded.factor.region.localeCompare(b.loaded.factor.region),
    );
    return hits.slice(0, limit);
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

/** The trace entry of a library factor. */
export function traceOfFactor(resolved: Resolved): TraceFactor {
  const { factor, library } = resolved.loaded;
  return {
    id: factor.id,
    value: factor.value,
    unit: factor.unit,
    source: `${library.title} (${library.publisher}), ${library.edition}`,
    table: `${factor.sourceTable}; row ${factor.sourceRow}`,
    year: factor.year,
    region: factor.region,
    licence: library.licence.name,
    library: library.id,
    libraryVersion: library.version,
    gwpBasis: library.gwpBasis,
    userSupplied: false,
    ...(factor.proxyFor ? { proxyFor: factor.proxyFor } : {}),
  };
}

/**
 * A number given in place of a factor id (a carrier's, supplier's or verifier's own factor).
 * Recorded as user-supplied in the trace.
 */
export function userFactor(value: Dec | number | string, unit: string, name: string): { value: Dec; trace: TraceFactor } {
  const v = toDec(value);
  if (v === null) fail("NOT_A_NUMBER", { argument: name, value: String(value), expected: `a factor in ${unit}` });
  return {
    value: v,
    trace: {
      id: `user:${name}`,
      value: v.toFixed(),
      unit,
      source: "supplied by the user",
      table: "-",
      year: 0,
      region: "-",
      licence: "-",
      library: "user",
      libraryVersion: "-",
      gwpBasis: "as supplied",
      userSupplied: true,
    },
  };
}
