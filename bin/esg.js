#!/usr/bin/env node
// Entry of the `esg` command. The TypeScript sources are bundled to dist-cli/ by `npm install`
// (the package's prepare script) or `npm run build:cli`.
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist-cli", "esg.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("esg is not built yet: run `npm install` or `npm run build:cli` in the project folder.\n");
  process.exit(2);
}
const { main } = require(bundle);
const code = main(process.argv.slice(2));
process.exitCode = code;
