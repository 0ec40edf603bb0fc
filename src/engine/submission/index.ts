/** Submissions: a pipeline run assembled into a bundle, and recomputed from one. */
export * from "./audit";
export * from "./serialize";
export * from "./assemble";
export * from "./recompute";
export * from "./diff";
export * from "./dataset";
