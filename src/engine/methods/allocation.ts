/**
 * Exact allocation of a total to parts by physical weights (method-brief §4.3).
 *
 * S1 §8.3: "a single, consistent allocation factor should be used" and the allocated
 * shares must sum to 100 % [V]. This module guarantees more than that: the allocated
 * AMOUNTS sum to the total digit for digit, for any weights.
 *
 * How [P]: every part is a whole number of quanta. The exact share total × w_i / W is
 * computed in integer arithmetic (BigInt on the scaled decimals, no rounding), floored
 * to the quantum, and the quanta left over (fewer than the number of parts) go to the
 * parts with the largest remainders; equal remainders go to the lower index (the
 * order the parts were given). Default quantum: one unit in the 50th significant digit
 * of the total (the engine's Decimal precision), so each part is its exact quotient
 * to within that unit, and a quotient that terminates earlier (450/6000 = 0.075) is
 * exact. A stated quantum (e.g. 0.000001 kg) rounds the parts to it the same way.
 *
 * Weights: zero is allowed (the part gets exactly zero); negative weights are refused;
 * weights summing to zero are refused unless the total is zero. A negative total
 * (rare: a net figure) is allocated as its absolute value and the sign restored.
 */
import { Dec, ZERO, plain } from "../quantities/decimal";
import { fail } from "../issues/issue";
import type { Result, Trace } from "../trace/trace";
import { amountArg, decArg, newTrace, type Amount, type Num } from "./common/method-ref";

const CLAUSE = "§4.3 allocation of facility emissions to processed mass (S1 §8.3, Figure 8.2, Box 8.1)";

export interface AllocationOptions {
  /** Rounding quantum of the parts, e.g. "0.000001"; default: the 50th significant digit of the total. */
  quantum?: Num;
  /** Name of the physical basis, for the trace (default "mass"). */
  basis?: string;
  /** Unit of the weights, for the trace. */
  weightUnit?: string;
  /** Unit of the total, for the trace and the results (default "kg CO2e"). */
  unit?: string;
  /** Argument name used in issues (default "weights"). */
  argument?: string;
}

export interface WeightedPart {
  key: string;
  weight: Num;
}

export interface AllocatedPart {
  key: string;
  index: number;
  weight: Dec;
  /** weight / Σ weights (at Decimal precision; for display, not used to compute the value). */
  share: Dec;
  value: Dec;
}

export interface Allocation {
  total: Dec;
  unit: string;
  quantum: Dec;
  quantumDefaulted: boolean;
  parts: AllocatedPart[];
  trace: Trace;
}

/** A non-negative Dec as an integer scaled by 10^places (exact). */
function scaled(d: Dec, places: number): bigint {
  return BigInt(d.times(new Dec(`1e${places}`)).toFixed(0));
}

/**
 * Allocates `total` to parts in proportion to `weights`; the parts always sum exactly to the total.
 * `weights` may be plain numbers (keys "1", "2", ...) or `{ key, weight }` pairs.
 */
