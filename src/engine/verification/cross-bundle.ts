/** Lots claimed in more than one submission: the same lot id in the records of several bundles (double counting across submissions). */
export interface BundleRecords {
  /** How the bundle is named in the report (its file name). */
  label: string;
  /** The lines of its records.jsonl. */
  records: readonly unknown[];
}

export interface LotClaim {
  lotId: string;
  bundles: string[];
  /** Record references per bundle, "bundle: kind#row". */
  refs: string[];
}

/** Every lot id that occurs in the records of two or more bundles, sorted by lot id. */
export function lotsInMultipleBundles(bundles: readonly BundleRecords[]): LotClaim[] {
  const seen = new Map<string, { bundles: Set<string>; refs: string[] }>();
  for (const b of bundles) {
    b.records.forEach((line, i) => {
      const l = (line && typeof line === "object" ? line : {}) as Record<string, unknown>;
      const r = (l.record && typeof l.record === "object" ? l.record : l) as Record<string, unknown>;
      const lot = r.lotId;
      if (typeof lot !== "string" || lot === "") return;
      const ref = typeof l.ref === "string" ? l.ref : `${String(l.kind ?? "")}#${String(l.row ?? i + 1)}`;
      const e = seen.get(lot) ?? { bundles: new Set<string>(), refs: [] };
      e.bundles.add(b.label);
      e.refs.push(`${b.label}: ${ref}`);
      seen.set(lot, e);
    });
  }
  return [...seen.entries()]
    .filter(([, e]) => e.bundles.size > 1)
    .map(([lotId, e]) => ({ lotId, bundles: [...e.bundles].sort(), refs: e.refs }))
    .sort((a, b) => (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0));
}
