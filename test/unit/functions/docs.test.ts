/** Every shipped function has a reference page whose examples are what the evaluator gives, and a rendered help page. */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ALL_SPECS, excelParamNames } from "../../../src/functions";
import { evaluateFormula, displayValue, isMatrix } from "../../../src/functions/formula";
import { bundledRegistry } from "../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../src/bundled/taxonomy";

const ROOT = join(__dirname, "..", "..", "..");
const context = { registry: bundledRegistry(), taxonomy: bundledTaxonomy() };

describe("docs/functions", () => {
  it.each(ALL_SPECS.map((s) => [s.name, s] as const))("%s has a page with syntax, arguments and its examples' actual results", (name, spec) => {
    const md = readFileSync(join(ROOT, "docs", "functions", `${name}.md`), "utf8");
    expect(md).toContain(`# ESG.${name}`);
    expect(md).toContain(`=ESG.${name}(`);
    for (const p of excelParamNames(spec)) expect(md).toContain(`| ${p} |`);
    for (const e of spec.examples ?? []) {
      expect(md).toContain(e.formula);
      if (e.result === "") {
        const v = evaluateFormula(e.formula, { context }).value;
        const shown = isMatrix(v) ? `{${v.map((r) => r.map(displayValue).join(",")).join(";")}}` : displayValue(v);
        expect(md).toContain(`| \`${e.formula}\` | ${shown}`);
      }
    }
    if (spec.methodCard) {
      const target = spec.methodCard.includes("/") ? spec.methodCard : `../methods/${spec.methodCard}.md`;
      expect(md).toContain(`(${target})`);
    }
  });
  it("renders one accessible HTML page per function and an index (scripts/build-help.mjs)", () => {
    const target = mkdtempSync(join(tmpdir(), "help-"));
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", `import('./scripts/build-help.mjs').then(m => console.log(JSON.stringify(m.buildHelp({ target: ${JSON.stringify(target)} }))))`], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const names = JSON.parse(r.stdout.trim().split("\n").pop()!) as string[];
    expect(names.sort()).toEqual(ALL_SPECS.map((s) => s.name).sort());
    for (const n of names) expect(existsSync(join(target, `${n}.html`))).toBe(true);
    const page = readFileSync(join(target, "TRANSPORT_CO2.html"), "utf8");
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("<h1>ESG.TRANSPORT_CO2</h1>");
    expect(page).toContain('<th scope="col">Argument</th>');
    expect(page).not.toContain("<script");
    const index = readFileSync(join(target, "index.html"), "utf8");
    for (const n of names) expect(index).toContain(`href="${n}.html"`);
  });
});
