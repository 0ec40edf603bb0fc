/**
 * What the mapping needs from the taxonomy: free text -> taxonomy id, with a
 * confidence. `taxonomyPort` adapts the engine's Taxonomy (exact id/synonym lookup
 * and the product classifier) by also trying the phrases inside a longer text
 * ("Resold - grade A" -> "resold" -> REUSE-DEVICE). Tests can pass a small fake.
 */
import { attempt } from "../issues/issue";
import type { Taxonomy } from "../taxonomy";
import { foldText } from "./header";

export type ValueClass = "disposition" | "mode" | "carrier" | "refrigerant";

export interface ValueMatch {
  id: string;
  /** 0..1: 1 for the whole text being an id or synonym. */
  confidence: number;
  /** The text (or phrase of it) that matched. */
  via: string;
}

export interface MappingTaxonomy {
  match(kind: ValueClass, text: string): ValueMatch | null;
  /** Product description -> UNU-KEY (optional). */
  product?(text: string): ValueMatch | null;
  /** True when the text is a known UNU-KEY (optional). */
  isUnuKey?(text: string): boolean;
}

/** Below this confidence a classified value is flagged for review. */
export const REVIEW_BELOW = 0.75;

/**
 * Builds a port from exact lookups: the whole text first (confidence 1), then its
 * word phrases, longest first. One id found among the phrases: 0.6 + 0.3 x the share
 * of the words it covers; several different ids: the longest phrase wins at 0.45
 * (flagged for review).
 */
export function phraseMatcher(lookup: (kind: ValueClass, text: string) => string | null): MappingTaxonomy["match"] {
  const cache = new Map<string, ValueMatch | null>();
  return (kind, text) => {
    const key = `${kind}\u0000${text}`;
    if (cache.has(key)) return cache.get(key)!;
    const folded = foldText(text);
    let result: ValueMatch | null = null;
    const whole = folded === "" ? null : (lookup(kind, text.trim()) ?? lookup(kind, folded));
    if (whole) result = { id: whole, confidence: 1, via: text.trim() };
    else if (folded !== "") {
      const words = folded.split(" ");
      const hits: Array<{ id: string; phrase: string; length: number }> = [];
      for (let len = Math.min(4, words.length); len >= 1; len--) {
        for (let i = 0; i + len <= words.length; i++) {
          const phrase = words.slice(i, i + len).join(" ");
          if (phrase.length < 2) continue;
          const id = lookup(kind, phrase);
          if (id) hits.push({ id, phrase, length: len });
        }
      }
      if (hits.length > 0) {
        const ids = new Set(hits.map((h) => h.id));
        const best = hits[0]!;
        const confidence = ids.size === 1 ? 0.6 + 0.3 * Math.min(1, best.length / words.length) : 0.45;
        result = { id: best.id, confidence: Math.round(confidence * 100) / 100, via: best.phrase };
      }
    }
    cache.set(key, result);
    return result;
  };
}

export function taxonomyPort(taxonomy: Taxonomy): MappingTaxonomy {
  // A miss costs a "did you mean" search inside the taxonomy, so every phrase is looked up once.
  const memo = new Map<string, string | null>();
  const exact = (kind: ValueClass, text: string): string | null => {
    const key = `${kind}\u0000${text}`;
    if (memo.has(key)) return memo.get(key)!;
    const value = lookupOnce(kind, text);
    memo.set(key, value);
    return value;
  };
  const lookupOnce = (kind: ValueClass, text: string): string | null => {
    const got = attempt(() => {
      switch (kind) {
        case "disposition":
          return taxonomy.disposition(text).id;
        case "mode":
          return taxonomy.mode(text).id;
        case "carrier":
          return taxonomy.carrier(text).id;
        case "refrigerant":
          return taxonomy.refrigerant(text).id;
      }
    });
    return got.ok ? got.value : null;
  };
  return {
    match: phraseMatcher(exact),
    product(text) {
      const c = taxonomy.classify(text);
      return c ? { id: c.key, confidence: c.confidence, via: c.matched.map((m) => m.text).join(", ") } : null;
    },
    isUnuKey: (text) => attempt(() => taxonomy.category(text)).ok,
  };
}
