/** Real factor libraries for the avoided-impact tests: the bundled ones plus WARM v15 and Boavizta (not pinned yet). */
import { FactorRegistry, loadLibrary } from "../../../../src/engine";
import { bundledLibraries } from "../../../../src/bundled/libraries";
import warmMeta from "../../../../data/factors/warm-v15/1.0.0/library.json";
import warmFactors from "../../../../data/factors/warm-v15/1.0.0/factors.json";
import boaviztaMeta from "../../../../data/factors/boavizta-2025/1.0.0/library.json";
import boaviztaFactors from "../../../../data/factors/boavizta-2025/1.0.0/factors.json";

let cached: FactorRegistry | undefined;

export function avoidedRegistry(): FactorRegistry {
  if (!cached) {
    const extra = [loadLibrary(warmMeta, warmFactors), loadLibrary(boaviztaMeta, boaviztaFactors)];
    const bundledIds = new Set(bundledLibraries().map((l) => l.meta.id));
    cached = new FactorRegistry([...bundledLibraries(), ...extra.filter((l) => !bundledIds.has(l.meta.id))], ["desnz-2025", "desnz-2024", "epa-hub-2025"]);
  }
  return cached;
}
