/**
 * Classification, allocation, attribution and the recycling credit: thin specs
 * over the taxonomy and the engine's avoided-impact methods.
 */
import { Dec, STAGES, TraceBuilder, METHOD, allocateExact, creditShare, recyclingCredit, ALLOCATION_CHOICES, type AllocationChoice, type CreditPathway, type ValueChainStage } from "../../engine";
import { excelError, isExcelError } from "../excel-values";
import type { ElementSpec, FunctionContext, TableSpec } from "../registry";

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

export const RECYCLING_CO2: ElementSpec = {
  name: "RECYCLING_CO2",
  shape: "element",
  result: "number",
  resultUnit: "kg CO2e",
  methodCard: "recycling",
  description: "Recycling credit (avoided-emissions ledger, never netted against Scope 1-3): M x (E*v x Qsout/Qp - ErecEoL), the end-of-life chain's (1 - A) share by default, in kg CO2e.",
  params: [
    { name: "material", kind: "text", description: 'Recovered material or fraction, e.g. "AL", "CU", "FE" or "aluminium".' },
    { name: "mass_kg", kind: "number", unit: "kg", nonNegative: true, description: "Mass of secondary material at the recycling-plant output, in kg." },
    { name: "virgin_factor", kind: "any", description: "E*v: virgin production substituted, a factor id or a number in kg CO2e/kg." },
    { name: "recycling_factor", kind: "any", description: "ErecEoL: collection, sorting and recycling, a factor id or a number in kg CO2e/kg." },
    { name: "certificate", kind: "text", description: "Id of the certificate of recycling from the final-disposition point (required evidence)." },
  ],
  options: [
    { name: "allocation", values: ALLOCATION_CHOICES, description: "Allocation of the credit (required unless A is given): cut-off, avoided-burden, 50-50 or cff (with A=...)." },
    { name: "A", description: "Allocation factor A (0 to 1) with allocation=cff." },
    { name: "qsout", default: "1", description: "Quality ratio Qsout/Qp of the secondary material (default 1)." },
    { name: "share", values: ["eol", "gross", "user"], default: "eol", description: "eol: the end-of-life chain's (1 - A) share (default); gross: the whole avoided burden; user: the A share reserved to the user of recycled content." },
  ],
  errors: ["CREDIT_EVIDENCE_MISSING", "UNKNOWN_FACTOR", "INVALID_OPTION", "OUT_OF_RANGE", "INCOMPATIBLE_UNITS"],
  examples: [{ formula: '=ESG.RECYCLING_CO2("AL", 1000, 8.5, 0.5, "CERT-1", "allocation=50-50")', result: "" }],
  run: (a, ctx) => {
    const factor = (name: string) => {
      const v = a.any(name);
      if (typeof v === "boolean" || v === null) throw new Error(`${name} must be a factor id or a number`);
      return v;
    };
    const A = a.option("A");
    const q = a.option("qsout");
    const c = recyclingCredit({
      material: a.text("material"),
      outputMass: a.num("mass_kg"),
      virginFactor: factor("virgin_factor"),
      recyclingFactor: factor("recycling_factor"),
      certificate: a.text("certificate"),
      registry: ctx.registry,
      ...(a.option("allocation") ? { allocation: a.option("allocation") as AllocationChoice } : {}),
      ...(A !== null ? { A } : {}),
      ...(q !== null ? { qsoutOverQp: q } : {}),
    });
    const pick = a.option("share") ?? "eol";
    const r = pick === "gross" ? c.gross : pick === "user" ? c.reservedToUser : c.eolShare;
    return { value: r.value, unit: r.unit, trace: r.trace };
  },
};

export const AVOIDED_SPECS = [CLASSIFY, CATEGORY, ALLOCATE, CREDIT_SHARE, RECYCLING_CO2] as const;
