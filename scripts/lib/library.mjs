// Writes a versioned, immutable factor library: data/factors/<id>/<version>/{library.json,factors.json}.
// Refuses to overwrite a released version whose bytes differ (a correction is a new version).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Normalises a numeric source cell to a decimal string without float conversion ("0.10163" stays, "1,234.5" -> "1234.5"). */
export function decimalString(cell) {
  const t = String(cell).trim().replace(/,/g, "");
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t) && !/^-?\.\d+$/.test(t)) throw new Error(`not a decimal: '${cell}'`);
  return t.startsWith(".") ? "0" + t : t.startsWith("-.") ? "-0" + t.slice(1) : t;
}

/** Lower-case id segment from free text: "HGV (all diesel)" -> "hgv-all-diesel". */
export function slug(text) {
  return String(text)
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\+/g, " plus ")
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/-{2,}/g, "-");
}

/**
 * Copies a raw source file from the shared data folder into data/sources/<dir>/, keeping it byte for byte.
 * Returns { path (repo-relative), sha256 }.
 */
export function vendorSource(sourceAbsPath, targetDir, targetName) {
  const dest = join(ROOT, "data", "sources", targetDir, targetName ?? sourceAbsPath.split("/").pop());
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(sourceAbsPath, dest);
  const bytes = readFileSync(dest);
  return { path: relative(ROOT, dest), sha256: sha256(bytes) };
}

/**
 * Writes library.json and factors.json. `meta` is everything of LibraryMeta except dataSha256 and factorCount.
 * Factors are sorted by id, region, year so output is deterministic.
 */
export function writeLibrary(meta, factors) {
  const ids = new Set();
  for (const f of factors) {
    const key = `${f.id}|${f.region}|${f.year}`;
    if (ids.has(key)) throw new Error(`duplicate factor ${key}`);
    ids.add(key);
  }
  const sorted = [...factors].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : a.year - b.year,
  );
  const dir = join(ROOT, "data", "factors", meta.id, meta.version);
  const factorsJson = JSON.stringify(sorted, null, 1) + "\n";
  const full = { ...meta, dataSha256: sha256(Buffer.from(factorsJson, "utf8")), factorCount: sorted.length };
  const libraryJson = JSON.stringify(full, null, 2) + "\n";
  if (existsSync(join(dir, "factors.json")) && process.env.ALLOW_REWRITE !== "1") {
    const old = readFileSync(join(dir, "factors.json"), "utf8");
    if (old !== factorsJson) {
      throw new Error(
        `${meta.id}@${meta.version} is released and its data would change; bump the version (or set ALLOW_REWRITE=1 while it is unreleased).`,
      );
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "factors.json"), factorsJson);
  writeFileSync(join(dir, "library.json"), libraryJson);
  console.log(`wrote ${relative(ROOT, dir)}: ${sorted.length} factors`);
  return full;
}

/** The shared data folder (only importers read it; never the product or its tests). */
export function sharedData(...parts) {
  const base = process.env.ESG_SHARED_DATA ?? resolve(ROOT, "..", "shared", "data");
  return join(base, ...parts);
}
