/**
 * Resolve stage for the inventory kinds: each distinct factor choice (a leg's mode or
 * factor ids, a grid region, a fuel's carrier and unit, a refrigerant) is run ONCE through
 * the inventory method itself on a unit quantity (1 t x 1 km, 1 kWh, 1 kg...). That call
 * checks everything the method checks (unknown ids, boundaries, missing WTT...) and yields
 * the per-unit intensity the kernels multiply by. Failures are cached too: a bad choice shared
 * by many rows is one lookup and the same issue on each row.
 */
import { Dec } from "../quantities/decimal";
import { findUnit } from "../quantities/units";
import { attempt, type Issue } from "../issues/issue";
import { transportLeg, transportHub, type TransportContext } from "../methods/transport";
import { electricityLocationBased, electricityMarketBased, type ElectricityLocationInput } from "../methods/electricity";
import { fuelCombustion } from "../methods/fuel";
import { refrigerantRelease } from "../methods/refrigerant";
import { endOfLifeEmissions, type EndOfLifeInput } from "../methods/end-of-life";
import { parseActivityUnit, resolveIntensity, type FactorSpec } from "../methods/common/intensity";
import { resolveGwp } from "../methods/common/gwp";
import { factorContext, factorSetArg, FACTOR_SET_KEYS } from "../methods/common/context";
import type { Trace } from "../trace/trace";
import { RowFailure } from "./calculators";
import { scoreFactors, technologyOnly, worsePacked, type DqiContext, type FactorProfile } from "./dqi";
import type { ElectricityRecord, FuelRecord, HubRecord, LegRecord, RefrigerantEventRecord } from "./records";

export interface LegProbe {
  /** True when the leg carries a carrier-specific WTW intensity. */
  direct: boolean;
  ttwPer: Dec | null;
  wttPer: Dec | null;
  wtwPer: Dec | null;
  /** Packed DQI of the factors used (dqi.ts). */
  dqi: number;
}
export interface HubProbe {
  wtwPer: Dec;
  ttwPer: Dec | null;
  dqi: number;
}
export interface FuelProbe {
  /** Activity unit of the intensity (the quantity is converted to it). */
  activityUnit: string;
  /** kg CO2e per activity unit, one per factor component (gases), in the method's order. */
  components: Dec[];
  dqi: number;
  /** Upstream (WTT, Scope 3 category 3) intensity, when the method computes a WTT line. */
  wtt: { activityUnit: string; per: Dec; dqi: number } | null;
}
/** A factor per unit with the packed DQI of the factors behind it. */
export interface Scored {
  per: Dec;
  dqi: number;
}
/** Scope 3 category 3 of an electricity row: T&D (a published per-kWh factor, or a loss rate on the grid factor) and upstream. */
export interface ElectricityCat3Probe {
  tdPer: Dec | null;
  tdRate: Dec | null;
  tdDqi: number;
  upPer: Dec | null;
  upDqi: number;
}
/** End-of-life treatment: kg CO2e per `activityUnit` of mass (t, short ton...). */
export interface EndOfLifeProbe {
  activityUnit: string;
  per: Dec;
  dqi: number;
}

/** True for a region given as a number (a grid factor) rather than a code. */
export function isNumericRegion(region: string): boolean {
  return /^\s*[+-]?(\d|\.\d)/.test(region);
}

/** True when the library publishes T&D and WTT for the region's grid (DESNZ, UK). */
export function publishesCat3(region: string): boolean {
  const c = region.trim().toUpperCase();
  return c === "GB" || c === "UK";
}

/** The inputs of the electricity method's category 3 lines for a row (null when the row has none). */
export function cat3Options(r: ElectricityRecord): Pick<ElectricityLocationInput, "tdLosses" | "upstream"> | null {
  const auto = publishesCat3(String(r.region));
  const td = present(r.tdLossRate) ? { lossRate: r.tdLossRate! } : auto ? true : undefined;
  const up = present(r.upstreamFactor) ? { factor: r.upstreamFactor as FactorSpec } : auto ? true : undefined;
  if (td === undefined && up === undefined) return null;
  return { ...(td !== undefined ? { tdLosses: td } : {}), ...(up !== undefined ? { upstream: up } : {}) };
}

