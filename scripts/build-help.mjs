// Renders the function reference (docs/functions/<NAME>.md) to static, accessible HTML help pages in
// docs/functions/site/ (one page per function plus an index), which webpack copies to dist/help/ so each
// function's helpUrl (https://<origin>/help/<NAME>.html) resolves. No dependencies: a small Markdown
// subset (headings, paragraphs, lists, tables, fenced code, inline code, bold, links) is all the pages use.
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.5;color:#1b1b1b;background:#fff}
a{color:#0b5cad}a:focus{outline:2px solid #0b5cad;outline-offset:2px}
h1{font-size:1.8rem;margin-top:.5rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ddd}
code,pre{font-family:ui-monospace,Consolas,monospace;background:#f4f4f4;border-radius:3px}code{padding:0 .2em}pre{padding:.6rem;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
nav{font-size:.9rem;margin-bottom:1rem}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}
@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#eee}a{color:#8cc4ff}code,pre{background:#2a2a2a}th{background:#2a2a2a}th,td{border-color:#555}}`;

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Links between function pages become .html; links to other docs (method cards) are shown as their path. */
function inline(text) {
  const parts = text.split(/(`[^`]*`)/g);
  return parts
    .map((p) => {
      if (p.startsWith("`") && p.endsWith("`") && p.length >= 2) return `<code>${escapeHtml(p.slice(1, -1))}</code>`;
      let h = escapeHtml(p);
      h = h.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
      h = h.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => {
        if (/^[A-Z][A-Z0-9_]*\.md$/.test(href)) return `<a href="${href.replace(/\.md$/, ".html")}">${label}</a>`;
        if (/^https?:\/\//.test(href)) return `<a href="${href}">${label}</a>`;
        return `${label} (docs/${href.replace(/^\.\.\//, "")} in the project)`;
      });
      return h;
    })
    .join("");
}

function cells(line) {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

/** Renders the Markdown subset used by docs/functions. */
export function renderMarkdown(md) {
  const lines = md.replace(/\r\n/g, "\n").split("\n");
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const code = [];
      i++;
      while (i < lines.length && !lines[i].startsWith("```")) code.push(lines[i++]);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      const level = h[1].length;
      out.push(`<h${level}>${inline(h[2])}</h${level}>`);
      i++;
      continue;
    }
    if (line.trim().startsWith("|") && i + 1 < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const rows = [];
      while (i < lines.length && lines[i].trim().startsWith("|")) rows.push(cells(lines[i++]));
      out.push(
        `<table>\n<thead><tr>${head.map((c) => `<th scope="col">${inline(c)}</th>`).join("")}</tr></thead>\n<tbody>\n${rows
          .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`)
          .join("\n")}\n</tbody>\n</table>`,
      );
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) items.push(lines[i++].replace(/^\s*[-*]\s+/, ""));
      out.push(`<ul>\n${items.map((x) => `<li>${inline(x)}</li>`).join("\n")}\n</ul>`);
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() !== "" && !/^(#{1,3}\s|```|\s*\||\s*[-*]\s)/.test(lines[i])) para.push(lines[i++]);
    out.push(`<p>${inline(para.join(" "))}</p>`);
  }
  return out.join("\n");
}

function page(title, body, { index = false } = {}) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ESG functions help</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${index ? "" : '<nav aria-label="Help"><a href="index.html">All ESG functions</a></nav>\n'}<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** Builds docs/functions/site from docs/functions/*.md; returns the function names rendered. */
export function buildHelp({ source = join(root, "docs", "functions"), target = join(source, "site") } = {}) {
  const files = readdirSync(source)
    .filter((f) => /^[A-Z][A-Z0-9_]*\.md$/.test(f))
    .sort();
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "style.css"), CSS + "\n");
  const entries = [];
  for (const f of files) {
    const name = f.replace(/\.md$/, "");
    const md = readFileSync(join(source, f), "utf8");
    const summary = md.split("\n").find((l, k, all) => k > 0 && l.trim() !== "" && !l.startsWith("#") && all[k - 1].trim() === "") ?? "";
    entries.push({ name, summary });
    writeFileSync(join(target, `${name}.html`), page(`ESG.${name}`, renderMarkdown(md)));
  }
  const list = entries.map((e) => `<tr><th scope="row"><a href="${e.name}.html">ESG.${e.name}</a></th><td>${inline(e.summary)}</td></tr>`).join("\n");
  writeFileSync(
    join(target, "index.html"),
    page(
      "Index",
      `<h1>ESG functions</h1>\n<p>Custom functions of the Electronics ESG add-in. Each page gives the syntax, the arguments with their units, options, examples, errors and the method card.</p>\n<table>\n<thead><tr><th scope="col">Function</th><th scope="col">What it does</th></tr></thead>\n<tbody>\n${list}\n</tbody>\n</table>`,
      { index: true },
    ),
  );
  return entries.map((e) => e.name);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = buildHelp();
  console.log(`help: ${names.length} function pages in docs/functions/site`);
}
