// `npm start`: builds the add-in for development and serves it for sideloading.
// HTTPS with the Office dev certificates when they are installed; otherwise plain HTTP on 127.0.0.1
// (Linux without sudo cannot install them). Prints the URLs to use.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const certsInstalled = existsSync(join(homedir(), ".office-addin-dev-certs", "localhost.crt"));
const env = { ...process.env };
if (!certsInstalled) env.DEV_SERVER_HTTP = "1";
const origin = certsInstalled ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;

console.log(`Electronics ESG dev server
  add-in (sideload manifest.xml):  ${origin}/taskpane.html
  functions metadata:              ${origin}/functions.json
  workbench (no Excel needed):     ${origin}/workbench.html
${certsInstalled ? "" : "  Dev certificates are not installed, so this serves plain HTTP on loopback: fine for a browser,\n  but Excel needs HTTPS — run `npx office-addin-dev-certs install` (admin rights) and start again.\n"}`);

const child = spawn(process.execPath, [join("node_modules", "webpack", "bin", "webpack.js"), "serve", "--mode", "development"], {
  stdio: "inherit",
  env,
});
child.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
