// Imports the US EPA WARM v15 net end-of-life GHG factors into data/factors/warm-v15/1.0.0/.
// The net-factor CSV was derived by the data curator from EPA's openLCA matrices (WARMer extraction), so the
// matrices are vendored beside it: the data test re-derives every factor from them.
// The "product manufacturing, virgin vs recycled" file is not imported: its PROVENANCE calls it unvalidated.
// Run: node scripts/import-warm.mjs   (ALLOW_REWRITE=1 while 1.0.0 is unreleased)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCsvObjects } from "./lib/csv.mjs";
import { ROOT, decimalString, sharedData, slug, vendorSource, writeLibrary } from "./lib/library.mjs";

const LIBRARY_ID = "warm-v15";
const VERSION = "1.0.0";
// WARM v15 publication year as recalled (November 2020); the shared PROVENANCE gives no date, so a caveat says to confirm it.
const YEAR = 2020;
const SOURCE_DIR = "warm";
const SHARED = "us-epa-warm-v15";
const NET = "warm_v15_end_of_life_net_factors.csv";
const MATRICES = ["A.csv", "B.csv", "index_A.csv", "index_B.csv", "WARMv15_lcia_methods.csv"];

const sourceFiles = [
  vendorSource(sharedData(SHARED, NET), SOURCE_DIR, NET),
  ...MATRICES.map((m) => vendorSource(sharedData(SHARED, "source-matrices-warmer", m), join(SOURCE_DIR, "source-matrices-warmer"), m)),
];
const vendored = (...p) => join(ROOT, "data", "sources", SOURCE_DIR, ...p);

// WARMer's MIT licence must travel with the matrices.
writeFileSync(
  vendored("source-matrices-warmer", "LICENSE-WARMer.txt"),
  `MIT License

Copyright (c) 2022 U.S. Environmental Protection Agency

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`,
);

const processes = new Map(readCsvObjects(vendored("source-matrices-warmer", "index_A.csv")).map((p) => [p["process name"], p]));

// Only one landfill variant occurs; an unknown one must be looked at, not slugged blindly.
const VARIANT_ID = { "National average LFG recovery, typical collection, National average conditions": "lfg-national-average" };

const PATHWAY_LABEL = { recycling: "recycling", landfilling: "landfilling", combustion: "combustion", composting: "composting" };

const COMMON_NOTE =
  "WARM v15 NET factor: includes credits (avoided virgin production for recycling, avoided grid electricity for combustion, landfill carbon storage and energy recovery where modelled). " +
  "Negative = net reduction (published sign kept). Not for GHG Protocol inventories: avoided-emissions ledger only. GWP basis: IPCC AR4 (CH4 25, N2O 298), already CO2e.";

const factors = [];
for (const r of readCsvObjects(vendored(NET))) {
  if (!PATHWAY_LABEL[r.pathway]) throw new Error(`unexpected pathway '${r.pathway}' at line ${r.__line}`);
  const proc = processes.get(r.process_name);
  if (!proc) throw new Error(`process '${r.process_name}' not in index_A.csv`);
  let id = `warm.${slug(r.material)}.${r.pathway}`;
  if (r.variant) {
    const v = VARIANT_ID[r.variant];
    if (!v) throw new Error(`unknown variant '${r.variant}'`);
    id += `.${v}`;
  }
  const mt = r.mtco2e_per_short_ton.trim();
  const kg = r.kgco2e_per_metric_tonne.trim();
  if (mt === "" || kg === "") throw new Error(`blank value at line ${r.__line}`);
  const label = `${r.material}, ${r.pathway}${r.variant ? ` (${r.variant})` : ""}, WARM v15 net factor`;
  const category = [...r.process_category.split("/"), r.material];
  const processNote = `openLCA process '${r.process_name}' (${proc["process ID"]}).`;
  const common = {
    gas: "CO2e",
    boundary: "net-lifecycle",
    region: "US",
    year: YEAR,
    category,
    sourceTable: "WARM v15 net end-of-life factors derived from EPA's openLCA matrices (WARMer)",
  };
  factors.push({
    id,
    label,
    value: decimalString(mt),
    unit: "t CO2e/short ton",
    numeratorUnit: "t CO2e",
    activityUnit: "short ton",
    ...common,
    sourceRow: `${NET}:L${r.__line}:mtco2e_per_short_ton`,
    notes:
      `${COMMON_NOTE} Primary column: metric tons CO2e per short ton, WARM's own unit, computed by the data curator as c*B*inv(A)*d with d = 907.18 kg of the process's reference product, rounded to 4 decimals. ` +
      `EPA does not publish this file; the value is derived from EPA's matrices and reproducible from the vendored copies. ${processNote}`,
  });
  factors.push({
    id: `${id}.per-t`,
    label: `${label} (per metric tonne)`,
    value: decimalString(kg),
    unit: "kg CO2e/t",
    numeratorUnit: "kg CO2e",
    activityUnit: "t",
    ...common,
    sourceRow: `${NET}:L${r.__line}:kgco2e_per_metric_tonne`,
    notes:
      `${COMMON_NOTE} Converted column, copied as given: the curator's unrounded short-ton result x 1000 / 0.90718, rounded to 0.1 kg. ` +
      `The constant 0.90718 is the short ton rounded (exact: 0.90718474 t), so this value sits about 5 ppm above an exact conversion; prefer the per-short-ton factor ${id} where precision matters. ${processNote}`,
  });
}

