export { loadTaxonomy, normaliseTerm, type RawTaxonomy, type Taxonomy, type Refrigerant, type GwpValue } from "./taxonomy";
export { compileClassifier, normaliseDescription, confidenceOf, type Classification, type Classifier } from "./classify";
export { GWP_REPORTS, type GwpReport, type UnuKey, type Fraction, type Disposition, type Stage, type Mode, type Carrier, type CrosswalkRow, type LexiconRule } from "./schema";
