/** @type {import('jest').Config} */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      transform: { react: { runtime: "automatic" } },
      target: "es2020",
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  // Engine and data tests run in node; component tests opt into jsdom with a docblock.
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.(t|j|mj)sx?$": swc },
  // uuid and strip-bom are ESM-only and come in through office-addin-mock; @noble/* (browser crypto) is ESM-only too.
  transformIgnorePatterns: ["/node_modules/(?!(?:.*/node_modules/)?(?:uuid|strip-bom|@noble/hashes|@noble/curves)/)"],
  testTimeout: 60000,
};
