/**
 * Resolve stage for the inventory kinds: each distinct factor choice (a leg's mode or
 * factor ids, a grid region, a fuel's carrier and unit, a refrigerant) is run ONCE through
 * the inventory method itself on a unit quantity (1 t x 1 km, 1 kWh, 1 kg...). That call
 * checks everything the method checks (unknown ids, boundaries, missing WTT...) and yields
 * the per-unit intensity the kernels multiply by. Failures are cached too: a bad choice shared
 * by many rows is one lookup and the same issue on each row.
 */
import type { Dec } from "../quantities/decimal";
import { findUnit } from "../quantities/units";
import { attempt, type Issue } from "../issues/issue";
import { transportLeg, transportHub, type TransportContext } from "../methods/transport";
import { electricityLocationBased, electricityMarketBased } from "../methods/electricity";
import { fuelCombustion } from "../methods/fuel";
import { refrigerantRelease } from "../methods/refrigerant";
import { resolveIntensity, type FactorSpec } from "../methods/common/intensity";
import { resolveGwp } from "../methods/common/gwp";
import { factorContext, factorSetArg, FACTOR_SET_KEYS } from "../methods/common/context";
import { RowFailure } from "./calculators";
import type { ElectricityRecord, FuelRecord, HubRecord, LegRecord, RefrigerantEventRecord } from "./records";

export interface LegProbe {
  /** True when the leg carries a carrier-specific WTW intensity. */
  direct: boolean;
  ttwPer: Dec | null;
  wttPer: Dec | null;
  wtwPer: Dec | null;
}
export interface HubProbe {
  wtwPer: Dec;
  ttwPer: Dec | null;
}
export interface FuelProbe {
  /** Activity unit of the intensity (the quantity is converted to it). */
  activityUnit: string;
  /** kg CO2e per activity unit, one per factor component (gases), in the method's order. */
  components: Dec[];
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

  constructor(readonly ctx: TransportContext) {}

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
      return { direct, ttwPer, wtwPer, wttPer: !direct && ttwPer !== null && wtwPer !== null ? wtwPer.minus(ttwPer) : null };
    });
  }

  hub(hub: HubRecord, field: string): HubProbe {
    return this.get(`hub|${part(hub.hocWtw)}|${part(hub.hocTtw)}`, field, () => {
      const f = { hocWtw: hub.hocWtw as FactorSpec, ...(present(hub.hocTtw) ? { hocTtw: hub.hocTtw as FactorSpec } : {}) };
      const r = transportHub({ massHandled: { amount: 1, unit: "t" }, ...f }, this.ctx, field);
      return { wtwPer: r.wtw!.value, ttwPer: r.ttw?.value ?? null };
    });
  }

  /** Location-based grid factor of a region, kg CO2e/kWh. */
  grid(region: string): Dec {
    return this.get(`grid|${region}`, "region", () => electricityLocationBased({ energy: { amount: 1, unit: "kWh" }, region }, this.ctx).scope2.value);
  }

  /** Factor of the uncovered remainder (supplier rate, residual mix, or the region's grid average, flagged). */
  remainder(r: ElectricityRecord): Dec {
    const field = present(r.supplierFactor) ? "supplierFactor" : present(r.residualMix) ? "residualMix" : "region";
    return this.get(`rem|${part(r.supplierFactor)}|${part(r.residualMix)}|${r.region}`, field, () => {
      const f = { ...(present(r.supplierFactor) ? { supplierFactor: r.supplierFactor as FactorSpec } : {}), ...(present(r.residualMix) ? { residualMix: r.residualMix as FactorSpec } : {}), fallbackRegion: r.region };
      return electricityMarketBased({ energy: { amount: 1, unit: "kWh" }, ...f }, this.ctx).scope2.value;
    });
  }

  fuel(r: FuelRecord): FuelProbe {
    const field = present(r.factor) ? "factor" : "carrier";
    return this.get(`fuel|${part(r.carrier)}|${part(r.factorSet)}|${part(r.factor)}|${r.unit}`, field, () => {
      const f = { ...(present(r.carrier) ? { carrier: String(r.carrier) } : {}), ...(present(r.factorSet) ? { factorSet: r.factorSet } : {}), ...(present(r.factor) ? { factor: r.factor as FactorSpec } : {}) };
      // The method validates the choice; the components are resolved as the method resolves them.
      fuelCombustion({ quantity: { amount: 1, unit: r.unit }, ...f }, this.ctx);
      const unit = findUnit(r.unit)!;
      const gwp = resolveGwp(this.ctx.gwp).set;
      let spec: FactorSpec;
      let set: string | null = null;
      if (f.carrier !== undefined) {
        const carrier = this.ctx.taxonomy!.carrier(f.carrier);
        set = factorSetArg(f.factorSet);
        const ids = carrier.defaultFactors[FACTOR_SET_KEYS[set as "desnz" | "epa"]]!;
        spec = set === "epa" ? [ids.co2, ids.ch4, ids.n2o].filter((x): x is string => typeof x === "string") : ids.ttw!;
      } else spec = f.factor!;
      const intensity = resolveIntensity(spec, factorContext(this.ctx, gwp), "factor", `kg CO2e/${unit.symbol}`, { expandGases: set !== "epa" });
      return { activityUnit: intensity.activityUnit.symbol, components: intensity.components.map((c) => c.kgCo2ePerUnit) };
    });
  }

  /** GWP-100 (kg CO2e/kg) of a refrigerant row's gas, number or factor id. */
  refrigerant(r: RefrigerantEventRecord): Dec {
    const field = present(r.gwp) ? "gwp" : present(r.gwpFactor) ? "gwpFactor" : "refrigerant";
    return this.get(`ref|${part(r.refrigerant)}|${part(r.gwp)}|${part(r.gwpFactor)}`, field, () => {
      const f = { ...(present(r.refrigerant) ? { gas: String(r.refrigerant) } : {}), ...(present(r.gwp) ? { gwp: r.gwp } : {}), ...(present(r.gwpFactor) ? { gwpFactor: String(r.gwpFactor) } : {}) };
      return refrigerantRelease({ ...f, released: { amount: 1, unit: "kg" } }, this.ctx).emitted.value;
    });
  }
}
