/** `esg factors <query>`: lists matching factors with their provenance. */
import type { FactorRegistry } from "../../engine";
import { parseArgs, table, UsageError, type CliIo } from "../io";

export const FACTORS_HELP = `esg factors <query> [--limit N] [--json]
  Lists factors whose id, label, category, region, year, unit or library contain every word of <query>,
  with value, unit, region, year, GWP basis, source table and row, library version and licence.
  Example: esg factors "HGV average laden"`;

export function factorsCommand(argv: readonly string[], registry: FactorRegistry, io: CliIo): number {
  const { positional, flags } = parseArgs(argv, ["json"]);
  const query = positional.join(" ").trim();
  if (!query) throw new UsageError("esg factors needs a query, e.g. esg factors \"HGV average laden\"");
  const limitFlag = flags.get("limit");
  const limit = limitFlag === undefined ? 50 : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got '${String(limitFlag)}'`);
  const hits = registry.search(query, limit);
  if (flags.has("json")) {
    io.out(
      JSON.stringify(
        hits.map(({ loaded: { factor, library } }) => ({
          ...factor,
          library: { id: library.id, version: library.version, title: library.title, publisher: library.publisher, edition: library.edition, licence: library.licence, attribution: library.attribution, gwpBasis: library.gwpBasis, sourceUrl: library.sourceUrl },
        })),
        null,
        2,
      ),
    );
    return hits.length > 0 ? 0 : 1;
  }
  if (hits.length === 0) {
    io.err(`No factor matches '${query}'. Try fewer or other words (e.g. "hgv", "electricity GB", "weee landfill").`);
    return 1;
  }
  io.out(
    table(
      ["id", "value", "unit", "gas", "region", "year", "gwp", "source table / row", "library"],
      hits.map(({ loaded: { factor, library } }) => [
        factor.id,
        factor.value,
        factor.unit,
        factor.gas,
        factor.region,
        String(factor.year),
        library.gwpBasis,
        `${factor.sourceTable.replace(/ \(flat file.*\)$/, "")} / ${factor.sourceRow}`,
        `${library.id}@${library.version}`,
      ]),
      64,
    ),
  );
  const libs = [...new Map(hits.map((h) => [h.loaded.library.id, h.loaded.library])).values()];
  io.out("");
  for (const l of libs) io.out(`${l.id}@${l.version}: ${l.title}, ${l.edition}. ${l.licence.name}. ${l.attribution}`);
  io.out(`${hits.length} factor${hits.length === 1 ? "" : "s"}${hits.length === limit ? ` (first ${limit}; use --limit)` : ""}.`);
  return 0;
}
