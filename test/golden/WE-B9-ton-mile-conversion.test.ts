/**
 * WE-B9 (DERIVED [D] from a [V2] factor): EPA ton-mile factor converted exactly to t.km.
 * 0.211 kg CO2 per short ton-mile / 1.45997231821 t.km per short ton-mile = 0.14452329 kg CO2 per t.km.
 */
import { plain } from "../../src/engine/quantities/decimal";
import { transportLeg } from "../../src/engine/methods/transport";

describe("WE-B9 short ton-mile -> t.km", () => {
  const leg = transportLeg(
    { mass: { amount: 1, unit: "t" }, distance: { amount: 1, unit: "km" }, ttwFactor: { value: "0.211", unit: "kg CO2/short ton-mile" } },
    { boundary: "TTW" },
  );
  it("0.14452329 kg CO2 per t.km (to the stated digits)", () => {
    expect(plain(leg.ttw!.value.toSignificantDigits(8))).toBe("0.14452329");
    const step = leg.reported.trace.steps.find((s) => s.label === "leg: TTW intensity per t.km");
    expect(step?.value.startsWith("0.144523288125500730")).toBe(true);
  });
  it("uses the exact constants 0.90718474 t x 1.609344 km", () => {
    // 1 short ton-mile carried is exactly 0.211 kg CO2.
    const one = transportLeg(
      { mass: { amount: 1, unit: "short ton" }, distance: { amount: 1, unit: "mi" }, ttwFactor: { value: "0.211", unit: "kg CO2/short ton-mile" } },
      { boundary: "TTW" },
    );
    expect(plain(one.activity.value)).toBe("1.45997231821056");
    expect(plain(one.ttw!.value)).toBe("0.211");
  });
  it("the EPA factor is TTW only: WTW is not available and asking for it fails", () => {
    expect(leg.wtw).toBeNull();
    expect(leg.wtt).toBeNull();
    expect(() => transportLeg({ mass: { amount: 1, unit: "t" }, distance: { amount: 1, unit: "km" }, ttwFactor: { value: "0.211", unit: "kg CO2/short ton-mile" } })).toThrow(
      expect.objectContaining({ issue: expect.objectContaining({ code: "FACTOR_NOT_PUBLISHED" }) }),
    );
  });
});