writeLibrary(
  {
    id: LIBRARY_ID,
    version: VERSION,
    title: "US EPA Waste Reduction Model (WARM) v15: net end-of-life GHG factors",
    publisher: "U.S. Environmental Protection Agency, Office of Resource Conservation and Recovery (matrices via USEPA/WARMer)",
    edition: "WARM Version 15 (openLCA database edition); matrices from USEPA/WARMer commit 0ba5c8a85816bf08aa8fde7d09e8c1e8bddd9636",
    year: YEAR,
    sourceUrl: "https://www.epa.gov/warm/versions-waste-reduction-model-warm#15",
    sourceFiles,
    licence: {
      id: "US-Gov-Public-Domain AND MIT",
      name: "WARM: public domain in the United States (17 U.S.C. 105); WARMer matrices: MIT License, Copyright (c) 2022 U.S. Environmental Protection Agency",
      url: "https://github.com/USEPA/WARMer",
    },
    attribution:
      "U.S. EPA, Waste Reduction Model (WARM) v15, via USEPA/WARMer (MIT). Net factors derived from WARM v15 by linear algebra on EPA's published matrices. No EPA endorsement implied.",
    gwpBasis: "AR4",
    gwpNote: "WARMv15 'GHGs / MTCO2E' indicator: CO2 1, CH4 25, N2O 298 (IPCC AR4), CF4 7390, C2F6 12200; carbon uptake -44/12. Values are already CO2e.",
    importer: "scripts/import-warm.mjs",
    changelog: [{ version: "1.0.0", note: "First import: 181 WARM v15 net end-of-life factors, each per short ton and per metric tonne." }],
    caveats: [
      "Sign convention: WARM's published sign is kept. A NEGATIVE value is a net reduction (credit larger than process emissions); a positive value is a net emission.",
      "These are NET life-cycle factors with credits. They are not for Scope 1-3 inventories (GHG Protocol Scope 3 Standard Box 5.6 and S1 9.5; EPA says WARM's life-cycle approach is not appropriate for inventories). Use them only in the separately reported avoided-emissions ledger; for inventory end-of-life use the EPA Hub Table 9 (epa-hub-2025) cut-off factors.",
      "The values are derived, not published: the data curator computed them from EPA's WARM v15 openLCA matrices (USEPA/WARMer). The matrices are vendored in data/sources/warm/ and the data test re-derives every factor. Re-check a few rows against EPA's WARM v15 factor tables before release.",
      "Units: metric tons CO2e per SHORT ton (907.18474 kg) is the primary column. The .per-t factors are the curator's conversion with 0.90718 (not 0.90718474) rounded to 0.1 kg CO2e per metric tonne.",
      "GWP basis: IPCC AR4 (CH4 25, N2O 298), not AR5 or AR6.",
      "WARM v15 has been superseded by v16 (December 2023), which changed the mixed electronics composition among others; no machine-readable v16 was available. US context: US grid mix and US average transport distances.",
      "Landfilling of organics uses WARM's national-average landfill gas recovery variant (ids ending .lfg-national-average).",
      "'(Energy)' materials are WARM's energy-recovery sub-variants of the same material.",
      "year 2020 is the WARM v15 publication year as we recall it (November 2020); the shared PROVENANCE gives no date. Confirm against EPA's WARM versions page before release.",
      "Not imported: WARM's internal 'product manufacturing, 100% virgin / 100% recycled inputs' processes (unvalidated per PROVENANCE).",
    ],
  },
  factors,
);
