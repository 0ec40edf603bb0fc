/**
 * Pipeline guarantees on random datasets with random bad rows:
 *  - rows in = rows computed + rows rejected (per kind too), and every rejected row has a reason;
 *  - every total is the exact sum of its lines, and ledger totals the sums of their parts;
 *  - the order of the rows does not change any total (exact strings).
 */
import fc from "fast-check";
import { runPipeline, rowLines, exactSum, RECORD_KINDS, ROW_COMPUTED, type Dataset, type PipelineOutput } from "../../src/engine/pipeline";
import { Dec, plain } from "../../src/engine/quantities";
import { bundledRegistry } from "../../src/bundled/libraries";
import { bundledTaxonomy } from "../../src/bundled/taxonomy";
import { generateDataset } from "../../src/cli/bench";
import { FIXTURE, FIXTURE_SETTINGS } from "../fixtures/pipeline-fixture";

const context = () => ({ registry: bundledRegistry(), taxonomy: bundledTaxonomy(), settings: { ...FIXTURE_SETTINGS, batchSize: 7 } });
const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(""), fc.string({ maxLength: 6 }), fc.double(), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant([]), fc.constant({ value: "x", unit: 3 }));

/** A dataset: some generated rows and fixture rows, with random fields of random rows replaced by junk. */
const datasets = fc
  .record({
    seed: fc.nat(),
    size: fc.integer({ min: 0, max: 60 }),
    damage: fc.array(fc.tuple(fc.constantFrom(...RECORD_KINDS), fc.nat(), fc.nat(), junk), { maxLength: 25 }),
    notObjects: fc.array(fc.tuple(fc.constantFrom(...RECORD_KINDS), fc.nat(), fc.constantFrom(42, "row", null, [1])), { maxLength: 3 }),
  })
  .map(({ seed, size, damage, notObjects }) => {
    const gen = generateDataset(size, seed);
    const ds: Record<string, unknown[]> = {};
    for (const k of RECORD_KINDS) ds[k] = [...(gen[k] ?? []), ...(FIXTURE[k] ?? [])].map((r) => structuredClone(r));
    for (const [k, i, j, v] of damage) {
      const list = ds[k]!;
      if (list.length === 0) continue;
      const rec = list[i % list.length] as Record<string, unknown>;
      const keys = Object.keys(rec);
      rec[keys[j % keys.length]!] = v;
    }
    for (const [k, i, v] of notObjects) {
      const list = ds[k]!;
      if (list.length > 0) list[i % list.length] = v;
    }
    return ds as Dataset;
  });

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function totalsOf(out: PipelineOutput): Record<string, string> {
  return Object.fromEntries(out.totals.map((t) => [t.code.id, plain(t.value)]));
}

describe("pipeline properties", () => {
  it("rows in = computed + rejected; every rejected row has a reason; computed rows only have lines", () => {
    fc.assert(
      fc.property(datasets, (ds) => {
        const out = runPipeline(ds, context());
        const c = out.counts;
        expect(c.rowsIn).toBe(RECORD_KINDS.reduce((n, k) => n + (ds[k]?.length ?? 0), 0));
        expect(c.rowsIn).toBe(c.rowsComputed + c.rowsRejected);
        for (const k of RECORD_KINDS) {
          expect(c.byKind[k].in).toBe(c.byKind[k].computed + c.byKind[k].rejected);
          const rejectedIdx = new Set(out.report.rejected.filter((r) => r.kind === k).map((r) => r.index));
          expect(rejectedIdx.size).toBe(c.byKind[k].rejected);
          (ds[k] ?? []).forEach((_, i) => {
            expect(out.status[out.offsets[k] + i] === ROW_COMPUTED).toBe(!rejectedIdx.has(i));
          });
        }
        for (const r of out.report.rejected) expect(r.issue.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("totals are the exact sums of the rows' lines, and ledger totals the sums of their parts", () => {
    fc.assert(
      fc.property(datasets, (ds) => {
        const out = runPipeline(ds, context());
        const byCode = new Map<string, ReturnType<typeof rowLines>[number]["value"][]>();
        for (const k of RECORD_KINDS) (ds[k] ?? []).forEach((_, i) => {
          for (const l of rowLines(out, k, i)) byCode.set(l.code.id, [...(byCode.get(l.code.id) ?? []), l.value]);
        });
        for (const t of out.totals) expect(plain(t.value)).toBe(plain(exactSum(byCode.get(t.code.id) ?? [])));
        const inv = out.ledgers.inventory;
        expect(plain(inv.totalLocationBased)).toBe(plain(exactSum([inv.scope1, inv.scope2Location, ...Object.values(inv.scope3)])));
        expect(plain(inv.totalMarketBased)).toBe(plain(exactSum([inv.scope1, inv.scope2Market, ...Object.values(inv.scope3)])));
        const av = out.ledgers.avoided;
        expect(plain(av.total)).toBe(plain(exactSum([...Object.values(av.reuse), av.recycling])));
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it("row order does not change any total", () => {
    fc.assert(
      fc.property(datasets, fc.nat(), (ds, seed) => {
        const a = runPipeline(ds, context());
        const shuffledDs: Dataset = {};
        for (const k of RECORD_KINDS) shuffledDs[k] = shuffled(ds[k] ?? [], seed + k.length);
        const b = runPipeline(shuffledDs, context());
        expect(totalsOf(b)).toEqual(totalsOf(a));
        expect(plain(b.ledgers.inventory.totalMarketBased)).toBe(plain(a.ledgers.inventory.totalMarketBased));
        expect([b.counts.rowsComputed, b.counts.rowsRejected]).toEqual([a.counts.rowsComputed, a.counts.rowsRejected]);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it("exact sums do not depend on order even for 50-digit parts (divisions)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 997 })), { minLength: 2, maxLength: 40 }), (pairs) => {
        const parts = pairs.map(([a, b]) => new Dec(a).div(b).times(new Dec(10).pow((a % 9) - 4)));
        expect(plain(exactSum([...parts].reverse()))).toBe(plain(exactSum(parts)));
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});
