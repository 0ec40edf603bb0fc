/**
 * Reproducible audit samples of a bundle's normalized records (docs/verification.md).
 *
 * Selection [V S2 Appendix A, pp.154-155]: simple random, systematic (sampling interval = population
 * size / sample size, S2 formula A.1) or stratified (by site, stream or any record field).
 * Sample size [P, project proposal]: a monetary-unit-sampling-style rule,
 *   n = ceil(CF × population value / tolerable misstatement), tolerable misstatement = materiality ×
 *   population value, so n = ceil(CF / materiality), capped at the population size;
 *   CF (confidence factor, zero expected misstatements, Poisson) = 3.0 for reasonable assurance
 *   (95 % confidence, 1 - e^-3) and 1.5 for limited assurance (78 %, 1 - e^-1.5).
 *   At the default 5 % materiality: reasonable 60 records, limited 30.
 * Randomness comes only from the seeded generator (mulberry32): same seed, same sample.
 */
import { Dec } from "../quantities/decimal";
import { mulberry32, type Prng } from "./prng";

export type AssuranceLevel = "limited" | "reasonable";
export type SamplingMethod = "systematic" | "random";

/** Confidence factors of the sample-size rule [P]. */
export const CONFIDENCE_FACTORS: Readonly<Record<AssuranceLevel, string>> = { limited: "1.5", reasonable: "3.0" };

export const DEFAULT_MATERIALITY = "0.05";

export interface SampleSize {
  n: number;
  /** The size before capping at the population. */
  uncapped: number;
  confidenceFactor: string;
  materiality: string;
  rule: string;
}

/** Sample size for an assurance level and a materiality fraction (0 < m <= 1), capped at the population. */
export function sampleSize(assurance: AssuranceLevel, materiality: string, populationSize: number): SampleSize {
  const m = new Dec(materiality);
  if (!m.isFinite() || m.lte(0) || m.gt(1)) throw new RangeError(`materiality must be a fraction above 0 and at most 1, got ${materiality}`);
  const cf = CONFIDENCE_FACTORS[assurance];
  const uncapped = new Dec(cf).div(m).ceil().toNumber();
  return {
    n: Math.min(uncapped, populationSize),
    uncapped,
    confidenceFactor: cf,
    materiality: m.toFixed(),
    rule: `n = ceil(CF ${cf} / materiality ${m.toFixed()}) = ${uncapped}${uncapped > populationSize ? `, capped at the population of ${populationSize}` : ""} [P]`,
  };
}

/** Systematic selection (S2 formula A.1): interval N/n, random start; index_i = floor((s + i·N) / n), s uniform in [0, N). Exact integer arithmetic. */
export function systematicIndices(populationSize: number, n: number, prng: Prng): number[] {
  if (n <= 0 || populationSize <= 0) return [];
  if (n > populationSize) throw new RangeError("sample larger than population");
  const s = prng.below(populationSize);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.floor((s + i * populationSize) / n));
  return out;
}

/** Simple random selection without replacement: the first n steps of a Fisher-Yates shuffle; returned in selection order. */
export function randomIndices(populationSize: number, n: number, prng: Prng): number[] {
  if (n <= 0 || populationSize <= 0) return [];
  if (n > populationSize) throw new RangeError("sample larger than population");
  // Sparse Fisher-Yates: only swapped positions are stored, so a 1,048,576-row population costs O(n).
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = i + prng.below(populationSize - i);
    const picked = at(j);
    swapped.set(j, at(i));
    out.push(picked);
  }
  return out;
}

/** One record of the sampling frame. */
export interface SamplingUnit {
  /** Position in records.jsonl (0-based). */
  index: number;
  /** Record reference, e.g. "dispositions#12". */
  ref: string;
  kind: string;
  row: string;
  id: string;
  site: string;
  stream: string;
  quantity: string;
  unit: string;
  evidence: string;
  /** All top-level fields of the record as text, for stratifying by any field. */
  fields: Readonly<Record<string, string>>;
}

