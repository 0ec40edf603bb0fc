export * from "./material-flow";
export * from "./ghg";
export * from "./avoided";
