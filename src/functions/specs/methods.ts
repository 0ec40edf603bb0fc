/**
 * The ESG functions over the engine's calculation methods (transport, energy,
 * end of life, avoided impacts). Each is a thin spec: parameters, then a call to
 * the engine method with the coerced arguments.
 */
import type { FunctionSpec } from "../registry";
import { INVENTORY_SPECS } from "./inventory";
import { AVOIDED_SPECS } from "./avoided";
import { CIRCULAR_SPECS } from "./circular";

export const METHOD_SPECS: readonly FunctionSpec[] = [...INVENTORY_SPECS, ...AVOIDED_SPECS, ...CIRCULAR_SPECS];
