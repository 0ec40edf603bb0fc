export * from "./fields";
export { foldText, normaliseHeader, headerScore, bestHeaderField, detectHeaderRow, type NormalisedHeader, type HeaderRowGuess } from "./header";
export * from "./values";
export * from "./taxonomy-port";
export * from "./template";
export * from "./suggest";
export * from "./check";
