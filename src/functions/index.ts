/**
 * Public entry of the function catalogue for other adapters (CLI, workbench):
 * the specs, the wrapper and the value helpers. The Excel registrations live in
 * functions.ts (the webpack entry), which is not re-exported here.
 */
export * from "./excel-values";
export * from "./registry";
export { invoke, toCell, toCells, coerce, parseOptions, parseNumberText, normaliseCell, type Invocation, type OutValue } from "./invoke";
export { ALL_SPECS, FUNCTIONS, NAMESPACE, TRACE_FN, FACTOR_FIELDS, findFunction, stripNamespace, suggestFunctions, callPositional } from "./catalogue";
export { traceRows, type TraceRow } from "./trace-text";
