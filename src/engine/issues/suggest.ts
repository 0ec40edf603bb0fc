/** Near-match suggestions for unknown ids ("did you mean"). */

/** Levenshtein distance with an early cut-off. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `limit` candidates close to `query`: exact case-insensitive matches,
 * then candidates containing the query (or contained in it), then by edit distance.
 */
export function suggest(query: string, candidates: Iterable<string>, limit = 3): string[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const scored: Array<{ c: string; score: number }> = [];
  const maxDist = Math.max(2, Math.floor(q.length / 3));
  for (const c of candidates) {
    const lc = c.toLowerCase();
    let score: number;
    if (lc === q) score = 0;
    else if (lc.startsWith(q) || q.startsWith(lc)) score = 1 + Math.abs(lc.length - q.length) / 100;
    else if (lc.includes(q)) score = 2 + lc.length / 1000;
    else {
      const d = editDistance(q, lc, maxDist);
      if (d > maxDist) continue;
      score = 3 + d;
    }
    scored.push({ c, score });
  }
  scored.sort((x, y) => x.score - y.score || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map((s) => s.c);
}