/** Activity region of an electricity row for DQI geography: its grid region code, else the run's region. */
export function electricityRegion(r: ElectricityRecord, dq: DqiContext): string | null {
  const region = String(r.region);
  return isNumericRegion(region) ? dq.region : region.trim().toUpperCase();
}

/** The technology part of an end-of-life line: a proxy crosswalk (flagged by the method) is a different technology (3). */
export function endOfLifeProxy(trace: Trace): number {
  return trace.flags.some((f) => /proxy/i.test(f)) ? technologyOnly(3) : 0;
}

type Cached<T> = { ok: true; value: T } | { ok: false; issue: Issue };

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

/** One key segment: strings and numbers as they are (typed), anything else as JSON. */
function part(x: unknown): string {
  if (x === undefined || x === null || x === "") return "";
  if (typeof x === "string") return `s${x}`;
  if (typeof x === "number") return `n${x}`;
  return `j${JSON.stringify(x)}`;
}

export class Probes {
  private readonly cache = new Map<string, Cached<unknown>>();
  /** Distinct factor choices resolved (method probes run). */
  count = 0;

  constructor(
    readonly ctx: TransportContext,
    readonly dq: DqiContext = { reportingYear: null, region: null },
  ) {}

  private score(trace: Trace | undefined, profile: FactorProfile, region: string | null = this.dq.region): number {
    return trace ? scoreFactors(trace.factors, profile, this.dq, region) : 0;
  }

  private get<T>(key: string, field: string, run: () => T): T {
    let c = this.cache.get(key) as Cached<T> | undefined;
    if (c === undefined) {
      this.count++;
      const out = attempt(run);
      c = out.ok ? { ok: true, value: out.value } : { ok: false, issue: out.issue };
      this.cache.set(key, c);
    }
    if (!c.ok) throw new RowFailure("resolve", field, c.issue);
    return c.value;
  }

  leg(leg: LegRecord, field: string): LegProbe {
    // Cheap key first (no object per row); the factor object is built only on a miss.
    const quick = `leg|${part(leg.mode)}|${part(leg.factorSet)}|${part(leg.ttwFactor)}|${part(leg.wttFactor)}|${part(leg.wtwIntensity)}|${part(leg.ttwIntensity)}|${leg.distanceBasis ?? ""}`;
    const hit = this.cache.get(quick) as Cached<LegProbe> | undefined;
    if (hit !== undefined) {
      if (!hit.ok) throw new RowFailure("resolve", field, hit.issue);
      return hit.value;
    }
    const factors = {
      ...(present(leg.mode) ? { mode: String(leg.mode) } : {}),
      ...(present(leg.factorSet) ? { factorSet: leg.factorSet } : {}),
      ...(present(leg.ttwFactor) ? { ttwFactor: leg.ttwFactor as FactorSpec } : {}),
      ...(present(leg.wttFactor) ? { wttFactor: leg.wttFactor as FactorSpec } : {}),
      ...(present(leg.wtwIntensity) ? { wtwIntensity: leg.wtwIntensity } : {}),
      ...(present(leg.ttwIntensity) ? { ttwIntensity: leg.ttwIntensity } : {}),
    };
    return this.get(quick, field, () => {
      const r = transportLeg({ mass: { amount: 1, unit: "t" }, distance: { amount: 1, unit: "km" }, ...(leg.distanceBasis ? { distanceBasis: leg.distanceBasis } : {}), ...factors }, this.ctx, field);
      const direct = factors.wtwIntensity !== undefined;
      const ttwPer = r.ttw?.value ?? null;
      const wtwPer = r.wtw?.value ?? null;
      return { direct, ttwPer, wtwPer, wttPer: !direct && ttwPer !== null && wtwPer !== null ? wtwPer.minus(ttwPer) : null, dqi: this.score((r.wtw ?? r.ttw)?.trace, "transport") };
    });
  }

