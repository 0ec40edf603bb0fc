/**
 * GWP-100 sets used to characterise single-gas factors (CO2, CH4, N2O).
 *
 * The GWP set is a versioned parameter of the method (method-brief §1.2 [P]).
 * Values [GK, method-brief §1.2]: AR4 CH4 25, N2O 298; AR5 CH4 28, N2O 265;
 * AR6 CH4 (fossil) 29.8, N2O 273. Combustion methane from fossil fuels is fossil
 * methane, so the AR6 set uses the fossil value (AR6 non-fossil CH4 27.0 is
 * available as "AR6-non-fossil-CH4" for biogenic fuels). Factors already in
 * CO2e are never re-characterised (IFRS S2 B19-B22 summary, [V2 S4]).
 */
import { Dec } from "../../quantities/decimal";
import { fail } from "../../issues/issue";
import { toDec } from "../../quantities/decimal";

export interface GwpSet {
  /** "AR4", "AR5", "AR6", "AR6-non-fossil-CH4" or "custom". */
  id: string;
  CO2: Dec;
  CH4: Dec;
  N2O: Dec;
  /** What the values are and where they come from (goes to the trace). */
  note: string;
}

export const GWP_SETS: Readonly<Record<string, GwpSet>> = {
  AR4: { id: "AR4", CO2: new Dec(1), CH4: new Dec(25), N2O: new Dec(298), note: "IPCC AR4 GWP-100: CH4 25, N2O 298 [GK]" },
  AR5: { id: "AR5", CO2: new Dec(1), CH4: new Dec(28), N2O: new Dec(265), note: "IPCC AR5 GWP-100 (excl. climate-carbon feedback): CH4 28, N2O 265 [GK; the EPA Hub and DESNZ use these]" },
  AR6: {
    id: "AR6",
    CO2: new Dec(1),
    CH4: new Dec("29.8"),
    N2O: new Dec(273),
    note: "IPCC AR6 GWP-100: CH4 fossil 29.8 (combustion of fossil fuels emits fossil methane), N2O 273 [GK, method-brief §1.2]",
  },
  "AR6-non-fossil-CH4": {
    id: "AR6-non-fossil-CH4",
    CO2: new Dec(1),
    CH4: new Dec("27.0"),
    N2O: new Dec(273),
    note: "IPCC AR6 GWP-100 with non-fossil CH4 27.0 (some tables give 27.2 — confirm), N2O 273 [GK, method-brief §1.2]",
  },
};

/** A GWP set by name, or a custom set `{CH4, N2O}` (CO2 is 1). */
export type GwpInput = string | { CH4: Dec | number | string; N2O: Dec | number | string; id?: string };

/** The method's default GWP set when none is given: AR5, the basis of the DESNZ and EPA Hub factors. */
export const DEFAULT_GWP_SET = "AR5";

export function resolveGwp(input: GwpInput | undefined): { set: GwpSet; defaulted: boolean } {
  if (input === undefined) return { set: GWP_SETS[DEFAULT_GWP_SET]!, defaulted: true };
  if (typeof input === "string") {
    const key = Object.keys(GWP_SETS).find((k) => k.toLowerCase() === input.trim().toLowerCase());
    if (!key) fail("INVALID_OPTION", { argument: "gwp", value: input, expected: Object.keys(GWP_SETS).join(", ") });
    return { set: GWP_SETS[key]!, defaulted: false };
  }
  const ch4 = toDec(input.CH4);
  const n2o = toDec(input.N2O);
  if (ch4 === null || ch4.isNegative()) fail("NOT_A_NUMBER", { argument: "gwp.CH4", value: String(input.CH4), expected: "a GWP-100 value" });
  if (n2o === null || n2o.isNegative()) fail("NOT_A_NUMBER", { argument: "gwp.N2O", value: String(input.N2O), expected: "a GWP-100 value" });
  return {
    set: { id: input.id ?? "custom", CO2: new Dec(1), CH4: ch4, N2O: n2o, note: `user-supplied GWP set: CH4 ${ch4.toFixed()}, N2O ${n2o.toFixed()}` },
    defaulted: false,
  };
}
