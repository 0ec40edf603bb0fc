/**
 * The engine's one public entry. Adapters (functions, CLI, taskpane, workbench)
 * import from here and nowhere deeper.
 */
export * from "./quantities";
export * from "./issues/catalogue";
export * from "./issues/issue";
export { suggest, editDistance } from "./issues/suggest";
export * from "./trace/trace";
export * from "./factors/schema";
export * from "./factors/library";
export * from "./factors/registry";
export * from "./method";
export * from "./bundle";
export * from "./verification";
export * from "./taxonomy";
export * from "./methods";
export * from "./ledgers";
export * from "./mapping";
export * from "./pipeline";
export * from "./submission";
