/**
 * The Excel side of the wrapper: runs a catalogue function on the arguments
 * Excel passes (matrices for matrix parameters, null for omitted optionals,
 * an array for the repeating last parameter) and returns a matrix of cells
 * with CustomFunctions.Error values where the runtime exists.
 */
import { bundledRegistry } from "../bundled/libraries";
import { bundledTaxonomy } from "../bundled/taxonomy";
import { FUNCTIONS } from "./catalogue";
import { excelError, toRuntimeMatrix, type CellValue } from "./excel-values";
import { invoke, toCells } from "./invoke";
import type { FunctionContext } from "./registry";

let context: FunctionContext | undefined;

function ctx(): FunctionContext {
  context ??= {
    registry: bundledRegistry(),
    taxonomy: bundledTaxonomy(),
    log: (message) => console.error(message),
  };
  return context;
}

/** Calls catalogue function `name` as Excel does; never throws. */
export function excelCall(name: string, args: readonly unknown[]): unknown[][] {
  let cells: CellValue | CellValue[][];
  try {
    const spec = FUNCTIONS.get(name);
    if (!spec) throw new Error(`function ${name} is not in the catalogue`);
    cells = toCells(invoke(spec, args, ctx(), { keepTraces: false }));
  } catch (err) {
    console.error(`ESG.${name}: unexpected error`, err);
    cells = excelError("#VALUE!", `ESG.${name} could not compute this: ${err instanceof Error ? err.message : String(err)}.`, "INTERNAL");
  }
  return toRuntimeMatrix(Array.isArray(cells) ? cells : [[cells]]);
}
