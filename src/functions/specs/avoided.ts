/**
 * Classification, allocation, attribution and the recycling credit: thin specs
 * over the taxonomy and the engine's avoided-impact methods.
 */
import {
  Dec,
  STAGES,
  TraceBuilder,
  METHOD,
  allocateExact,
  creditShare,
  defaultRecyclingFactors,
  fail,
  issue,
  recyclingCredit,
  ALLOCATION_CHOICES,
  DEFAULT_RECYCLING_ALLOCATION,
  type AllocationChoice,
  type CreditPathway,
  type ValueChainStage,
} from "../../engine";
import { errorFromIssue, excelError, isExcelError, type ExcelError } from "../excel-values";
import type { Args, ElementSpec, FunctionContext, TableSpec } from "../registry";
import { renamed } from "./circular";

function methodOf(name: string, clause: string) {
  return { id: METHOD.id, version: METHOD.version, name, clause };
}

function taxonomyOf(ctx: FunctionContext) {
  if (!ctx.taxonomy) throw new Error("the taxonomy is not loaded");
  return ctx.taxonomy;
}

const CLASSIFY_FIELDS = ["key", "confidence", "description"] as const;

export const CLASSIFY: ElementSpec = {
  name: "CLASSIFY",
  shape: "element",
  result: "any",
  methodCard: "../taxonomy.md",
  description: "The UNU-KEY of a free-text product description (e.g. \"Dell Latitude laptop\" -> 0303), or its confidence or description.",
  params: [
    { name: "description", kind: "text", description: 'Product description as written in the sheet, e.g. "HP LaserJet printer", or a UNU-KEY.' },
    { name: "field", kind: "text", optional: true, values: CLASSIFY_FIELDS, default: "key", description: "key (the UNU-KEY, default), confidence (0 to 1) or description (of the key found)." },
  ],
  errors: ["CLASSIFY_NO_MATCH (#N/A)"],
  examples: [{ formula: '=ESG.CLASSIFY("Dell Latitude laptop")', result: "" }],
  run: (a, ctx) => {
    const tax = taxonomyOf(ctx);
    const text = a.text("description");
    const c = tax.classifier.classifyOrFail(text);
    const tb = new TraceBuilder(methodOf("UNU-KEY classification", "§2.1 product classification to UNU-KEYs (classifier lexicon, deterministic)"));
    tb.input("description", text, "entered");
    for (const m of c.matched) tb.note(`rule ${m.rule} (${m.kind}, weight ${m.weight}) matched '${m.text}'`);
    if (c.alternatives.length > 0) tb.note(`alternatives: ${c.alternatives.map((x) => `${x.key} (score ${x.score})`).join(", ")}`);
    if (c.confidence < 0.5) tb.flag(`Low confidence ${c.confidence}: check the key.`);
    const trace = tb.build();
    const field = a.optText("field") ?? "key";
    if (field === "confidence") return { value: new Dec(c.confidence), trace };
    if (field === "description") return { value: tax.category(c.key).description, trace };
    return { value: c.key, trace };
  },
};

const CATEGORY_FIELDS = ["description", "eu6", "eu6_number", "eu10", "eu10_number", "unit_weight_kg", "median_life_years"] as const;

export const CATEGORY: ElementSpec = {
  name: "CATEGORY",
  shape: "element",
  result: "any",
  methodCard: "../taxonomy.md",
  description: "A field of a UNU-KEY: its description, EU-6 or EU-10 WEEE category, default unit weight or median lifespan.",
  params: [
    { name: "key", kind: "text", description: 'UNU-KEY, e.g. "0303" (a number such as 303 is read as 0303).' },
    { name: "field", kind: "text", optional: true, values: CATEGORY_FIELDS, default: "description", description: "description (default), eu6, eu6_number, eu10, eu10_number, unit_weight_kg or median_life_years." },
  ],
  errors: ["UNKNOWN_ID"],
  examples: [{ formula: '=ESG.CATEGORY("0303")', result: "" }],
  run: (a, ctx) => {
    const tax = taxonomyOf(ctx);
    const raw = a.text("key");
    const key = /^\d{1,4}$/.test(raw) ? raw.padStart(4, "0") : raw;
    const k = tax.category(key);
    switch (a.optText("field") ?? "description") {
      case "eu6":
        return { value: k.eu6.label };
      case "eu6_number":
        return { value: new Dec(k.eu6.number) };
      case "eu10":
        return { value: k.eu10.label };
      case "eu10_number":
        return { value: new Dec(k.eu10.number) };
      case "unit_weight_kg":
        return { value: new Dec(k.unitWeightKg.kg), unit: "kg" };
      case "median_life_years": {
        const m = k.lifespan?.medianYears;
        if (m === null || m === undefined) return excelError("#N/A", `No median lifespan is published for UNU-KEY ${k.key}.`, "FACTOR_NOT_PUBLISHED");
        return { value: new Dec(m), unit: "yr" };
      }
      default:
        return { value: k.description };
    }
  },
};

