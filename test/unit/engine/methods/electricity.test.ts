import { Dec, plain } from "../../../../src/engine/quantities/decimal";
import { electricityLocationBased, electricityMarketBased } from "../../../../src/engine/methods/electricity";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { codeOf } from "./inv-helpers";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const ctx = { registry, taxonomy, year: 2025 };
const mwh = { amount: 1, unit: "MWh" };

describe("electricityLocationBased", () => {
  it("UK: DESNZ generation, T&D (+ its WTT) and upstream WTT lines", () => {
    const r = electricityLocationBased({ energy: mwh, region: "UK", tdLosses: true, upstream: true }, ctx);
    expect(plain(r.scope2.value)).toBe("177");
    expect(plain(r.tdLosses!.value)).toBe("22.5"); // 1000 x (0.01853 + 0.00397)
    expect(plain(r.upstream!.value)).toBe("45.9");
    expect(r.tdLosses!.trace.method.name).toMatch(/Scope 3 category 3/);
  });
  it("eGRID subregion: lb/MWh per gas, exact lb->kg, characterised with AR5", () => {
    const r = electricityLocationBased({ energy: mwh, region: "rfce" }, { registry, taxonomy, gwp: "AR5" });
    // (594.7 + 0.036 x 28 + 0.005 x 265) lb x 0.45359237 kg/lb
    expect(plain(r.scope2.value)).toBe("270.80961343821");
    expect(r.scope2.trace.factors).toHaveLength(3);
    expect(r.scope2.trace.factors.every((f) => f.region === "RFCE")).toBe(true);
  });
  it("eGRID T&D needs a loss rate; S2 formula 3.3 kWh x EF x loss", () => {
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "US", tdLosses: true }, ctx))).toBe("MISSING_INPUT");
    const r = electricityLocationBased({ energy: mwh, region: "RFCE", tdLosses: { lossRate: "0.042" } }, ctx);
    expect(r.tdLosses!.value.eq(r.scope2.value.times("0.042"))).toBe(true);
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "US", upstream: true }, ctx))).toBe("FACTOR_NOT_PUBLISHED");
    expect(plain(electricityLocationBased({ energy: mwh, region: "US", upstream: { factor: "0.05" } }, ctx).upstream!.value)).toBe("50");
  });
  it("other countries: Ember life-cycle intensity, flagged as a proxy", () => {
    // Ember factors carry their data year (2022-2024): no year filter here.
    const r = electricityLocationBased({ energy: mwh, region: "DE" }, { registry, taxonomy });
    expect(r.scope2.value.eq(new Dec(registry.get("ember.electricity.deu").value).times(1000).div(1000))).toBe(true);
    expect(plain(r.scope2.value)).toBe("342.06");
    expect(r.scope2.trace.flags.some((f) => /LIFE-CYCLE/.test(f))).toBe(true);
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "DE", upstream: true }, { registry, taxonomy }))).toBe("FACTOR_NOT_PUBLISHED");
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "DE" }, ctx))).toBe("NO_FACTOR_FOR_SCOPE");
  });
  it("error paths", () => {
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "XQ" }, ctx))).toBe("UNKNOWN_ID");
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "" }, ctx))).toBe("MISSING_INPUT");
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "DE" }, {}))).toBe("MISSING_INPUT");
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "UK" }, { registry }))).toBe("MISSING_INPUT");
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "0.4", tdLosses: { lossRate: 1 } }))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => electricityLocationBased({ energy: { amount: 1, unit: "t" }, region: "0.4" }))).toBe("UNKNOWN_UNIT");
    expect(codeOf(() => electricityLocationBased({ energy: mwh, region: "-0.4" }))).toBe("NEGATIVE_NOT_ALLOWED");
  });
});

describe("electricityMarketBased", () => {
  const energy = { amount: 1000, unit: "kWh" };
  it("supplier rate takes precedence over the residual mix", () => {
    const r = electricityMarketBased({ energy, supplierFactor: "0.2", residualMix: "0.5" });
    expect(plain(r.scope2.value)).toBe("200");
  });
  it("without a residual mix: FLAGGED location-based fallback", () => {
    const r = electricityMarketBased({ energy, instruments: [{ energy: { amount: 400, unit: "kWh" }, factor: "0.1" }], fallbackRegion: "UK" }, ctx);
    expect(plain(r.scope2.value)).toBe(plain(new Dec(40).plus(new Dec(600).times("0.177"))));
    expect(r.scope2.trace.flags.some((f) => /No residual mix/.test(f))).toBe(true);
  });
  it("fully covered consumption needs no remainder factor", () => {
    const r = electricityMarketBased({ energy, instruments: [{ energy }] });
    expect(plain(r.scope2.value)).toBe("0");
  });
  it("error paths", () => {
    expect(codeOf(() => electricityMarketBased({ energy, instruments: [{ energy: { amount: 2, unit: "MWh" } }], residualMix: 0.4 }))).toBe("COVERAGE_EXCEEDS_CONSUMPTION");
    expect(codeOf(() => electricityMarketBased({ energy }))).toBe("MISSING_INPUT");
    expect(codeOf(() => electricityMarketBased({ energy, instruments: [{ energy, factor: "x" }] }))).toBe("NOT_A_NUMBER");
  });
});