export function allocateExact(total: Num, weights: readonly (Num | WeightedPart)[], options: AllocationOptions = {}): Allocation {
  const argument = options.argument ?? "weights";
  const unit = options.unit ?? "kg CO2e";
  const basis = options.basis ?? "mass";
  const t = decArg(total, "total", `a total in ${unit}`, { allowNegative: true });
  if (!weights || weights.length === 0) fail("MISSING_INPUT", { argument, expected: "at least one part with a weight" });
  const parts = weights.map((w, i) => {
    const pair = typeof w === "object" && w !== null && !(w instanceof Dec) && "weight" in w;
    const key = pair ? (w as WeightedPart).key : String(i + 1);
    const weight = decArg(pair ? (w as WeightedPart).weight : (w as Num), `${argument}[${i}]`, `a ${basis} weight of zero or more`);
    return { key, weight };
  });
  const weightSum = parts.reduce((s, p) => s.plus(p.weight), ZERO);
  const negative = t.isNegative() && !t.isZero();
  const a = t.abs();
  const trace = newTrace("Exact allocation by a physical basis", CLAUSE);
  trace.input("total", t, "entered", unit);
  parts.forEach((p) => trace.input(`weight[${p.key}]`, p.weight, "entered", options.weightUnit));

  let quantum: Dec;
  let quantumDefaulted = false;
  if (options.quantum !== undefined && options.quantum !== null && options.quantum !== "") {
    quantum = decArg(options.quantum, "quantum", `a positive rounding quantum in ${unit}`);
    if (quantum.isZero()) fail("OUT_OF_RANGE", { argument: "quantum", value: "0", expected: "a positive quantum, or none for exact quotients" });
    trace.input("quantum", quantum, "entered", unit);
  } else {
    quantumDefaulted = true;
    quantum = a.isZero() ? new Dec(1) : new Dec(`1e${a.e - 49}`);
    trace.input("quantum", quantum, "defaulted", unit, "one unit in the 50th significant digit of the total (Decimal precision)");
  }

  if (weightSum.isZero() && !a.isZero()) {
    fail("ALLOCATION_BASIS_ZERO", { argument, basis, total: plain(t), unit });
  }

  const places = Math.max(a.decimalPlaces(), quantum.decimalPlaces());
  const aInt = scaled(a, places);
  const qInt = scaled(quantum, places);
  if (aInt % qInt !== BigInt(0)) {
    fail("TOTAL_FINER_THAN_QUANTUM", { argument: "quantum", total: plain(t), quantum: plain(quantum) });
  }
  const n = aInt / qInt;
  if (n.toString().length > 50) {
    fail("OUT_OF_RANGE", { argument: "quantum", value: plain(quantum), expected: `a quantum no finer than the 50th significant digit of the total (${plain(new Dec(`1e${a.e - 49}`))})` });
  }

  const wPlaces = Math.max(0, ...parts.map((p) => p.weight.decimalPlaces()));
  const wInts = parts.map((p) => scaled(p.weight, wPlaces));
  const wTotal = wInts.reduce((s, w) => s + w, BigInt(0));

  const units: bigint[] = [];
  const remainders: bigint[] = [];
  let assigned = BigInt(0);
  for (const w of wInts) {
    const num = wTotal === BigInt(0) ? BigInt(0) : n * w;
    const f = wTotal === BigInt(0) ? BigInt(0) : num / wTotal;
    units.push(f);
    remainders.push(wTotal === BigInt(0) ? BigInt(0) : num % wTotal);
    assigned += f;
  }
  let left = n - assigned;
  const order = remainders.map((r, i) => ({ r, i })).sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of order) {
    if (left === BigInt(0)) break;
    units[i] = units[i]! + BigInt(1);
    left -= BigInt(1);
  }

  const result: AllocatedPart[] = parts.map((p, i) => {
    const magnitude = new Dec(`${(units[i]! * qInt).toString()}e-${places}`);
    const value = negative ? magnitude.negated() : magnitude;
    const share = weightSum.isZero() ? ZERO : p.weight.div(weightSum);
    return { key: p.key, index: i, weight: p.weight, share, value };
  });

  for (const p of result) {
    trace.step(`part ${p.key}`, `${plain(t)} x ${plain(p.weight)} / ${plain(weightSum)}, to the quantum ${plain(quantum)} by largest remainder`, p.value, unit);
  }
  const check = result.reduce((s, p) => s.plus(p.value), ZERO);
  trace.step("check: sum of parts", result.map((p) => plain(p.value)).join(" + "), check, unit);
  if (!check.eq(t)) throw new Error(`allocation invariant broken: ${check.toFixed()} != ${t.toFixed()}`);
  trace.note(
    `Parts are whole multiples of the quantum ${plain(quantum)} ${unit}: exact shares floored to the quantum, left-over quanta to the largest remainders (ties to the earlier part), so the parts sum exactly to the total [P].`,
  );
  trace.note(`Allocation basis: ${basis} (S1 Figure 8.2: physical allocation when it reflects causality; one consistent factor per facility, shares sum to 100 %) [V].`);
  if (parts.some((p) => p.weight.isZero())) trace.note("Parts with zero weight receive exactly zero.");
  return { total: t, unit, quantum, quantumDefaulted, parts: result, trace: trace.build() };
}

// ---------------------------------------------------------------------------
// Facility allocation (S1 Box 8.1, mass basis; method-brief §4.3 [P] step 2)

export interface FacilityClient {
  key: string;
  receivedMass: Amount;
}