export const ALLOCATE: TableSpec = {
  name: "ALLOCATE",
  shape: "table",
  methodCard: "allocation",
  description: "Splits a total in proportion to weights (e.g. mass), exactly: the parts always add up to the total. Spills the parts in the shape of the weights.",
  params: [
    { name: "total", kind: "number", description: "The total to allocate, e.g. kg CO2e of a vehicle run or a facility." },
    { name: "weights", kind: "range", description: "The weights of the parts (e.g. masses in kg), a row or column of numbers of zero or more." },
  ],
  options: [{ name: "quantum", description: "Rounding step of the parts, e.g. quantum=0.001; by default the parts are exact to 50 significant digits." }],
  errors: ["NOT_A_NUMBER", "NEGATIVE_NOT_ALLOWED", "MISSING_INPUT", "OUT_OF_RANGE"],
  examples: [{ formula: "=ESG.ALLOCATE(100, {1;1;2})", result: "" }],
  run: (a) => {
    const w = a.range("weights");
    const flat: Dec[] = [];
    for (const row of w) {
      for (const cell of row) {
        if (isExcelError(cell)) return cell;
        if (cell instanceof Dec) flat.push(cell);
        else if (cell === null || cell === "") flat.push(new Dec(0));
        else return excelError("#VALUE!", `weights: '${String(cell)}' is not a number; expected weights of zero or more.`, "NOT_A_NUMBER");
      }
    }
    const quantum = a.option("quantum");
    const alloc = allocateExact(a.num("total"), flat, quantum !== null ? { quantum } : {});
    let k = 0;
    const rows = w.map((row) => row.map(() => alloc.parts[k++]!.value));
    return { rows, unit: alloc.unit, trace: alloc.trace };
  },
};

const PATHWAYS: readonly CreditPathway[] = ["reuse", "refurbish", "repair", "extend", "harvest", "recycling", "energy-recovery"];

export const CREDIT_SHARE: ElementSpec = {
  name: "CREDIT_SHARE",
  shape: "element",
  result: "number",
  methodCard: "attribution",
  description: "The share (0 to 1) of a reuse or recycling credit a value-chain stage may claim, under the method's attribution rules.",
  params: [
    { name: "stage", kind: "text", values: STAGES, description: `Value-chain stage: ${STAGES.join(", ")}.` },
    { name: "pathway", kind: "text", values: PATHWAYS, description: `Credit pathway: ${PATHWAYS.join(", ")}.` },
  ],
  options: [
    { name: "A", description: "Allocation factor A (recycling) or B (energy recovery): the share reserved to the user of the secondary material, e.g. A=0.5. Required for recycling and energy recovery." },
    { name: "preparer", values: STAGES, default: "refurbisher", description: "Stage that prepared the unit for reuse." },
    { name: "custodian", values: STAGES, default: "recycler", description: "Originating custodian of the end-of-life chain." },
  ],
  errors: ["INVALID_OPTION", "OUT_OF_RANGE", "MISSING_INPUT", "RULE_VIOLATION"],
  examples: [
    { formula: '=ESG.CREDIT_SHARE("refurbisher", "reuse")', result: "" },
    { formula: '=ESG.CREDIT_SHARE("recycler", "recycling", "A=0.5")', result: "" },
  ],
  run: (a) => {
    const stage = a.text("stage") as ValueChainStage;
    const pathway = a.text("pathway") as CreditPathway;
    const A = a.option("A");
    const s = creditShare(stage, pathway, {
      ...(A !== null ? { A } : {}),
      ...(a.option("preparer") ? { preparer: a.option("preparer") as ValueChainStage } : {}),
      ...(a.option("custodian") ? { custodian: a.option("custodian") as ValueChainStage } : {}),
    });
    const tb = new TraceBuilder(methodOf("credit attribution", `${s.clause.id} v${s.clause.version}: ${s.clause.title}`));
    tb.input("stage", stage, "entered");
    tb.input("pathway", pathway, "entered");
    if (A !== null) tb.input("A", A, "entered");
    tb.step("share", `basis ${s.basis}`, s.share, "1");
    tb.note(s.note);
    tb.note(`clauses consulted: ${s.clauses.join(", ")}`);
    return { value: s.share, unit: "1", trace: tb.build() };
  },
};

