// Lint rules, including the one-way import direction between the rooms of src/
// (see docs/decisions/0001-rooms-and-import-direction.md).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ENGINE_FORBIDDEN = {
  patterns: [
    { group: ["react", "react-dom", "react/*", "@fluentui/*"], message: "The engine is pure: no React or Fluent UI." },
    { group: ["@microsoft/office-js", "office-*"], message: "The engine is pure: no Office.js." },
    { group: ["node:*", "fs", "path", "crypto", "os", "child_process", "http", "https"], message: "The engine is pure: no Node APIs (pass them in)." },
    { group: ["**/functions/**", "**/office/**", "**/taskpane/**", "**/workbench/**", "**/cli/**", "**/data/**", "**/bundled/**"], message: "The engine imports nothing of ours outside src/engine." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "dist-cli/", "coverage/", "test-artifacts/", "data/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='eval']", message: "No eval." },
        { selector: "NewExpression[callee.name='Function']", message: "No new Function." },
      ],
    },
  },
  {
    files: ["scripts/**/*.{js,mjs}", "bin/**/*.js", "*.config.js", "*.config.mjs", "webpack.config.js", "test/**/*.{js,mjs}"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", ENGINE_FORBIDDEN],
      "no-restricted-globals": [
        "error",
        { name: "window", message: "The engine is pure: no DOM." },
        { name: "document", message: "The engine is pure: no DOM." },
        { name: "fetch", message: "The engine makes no network calls." },
        { name: "Office", message: "The engine is pure: no Office.js." },
        { name: "Excel", message: "The engine is pure: no Office.js." },
        { name: "process", message: "The engine is pure: no process." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "The engine is deterministic: pass time in." },
        { object: "Math", property: "random", message: "The engine is deterministic: pass a seeded generator in." },
      ],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/engine/*/**"], message: "Adapters import the engine through its one public entry (src/engine)." },
            { group: ["**/office/**", "**/taskpane/**", "**/workbench/**", "**/cli/**", "react", "@fluentui/*"], message: "functions -> engine only." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/engine/*/**"], message: "Adapters import the engine through its one public entry (src/engine)." },
            { group: ["**/office/*", "!**/office/memory", "**/office/office-*", "**/taskpane/**", "**/workbench/**", "react", "@fluentui/*"], message: "cli -> engine, the function catalogue and the in-memory workbook (src/office/memory) only." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/office/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/taskpane/**", "**/workbench/**", "**/cli/**", "react", "@fluentui/*"], message: "office -> engine only." }] },
      ],
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/engine/*/**"], message: "Import the engine through its one public entry (src/engine)." },
            { group: ["**/workbench/**", "**/cli/**"], message: "taskpane -> office, engine only." },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "Excel", message: "Only src/office calls Office.js." }],
    },
  },
);
