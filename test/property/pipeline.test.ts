/**
 * Pipeline guarantees on random datasets with random bad rows:
 *  - rows in = rows computed + rows rejected (per kind too), and every rejected row has a reason;
 *  - every total is the exact sum of its lines, and ledger totals the sums of their parts;
 *  - the order of the rows does not change any total (exact strings), nor any line's data quality;
 *  - per output line, the grouped DQI aggregate equals aggregateDqi over every line (exact);
 *  - every computed row's lines equal their methods' results (values and DQI), with the category 3,
 *    end-of-life and classification paths switched on at random.
 */
import fc from "fast-check";
import { runPipeline, rowLines, exactSum, RECORD_KINDS, ROW_COMPUTED, type Dataset, type PipelineOutput } from "../../src/engine/pipeline";
import { Dec, plain } from "../../src/engine/quantities";
import { explainRow, unpackDqi, type PipelineSettings } from "../../src/engine/pipeline";
import { aggregateDqi } from "../../src/engine/methods/data-quality";
import { bundledRegistry } from "../../src/bundled/libraries";
import { bundledTaxonomy } from "../../src/bundled/taxonomy";
import { generateDataset } from "../../src/cli/bench";
import { FIXTURE, FIXTURE_SETTINGS } from "../fixtures/pipeline-fixture";

const context = (extra: Partial<PipelineSettings> = {}) => ({ registry: bundledRegistry(), taxonomy: bundledTaxonomy(), settings: { ...FIXTURE_SETTINGS, batchSize: 7, ...extra } });

/** Settings that switch the newer paths on and off. */
const settingsArb = fc.record({
  endOfLifeFactorSet: fc.constantFrom(undefined, "desnz" as const, "epa" as const),
  region: fc.constantFrom(undefined, "GB", "US", "DE"),
  category3: fc.constantFrom(undefined, true, false),
  reportingPeriod: fc.constantFrom("2025", "2019", "FY"),
});
function settingsOf(x: { endOfLifeFactorSet: "desnz" | "epa" | undefined; region: string | undefined; category3: boolean | undefined; reportingPeriod: string }): Partial<PipelineSettings> {
  return {
    reportingPeriod: x.reportingPeriod,
    ...(x.endOfLifeFactorSet ? { endOfLifeFactorSet: x.endOfLifeFactorSet } : {}),
    ...(x.region ? { region: x.region } : {}),
    ...(x.category3 !== undefined ? { category3: x.category3 } : {}),
  };
}

/** Rows for the category 3, end-of-life, classification and DQI paths. */
const EXTRA: Record<string, unknown[]> = {
  electricity: [
    { row: 90, siteId: "S", month: "2025-02", region: "GB", energy: "1234.5", residualMix: "0.3" },
    { row: 91, siteId: "S", month: "2022-02", region: "RFCE", energy: 800, tdLossRate: "0.051", origins: { energy: "mapped" } },
    { row: 92, siteId: "S", month: "2025-02", region: "0.21", energy: 10, upstreamFactor: "0.04", dqi: { time: 2 } },
  ],
  fuels: [
    { row: 90, siteId: "S", month: "2025-01", carrier: "diesel", quantity: "12.5", unit: "US gal" },
    { row: 91, siteId: "S", month: "2024-01", carrier: "natural-gas", quantity: 1000, unit: "kWh" },
  ],
  dispositions: [
    { row: 90, assetId: "E1", unuKey: "0303", mass: "12.345", disposition: "LANDFILL" },
    { row: 91, assetId: "E2", description: "LCD monitor 24 inch", mass: 7, disposition: "RECYCLE", treatmentFactorSet: "epa" },
    { row: 92, assetId: "E3", description: "phone", mass: "0.2", disposition: "LANDFILL", origins: { mass: "defaulted" } },
    { row: 93, assetId: "E4", description: "misc stuff", mass: 3, disposition: "INCINERATION" },
    { row: 94, assetId: "E5", wasteClass: "mixed", mass: 1, massUnit: "t", disposition: "LANDFILL", treatmentFactorSet: "desnz" },
    { row: 95, assetId: "E6", unuKey: "0108", mass: 40, disposition: "ENERGY-RECOVERY" },
    { row: 96, assetId: "E7", mass: 5, disposition: "OTHER-DISPOSAL", treatmentFactor: { value: "0.021", unit: "kg CO2e/kg" } },
    { row: 97, assetId: "E8", mass: 5, disposition: "LANDFILL" },
  ],
};
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
    for (const k of RECORD_KINDS) ds[k] = [...(gen[k] ?? []), ...(FIXTURE[k] ?? []), ...(EXTRA[k] ?? [])].map((r) => structuredClone(r));
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

