/** The verifier's tools: seeded sampling, safe CSV, findings and materiality, cross-bundle checks. */
export * from "./prng";
export * from "./csv";
export * from "./sampling";
export * from "./findings";
export * from "./cross-bundle";
