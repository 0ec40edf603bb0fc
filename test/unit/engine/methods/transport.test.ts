import { plain } from "../../../../src/engine/quantities/decimal";
import { allocateVehicleRun, fuelBasedTransport, transportChain, transportHub, transportLeg } from "../../../../src/engine/methods/transport";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { codeOf } from "./inv-helpers";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const ctx = { registry, taxonomy };
const t12 = { amount: 12, unit: "t" };
const km100 = { amount: 100, unit: "km" };

describe("transportLeg with library factors", () => {
  it("mode via the taxonomy -> DESNZ TTW + WTT (HGV average laden 2025: 0.10163 + 0.02359)", () => {
    const r = transportLeg({ mass: t12, distance: km100, mode: "truck" }, ctx);
    expect(plain(r.activity.value)).toBe("1200");
    expect(plain(r.ttw!.value)).toBe("121.956");
    expect(plain(r.wtt!.value)).toBe("28.308");
    expect(plain(r.wtw!.value)).toBe("150.264");
    expect(r.reported).toBe(r.wtw);
    expect(r.reported.trace.inputs.find((i) => i.name === "leg.mode")).toMatchObject({ value: "road.hgv", origin: "mapped" });
    expect(r.reported.trace.notes.some((n) => /not re-characterised/.test(n))).toBe(true);
  });
  it("a DESNZ ttw id pairs its wtt sibling; year selects the edition", () => {
    const r = transportLeg({ mass: t12, distance: km100, ttwFactor: "desnz.freight.rail.freight-train.t.km.ttw" }, { ...ctx, year: 2025 });
    expect(plain(r.wtw!.value)).toBe(plain(r.ttw!.value.plus(r.wtt!.value)));
    expect(r.reported.trace.factors.map((f) => f.id)).toContain("desnz.freight.rail.freight-train.t.km.wtt");
  });
  it("EPA mode: TTW only, characterised with the GWP set, converted exactly from short ton-miles", () => {
    const r = transportLeg({ mass: { amount: 1, unit: "short ton" }, distance: { amount: 1, unit: "mi" }, mode: "road.hgv", factorSet: "epa" }, { ...ctx, boundary: "TTW", gwp: "AR5" });
    // 0.186 kg CO2 + 0.0016 g CH4 x 28 + 0.0054 g N2O x 265 per short ton-mile
    expect(plain(r.ttw!.value)).toBe("0.1874758");
    expect(r.wtw).toBeNull();
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, mode: "road.hgv", factorSet: "epa" }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
  });
  it("a mode without a factor in the chosen set fails FACTOR_NOT_PUBLISHED (vans, EPA)", () => {
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, mode: "road.van", factorSet: "epa" }, { ...ctx, boundary: "TTW" }))).toBe("FACTOR_NOT_PUBLISHED");
  });
  it("carrier-specific WTW only: WTW reported, TTW boundary needs ttwIntensity", () => {
    const r = transportLeg({ mass: t12, distance: km100, wtwIntensity: "0.1" });
    expect(plain(r.reported.value)).toBe("120");
    expect(r.ttw).toBeNull();
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, wtwIntensity: "0.1" }, { boundary: "TTW" }))).toBe("MISSING_INPUT");
  });
  it("error paths", () => {
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100 }))).toBe("MISSING_INPUT");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, mode: "road.hgv", wtwIntensity: 1 }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, ttwIntensity: 1 }))).toBe("MISSING_INPUT");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, wtwIntensity: 1, ttwIntensity: 2 }))).toBe("RULE_VIOLATION");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, mode: "road.hgv" }, { registry }))).toBe("MISSING_INPUT");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, mode: "hovercraft" }, ctx))).toBe("UNKNOWN_ID");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, mode: "road.hgv", factorSet: "glec" }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, airGcdUplift: true, wtwIntensity: 1 }))).toBe("RULE_VIOLATION");
    expect(codeOf(() => transportLeg({ mass: t12, distance: { amount: 1, unit: "kg" }, wtwIntensity: 1 }))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => transportLeg({ mass: { amount: -1, unit: "t" }, distance: km100, wtwIntensity: 1 }))).toBe("NEGATIVE_NOT_ALLOWED");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, ttwFactor: "desnz.freight.rail.freight-train.t.km.wtt" }, ctx))).toBe("RULE_VIOLATION");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, ttwFactor: { value: 1, unit: "kg CO2e/kWh" } }))).toBe("INCOMPATIBLE_UNITS");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, ttwFactor: "desnz.freight.nothing.ttw" }, ctx))).toBe("UNKNOWN_FACTOR");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, wtwIntensity: 1 }, { boundary: "XYZ" as "WTW" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => transportLeg({ mass: t12, distance: km100, wtwIntensity: 1, distanceBasis: "odd" as "gcd" }))).toBe("INVALID_OPTION");
  });
  it("a great-circle distance without uplift is flagged (no DAF)", () => {
    const r = transportLeg({ mass: t12, distance: km100, distanceBasis: "gcd", wtwIntensity: 1 });
    expect(r.reported.trace.flags.some((f) => /distance adjustment factor/.test(f))).toBe(true);
  });
});

