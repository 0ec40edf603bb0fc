/**
 * The rooms of src/ and their one-way imports (docs/decisions/0001): the lint rules must actually fire,
 * and the engine's import graph must contain only decimal.js, zod and its own files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = join(__dirname, "..", "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe("engine purity", () => {
  it("imports only decimal.js, zod and other engine files", () => {
    const engine = join(ROOT, "src", "engine");
    for (const f of files(engine)) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/(?:import|export)[^'"]*from\s+["']([^"']+)["']|require\(["']([^"']+)["']\)/g)) {
        const spec = m[1] ?? m[2]!;
        if (spec.startsWith(".")) {
          const target = relative(engine, join(f, "..", spec));
          expect({ file: relative(ROOT, f), spec, inside: !target.startsWith("..") }).toEqual({ file: relative(ROOT, f), spec, inside: true });
        } else {
          expect(["decimal.js", "zod"]).toContain(spec);
        }
      }
    }
  });
});

describe("lint rules enforce the import direction", () => {
  // ESLint's flat config loads through dynamic import, which jest's VM does not allow: run the real CLI.
  async function messages(path: string, code: string): Promise<string[]> {
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "eslint", "bin", "eslint.js"), "--stdin", "--stdin-filename", path, "--format", "json"], {
      cwd: ROOT,
      input: code,
      encoding: "utf8",
    });
    const [res] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    return res!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }
  it("the engine may not import React, Office, Node or adapters, nor use Date.now / Math.random / window", async () => {
    const m = await messages(
      "src/engine/methods/__lint_probe__.ts",
      'import React from "react";\nimport { readFileSync } from "node:fs";\nimport { bundledRegistry } from "../../bundled/libraries";\nexport const x = [React, readFileSync, bundledRegistry, Date.now(), Math.random(), window];\n',
    );
    expect(m.filter((x) => x.startsWith("no-restricted-imports"))).toHaveLength(3);
    expect(m.filter((x) => x.startsWith("no-restricted-properties"))).toHaveLength(2);
    expect(m.filter((x) => x.startsWith("no-restricted-globals"))).toHaveLength(1);
  });
  it("functions import the engine only through its public entry, and never the taskpane", async () => {
    const m = await messages("src/functions/__lint_probe__.ts", 'import { Dec } from "../engine/quantities/decimal";\nimport { App } from "../taskpane/App";\nexport const x = [Dec, App];\n');
    expect(m.filter((x) => x.startsWith("no-restricted-imports"))).toHaveLength(2);
  });
  it("the taskpane does not call Excel directly", async () => {
    const m = await messages("src/taskpane/__lint_probe__.ts", "export const x = () => Excel.run(async () => undefined);\n");
    expect(m.some((x) => x.startsWith("no-restricted-globals"))).toBe(true);
  });
});
