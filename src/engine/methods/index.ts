// Helper M2: avoided impacts, attribution, data quality (M1 appends the inventory methods).
export * from "./reuse";
export * from "./recycling";
export * from "./cff";
export * from "./sensitivity";
export * from "./attribution";
export * from "./data-quality";
export type { AvoidedResult } from "./avoided-common";
// Helper M1: inventory methods (transport, electricity, fuel, allocation, refrigerant, end-of-life).
export * from "./transport";
export * from "./electricity";
export * from "./fuel";
export * from "./allocation";
export * from "./refrigerant";
export * from "./end-of-life";
export { GWP_SETS, DEFAULT_GWP_SET, resolveGwp, type GwpSet, type GwpInput } from "./common/gwp";
export type { FactorSpec, Intensity, IntensityComponent, GasName } from "./common/intensity";
export type { InventoryContext, FactorSetName } from "./common/context";
export type { Amount, Num } from "./common/method-ref";
// Embodied footprint of a new unit (EF_new of the reuse credit).
export * from "./embodied";
// Default factors of the recycling credit (DESNZ primary / closed-loop pair; ESG.RECYCLING_CO2).
export * from "./recycling-defaults";