  hub(hub: HubRecord, field: string): HubProbe {
    return this.get(`hub|${part(hub.hocWtw)}|${part(hub.hocTtw)}`, field, () => {
      const f = { hocWtw: hub.hocWtw as FactorSpec, ...(present(hub.hocTtw) ? { hocTtw: hub.hocTtw as FactorSpec } : {}) };
      const r = transportHub({ massHandled: { amount: 1, unit: "t" }, ...f }, this.ctx, field);
      return { wtwPer: r.wtw!.value, ttwPer: r.ttw?.value ?? null, dqi: this.score(r.wtw?.trace, "transport") };
    });
  }

  /** Location-based grid factor of a region, kg CO2e/kWh. */
  grid(r: ElectricityRecord): Scored {
    const region = String(r.region);
    return this.get(`grid|${region}`, "region", () => {
      const res = electricityLocationBased({ energy: { amount: 1, unit: "kWh" }, region }, this.ctx).scope2;
      return { per: res.value, dqi: this.score(res.trace, "grid", electricityRegion(r, this.dq)) };
    });
  }

  /** Factor of the uncovered remainder (supplier rate, residual mix, or the region's grid average, flagged). */
  remainder(r: ElectricityRecord): Scored {
    const field = present(r.supplierFactor) ? "supplierFactor" : present(r.residualMix) ? "residualMix" : "region";
    return this.get(`rem|${part(r.supplierFactor)}|${part(r.residualMix)}|${r.region}`, field, () => {
      const f = { ...(present(r.supplierFactor) ? { supplierFactor: r.supplierFactor as FactorSpec } : {}), ...(present(r.residualMix) ? { residualMix: r.residualMix as FactorSpec } : {}), fallbackRegion: r.region };
      const res = electricityMarketBased({ energy: { amount: 1, unit: "kWh" }, ...f }, this.ctx).scope2;
      return { per: res.value, dqi: this.score(res.trace, field === "region" ? "market-fallback" : "market", electricityRegion(r, this.dq)) };
    });
  }

  /**
   * Scope 3 category 3 lines of an electricity row, through the method on 1 kWh. Null when the row has
   * none (no published T&D/WTT for its grid and no loss rate or upstream factor given).
   */
  electricityCat3(r: ElectricityRecord): ElectricityCat3Probe | null {
    const opts = cat3Options(r);
    if (opts === null) return null;
    const field = present(r.tdLossRate) ? "tdLossRate" : present(r.upstreamFactor) ? "upstreamFactor" : "region";
    return this.get(`c3|${r.region}|${part(r.tdLossRate)}|${part(r.upstreamFactor)}`, field, () => {
      const res = electricityLocationBased({ energy: { amount: 1, unit: "kWh" }, region: String(r.region), ...opts }, this.ctx);
      const region = electricityRegion(r, this.dq);
      const byRate = typeof opts.tdLosses === "object";
      return {
        tdPer: res.tdLosses && !byRate ? res.tdLosses.value : null,
        tdRate: byRate ? new Dec(res.tdLosses!.trace.inputs.find((i) => i.name === "tdLosses.lossRate")!.value) : null,
        tdDqi: this.score(res.tdLosses?.trace, "category3", region),
        upPer: res.upstream ? res.upstream.value : null,
        upDqi: this.score(res.upstream?.trace, "category3", region),
      };
    });
  }
  fuel(r: FuelRecord): FuelProbe {
    const field = present(r.factor) ? "factor" : "carrier";
    return this.get(`fuel|${part(r.carrier)}|${part(r.factorSet)}|${part(r.factor)}|${part(r.wttFactor)}|${r.unit}`, field, () => {
      const f = {
        ...(present(r.carrier) ? { carrier: String(r.carrier) } : {}),
        ...(present(r.factorSet) ? { factorSet: r.factorSet } : {}),
        ...(present(r.factor) ? { factor: r.factor as FactorSpec } : {}),
        ...(present(r.wttFactor) ? { wttFactor: r.wttFactor as FactorSpec } : {}),
      };
      // The method validates the choice; the components are resolved as the method resolves them.
      const res = fuelCombustion({ quantity: { amount: 1, unit: r.unit }, ...f }, this.ctx);
      const unit = findUnit(r.unit)!;
      const gwp = resolveGwp(this.ctx.gwp).set;
      let spec: FactorSpec;
      let set: string | null = null;
      let wttSpec: FactorSpec | null = f.wttFactor ?? null;
      if (f.carrier !== undefined) {
        const carrier = this.ctx.taxonomy!.carrier(f.carrier);
        set = factorSetArg(f.factorSet);
        const ids = carrier.defaultFactors[FACTOR_SET_KEYS[set as "desnz" | "epa"]]!;
        spec = set === "epa" ? [ids.co2, ids.ch4, ids.n2o].filter((x): x is string => typeof x === "string") : ids.ttw!;
        if (wttSpec === null && set === "desnz") wttSpec = ids.wtt ?? null;
      } else {
        spec = f.factor!;
        if (wttSpec === null && typeof spec === "string" && /\.ttw$/.test(spec) && this.ctx.registry?.has(spec.replace(/\.ttw$/, ".wtt"))) wttSpec = spec.replace(/\.ttw$/, ".wtt");
      }
      const fctx = factorContext(this.ctx, gwp);
      const intensity = resolveIntensity(spec, fctx, "factor", `kg CO2e/${unit.symbol}`, { expandGases: set !== "epa" });
      let wtt: FuelProbe["wtt"] = null;
      if (res.wtt) {
        if (wttSpec === null) throw new Error("pipeline: the fuel method computed a WTT line the probe cannot resolve");
        const wi = resolveIntensity(wttSpec, fctx, "wttFactor", `kg CO2e/${unit.symbol}`);
        wtt = { activityUnit: wi.activityUnit.symbol, per: wi.kgCo2ePerUnit, dqi: this.score(res.wtt.trace, "category3") };
      }
      return { activityUnit: intensity.activityUnit.symbol, components: intensity.components.map((c) => c.kgCo2ePerUnit), dqi: this.score(res.scope1.trace, "fuel"), wtt };
    });
  }