export interface FacilityAllocationInput {
  /** Site Scope 1 in kg CO2e (a number or a Result in kg CO2e). */
  scope1: Num | Result;
  /** Site Scope 2 location-based, kg CO2e. */
  scope2LocationBased: Num | Result;
  /** Site Scope 2 market-based, kg CO2e. */
  scope2MarketBased: Num | Result;
  clients: readonly FacilityClient[];
  /**
   * Total mass processed at the site. When larger than the clients' sum, the difference is allocated
   * to a part named "(other throughput)" so that the clients listed get their exact share.
   */
  totalMass?: Amount;
  /** Optional rounding quantum for allocated kg CO2e (default: exact). */
  quantum?: Num;
}

export interface ClientAllocation {
  key: string;
  massTonnes: Dec;
  scope1: Result;
  scope2LocationBased: Result;
  scope2MarketBased: Result;
  /** Scope 1 + Scope 2 (location-based). */
  totalLocationBased: Result;
  /** Scope 1 + Scope 2 (market-based). */
  totalMarketBased: Result;
  /** kg CO2e per tonne received (location-based); null for a client with zero mass. */
  intensityLocationBased: Result | null;
  intensityMarketBased: Result | null;
}

export interface FacilityAllocation {
  clients: ClientAllocation[];
  siteTotalLocationBased: Dec;
  siteTotalMarketBased: Dec;
  trace: Trace;
}

export const OTHER_THROUGHPUT = "(other throughput)";

function kgArg(value: Num | Result, argument: string): { value: Dec; trace?: Trace } {
  if (typeof value === "object" && value !== null && !(value instanceof Dec) && "trace" in value) {
    if (value.unit !== "kg CO2e") fail("INCOMPATIBLE_UNITS", { argument, from: value.unit, to: "kg CO2e" });
    return { value: value.value, trace: value.trace };
  }
  return { value: decArg(value as Num, argument, "an emission in kg CO2e") };
}

/**
 * Allocates a recycler's site Scope 1 and Scope 2 (location- and market-based) to clients by received
 * mass, with intensities per tonne — the supplier-specific figure clients use in Scope 3 category 5
 * (S2 formula 5.1) [V S1 Box 8.1; P].
 */
