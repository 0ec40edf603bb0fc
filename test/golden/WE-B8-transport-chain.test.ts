/**
 * WE-B8 (DERIVED [D]) transport chain with hub, WTW/TTW split, and the air GCD + 95 km variant.
 * Source: shared worked-examples.md, Part B. Illustrative intensities (not GLEC defaults).
 */
import { plain } from "../../src/engine/quantities/decimal";
import { transportChain, transportLeg } from "../../src/engine/methods/transport";

describe("WE-B8 transport chain with hub", () => {
  const chain = transportChain([
    { kind: "leg", label: "collection", mass: { amount: 12, unit: "t" }, distance: { amount: 180, unit: "km" }, distanceBasis: "sfd", wtwIntensity: "0.095", ttwIntensity: "0.078" },
    { kind: "hub", label: "consolidation", massHandled: { amount: 12, unit: "t" }, hocWtw: "1.2", hocTtw: "0.9" },
    { kind: "leg", label: "to recycler", mass: { amount: 12, unit: "t" }, distance: { amount: 420, unit: "km" }, distanceBasis: "sfd", wtwIntensity: "0.075", ttwIntensity: "0.061" },
  ]);

  it("leg 1: 2,160 t.km, WTW 205.2, TTW 168.48", () => {
    const leg = chain.elements[0]!;
    expect(plain(leg.activity.value)).toBe("2160");
    expect(plain(leg.wtw!.value)).toBe("205.2");
    expect(plain(leg.ttw!.value)).toBe("168.48");
  });
  it("hub: WTW 14.4, TTW 10.8", () => {
    const hub = chain.elements[1]!;
    expect(plain(hub.wtw!.value)).toBe("14.4");
    expect(plain(hub.ttw!.value)).toBe("10.8");
  });
  it("leg 2: 5,040 t.km, WTW 378, TTW 307.44", () => {
    const leg = chain.elements[2]!;
    expect(plain(leg.activity.value)).toBe("5040");
    expect(plain(leg.wtw!.value)).toBe("378");
    expect(plain(leg.ttw!.value)).toBe("307.44");
  });
  it("chain: WTW 597.6, TTW 486.72, WTT 110.88 kg CO2e; WTW is the reported boundary", () => {
    expect(plain(chain.wtw!.value)).toBe("597.6");
    expect(plain(chain.ttw!.value)).toBe("486.72");
    expect(plain(chain.wtt!.value)).toBe("110.88");
    expect(chain.reported.value.eq(chain.wtw!.value)).toBe(true);
    expect(chain.reported.unit).toBe("kg CO2e");
    expect(plain(chain.activity.value)).toBe("7200");
  });
  it("the trace names the method, the user-supplied intensities and the steps", () => {
    const t = chain.reported.trace;
    expect(t.method.id).toBe("SERI-EVC-METHOD");
    expect(t.method.clause).toMatch(/§3\.3/);
    expect(t.factors.every((f) => f.userSupplied)).toBe(true);
    expect(t.steps.some((s) => s.label === "chain: WTW = sum of legs and hubs" && s.value === "597.6")).toBe(true);
  });
});

describe("WE-B8 air variant: GCD 800 km -> planned 895 km [GK]", () => {
  it("adds 95 km to the great-circle distance and flags the rule", () => {
    const leg = transportLeg({ mass: { amount: 1, unit: "t" }, distance: { amount: 800, unit: "km" }, distanceBasis: "gcd", airGcdUplift: true, wtwIntensity: 1 });
    expect(plain(leg.activity.value)).toBe("895");
    const step = leg.reported.trace.steps.find((s) => /GCD \+ 95 km/.test(s.label));
    expect(step?.value).toBe("895");
    expect(leg.reported.trace.flags.some((f) => /\[GK\]/.test(f))).toBe(true);
  });
});