  /**
   * End-of-life treatment intensity, through `endOfLifeEmissions` itself: once on 1 t (checks the choice and
   * names the factor), then, when the factor is per another mass unit (EPA: short ton), once on 1 of that unit,
   * so the kernel multiplies the row's mass in that unit by exactly the method's intensity.
   */
  endOfLife(input: Omit<EndOfLifeInput, "mass">, field: string): EndOfLifeProbe {
    return this.get(`eol|${part(input.unuKey)}|${part(input.desnzClass)}|${part(input.epaMaterial)}|${part(input.factorSet)}|${input.treatment}|${part(input.factor)}`, field, () => {
      const first = endOfLifeEmissions({ ...input, mass: { amount: 1, unit: "t" } }, this.ctx);
      const f = first.trace.factors[0]!;
      const unitText = f.unit.slice(f.unit.indexOf("/") + 1);
      const activityUnit = parseActivityUnit(unitText, "factor").unit.symbol;
      const per = activityUnit === "t" ? first.value : endOfLifeEmissions({ ...input, mass: { amount: 1, unit: activityUnit } }, this.ctx).value;
      return { activityUnit, per, dqi: worsePacked(this.score(first.trace, "end-of-life"), endOfLifeProxy(first.trace)) };
    });
  }

  /** GWP-100 (kg CO2e/kg) of a refrigerant row's gas, number or factor id. */
  refrigerant(r: RefrigerantEventRecord): Scored {
    const field = present(r.gwp) ? "gwp" : present(r.gwpFactor) ? "gwpFactor" : "refrigerant";
    return this.get(`ref|${part(r.refrigerant)}|${part(r.gwp)}|${part(r.gwpFactor)}`, field, () => {
      const f = { ...(present(r.refrigerant) ? { gas: String(r.refrigerant) } : {}), ...(present(r.gwp) ? { gwp: r.gwp } : {}), ...(present(r.gwpFactor) ? { gwpFactor: String(r.gwpFactor) } : {}) };
      const res = refrigerantRelease({ ...f, released: { amount: 1, unit: "kg" } }, this.ctx).emitted;
      return { per: res.value, dqi: this.score(res.trace, "refrigerant") };
    });
  }
}
