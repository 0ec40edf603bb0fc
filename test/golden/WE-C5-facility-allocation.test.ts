/**
 * WE-C5 (DERIVED [D]) allocation of a recycler's facility emissions to a client by mass (S1 Box 8.1).
 */
import { plain } from "../../src/engine/quantities/decimal";
import { allocateFacilityEmissions, OTHER_THROUGHPUT } from "../../src/engine/methods/allocation";

describe("WE-C5 facility allocation by received mass", () => {
  const result = allocateFacilityEmissions({
    scope1: "53114.5",
    scope2LocationBased: 480000,
    scope2MarketBased: 405000,
    clients: [{ key: "client X", receivedMass: { amount: 450, unit: "t" } }],
    totalMass: { amount: 6000, unit: "t" },
  });
  const x = result.clients[0]!;

  it("client X: 39,983.5875 kg (S1 + S2 LB) and 34,358.5875 kg (S1 + S2 MB)", () => {
    expect(plain(x.totalLocationBased.value)).toBe("39983.5875");
    expect(plain(x.totalMarketBased.value)).toBe("34358.5875");
  });
  it("intensity 88.8524167 and 76.3524167 kg CO2e/t (to the stated digits)", () => {
    expect(plain(x.intensityLocationBased!.value.toSignificantDigits(9))).toBe("88.8524167");
    expect(plain(x.intensityMarketBased!.value.toSignificantDigits(9))).toBe("76.3524167");
    expect(x.intensityLocationBased!.unit).toBe("kg CO2e/t");
  });
  it("site totals 533,114.5 (LB) and 458,114.5 (MB)", () => {
    expect(plain(result.siteTotalLocationBased)).toBe("533114.5");
    expect(plain(result.siteTotalMarketBased)).toBe("458114.5");
  });
  it("100 % rule: listing every client, the allocations sum exactly to the site totals", () => {
    const all = allocateFacilityEmissions({
      scope1: "53114.5",
      scope2LocationBased: 480000,
      scope2MarketBased: 405000,
      clients: [
        { key: "client X", receivedMass: { amount: 450, unit: "t" } },
        { key: "client Y", receivedMass: { amount: 5550, unit: "t" } },
      ],
    });
    const sumLb = all.clients.reduce((s, c) => s.plus(c.totalLocationBased.value), all.clients[0]!.scope1.value.minus(all.clients[0]!.scope1.value));
    const sumMb = all.clients.reduce((s, c) => s.plus(c.totalMarketBased.value), sumLb.minus(sumLb));
    expect(plain(sumLb)).toBe("533114.5");
    expect(plain(sumMb)).toBe("458114.5");
    expect(plain(all.clients[0]!.totalLocationBased.value)).toBe("39983.5875");
    expect(all.clients.some((c) => c.key === OTHER_THROUGHPUT)).toBe(false);
  });
});
