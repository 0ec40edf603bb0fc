/** Submission bundles: canonical serialization, zip container, hashing, signing and reading (crypto passed in). */
export * from "./canonical-json";
export * from "./canonical-scan";
export * from "./crc32";
export * from "./signing";
export * from "./encoding";
export * from "./manifest";
export * from "./sha256sums";
export * from "./zip";
export * from "./bundle";
export * from "./verify";
export * from "./stream";
