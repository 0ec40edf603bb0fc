/**
 * Resolve stage: each distinct factor (spec, region, year, target unit) is resolved
 * once per run and kept, with its failure when it fails, so a bad id on 100,000 rows
 * costs one lookup and yields the same issue on each row.
 */
import type { Dec } from "../quantities/decimal";
import type { Issue } from "../issues/issue";
import { attempt, fail } from "../issues/issue";
import type { FactorRegistry } from "../factors/registry";
import { resolveIntensity, intensityIn, type FactorSpec } from "../methods/common/intensity";
import type { GwpSet } from "../methods/common/gwp";
import { resolveFactor, type FactorArg } from "../methods/avoided-common";
import type { FactorField, NumLike } from "./records";
import { scoreFactors, type DqiContext } from "./dqi";

export type Resolution = { ok: true; value: Dec; dqi?: number } | { ok: false; issue: Issue };

function isList(spec: FactorField): spec is readonly FactorField[] {
  return Array.isArray(spec);
}

function specKey(spec: FactorField): string {
  if (isList(spec)) return `[${spec.map(specKey).join(",")}]`;
  if (typeof spec === "number") return `n:${String(spec)}`;
  if (typeof spec === "string") return `s:${spec.trim()}`;
  const o = spec as { value: NumLike; unit: string };
  return `u:${String(o.value)}|${o.unit}`;
}

export class FactorCache {
  private readonly inventory = new Map<string, Resolution>();
  private readonly avoided = new Map<string, Resolution>();
  /** Number of distinct factors resolved (cache misses). */
  resolutions = 0;
  lookups = 0;

  constructor(
    private readonly registry: FactorRegistry | undefined,
    private readonly gwp: GwpSet,
    private readonly year: number | undefined,
    private readonly dq: DqiContext = { reportingYear: null, region: null },
  ) {}

  /**
   * An inventory intensity in kg CO2e per `perUnit` (through the inventory methods' `resolveIntensity`:
   * single-gas factors are characterised with the run's GWP set; CO2e factors are used as published).
   */
  intensity(spec: FactorField, perUnit: string, argument: string, defaultUnit: string, region?: string): Resolution {
    this.lookups++;
    const key = `${specKey(spec)}|${perUnit}|${region ?? ""}|${defaultUnit}`;
    let r = this.inventory.get(key);
    if (r === undefined) {
      this.resolutions++;
      r = attempt(() =>
        intensityIn(
          resolveIntensity(spec as FactorSpec, { ...(this.registry ? { registry: this.registry } : {}), region: region ?? null, year: this.year ?? null, gwp: this.gwp }, argument, defaultUnit),
          perUnit,
        ),
      );
      r = r.ok ? { ok: true, value: r.value } : { ok: false, issue: { ...r.issue, params: { ...r.issue.params, argument } } };
      this.inventory.set(key, r);
    }
    return r;
  }

  /** A factor of the avoided-impact methods in kg CO2e per `perUnit` (through their `resolveFactor`). */
  avoidedFactor(spec: FactorField, perUnit: string, argument: string): Resolution {
    this.lookups++;
    const key = `${specKey(spec)}|${perUnit}|${argument}`;
    let r = this.avoided.get(key);
    if (r === undefined) {
      this.resolutions++;
      const q = { ...(this.year !== undefined ? { year: this.year } : {}) };
      const out = attempt(() => {
        if (isList(spec)) fail("INVALID_OPTION", { argument, value: JSON.stringify(spec), expected: "one factor id or number" });
        if (typeof spec === "object" && !isList(spec)) {
          const unit = (spec as { unit: string }).unit;
          if (unit.replace(/\s+/g, "") !== `kgCO2e/${perUnit}`) fail("INCOMPATIBLE_UNITS", { argument, from: unit, to: `kg CO2e/${perUnit}` });
        }
        return resolveFactor(toFactorArg(spec), argument, perUnit, this.registry, q);
      });
      r = out.ok ? { ok: true, value: out.value.value, dqi: scoreFactors([out.value.trace], "avoided", this.dq, this.dq.region) } : { ok: false, issue: out.issue };
      this.avoided.set(key, r);
    }
    return r;
  }
}

/** The avoided-impact methods take an id or a number (already in their unit). */
export function toFactorArg(spec: FactorField): FactorArg {
  if (isList(spec)) return String(spec[0]);
  if (typeof spec === "object") return (spec as { value: NumLike }).value;
  return spec as string | number;
}
