/** Excel formula evaluation for `esg eval`, the workbench and `esg recompute`. */
export { parseFormula, tokenize, ParseError, type Node, type RangeRef, type CellAddress, type BinaryOp } from "./parser";
export {
  evaluateFormula,
  FormulaError,
  displayValue,
  isMatrix,
  simplify,
  type CellResolver,
  type CallRecord,
  type EvaluateOptions,
  type FormulaResult,
  type Matrix,
  type Scalar,
  type Value,
} from "./evaluator";
export { BUILTINS, builtinNames, roundExcel } from "./builtins";