const text = (v: unknown): string => (v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * The sampling frame of a bundle's records.jsonl lines. A line is `{ kind, row, ref?, record }` or a
 * flat record. id: shipmentId, assetId, lotId or siteId+month; site: siteId; stream: disposition,
 * material, fuel, refrigerant or else the kind; quantity: mass, outputMass, energy or quantity.
 */
export function samplingFrame(lines: readonly unknown[]): SamplingUnit[] {
  return lines.map((line, index) => {
    const l = (line && typeof line === "object" ? line : {}) as Record<string, unknown>;
    const r = (l.record && typeof l.record === "object" ? l.record : l) as Record<string, unknown>;
    const kind = text(l.kind ?? r.kind);
    const row = text(l.row ?? r.row);
    const ref = text(l.ref) || (kind || row ? `${kind}#${row}` : `#${index + 1}`);
    const id = text(r.shipmentId ?? r.assetId ?? r.lotId ?? (r.siteId !== undefined && r.month !== undefined ? `${text(r.siteId)}/${text(r.month)}` : undefined) ?? r.id);
    const evidence = [r.evidence, r.certificateId]
      .flatMap((e) => (e && typeof e === "object" ? Object.values(e as Record<string, unknown>) : [e]))
      .map(text)
      .filter(Boolean)
      .join("; ");
    const fields: Record<string, string> = { kind };
    for (const [k, v] of Object.entries(r)) fields[k] = text(v);
    const quantityKey = ["mass", "outputMass", "energy", "quantity"].find((k) => r[k] !== undefined);
    const unitKey = quantityKey === "energy" ? "energyUnit" : quantityKey === "quantity" ? "unit" : "massUnit";
    return {
      index,
      ref,
      kind,
      row,
      id,
      site: text(r.siteId ?? r.site),
      stream: text(r.disposition ?? r.material ?? r.fuel ?? r.refrigerant ?? r.stream) || kind,
      quantity: quantityKey ? text(r[quantityKey]) : "",
      unit: quantityKey ? text(r[unitKey]) : "",
      evidence,
      fields,
    };
  });
}

export interface SampleOptions {
  assurance: AssuranceLevel;
  seed: number;
  materiality?: string;
  method?: SamplingMethod;
  /** Stratify by "site", "stream", "kind" or a record field; each stratum is sampled separately. */
  stratifyBy?: string;
}

export interface SampledUnit extends SamplingUnit {
  /** 1-based sample number, in population order. */
  sampleNo: number;
  stratum: string;
  /** 1-based order in which the unit was drawn (random) or its position in the interval walk (systematic). */
  drawOrder: number;
}

export interface Sample {
  populationSize: number;
  size: SampleSize;
  method: SamplingMethod;
  seed: number;
  generator: string;
  strata: Array<{ stratum: string; population: number; sample: number }>;
  units: SampledUnit[];
}

/** Draws the reproducible sample of a frame. */
export function drawSample(frame: readonly SamplingUnit[], options: SampleOptions): Sample {
  const method = options.method ?? "systematic";
  const size = sampleSize(options.assurance, options.materiality ?? DEFAULT_MATERIALITY, frame.length);
  const prng = mulberry32(options.seed);
  const key = options.stratifyBy;
  const stratumOf = (u: SamplingUnit): string =>
    key === undefined ? "all" : key === "site" ? u.site : key === "stream" ? u.stream : key === "kind" ? u.kind : (u.fields[key] ?? "");
  const groups = new Map<string, SamplingUnit[]>();
  for (const u of frame) {
    const s = stratumOf(u);
    const g = groups.get(s);
    if (g) g.push(u);
    else groups.set(s, [u]);
  }
  const names = [...groups.keys()].sort();
  const allocation = allocate(
    names.map((n) => groups.get(n)!.length),
    size.n,
  );
  const picked: Array<{ unit: SamplingUnit; stratum: string; drawOrder: number }> = [];
  names.forEach((name, i) => {
    const members = groups.get(name)!;
    const idx = method === "systematic" ? systematicIndices(members.length, allocation[i]!, prng) : randomIndices(members.length, allocation[i]!, prng);
    idx.forEach((k, order) => picked.push({ unit: members[k]!, stratum: name, drawOrder: order + 1 }));
  });
  picked.sort((a, b) => a.unit.index - b.unit.index);
  return {
    populationSize: frame.length,
    size,
    method,
    seed: options.seed,
    generator: "mulberry32",
    strata: names.map((n, i) => ({ stratum: n, population: groups.get(n)!.length, sample: allocation[i]! })),
    units: picked.map((p, i) => ({ ...p.unit, sampleNo: i + 1, stratum: p.stratum, drawOrder: p.drawOrder })),
  };
}

/**
 * Proportional allocation of n over strata of the given sizes (largest remainder, ties to the
 * earlier stratum), then at least one per stratum when n allows, never more than a stratum holds.
 */
export function allocate(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0 || n === 0) return sizes.map(() => 0);
  // Integer arithmetic: quota_i = n·size_i / total = floor_i + remainder_i / total.
  const out = sizes.map((s) => Math.floor((n * s) / total));
  const remainder = sizes.map((s) => (n * s) % total);
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = sizes.map((_, i) => i).sort((a, b) => remainder[b]! - remainder[a]! || a - b);
  for (const i of order) {
    if (left === 0) break;
    if (out[i]! < sizes[i]!) {
      out[i]!++;
      left--;
    }
  }
  if (n >= sizes.filter((s) => s > 0).length) {
    for (let i = 0; i < sizes.length; i++) {
      if (sizes[i]! > 0 && out[i] === 0) {
        const donor = out.map((v, k) => ({ v, k })).filter((x) => x.v > 1).sort((a, b) => b.v - a.v || a.k - b.k)[0];
        if (!donor) break;
        out[donor.k]!--;
        out[i] = 1;
      }
    }
  }
  return out;
}

/** The sample as rows for CSV: header and one row per sampled record. */
export function sampleRows(sample: Sample): { header: string[]; rows: string[][] } {
  return {
    header: ["sample_no", "population_index", "stratum", "draw_order", "record_ref", "kind", "row", "id", "site", "stream", "quantity", "unit", "evidence"],
    rows: sample.units.map((u) => [String(u.sampleNo), String(u.index + 1), u.stratum, String(u.drawOrder), u.ref, u.kind, u.row, u.id, u.site, u.stream, u.quantity, u.unit, u.evidence]),
  };
}