const SHARES = ["eol", "gross", "reserved"] as const;
const CERTIFICATE_EVIDENCE = "certificate of recycling/processing from the final-disposition point";
const CERTIFICATE_RULE = "SERI-EVC-ATTR-3 (method brief §6.2 rule 3; GHG Protocol Scope 3 Standard Box 5.6)";
const ALLOCATION_DEFAULT_NOTE = `method default when neither allocation nor A is given: ${DEFAULT_RECYCLING_ALLOCATION} (A = 0.5), the same default as the submission pipeline [P]`;
/** Engine argument names -> the names the user typed. */
const RECYCLING_NAMES: Readonly<Record<string, string>> = {
  outputMass: "mass_kg",
  virginFactor: "virgin_factor",
  recyclingFactor: "recycling_factor",
  qsoutOverQp: "options quality",
  A: "options A",
  allocation: "options allocation",
  certificate: "options certificate",
};

/** A factor argument: a number, a factor id, or null when omitted; TRUE/FALSE is not a factor. */
function factorArg(a: Args, name: string): Dec | string | ExcelError | null {
  const v = a.any(name);
  if (typeof v === "boolean") {
    return errorFromIssue(issue("NOT_A_NUMBER", { argument: name, value: v ? "TRUE" : "FALSE", expected: "a factor id or a number in kg CO2e/kg" }));
  }
  return v;
}

