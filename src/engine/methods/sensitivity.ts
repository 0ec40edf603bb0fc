/**
 * Sensitivity of an avoided-impact result to its key assumption: the same
 * calculation run at a low, a central and a high value of one parameter.
 * Method brief §5.2 makes DR = 0.25 / 0.5 / 1.0 a standard output of every reuse
 * credit [P]; the recycling credit's key assumption is the allocation factor A.
 */
import { Dec } from "../quantities/decimal";
import type { Result } from "../trace/trace";
import { decArg, type NumberLike } from "./avoided-common";

export type SensitivityPoint = "low" | "central" | "high";

export interface SensitivityCase {
  point: SensitivityPoint;
  /** Value of the assumption at this point. */
  assumption: Dec;
  result: Result;
}

export interface Sensitivity {
  /** Name of the assumption varied, e.g. "displacement rate DR". */
  parameter: string;
  low: SensitivityCase;
  central: SensitivityCase;
  high: SensitivityCase;
  /** Smallest and largest result over the three points (a range, whatever the direction). */
  min: Dec;
  max: Dec;
  unit: string;
  /** Why these three values (the rule or source that sets them). */
  basis: string;
}

export interface SensitivityPoints {
  low: NumberLike;
  central: NumberLike;
  high: NumberLike;
  basis: string;
}

/** Reuse displacement rate: 0.25 / 0.5 / 1.0 (method brief §5.2 [P]). */
export const DISPLACEMENT_RATE_POINTS: SensitivityPoints = {
  low: "0.25",
  central: "0.5",
  high: "1",
  basis: "method brief §5.2 [P]: DR sensitivity at 0.25 / 0.5 / 1.0 is a standard output",
};

/**
 * Allocation factor A of the recycling credit, as the assumption's own low/central/high
 * (0.2 / 0.5 / 0.8, the PEF Annex C values [GK]); a low A gives the HIGH end-of-life credit.
 */
export const ALLOCATION_A_POINTS: SensitivityPoints = {
  low: "0.2",
  central: "0.5",
  high: "0.8",
  basis: "PEF Annex C A values 0.2 / 0.5 / 0.8 [GK]; the end-of-life credit falls as A rises",
};

/** Runs `run` at the three points of one assumption. `run` must be the same calculation the reported result uses. */
export function sensitivity(parameter: string, points: SensitivityPoints, run: (assumption: Dec) => Result): Sensitivity {
  const at = (point: SensitivityPoint): SensitivityCase => {
    const assumption = decArg(points[point], `${parameter} (${point})`, "a number");
    return { point, assumption, result: run(assumption) };
  };
  const low = at("low");
  const central = at("central");
  const high = at("high");
  const values = [low.result.value, central.result.value, high.result.value];
  return {
    parameter,
    low,
    central,
    high,
    min: Dec.min(...values),
    max: Dec.max(...values),
    unit: central.result.unit,
    basis: points.basis,
  };
}
