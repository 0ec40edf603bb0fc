/**
 * The engine services the taskpane uses, built once on first use: the bundled
 * factor registry, the taxonomy, the mapping's view of the taxonomy and the
 * context the ESG functions (and the formula evaluator) run with.
 */
import { taxonomyPort, type FactorRegistry, type MappingTaxonomy, type Taxonomy } from "../engine";
import { bundledRegistry } from "../bundled/libraries";
import { bundledTaxonomy } from "../bundled/taxonomy";
import type { FunctionContext } from "../functions";

export interface Services {
  registry: FactorRegistry;
  taxonomy: Taxonomy;
  mappingTaxonomy: MappingTaxonomy;
  functionContext: FunctionContext;
}

let cached: Services | undefined;

export function services(): Services {
  if (!cached) {
    const registry = bundledRegistry();
    const taxonomy = bundledTaxonomy();
    cached = { registry, taxonomy, mappingTaxonomy: taxonomyPort(taxonomy), functionContext: { registry, taxonomy } };
  }
  return cached;
}

/** Lets the browser paint between batches of work. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Message of an unknown thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
