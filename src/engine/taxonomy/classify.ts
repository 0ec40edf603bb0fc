/**
 * Free-text product description -> UNU-KEY. Rules come from the lexicon table
 * (data/taxonomy/tables/<v>/classifier-lexicon.json) and are compiled once;
 * classification is a pure function of the text and the lexicon, so the same
 * input always gives the same key, confidence and explanation.
 */
import { attempt, fail } from "../issues/issue";
import type { LexiconRule } from "./schema";

export interface Classification {
  key: string;
  /** 0..1, deterministic; see `confidenceOf`. */
  confidence: number;
  /** Rules that voted for the winning key, with the text each matched. */
  matched: ReadonlyArray<{ rule: string; kind: LexiconRule["kind"]; text: string; weight: number }>;
  /** Other keys with votes, best first. */
  alternatives: ReadonlyArray<{ key: string; score: number }>;
  score: number;
}

export interface Classifier {
  /** Best UNU-KEY for the text, or null when no rule matches. */
  classify(text: string): Classification | null;
  /** Same as `classify` but fails with CLASSIFY_NO_MATCH instead of returning null. */
  classifyOrFail(text: string): Classification;
}

interface CompiledRule {
  rule: LexiconRule;
  re: RegExp;
}

/** Lower case; typographic quotes and dashes unified; other punctuation becomes a space. */
export function normaliseDescription(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[\u201c\u201d\u2033\u02ba]|''/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^a-z0-9"+./-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()} `;
}

const UNU_KEY_INPUT = /^\s*(?:unu(?:[- ]?key)?\s*)?(\d{4})\s*$/i;

/** Share of the vote the winner holds, damped when the winning evidence is thin. */
export function confidenceOf(top: number, runnerUp: number): number {
  const share = top / (top + runnerUp);
  // A named product line (weight 3) alone is strong evidence; generic words (weight 1-2) need company.
  const strength = Math.min(1, top / 4);
  return Math.round(share * strength * 100) / 100;
}

export function compileClassifier(rules: readonly LexiconRule[], knownKeys: ReadonlySet<string>): Classifier {
  const compiled: CompiledRule[] = rules.map((rule) => {
    if (!knownKeys.has(rule.key)) fail("LIBRARY_INVALID", { library: "taxonomy/classifier-lexicon", detail: `rule ${rule.id} names unknown key ${rule.key}` });
    const built = attempt(() => new RegExp(rule.pattern, "i"));
    if (!built.ok) fail("LIBRARY_INVALID", { library: "taxonomy/classifier-lexicon", detail: `rule ${rule.id} pattern does not compile` });
    return { rule, re: built.value };
  });

  function classify(text: string): Classification | null {
    const direct = UNU_KEY_INPUT.exec(text);
    if (direct && knownKeys.has(direct[1]!)) {
      return { key: direct[1]!, confidence: 1, matched: [{ rule: "unu-key", kind: "generic", text: direct[1]!, weight: 0 }], alternatives: [], score: 0 };
    }
    const norm = normaliseDescription(text);
    if (norm.trim() === "") return null;
    const scores = new Map<string, number>();
    const hits = new Map<string, Array<{ rule: string; kind: LexiconRule["kind"]; text: string; weight: number }>>();
    for (const { rule, re } of compiled) {
      const m = re.exec(norm);
      if (!m) continue;
      scores.set(rule.key, (scores.get(rule.key) ?? 0) + rule.weight);
      const list = hits.get(rule.key) ?? [];
      list.push({ rule: rule.id, kind: rule.kind, text: m[0].trim(), weight: rule.weight });
      hits.set(rule.key, list);
    }
    if (scores.size === 0) return null;
    // Ties resolve to the lower key so that the result never depends on rule order.
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const [key, score] = ranked[0]!;
    const runnerUp = ranked[1]?.[1] ?? 0;
    return {
      key,
      score,
      confidence: confidenceOf(score, runnerUp),
      matched: hits.get(key) ?? [],
      alternatives: ranked.slice(1).map(([k, s]) => ({ key: k, score: s })),
    };
  }

  return {
    classify,
    classifyOrFail(text) {
      const result = classify(text);
      if (result === null) fail("CLASSIFY_NO_MATCH", { value: text });
      return result;
    },
  };
}
