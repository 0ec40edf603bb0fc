/**
 * Data test of the WARM v15 net factor library (data/factors/warm-v15/1.0.0).
 * Every shipped factor is compared with its cell in the vendored net-factor CSV, parsed here independently of the
 * importer; then every net factor is re-derived from the vendored EPA matrices, because the CSV is the data
 * curator's computation and not an EPA publication.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Dec } from "../../src/engine/quantities/decimal";
import { FactorsFileSchema, LibraryMetaSchema, type Factor } from "../../src/engine/factors/schema";
import { parseCsvWithLines as parseCsv } from "../helpers/csv";

const ROOT = resolve(__dirname, "..", "..");
const LIB_DIR = join(ROOT, "data", "factors", "warm-v15", "1.0.0");
const SRC_DIR = join(ROOT, "data", "sources", "warm");
const MTX_DIR = join(SRC_DIR, "source-matrices-warmer");
const NET = "warm_v15_end_of_life_net_factors.csv";

const readCsv = (path: string) => parseCsv(readFileSync(path, "utf8")).filter((r) => r.cells.length > 1);
const asObjects = (path: string): Record<string, string>[] => {
  const [header, ...rows] = readCsv(path);
  return rows.map((r) => Object.fromEntries((header?.cells ?? []).map((h, i) => [h, r.cells[i] ?? ""])));
};

const net = readCsv(join(SRC_DIR, NET));
const netHeader = net[0]?.cells ?? [];
const netRows = net.slice(1);
const col = (name: string): number => netHeader.indexOf(name);

const COLUMN_UNITS: Record<string, { numeratorUnit: string; activityUnit: string }> = {
  mtco2e_per_short_ton: { numeratorUnit: "t CO2e", activityUnit: "short ton" },
  kgco2e_per_metric_tonne: { numeratorUnit: "kg CO2e", activityUnit: "t" },
};

function checkFactor(f: Factor): string | null {
  const m = /^([^:]+):L(\d+):([a-z0-9_]+)$/.exec(f.sourceRow);
  if (!m || m[1] !== NET) return `${f.id}: bad sourceRow ${f.sourceRow}`;
  const row = netRows.find((r) => r.line === Number(m[2]));
  const column = m[3] ?? "";
  if (!row || col(column) < 0) return `${f.id}: no cell at ${f.sourceRow}`;
  const cell = (row.cells[col(column)] ?? "").trim();
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cell)) return `${f.id}: source cell '${cell}' is not a number`;
  if (!new Dec(f.value).eq(new Dec(cell))) return `${f.id}: value ${f.value} != source ${cell} (${f.sourceRow})`;
  const units = COLUMN_UNITS[column];
  if (!units || f.numeratorUnit !== units.numeratorUnit || f.activityUnit !== units.activityUnit) return `${f.id}: units do not fit column ${column}`;
  if (f.unit !== `${f.numeratorUnit}/${f.activityUnit}`) return `${f.id}: unit ${f.unit}`;
  if (f.id.endsWith(".per-t") !== (column === "kgco2e_per_metric_tonne")) return `${f.id}: id suffix does not fit column ${column}`;
  const material = row.cells[col("material")] ?? "";
  const pathway = row.cells[col("pathway")] ?? "";
  if (f.category[f.category.length - 1] !== material || !f.id.includes(`.${pathway}`)) return `${f.id}: row is ${material} / ${pathway}`;
  if (f.gas !== "CO2e" || f.boundary !== "net-lifecycle" || f.region !== "US") return `${f.id}: gas/boundary/region`;
  if (!f.notes?.includes("GWP basis: IPCC AR4")) return `${f.id}: notes do not state the GWP basis`;
  return null;
}

const libraryRaw: unknown = JSON.parse(readFileSync(join(LIB_DIR, "library.json"), "utf8"));
const factorsBytes = readFileSync(join(LIB_DIR, "factors.json"));
const factors = FactorsFileSchema.parse(JSON.parse(factorsBytes.toString("utf8")));
const meta = LibraryMetaSchema.parse(libraryRaw);
const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");
const get = (id: string): Factor => {
  const f = factors.find((x) => x.id === id);
  if (!f) throw new Error(`no factor ${id}`);
  return f;
};

describe("warm-v15 library files", () => {
  it("library.json and factors.json validate against the schema", () => {
    expect(LibraryMetaSchema.safeParse(libraryRaw).success).toBe(true);
    expect(FactorsFileSchema.safeParse(JSON.parse(factorsBytes.toString("utf8"))).success).toBe(true);
    expect(meta.id).toBe("warm-v15");
  });
  it("dataSha256 and factorCount describe factors.json", () => {
    expect(meta.dataSha256).toBe(sha256(factorsBytes));
    expect(meta.factorCount).toBe(factors.length);
  });
  it("source file hashes match the vendored files, matrices included", () => {
    expect(meta.sourceFiles.map((s) => s.path).sort()).toEqual(
      [
        `data/sources/warm/${NET}`,
        ...["A.csv", "B.csv", "WARMv15_lcia_methods.csv", "index_A.csv", "index_B.csv"].map((m) => `data/sources/warm/source-matrices-warmer/${m}`),
      ].sort(),
    );
    for (const s of meta.sourceFiles) expect(sha256(readFileSync(join(ROOT, s.path)))).toBe(s.sha256);
  });
  it("records AR4 as the GWP basis and the sign convention", () => {
    expect(meta.gwpBasis).toBe("AR4");
    expect(meta.caveats.join(" ")).toMatch(/NEGATIVE value is a net reduction/);
    expect(meta.caveats.join(" ")).toMatch(/not for Scope 1-3 inventories/);
  });
});

describe("warm-v15 factors equal their source cells", () => {
  it("every factor matches its cell", () => {
    expect(factors.map(checkFactor).filter((p) => p !== null)).toEqual([]);
  });
  it("the check catches a wrong value, row, sign and unit", () => {
    const f = get("warm.mixed-electronics.recycling");
    expect(checkFactor(f)).toBeNull();
    expect(checkFactor({ ...f, value: "-0.7854" })).toMatch(/!= source/);
    expect(checkFactor({ ...f, value: "0.7853" })).toMatch(/!= source/);
    expect(checkFactor({ ...f, sourceRow: f.sourceRow.replace(/:L\d+:/, ":L106:") })).toMatch(/!= source/);
    expect(checkFactor({ ...f, activityUnit: "t", unit: "t CO2e/t" })).toMatch(/units/);
  });
  it("ships every row twice (per short ton and per tonne) and nothing else", () => {
    expect(netRows).toHaveLength(181);
    expect(factors).toHaveLength(362);
    const refs = new Set(factors.map((f) => f.sourceRow));
    for (const r of netRows) {
      expect(refs.has(`${NET}:L${r.line}:mtco2e_per_short_ton`)).toBe(true);
      expect(refs.has(`${NET}:L${r.line}:kgco2e_per_metric_tonne`)).toBe(true);
    }
    expect(factors.filter((f) => f.id.endsWith(".per-t"))).toHaveLength(181);
  });
  it("spot checks: electronics net factors (t CO2e per short ton)", () => {
    expect(get("warm.mixed-electronics.recycling").value).toBe("-0.7853");
    expect(get("warm.mixed-electronics.landfilling").value).toBe("0.0203");
    expect(get("warm.mixed-electronics.combustion").value).toBe("0.3868");
    expect(get("warm.mixed-electronics.recycling.per-t").value).toBe("-865.7");
    expect(get("warm.desktop-cpus.recycling").value).toBe("-1.4868");
    expect(get("warm.copper-wire.recycling").value).toBe("-4.4888");
    expect(get("warm.aluminum-cans.recycling").value).toBe("-9.1274");
  });
});

describe("warm-v15 net factors re-derived from EPA's matrices", () => {
  // Float64 is acceptable here: this re-derives the curator's rounded numbers as a check, it ships nothing.
  const parseMatrix = (file: string): Float64Array[] => readCsv(join(MTX_DIR, file)).map((r) => Float64Array.from(r.cells.map(Number)));
  const A = parseMatrix("A.csv");
  const B = parseMatrix("B.csv");
  const indexA = asObjects(join(MTX_DIR, "index_A.csv"));
  const indexB = asObjects(join(MTX_DIR, "index_B.csv"));
  const lcia = asObjects(join(MTX_DIR, "WARMv15_lcia_methods.csv")).filter((r) => r.Method === "WARMv15" && r.Indicator === "GHGs");
  const c = indexB.map((b) => Number(lcia.find((l) => l["Flow UUID"] === b["flow ID"])?.["Characterization Factor"] ?? 0));
  const n = A.length;

  // LU factorisation with partial pivoting, once; each process is then one pair of triangular solves.
  const lu = A.map((r) => Float64Array.from(r));
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i]![k]!) > Math.abs(lu[p]![k]!)) p = i;
    [lu[k], lu[p]] = [lu[p]!, lu[k]!];
    [perm[k], perm[p]] = [perm[p]!, perm[k]!];
    const rk = lu[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = lu[i]!;
      const f = ri[k]! / rk[k]!;
      ri[k] = f;
      if (f !== 0) for (let j = k + 1; j < n; j++) ri[j] = ri[j]! - f * rk[j]!;
    }
  }
  function mtco2ePerShortTon(processIndex: number): number {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = perm[i] === processIndex ? 907.18 : 0;
      const ri = lu[i]!;
      for (let j = 0; j < i; j++) s -= ri[j]! * y[j]!;
      y[i] = s;
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      const ri = lu[i]!;
      for (let j = i + 1; j < n; j++) s -= ri[j]! * x[j]!;
      x[i] = s / ri[i]!;
    }
    let result = 0;
    B.forEach((row, b) => {
      let g = 0;
      for (let k = 0; k < n; k++) g += row[k]! * x[k]!;
      result += c[b]! * g;
    });
    return result;
  }

  it("the matrices have the documented shapes and the AR4 characterisation", () => {
    expect([A.length, A[0]?.length, B.length, B[0]?.length, indexA.length, indexB.length]).toEqual([551, 551, 14, 551, 551, 14]);
    expect(lcia.find((l) => l.Flowable === "Methane")?.["Characterization Factor"]).toBe("0.025");
    expect(lcia.find((l) => l.Flowable === "Dinitrogen monoxide")?.["Characterization Factor"]).toBe("0.298");
  });

  it("every shipped value is the rounded result of c . B . inv(A) . d for one short ton", () => {
    const misfits: string[] = [];
    for (const r of netRows) {
      const name = r.cells[col("process_name")] ?? "";
      const j = indexA.findIndex((p) => p["process name"] === name);
      if (j < 0) {
        misfits.push(`no process ${name}`);
        continue;
      }
      const result = mtco2ePerShortTon(j);
      const mt = get(factors.find((f) => f.sourceRow === `${NET}:L${r.line}:mtco2e_per_short_ton`)?.id ?? "").value;
      const kg = get(factors.find((f) => f.sourceRow === `${NET}:L${r.line}:kgco2e_per_metric_tonne`)?.id ?? "").value;
      // 4-decimal rounding of the short-ton column; 0.1 kg rounding of the curator's x1000/0.90718 conversion.
      if (Math.abs(result - Number(mt)) > 0.00005 + 1e-9) misfits.push(`${name}: ${result} vs ${mt}`);
      if (Math.abs((result * 1000) / 0.90718 - Number(kg)) > 0.05 + 1e-6) misfits.push(`${name}: per t ${kg}`);
    }
    expect(misfits).toEqual([]);
  });
});
