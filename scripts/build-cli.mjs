// Bundles the command line (and the bench) into dist-cli/ with esbuild: one file each, data inlined,
// so `npx esg` works right after `npm install` (this runs as the package's `prepare` script).
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entries = { esg: "src/cli/main.ts", bench: "src/cli/bench.ts" };
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(join(root, p))).map(([k, p]) => [k, join(root, p)]));

await build({
  entryPoints,
  outdir: join(root, "dist-cli"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  logLevel: "warning",
  legalComments: "none",
});
