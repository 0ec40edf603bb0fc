/**
 * The factor libraries shipped with the add-in and the CLI, loaded once and
 * checked against the method's pins. Adapters get the registry from here; the
 * engine itself never imports data.
 */
import { FactorRegistry, METHOD, loadLibrary, type FactorLibrary } from "../engine";
import { BUNDLED_LIBRARIES } from "./libraries.generated";

let cached: { libraries: FactorLibrary[]; registry: FactorRegistry } | undefined;

function load(): { libraries: FactorLibrary[]; registry: FactorRegistry } {
  const libraries = BUNDLED_LIBRARIES.map(({ meta, factors }) => loadLibrary(meta, factors));
  for (const pin of METHOD.libraries) {
    const lib = libraries.find((l) => l.meta.id === pin.id && l.meta.version === pin.version);
    if (!lib) throw new Error(`pinned library ${pin.id}@${pin.version} is not bundled`);
    if (lib.meta.dataSha256 !== pin.dataSha256) throw new Error(`bundled ${pin.id}@${pin.version} differs from its pin`);
  }
  const registry = new FactorRegistry(
    libraries,
    METHOD.libraries.map((l) => l.id),
  );
  return { libraries, registry };
}

/** The shared registry of bundled libraries (built on first use). */
export function bundledRegistry(): FactorRegistry {
  cached ??= load();
  return cached.registry;
}

export function bundledLibraries(): readonly FactorLibrary[] {
  cached ??= load();
  return cached.libraries;
}