export function allocateFacilityEmissions(input: FacilityAllocationInput): FacilityAllocation {
  if (!input.clients || input.clients.length === 0) fail("MISSING_INPUT", { argument: "clients", expected: "at least one client with a received mass" });
  const s1 = kgArg(input.scope1, "scope1");
  const lb = kgArg(input.scope2LocationBased, "scope2LocationBased");
  const mb = kgArg(input.scope2MarketBased, "scope2MarketBased");
  const masses = input.clients.map((c, i) => ({ key: c.key, tonnes: amountArg(c.receivedMass, "mass", `clients[${i}].receivedMass`).in("t") }));
  const keys = new Set<string>();
  for (const m of masses) {
    if (keys.has(m.key)) fail("RULE_VIOLATION", { rule: "one row per client", detail: `client '${m.key}' is listed twice` });
    keys.add(m.key);
  }
  const clientSum = masses.reduce((s, m) => s.plus(m.tonnes), ZERO);
  const weights: WeightedPart[] = masses.map((m) => ({ key: m.key, weight: m.tonnes }));
  if (input.totalMass) {
    const total = amountArg(input.totalMass, "mass", "totalMass").in("t");
    if (total.lt(clientSum)) {
      fail("RULE_VIOLATION", { rule: "S1 §8.3 shares sum to 100 %", detail: `clients' received mass ${plain(clientSum)} t exceeds the site total ${plain(total)} t` });
    }
    if (total.gt(clientSum)) weights.push({ key: OTHER_THROUGHPUT, weight: total.minus(clientSum) });
  }
  // One quantum for the three allocations, so that a client's S1 + S2 parts and their sums over clients are
  // exact too: by default the 50th significant digit of the larger site total (S1 + S2).
  const site = newTrace("Facility allocation of Scope 1 and 2 by received mass", CLAUSE);
  let quantum: Num;
  if (input.quantum !== undefined) {
    quantum = input.quantum;
  } else {
    const largest = Dec.max(s1.value.plus(lb.value).abs(), s1.value.plus(mb.value).abs(), s1.value.abs(), lb.value.abs(), mb.value.abs());
    const q = largest.isZero() ? new Dec(1) : new Dec(`1e${largest.e - 49}`);
    quantum = q;
    site.note(`All three allocations use one quantum, ${plain(q)} kg CO2e (the 50th significant digit of the larger site total), so each client's S1 + S2 and the sums over clients are exact.`);
    for (const x of [s1, lb, mb]) {
      if (!x.value.mod(q).isZero()) {
        x.value = x.value.toNearest(q, Dec.ROUND_HALF_EVEN);
        site.note(`An input carried digits beyond the Decimal precision of the site total; it was taken to ${plain(q)} kg CO2e (the 50th significant digit of the site total).`);
      }
    }
  }
  const opts = { basis: "received mass", weightUnit: "t", quantum };
  const a1 = allocateExact(s1.value, weights, { ...opts, argument: "clients" });
  const aLb = allocateExact(lb.value, weights, { ...opts, argument: "clients" });
  const aMb = allocateExact(mb.value, weights, { ...opts, argument: "clients" });
  if (s1.trace) site.absorb(s1.trace, "scope1");
  if (lb.trace) site.absorb(lb.trace, "scope2LocationBased");
  if (mb.trace) site.absorb(mb.trace, "scope2MarketBased");
  site.input("scope1", s1.value, "entered", "kg CO2e").input("scope2LocationBased", lb.value, "entered", "kg CO2e").input("scope2MarketBased", mb.value, "entered", "kg CO2e");
  for (const w of weights) site.input(`mass[${w.key}]`, w.weight as Dec, w.key === OTHER_THROUGHPUT ? "defaulted" : "entered", "t", w.key === OTHER_THROUGHPUT ? "site total minus the clients listed" : undefined);
  const siteLb = s1.value.plus(lb.value);
  const siteMb = s1.value.plus(mb.value);
  site.step("site Scope 1 + Scope 2 (location-based)", `${plain(s1.value)} + ${plain(lb.value)}`, siteLb, "kg CO2e");
  site.step("site Scope 1 + Scope 2 (market-based)", `${plain(s1.value)} + ${plain(mb.value)}`, siteMb, "kg CO2e");
  site.note("Inventory only: the allocated figures are the clients' supplier-specific Scope 3 category 5 data (S2 formula 5.1); no credits are included [V S2 p.74].");

  const clients: ClientAllocation[] = weights
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => w.key !== OTHER_THROUGHPUT)
    .map(({ w, i }) => {
      const tonnes = w.weight as Dec;
      const make = (label: string, value: Dec, formula: string, unit = "kg CO2e"): Result => {
        const tb = newTrace("Facility allocation of Scope 1 and 2 by received mass", CLAUSE);
        tb.absorb(site.build());
        tb.input("client", w.key, "entered").input("client mass", tonnes, "entered", "t");
        tb.step(`${w.key}: ${label}`, formula, value, unit);
        return tb.result(value, unit);
      };
      const v1 = a1.parts[i]!.value;
      const vLb = aLb.parts[i]!.value;
      const vMb = aMb.parts[i]!.value;
      const share = `${plain(tonnes)} t / ${plain(weights.reduce((s, x) => s.plus(x.weight as Dec), ZERO))} t`;
      const totLb = v1.plus(vLb);
      const totMb = v1.plus(vMb);
      const intensity = (v: Dec, label: string): Result | null =>
        tonnes.isZero() ? null : make(`intensity (${label})`, v.div(tonnes), `${plain(v)} kg CO2e / ${plain(tonnes)} t`, "kg CO2e/t");
      return {
        key: w.key,
        massTonnes: tonnes,
        scope1: make("Scope 1 allocated", v1, `${plain(s1.value)} x ${share}`),
        scope2LocationBased: make("Scope 2 (location-based) allocated", vLb, `${plain(lb.value)} x ${share}`),
        scope2MarketBased: make("Scope 2 (market-based) allocated", vMb, `${plain(mb.value)} x ${share}`),
        totalLocationBased: make("Scope 1 + 2 (location-based) allocated", totLb, `${plain(v1)} + ${plain(vLb)}`),
        totalMarketBased: make("Scope 1 + 2 (market-based) allocated", totMb, `${plain(v1)} + ${plain(vMb)}`),
        intensityLocationBased: intensity(totLb, "location-based"),
        intensityMarketBased: intensity(totMb, "market-based"),
      };
    });
  return { clients, siteTotalLocationBased: siteLb, siteTotalMarketBased: siteMb, trace: site.build() };
}
