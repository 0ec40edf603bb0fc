import { createHash } from "node:crypto";
import type { Factor, LibraryMeta } from "../../src/engine";

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function fixtureFactor(over: Partial<Factor> & Pick<Factor, "id" | "value">): Factor {
  return {
    label: over.id,
    unit: "kg CO2e/t.km",
    numeratorUnit: "kg CO2e",
    activityUnit: "t.km",
    gas: "CO2e",
    boundary: "TTW",
    region: "GB",
    year: 2025,
    category: ["Freighting goods"],
    sourceTable: "Test table",
    sourceRow: "row-" + over.id,
    ...over,
  };
}

/** A small, valid library (meta + factors + exact factors.json text). */
export function fixtureLibrary(id: string, version: string, factors: Factor[], over: Partial<LibraryMeta> = {}) {
  const factorsText = JSON.stringify(factors, null, 1) + "\n";
  const meta: LibraryMeta = {
    id,
    version,
    title: "Test factors",
    publisher: "Test publisher",
    edition: "test edition",
    year: 2025,
    sourceUrl: "https://example.org/factors",
    sourceFiles: [],
    licence: { id: "OGL-UK-3.0", name: "Open Government Licence v3.0", url: "https://example.org/ogl" },
    attribution: "Contains test information.",
    gwpBasis: "AR5",
    importer: "test",
    dataSha256: sha256(factorsText),
    factorCount: factors.length,
    changelog: [{ version, note: "test" }],
    caveats: [],
    ...over,
  };
  return { meta, factors, factorsText };
}