describe("hubs and chains", () => {
  it("hub intensity per kg converts exactly to per t", () => {
    const r = transportHub({ massHandled: { amount: 500, unit: "kg" }, hocWtw: { value: "0.0012", unit: "kg CO2e/kg" } });
    expect(plain(r.wtw!.value)).toBe("0.6");
    expect(codeOf(() => transportHub({ massHandled: { amount: 1, unit: "t" }, hocWtw: 1, hocTtw: 2 }))).toBe("RULE_VIOLATION");
    expect(codeOf(() => transportHub({ massHandled: { amount: 1, unit: "t" }, hocWtw: { value: 1, unit: "kg CO2e/t.km" } }))).toBe("INCOMPATIBLE_UNITS");
  });
  it("a chain with an element lacking TTW has no chain TTW; WTW still sums", () => {
    const r = transportChain([
      { kind: "leg", mass: t12, distance: km100, wtwIntensity: "0.1" },
      { kind: "hub", massHandled: t12, hocWtw: 1, hocTtw: "0.5" },
    ]);
    expect(plain(r.wtw!.value)).toBe("132");
    expect(r.ttw).toBeNull();
    expect(r.wtt).toBeNull();
  });
  it("error paths", () => {
    expect(codeOf(() => transportChain([]))).toBe("MISSING_INPUT");
    expect(codeOf(() => transportChain([{ kind: "ship" } as never]))).toBe("INVALID_OPTION");
  });
});

