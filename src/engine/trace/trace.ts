/**
 * What every result carries: a verifier's working paper, not a debug dump.
 * Values are decimal strings so a trace serializes exactly.
 */
import type { Dec } from "../quantities/decimal";

/** Where an input value came from. */
export type InputOrigin = "entered" | "defaulted" | "mapped";

export interface TraceInput {
  name: string;
  value: string;
  unit?: string;
  origin: InputOrigin;
  /** For mapped inputs: the column or cell it came from; for defaults: the rule that set it. */
  note?: string;
}

export interface TraceFactor {
  id: string;
  value: string;
  unit: string;
  /** Publisher's document, e.g. "UK Government GHG Conversion Factors for Company Reporting 2025". */
  source: string;
  /** Table or sheet and row, e.g. "Freighting goods; ID 20_503_5330_15_1". */
  table: string;
  year: number;
  region: string;
  licence: string;
  library: string;
  libraryVersion: string;
  gwpBasis: string;
  /** True when the user supplied the number instead of a factor id. */
  userSupplied: boolean;
  /** Set when this factor stands in for one that is not published (a proxy). */
  proxyFor?: string;
}

export interface TraceStep {
  label: string;
  formula: string;
  value: string;
  unit: string;
}

export interface TraceMethod {
  id: string;
  version: string;
  name: string;
  clause: string;
}

export interface Trace {
  method: TraceMethod;
  inputs: TraceInput[];
  factors: TraceFactor[];
  steps: TraceStep[];
  /** Assumptions, conventions and choices a reader must know. */
  notes: string[];
  /** Warnings that do not stop the calculation (proxy used, fallback factor, data-quality downgrade). */
  flags: string[];
}

/** Every engine result. */
export interface Result {
  value: Dec;
  unit: string;
  trace: Trace;
}

/** A small builder that keeps trace assembly out of the arithmetic. */
export class TraceBuilder {
  private readonly trace: Trace;
  constructor(method: TraceMethod) {
    this.trace = { method, inputs: [], factors: [], steps: [], notes: [], flags: [] };
  }
  input(name: string, value: Dec | string, origin: InputOrigin, unit?: string, note?: string): this {
    const v = typeof value === "string" ? value : value.toFixed();
    this.trace.inputs.push({ name, value: v, origin, ...(unit ? { unit } : {}), ...(note ? { note } : {}) });
    return this;
  }
  factor(f: TraceFactor): this {
    if (!this.trace.factors.some((x) => x.id === f.id && x.value === f.value && x.region === f.region && x.year === f.year)) {
      this.trace.factors.push(f);
    }
    return this;
  }
  step(label: string, formula: string, value: Dec, unit: string): this {
    this.trace.steps.push({ label, formula, value: value.toFixed(), unit });
    return this;
  }
  note(text: string): this {
    if (!this.trace.notes.includes(text)) this.trace.notes.push(text);
    return this;
  }
  flag(text: string): this {
    if (!this.trace.flags.includes(text)) this.trace.flags.push(text);
    return this;
  }
  /** Merges a sub-result's trace (inputs, factors, steps, notes, flags) into this one. */
  absorb(sub: Trace, prefix?: string): this {
    for (const i of sub.inputs) this.trace.inputs.push(prefix ? { ...i, name: `${prefix}.${i.name}` } : i);
    for (const f of sub.factors) this.factor(f);
    for (const s of sub.steps) this.trace.steps.push(prefix ? { ...s, label: `${prefix}: ${s.label}` } : s);
    for (const n of sub.notes) this.note(n);
    for (const fl of sub.flags) this.flag(fl);
    return this;
  }
  result(value: Dec, unit: string): Result {
    return { value, unit, trace: this.build() };
  }
  build(): Trace {
    return {
      method: this.trace.method,
      inputs: [...this.trace.inputs],
      factors: [...this.trace.factors],
      steps: [...this.trace.steps],
      notes: [...this.trace.notes],
      flags: [...this.trace.flags],
    };
  }
}