function dqiOf(out: PipelineOutput): Record<string, unknown> {
  return Object.fromEntries(
    out.dataQuality.map((q) => [q.code.id, q.dqi ? { ...Object.fromEntries(Object.entries(q.dqi.averages).map(([k, v]) => [k, plain(v)])), overall: plain(q.dqi.overall), w: plain(q.dqi.totalWeight), rows: q.dqi.rows } : null]),
  );
}

function totalsOf(out: PipelineOutput): Record<string, string> {
  return Object.fromEntries(out.totals.map((t) => [t.code.id, plain(t.value)]));
}

describe("pipeline properties", () => {
  it("rows in = computed + rejected; every rejected row has a reason; computed rows only have lines", () => {
    fc.assert(
      fc.property(datasets, settingsArb, (ds, st) => {
        const out = runPipeline(ds, context(settingsOf(st)));
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
      fc.property(datasets, settingsArb, (ds, st) => {
        const out = runPipeline(ds, context(settingsOf(st)));
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
      fc.property(datasets, fc.nat(), settingsArb, (ds, seed, st) => {
        const a = runPipeline(ds, context(settingsOf(st)));
        const shuffledDs: Dataset = {};
        for (const k of RECORD_KINDS) shuffledDs[k] = shuffled(ds[k] ?? [], seed + k.length);
        const b = runPipeline(shuffledDs, context(settingsOf(st)));
        expect(totalsOf(b)).toEqual(totalsOf(a));
        expect(dqiOf(b)).toEqual(dqiOf(a));
        expect(plain(b.ledgers.inventory.totalMarketBased)).toBe(plain(a.ledgers.inventory.totalMarketBased));
        expect([b.counts.rowsComputed, b.counts.rowsRejected]).toEqual([a.counts.rowsComputed, a.counts.rowsRejected]);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it("per output line, the grouped DQI aggregate is the exact weighted average of every line, and equals aggregateDqi where its sums do not round", () => {
    const ExactSum = Dec.clone({ precision: 1000 });
    fc.assert(
      fc.property(datasets, settingsArb, (ds, st) => {
        const out = runPipeline(ds, context(settingsOf(st)));
        for (const q of out.dataQuality) {
          const each: Array<{ weight: Dec; scores: NonNullable<ReturnType<typeof unpackDqi>> }> = [];
          for (let l = 0; l < out.lines.length; l++) {
            if (out.codes[out.lines.code[l]!]!.id !== q.code.id) continue;
            each.push({ weight: out.lines.value[l]!.abs(), scores: unpackDqi(out.lines.dqi[l]!)! });
          }
          const w = exactSum(each.map((e) => e.weight));
          if (w.isZero()) {
            expect(q.dqi).toBeNull();
            continue;
          }
          expect(q.dqi!.rows).toBe(each.length);
          expect(plain(q.dqi!.totalWeight)).toBe(plain(w));
          const keys = Object.keys(q.dqi!.averages) as Array<keyof NonNullable<typeof q.dqi>["averages"]>;
          // The exact weighted average (sums in 1,000 digits, one correctly rounded division).
          for (const k of keys) {
            let num = new ExactSum(0);
            for (const e of each) num = num.plus(new ExactSum(e.weight).times(e.scores[k]));
            expect(plain(q.dqi!.averages[k])).toBe(plain(new Dec(num).div(w)));
          }
          // Line by line through aggregateDqi: identical digits whenever its 50-digit sums do not round.
          if (each.every((e) => e.weight.sd() <= 20)) {
            const direct = aggregateDqi(each, q.code.unit === "kg" ? "mass" : "emissions");
            expect(plain(q.dqi!.overall)).toBe(plain(direct.overall));
            for (const k of keys) expect(plain(q.dqi!.averages[k])).toBe(plain(direct.averages[k]));
          }
        }
      }),
      { numRuns: 30, seed: 15 },
    );
  });

  it("every computed row's lines equal their methods' results, values and DQI", () => {
    fc.assert(
      fc.property(datasets, settingsArb, (ds, st) => {
        const out = runPipeline(ds, context(settingsOf(st)));
        for (const k of RECORD_KINDS) {
          (ds[k] ?? []).forEach((_, i) => {
            if (out.status[out.offsets[k] + i] !== ROW_COMPUTED) return;
            for (const l of explainRow(out, k, i).lines) expect([k, i, l.code.id, l.agrees, l.dqi.agrees]).toEqual([k, i, l.code.id, true, true]);
          });
        }
      }),
      { numRuns: 15, seed: 16 },
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