export const RECYCLING_CO2: ElementSpec = {
  name: "RECYCLING_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "recycling",
  description:
    "Recycling credit (avoided-emissions ledger, never netted against Scope 1-3): M x (E*v x Qsout/Qp - ErecEoL), the end-of-life chain's (1 - A) share by default, in kg CO2e; needs certificate=<evidence id>.",
  params: [
    { name: "material", kind: "text", description: 'Recovered material, e.g. "aluminium" (or "aluminum", "AL"), "steel" ("ferrous", "FE"), "scrap metal", "plastics", "PET", "glass", "cardboard".' },
    { name: "mass_kg", kind: "number", unit: "kg", nonNegative: true, description: "Mass of secondary material at the recycling-plant output, in kg." },
    {
      name: "virgin_factor",
      kind: "any",
      optional: true,
      default: "DESNZ 'Material use' primary material production of the material",
      description: "E*v: virgin production substituted, a factor id or a number in kg CO2e/kg; when omitted, DESNZ primary material production of the material.",
    },
    {
      name: "recycling_factor",
      kind: "any",
      optional: true,
      default: "DESNZ 'Material use' closed-loop source of the material (a proxy)",
      description: "ErecEoL: collection, sorting and recycling, a factor id or a number in kg CO2e/kg; when omitted, DESNZ closed-loop source of the material (a proxy).",
    },
  ],
  options: [
    { name: "certificate", description: "Id of the certificate of recycling from the final-disposition point (required evidence; without it no credit)." },
    { name: "allocation", values: ALLOCATION_CHOICES, default: `${DEFAULT_RECYCLING_ALLOCATION} (recorded as defaulted)`, description: `Allocation of the credit: cut-off (A = 1), avoided-burden (A = 0), 50-50 (A = 0.5) or cff (with A=...); ${DEFAULT_RECYCLING_ALLOCATION} when neither allocation nor A is given.` },
    { name: "A", description: "Allocation factor A, 0 to 1 (PEF Annex C: 0.2, 0.5 or 0.8); alone it means allocation=cff. The end-of-life chain claims 1 - A." },
    { name: "quality", default: "1", description: "Quality ratio Qsout/Qp of the secondary material (default 1, recorded as defaulted)." },
    { name: "share", values: SHARES, default: "eol", description: "eol: the end-of-life chain's (1 - A) share (default); gross: the whole avoided burden; reserved: the A share reserved to the user of recycled content." },
    { name: "year", description: "Edition year of the factor ids (e.g. 2024); the method's preferred edition when omitted." },
  ],
  errors: ["CREDIT_EVIDENCE_MISSING", "UNKNOWN_ID", "FACTOR_NOT_PUBLISHED", "UNKNOWN_FACTOR", "NO_FACTOR_FOR_SCOPE", "INVALID_OPTION", "MISSING_INPUT", "NOT_A_NUMBER", "OUT_OF_RANGE", "INCOMPATIBLE_UNITS"],
  examples: [
    { formula: '=ESG.RECYCLING_CO2("aluminium", 1000, , , "certificate=COR-1")', result: "", note: "DESNZ 2025 default factors, 50-50 allocation (defaulted)" },
    { formula: '=ESG.RECYCLING_CO2("AL", 1000, 8.5, 0.5, "certificate=CERT-1")', result: "", note: "your own factors in kg CO2e/kg" },
    { formula: '=ESG.RECYCLING_CO2("AL", 100000, 8, 0.5, "certificate=CERT-1", "A=0.2")', result: "", note: "WE-D4: EoL share at A = 0.2" },
    { formula: '=ESG.RECYCLING_CO2("steel", 1000, , , "certificate=COR-1", "allocation=cut-off", "share=reserved")', result: "" },
  ],
  run: (a, ctx) => {
    const material = a.text("material");
    const vf = factorArg(a, "virgin_factor");
    if (isExcelError(vf)) return vf;
    const rf = factorArg(a, "recycling_factor");
    if (isExcelError(rf)) return rf;
    const defaults = vf === null || rf === null ? defaultRecyclingFactors(material, ctx.registry) : null;

    const certificate = a.option("certificate");
    if (certificate === null) {
      const missing = issue("CREDIT_EVIDENCE_MISSING", { argument: "options certificate", evidence: CERTIFICATE_EVIDENCE, rule: CERTIFICATE_RULE, credit: "recycling" });
      return excelError("#VALUE!", `${missing.message} Add "certificate=<id>".`, missing.code);
    }
    const yearText = a.option("year");
    let year: number | null = null;
    if (yearText !== null) {
      if (!/^\d{4}$/.test(yearText)) fail("NOT_A_NUMBER", { argument: "options year", value: yearText, expected: "a year such as 2024" });
      year = Number(yearText);
    }
    const A = a.option("A");
    const named = a.option("allocation") as AllocationChoice | null;
    const allocationDefaulted = named === null && A === null;
    const allocation: AllocationChoice = named ?? (A !== null ? "cff" : DEFAULT_RECYCLING_ALLOCATION);
    const q = a.option("quality");
    const c = renamed(RECYCLING_NAMES, () =>
      recyclingCredit({
        material,
        outputMass: a.num("mass_kg"),
        virginFactor: vf ?? defaults!.virginFactorId,
        recyclingFactor: rf ?? defaults!.recyclingFactorId,
        certificate,
        registry: ctx.registry,
        allocation,
        ...(A !== null ? { A } : {}),
        ...(q !== null ? { qsoutOverQp: q } : {}),
        ...(year !== null ? { factorQuery: { year } } : {}),
      }),
    );
    const pick = a.option("share") ?? "eol";
    const r = pick === "gross" ? c.gross : pick === "reserved" ? c.reservedToUser : c.eolShare;

    // The engine records what it was given; here the defaults the function chose are marked as such.
    const t = r.trace;
    const inputs = t.inputs.map((i) => (allocationDefaulted && (i.name === "allocation" || i.name === "A") ? { ...i, origin: "defaulted" as const, note: ALLOCATION_DEFAULT_NOTE } : i));
    const proxyId = rf === null && defaults ? defaults.recyclingFactorId : null;
    const factors = t.factors.map((f) => (f.id === proxyId && !f.userSupplied ? { ...f, proxyFor: defaults!.recyclingProxyFor } : f));
    const tb = new TraceBuilder(t.method).absorb({ ...t, inputs, factors });
    if (defaults) {
      tb.input("material key", defaults.material, "mapped", undefined, `'${defaults.matched}' -> ${defaults.label} (default factor pair) [P]`);
      if (vf === null) tb.input("virgin_factor", defaults.virginFactorId, "defaulted", undefined, `E*v of ${defaults.label}: DESNZ 'Material use' primary material production (method card: Default factors) [P]`);
      if (rf === null) tb.input("recycling_factor", defaults.recyclingFactorId, "defaulted", undefined, `ErecEoL of ${defaults.label}: DESNZ 'Material use' closed-loop source, a proxy (method card: Default factors) [P]`);
      if (proxyId) tb.flag(`${proxyId} is a proxy (${defaults.recyclingProxyFor}).`);
      for (const n of defaults.notes) tb.flag(n);
    }
    if (allocationDefaulted) tb.note(`Allocation not given: ${DEFAULT_RECYCLING_ALLOCATION} (A = 0.5) by default, as in the submission pipeline; give allocation=... or A=... to choose.`);
    tb.note(
      pick === "gross"
        ? "Reported: the gross avoided burden (before the (1 - A) / A split)."
        : pick === "reserved"
          ? "Reported: the share A reserved to the user of recycled content (not claimable by the end-of-life chain)."
          : "Reported: the end-of-life chain's (1 - A) share (method brief §6.2 rule 3); share A is reserved to the user of recycled content.",
    );
    return { value: r.value, unit: r.unit, trace: tb.build() };
  },
};

export const AVOIDED_SPECS = [CLASSIFY, CATEGORY, ALLOCATE, CREDIT_SHARE, RECYCLING_CO2] as const;
