/** `esg taxonomy classify|key|search`: the standardized categories from the command line. */
import { bundledTaxonomy } from "../../bundled/taxonomy";
import { parseArgs, table, UsageError, type CliIo } from "../io";

export const TAXONOMY_HELP = `esg taxonomy classify "<text>" [--json]
  Classifies free text (product description, model name, category label) to a UNU-KEY with a confidence.
  Example: esg taxonomy classify "Dell Latitude 7490"
esg taxonomy key <UNU-KEY> [--json]
  A UNU-KEY with its EU-6 and EU-10 categories, average unit weight, HS6 codes and crosswalks.
esg taxonomy list [--json]
  All 54 UNU-KEYs with their EU-6 / EU-10 categories.`;

export function taxonomyCommand(argv: readonly string[], io: CliIo): number {
  const [sub, ...rest] = argv;
  const { positional, flags } = parseArgs(rest, ["json"]);
  const json = flags.has("json");
  const tax = bundledTaxonomy();
  switch (sub) {
    case "classify": {
      const text = positional.join(" ").trim();
      if (!text) throw new UsageError('esg taxonomy classify needs a text, e.g. esg taxonomy classify "Dell Latitude 7490"');
      const c = tax.classify(text);
      if (!c) {
        if (json) io.out(JSON.stringify({ text, key: null }, null, 2));
        io.err(`No UNU-KEY matches '${text}'. Give a clearer description or a UNU-KEY (esg taxonomy list).`);
        return 1;
      }
      const cat = tax.category(c.key);
      if (json) {
        io.out(JSON.stringify({ text, key: c.key, description: cat.description, confidence: c.confidence, matched: c.matched, alternatives: c.alternatives, lexicon: tax.versions }, null, 2));
        return 0;
      }
      io.out(`${c.key}  ${cat.description}`);
      io.out(`confidence ${c.confidence.toFixed(2)}`);
      io.out(`matched: ${c.matched.map((m) => `${m.rule} ("${m.text.trim()}")`).join(", ")}`);
      if (c.alternatives.length > 0) io.out(`alternatives: ${c.alternatives.slice(0, 3).map((a) => `${a.key} (${tax.category(a.key).description})`).join("; ")}`);
      return 0;
    }
    case "key": {
      const key = positional[0];
      if (!key) throw new UsageError("esg taxonomy key needs a UNU-KEY, e.g. esg taxonomy key 0303");
      const k = tax.category(key);
      const xw = tax.crosswalk(k.key);
      if (json) {
        io.out(JSON.stringify({ ...k, crosswalk: xw }, null, 2));
        return 0;
      }
      io.out(`${k.key}  ${k.description}${k.pendingConfirmation ? `  (pending confirmation: ${k.pendingConfirmation})` : ""}`);
      io.out(`EU-6:  ${JSON.stringify(k.eu6)}`);
      io.out(`EU-10: ${JSON.stringify(k.eu10)}`);
      io.out(`average unit weight: ${k.unitWeightKg.kg} kg (${k.unitWeightKg.year}; ${k.unitWeightKg.rule})`);
      io.out(`HS6: ${k.hs6.map((h) => h.code).join(", ") || "-"}`);
      io.out(`crosswalk: ${JSON.stringify(xw)}`);
      return 0;
    }
    case "list": {
      if (json) {
        io.out(JSON.stringify(tax.unuKeys.map((k) => ({ key: k.key, description: k.description, eu6: k.eu6, eu10: k.eu10 })), null, 2));
        return 0;
      }
      io.out(table(["key", "description", "EU-6", "EU-10"], tax.unuKeys.map((k) => [k.key, k.description, JSON.stringify(k.eu6), JSON.stringify(k.eu10)]), 60));
      return 0;
    }
    default:
      throw new UsageError(`esg taxonomy needs classify, key or list${sub ? ` (got '${sub}')` : ""}`);
  }
}
