import fc from "fast-check";
import { mulberry32, sampleSize, systematicIndices, randomIndices, drawSample, samplingFrame, allocate, sampleRows, type SamplingUnit } from "../../../../src/engine";

const frame = (n: number, site = (i: number) => (i % 3 === 0 ? "S1" : "S2")): SamplingUnit[] =>
  samplingFrame(Array.from({ length: n }, (_, i) => ({ kind: "dispositions", row: i + 2, record: { assetId: `A${i}`, siteId: site(i), mass: String(i + 1), massUnit: "kg", disposition: i % 2 ? "reuse" : "recycling", lotId: `L${i}` } })));

describe("mulberry32", () => {
  it("reproduces the reference sequence (seed 1 -> 0.6270739405881613 as a fraction of 2^32)", () => {
    expect(mulberry32(1).nextUint32() / 2 ** 32).toBe(0.6270739405881613);
    const g = mulberry32(42);
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual([2581720956, 1925393290, 3661312704]);
  });
  it("below(n) stays in range and refuses bad seeds", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 1_000_000 }), (seed, n) => {
      const x = mulberry32(seed).below(n);
      return x >= 0 && x < n && Number.isInteger(x);
    }));
    expect(() => mulberry32(-1)).toThrow();
    expect(() => mulberry32(1.5)).toThrow();
    expect(() => mulberry32(2 ** 32)).toThrow();
  });
});

describe("sample size [P]", () => {
  it("n = ceil(CF / materiality): reasonable 60, limited 30 at 5 %; capped at the population", () => {
    expect(sampleSize("reasonable", "0.05", 1000)).toMatchObject({ n: 60, uncapped: 60, confidenceFactor: "3.0" });
    expect(sampleSize("limited", "0.05", 1000)).toMatchObject({ n: 30, uncapped: 30, confidenceFactor: "1.5" });
    expect(sampleSize("reasonable", "0.03", 1000).n).toBe(100);
    expect(sampleSize("limited", "0.07", 1000).n).toBe(22); // 21.43 -> 22
    expect(sampleSize("reasonable", "0.05", 12).n).toBe(12);
    expect(() => sampleSize("limited", "0", 10)).toThrow();
    expect(() => sampleSize("limited", "1.5", 10)).toThrow();
  });
});

describe("systematic selection (S2 formula A.1)", () => {
  it("takes one unit per interval N/n from a seeded start", () => {
    const idx = systematicIndices(100, 10, mulberry32(7));
    expect(idx).toHaveLength(10);
    const start = idx[0]!;
    expect(start).toBeLessThan(10);
    expect(idx).toEqual(Array.from({ length: 10 }, (_, i) => start + 10 * i));
  });
  it("non-integer intervals: n distinct indices in range, one per interval", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 400 }), fc.nat(), (N, k, seed) => {
      const n = Math.min(k, N);
      const idx = systematicIndices(N, n, mulberry32(seed % 2 ** 32));
      return idx.length === n && new Set(idx).size === n && idx.every((x, i) => x >= 0 && x < N && Math.floor((i * N) / n) <= x && x < Math.floor(((i + 1) * N) / n) + 1);
    }));
  });
});

describe("random selection (Fisher-Yates)", () => {
  it("n distinct indices in range, whole population when n = N", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 300 }), fc.nat(), (N, k, seed) => {
      const n = Math.min(k, N);
      const idx = randomIndices(N, n, mulberry32(seed % 2 ** 32));
      return idx.length === n && new Set(idx).size === n && idx.every((x) => x >= 0 && x < N);
    }));
    expect([...randomIndices(50, 50, mulberry32(3))].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
  it("is roughly uniform (every unit of 20 drawn in 2,000 samples of 5)", () => {
    const counts = new Array(20).fill(0);
    const g = mulberry32(99);
    for (let t = 0; t < 2000; t++) for (const i of randomIndices(20, 5, g)) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(100);
  });
});

describe("drawSample", () => {
  const f = frame(500);
  it("same seed, same sample; different seed, different sample (both methods)", () => {
    for (const method of ["systematic", "random"] as const) {
      const a = drawSample(f, { assurance: "reasonable", seed: 12345, method });
      const b = drawSample(f, { assurance: "reasonable", seed: 12345, method });
      const c = drawSample(f, { assurance: "reasonable", seed: 12346, method });
      expect(a.units.map((u) => u.index)).toEqual(b.units.map((u) => u.index));
      expect(a.units.map((u) => u.index)).not.toEqual(c.units.map((u) => u.index));
      expect(a.units).toHaveLength(60);
    }
  });
  it("pins one sample (reproducible across platforms and versions)", () => {
    expect(drawSample(frame(40), { assurance: "limited", seed: 1, materiality: "0.25", method: "random" }).units.map((u) => u.ref)).toMatchInlineSnapshot(`
[
  "dispositions#3",
  "dispositions#4",
  "dispositions#21",
  "dispositions#29",
  "dispositions#33",
  "dispositions#39",
]
`);
  });
  it("stratifies by site with proportional allocation", () => {
    const s = drawSample(f, { assurance: "reasonable", seed: 5, stratifyBy: "site" });
    expect(s.strata).toEqual([
      { stratum: "S1", population: 167, sample: 20 },
      { stratum: "S2", population: 333, sample: 40 },
    ]);
    expect(s.units.filter((u) => u.site === "S1")).toHaveLength(20);
    expect(s.units.every((u) => u.stratum === u.site)).toBe(true);
    const byStream = drawSample(f, { assurance: "limited", seed: 5, stratifyBy: "stream", method: "random" });
    expect(byStream.strata.map((x) => x.stratum)).toEqual(["recycling", "reuse"]);
  });
  it("the frame reads records.jsonl lines: ref, id, site, stream, quantity, evidence", () => {
    const [u] = samplingFrame([{ kind: "outputs", row: 7, record: { lotId: "L9", outputMass: "12.5", massUnit: "t", material: "copper", certificateId: "COR-1" } }]);
    expect(u).toMatchObject({ ref: "outputs#7", id: "L9", stream: "copper", quantity: "12.5", unit: "t", evidence: "COR-1" });
    const rows = sampleRows(drawSample(frame(3), { assurance: "limited", seed: 1 }));
    expect(rows.header[0]).toBe("sample_no");
    expect(rows.rows).toHaveLength(3);
  });
});

describe("allocate", () => {
  it("is proportional, sums to n, at least one per stratum when possible, never above a stratum", () => {
    expect(allocate([167, 333], 60)).toEqual([20, 40]);
    expect(allocate([1, 1000], 10)).toEqual([1, 9]);
    expect(allocate([2, 2, 2], 6)).toEqual([2, 2, 2]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 8 }), fc.nat(), (sizes, k) => {
      const total = sizes.reduce((a, b) => a + b, 0);
      const n = total === 0 ? 0 : k % (total + 1);
      const out = allocate(sizes, n);
      return out.reduce((a, b) => a + b, 0) === n && out.every((x, i) => x >= 0 && x <= sizes[i]!);
    }));
  });
});
