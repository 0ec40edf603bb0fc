/**
 * The shipped taxonomy tables, loaded once. Adapters (functions, CLI, taskpane)
 * use this; the engine itself only ever receives the data as arguments.
 */
import unuKeys from "../../data/taxonomy/unu-keys/1.0.0/unu-keys.json";
import fractions from "../../data/taxonomy/tables/1.0.0/fractions.json";
import dispositions from "../../data/taxonomy/tables/1.0.0/dispositions.json";
import stages from "../../data/taxonomy/tables/1.0.0/stages.json";
import modes from "../../data/taxonomy/tables/1.0.0/modes.json";
import carriers from "../../data/taxonomy/tables/1.0.0/carriers.json";
import refrigerants from "../../data/taxonomy/tables/1.0.0/refrigerants.json";
import crosswalks from "../../data/taxonomy/tables/1.0.0/crosswalks.json";
import lexicon from "../../data/taxonomy/tables/1.0.0/classifier-lexicon.json";
import { loadTaxonomy, type RawTaxonomy, type Taxonomy } from "../engine/taxonomy";

export const bundledTaxonomyData: RawTaxonomy = { unuKeys, fractions, dispositions, stages, modes, carriers, refrigerants, crosswalks, lexicon };

let cached: Taxonomy | undefined;

/** The taxonomy built from the shipped tables (validated on first use). */
export function bundledTaxonomy(): Taxonomy {
  cached ??= loadTaxonomy(bundledTaxonomyData);
  return cached;
}
