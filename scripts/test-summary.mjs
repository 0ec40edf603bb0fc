// Prints the closing line CI reads: "N passed, N failed", from jest's JSON results.
// Lint, typecheck and builds run before jest inside `npm test`; if they failed, jest never ran
// and this counts that as one failed check.
import { existsSync, readFileSync } from "node:fs";

const [, , file = ".jest-results.json", statusArg = "0"] = process.argv;
const npmStatus = Number(statusArg);
if (!existsSync(file)) {
  console.log("npm test stopped before jest ran (lint, typecheck or build failed).");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, "utf8"));
let failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
if (npmStatus !== 0 && failed === 0) failed = 1;
console.log(`${r.numPassedTests} passed, ${failed} failed`);
process.exit(failed === 0 && r.numPassedTests > 0 ? 0 : 1);