describe("allocateVehicleRun", () => {
  // Two shipments share a detour: A 1 t, driven 300 km, direct 100 km; B 1 t, driven 200 km, direct 200 km.
  const shipments = [
    { key: "A", mass: { amount: 1, unit: "t" }, drivenDistance: { amount: 300, unit: "km" }, shortestDistance: { amount: 100, unit: "km" } },
    { key: "B", mass: { amount: 1000, unit: "kg" }, drivenDistance: { amount: 200, unit: "km" }, shortestDistance: { amount: 200, unit: "km" } },
  ];
  it("default basis: t.km on the shortest distance (S2 Example 4.3 option II)", () => {
    const r = allocateVehicleRun({ wtw: 90, ttw: 60, shipments });
    expect(r.shipments.map((s) => plain(s.wtw.value))).toEqual(["30", "60"]);
    expect(r.shipments.map((s) => plain(s.ttw!.value))).toEqual(["20", "40"]);
    expect(r.shipments.map((s) => plain(s.weightTonneKm))).toEqual(["100", "200"]);
  });
  it("driven distance basis (option I) and its note", () => {
    const r = allocateVehicleRun({ wtw: 90, shipments, basis: "driven-distance" });
    expect(r.shipments.map((s) => plain(s.wtw.value))).toEqual(["54", "36"]);
    expect(r.trace.notes.some((n) => /option I/.test(n))).toBe(true);
  });
  it("allocations sum exactly to the run total for awkward weights", () => {
    const r = allocateVehicleRun({ wtw: 100, shipments: [shipments[0]!, shipments[1]!, { ...shipments[1]!, key: "C", shortestDistance: { amount: 7, unit: "mi" } }] });
    expect(plain(r.shipments.reduce((s, x) => s.plus(x.wtw.value), r.shipments[0]!.wtw.value.minus(r.shipments[0]!.wtw.value)))).toBe("100");
  });
  it("error paths", () => {
    expect(codeOf(() => allocateVehicleRun({ wtw: 90, shipments: [] }))).toBe("MISSING_INPUT");
    expect(codeOf(() => allocateVehicleRun({ wtw: 90, shipments: [{ key: "A", mass: t12, drivenDistance: km100 }] }))).toBe("MISSING_INPUT");
    expect(codeOf(() => allocateVehicleRun({ wtw: 90, shipments, basis: "crow" as "driven-distance" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => allocateVehicleRun({ wtw: { value: transportLeg({ mass: t12, distance: km100, wtwIntensity: 1 }).activity.value, unit: "t.km", trace: transportLeg({ mass: t12, distance: km100, wtwIntensity: 1 }).activity.trace }, shipments }))).toBe("INCOMPATIBLE_UNITS");
  });
});

describe("fuelBasedTransport", () => {
  it("DESNZ diesel litres (TTW + WTT), allocated to shipments by mass (S2 formula 4.4)", () => {
    const r = fuelBasedTransport(
      { fuel: { amount: 100, unit: "L" }, carrier: "diesel", shipments: [{ key: "A", mass: { amount: 1, unit: "t" } }, { key: "B", mass: { amount: 3, unit: "t" } }] },
      ctx,
    );
    const ttwId = "desnz.fuels.liquid-fuels.diesel-average-biofuel-blend.l.ttw";
    const ttwF = registry.get(ttwId).value;
    const wttF = registry.get(ttwId.replace(/ttw$/, "wtt")).value;
    expect(plain(r.ttw!.value)).toBe(plain(ttwF.times(100)));
    expect(plain(r.wtw!.value)).toBe(plain(ttwF.plus(wttF).times(100)));
    expect(plain(r.shipments[0]!.wtw!.value.times(3))).toBe(plain(r.shipments[1]!.wtw!.value));
    expect(plain(r.shipments[0]!.wtw!.value.plus(r.shipments[1]!.wtw!.value))).toBe(plain(r.wtw!.value));
  });
  it("fuel in US gallons converts exactly to litres", () => {
    const a = fuelBasedTransport({ fuel: { amount: 1, unit: "US gal" }, fuelFactor: 2 }, { boundary: "TTW" });
    expect(plain(a.ttw!.value)).toBe("7.570823568");
  });
  it("error paths", () => {
    expect(codeOf(() => fuelBasedTransport({ fuel: { amount: 1, unit: "L" } }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => fuelBasedTransport({ fuel: { amount: 1, unit: "L" }, carrier: "diesel", fuelFactor: 1 }, ctx))).toBe("INVALID_OPTION");
    expect(codeOf(() => fuelBasedTransport({ fuel: { amount: 1, unit: "L" }, carrier: "diesel", factorSet: "epa" }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
    expect(codeOf(() => fuelBasedTransport({ fuel: { amount: 1, unit: "L" }, carrier: "diesel", factorSet: "epa" }, { ...ctx, boundary: "TTW" }))).toBeUndefined();
    expect(codeOf(() => fuelBasedTransport({ fuel: { amount: 1, unit: "km" }, fuelFactor: 1 }))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => fuelBasedTransport({ fuel: { amount: 1, unit: "kWh" }, fuelFactor: { value: 1, unit: "kg CO2e/L" } }, { boundary: "TTW" }))).toBe("INCOMPATIBLE_UNITS");
  });
});
