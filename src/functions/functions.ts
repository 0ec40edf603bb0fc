/**
 * Excel custom functions in the ESG namespace. Thin adapters: Excel arguments
 * in, catalogue implementation, Excel value or error out. Declared as
 * `export function` so the metadata generator sees them (arrow functions are skipped).
 */
import { bundledRegistry } from "../bundled/libraries";
import { factorField, methodInfo } from "./catalogue";
import { toRuntime, toRuntimeMatrix } from "./excel-values";

/**
 * The method id and version and the factor library versions this add-in pins.
 * @customfunction METHOD
 * @helpurl https://localhost:3000/help/METHOD.html
 * @returns Two columns: what, version.
 */
export function method(): string[][] {
  return toRuntimeMatrix(methodInfo()) as string[][];
}

/**
 * A factor's value, or another field of it (unit, source, table, row, year, region, licence, library, gwp, label, boundary).
 * @customfunction FACTOR
 * @helpurl https://localhost:3000/help/FACTOR.html
 * @param factor_id Factor id, e.g. "desnz.electricity.uk.kwh.generation".
 * @param [field] Which field; "value" when omitted.
 * @param [region] Region code when the id exists for several regions.
 * @param [year] Year when the id exists for several editions.
 * @returns The factor's value (a number) or the field asked for.
 */
export function factor(factor_id: string, field?: string, region?: string, year?: number): number | string {
  return toRuntime(factorField(bundledRegistry(), factor_id, field ?? null, region ?? null, year ?? null)) as number | string;
}
