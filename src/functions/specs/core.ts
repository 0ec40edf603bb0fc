/**
 * ESG.METHOD, ESG.FACTOR, ESG.FACTORS: the method pin and factor look-ups.
 */
import { Dec, METHOD, TraceBuilder, traceOfFactor, type Resolved } from "../../engine";
import { excelError } from "../excel-values";
import type { ElementSpec, TableSpec } from "../registry";

export const FACTOR_FIELDS = ["value", "unit", "source", "table", "row", "year", "region", "licence", "library", "gwp", "label", "boundary"] as const;

/** The trace of a plain factor look-up. */
function lookupTrace(resolved: Resolved, id: string, region: string | null, year: number | null) {
  const tb = new TraceBuilder({ id: METHOD.id, version: METHOD.version, name: "factor look-up", clause: "factor library look-up by id, region and year (no fallback)" });
  tb.input("factor_id", id, "entered");
  if (region) tb.input("region", region, "entered");
  if (year !== null) tb.input("year", String(year), "entered");
  tb.factor(traceOfFactor(resolved));
  if (resolved.defaultedYear) tb.note(`No year given: the edition of the method's preferred library (${resolved.loaded.library.id}) was used.`);
  if (resolved.loaded.factor.proxyFor) tb.flag(`This factor is a proxy for ${resolved.loaded.factor.proxyFor}.`);
  return tb.build();
}

export const METHOD_FN: TableSpec = {
  name: "METHOD",
  shape: "table",
  description: "The method id and version and the factor library versions this add-in pins.",
  params: [],
  columns: ["what", "version"],
  examples: [{ formula: "=ESG.METHOD()", result: "a 2-column table: method SERI-EVC-METHOD 0.1.0-draft, then one row per pinned library" }],
  run: () => ({
    rows: [["method", `${METHOD.id} ${METHOD.version}`], ...METHOD.libraries.map((l) => [l.id, `${l.version} sha256:${l.dataSha256.slice(0, 12)}`])],
  }),
};

export const FACTOR_FN: ElementSpec = {
  name: "FACTOR",
  shape: "element",
  result: "any",
  description: "A factor's value, or another field of it (unit, source, table, row, year, region, licence, library, gwp, label, boundary).",
  params: [
    { name: "factor_id", kind: "text", description: 'Factor id, e.g. "desnz.electricity.uk.kwh.generation" (see ESG.FACTORS).' },
    { name: "field", kind: "text", optional: true, values: FACTOR_FIELDS, default: "value", description: "Which field: value, unit, source, table, row, year, region, licence, library, gwp, label or boundary; value when omitted." },
    { name: "region", kind: "text", optional: true, description: "Region code when the id exists for several regions (e.g. GB, US)." },
    { name: "year", kind: "integer", optional: true, description: "Year when the id exists for several editions (e.g. 2024); the method's preferred edition when omitted." },
  ],
  errors: ["UNKNOWN_FACTOR", "NO_FACTOR_FOR_SCOPE", "AMBIGUOUS_FACTOR", "INVALID_OPTION", "NOT_A_NUMBER"],
  examples: [
    { formula: '=ESG.FACTOR("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw")', result: "" },
    { formula: '=ESG.FACTOR("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw", "unit")', result: "" },
    { formula: '=ESG.FACTOR("desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw", , , 2024)', result: "", note: "the 2024 edition" },
  ],
  run: (a, ctx) => {
    const id = a.text("factor_id");
    const field = a.optText("field") ?? "value";
    const region = a.optText("region");
    const yearDec = a.optNum("year");
    const year = yearDec === null ? null : yearDec.toNumber();
    const resolved = ctx.registry.get(id, { region, year });
    const { factor, library } = resolved.loaded;
    const trace = lookupTrace(resolved, id, region, year);
    const text = (value: string) => ({ value, trace });
    switch (field) {
      case "value":
        return { value: resolved.value, unit: factor.unit, trace };
      case "unit":
        return text(factor.unit);
      case "source":
        return text(`${library.title}, ${library.edition} (${library.publisher})`);
      case "table":
        return text(factor.sourceTable);
      case "row":
        return text(factor.sourceRow);
      case "year":
        return { value: new Dec(factor.year), trace };
      case "region":
        return text(factor.region);
      case "licence":
        return text(library.licence.name);
      case "library":
        return text(`${library.id}@${library.version}`);
      case "gwp":
        return text(library.gwpBasis);
      case "label":
        return text(factor.label);
      case "boundary":
        return text(factor.boundary);
      default:
        return excelError("#VALUE!", `field: '${field}' is not a factor field`, "INVALID_OPTION");
    }
  },
};

export const FACTORS_FN: TableSpec = {
  name: "FACTORS",
  shape: "table",
  description: "Spills the factors matching a search (every word must match), with value, unit, region, year, source, library and licence.",
  params: [
    { name: "query", kind: "text", description: 'Words to search for in factor ids, labels, categories, regions, years, units and libraries, e.g. "HGV average laden".' },
    { name: "limit", kind: "integer", optional: true, nonNegative: true, default: "20", description: "Most rows to return (1 to 1000); 20 when omitted." },
    { name: "headers", kind: "boolean", optional: true, default: "TRUE", description: "TRUE for a heading row (the default), FALSE for data rows only." },
  ],
  columns: ["id", "value", "unit", "region", "year", "source", "library", "licence"],
  errors: ["FACTOR_NOT_FOUND (#N/A)", "OUT_OF_RANGE"],
  examples: [{ formula: '=ESG.FACTORS("HGV average laden", 3)', result: "a heading row and 3 factor rows, best match first" }],
  run: (a, ctx) => {
    const query = a.text("query");
    const limitDec = a.optNum("limit");
    const limit = limitDec === null ? 20 : limitDec.toNumber();
    if (limit < 1 || limit > 1000) return excelError("#VALUE!", `limit: ${limit} is out of range; expected a whole number from 1 to 1000.`, "OUT_OF_RANGE");
    const hits = ctx.registry.search(query, limit);
    if (hits.length === 0) return excelError("#N/A", `No factor matches '${query}'. Try fewer or other words (e.g. "hgv", "electricity GB").`, "FACTOR_NOT_FOUND");
    const rows = hits.map(({ loaded: { factor, library, value } }) => [
      factor.id,
      value,
      factor.unit,
      factor.region,
      new Dec(factor.year),
      `${library.title}, ${library.edition}; ${factor.sourceTable}; row ${factor.sourceRow}`,
      `${library.id}@${library.version}`,
      library.licence.name,
    ]);
    return { rows: a.optBool("headers") === false ? rows : [[...FACTORS_FN.columns!], ...rows] };
  },
};
