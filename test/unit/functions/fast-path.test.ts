/**
 * The value-only fast path of spilled calls (Excel adapter, traces not kept) gives exactly the
 * engine's values: same Dec digits, same errors, for every mode, region and option tried.
 */
import fc from "fast-check";
import { Dec } from "../../../src/engine";
import { bundledRegistry } from "../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../src/bundled/taxonomy";
import { FUNCTIONS, invoke, isExcelError, type OutValue } from "../../../src/functions";

const ctx = { registry: bundledRegistry(), taxonomy: bundledTaxonomy() };
const show = (v: OutValue) => (v instanceof Dec ? `D:${v.toFixed()}` : isExcelError(v) ? `E:${v.excelError}:${v.code}:${v.message}` : `V:${String(v)}`);

function both(name: string, args: unknown[]): [string[][], string[][]] {
  const spec = FUNCTIONS.get(name)!;
  const slow = invoke(spec, args, ctx, { keepTraces: true }).value as OutValue[][];
  const fast = invoke(spec, args, ctx, { keepTraces: false }).value as OutValue[][];
  return [fast.map((r) => r.map(show)), slow.map((r) => r.map(show))];
}

// Masses and distances as a sheet holds them: doubles with a few decimals, zero, huge and tiny values.
const amount = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
  fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1e-300, 123456789.12345679, 0.1 + 0.2),
);

describe("fast path == engine", () => {
  const modes = ["road.hgv", "rail.freight", "sea.container", "air.longhaul", "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw", 0.1, 0.123456789012345, "truk", ""];
  it.each([[[]], [["boundary=TTW"]], [["factorset=epa"]], [["factorset=epa", "boundary=TTW"]], [["gwp=AR6"]], [["year=2024"]]])("TRANSPORT_CO2 with options %j", (options) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, amount), { minLength: 2, maxLength: 12 }), (rows) => {
        const mass = rows.map(([m]) => [m]);
        const dist = rows.map(([, d]) => [d]);
        const [fast, slow] = both("TRANSPORT_CO2", [mass, dist, [modes], options]);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 25 },
    );
  });
  it.each([[[]], [["line=td"]], [["line=upstream"]], [["line=td", "lossrate=0.042"]], [["basis=market", "supplier=0.3"]]])("ELECTRICITY_CO2 with options %j", (options) => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 2, maxLength: 12 }), (kwh) => {
        const [fast, slow] = both("ELECTRICITY_CO2", [kwh.map((k) => [k]), [["GB", "DE", "RFCE", "US", 0.4, 0.2330000001, "XX"]], options]);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 25 },
    );
  });
  it("is used: a spilled call without traces still gives the exact WTW digits", () => {
    const inv = invoke(FUNCTIONS.get("TRANSPORT_CO2")!, [[[1000], [2000]], [[500]], "road.hgv"], ctx, { keepTraces: false });
    expect((inv.value as Dec[][]).map((r) => r[0]!.toFixed())).toEqual(["62.61", "125.22"]);
    expect(inv.unit).toBe("kg CO2e");
  });
});
