/** WE-D4 Recycler's avoided-emissions credit with A split (worked-examples.md, DERIVED). */
import { plain } from "../../src/engine/quantities/decimal";
import { recyclingCredit } from "../../src/engine/methods/recycling";
import { creditShare } from "../../src/engine/methods/attribution";

describe("WE-D4 recycler's credit, 100 t aluminium, A = 0.2", () => {
  const c = recyclingCredit({
    material: "AL",
    lotId: "LOT-AL-1",
    outputMass: "100",
    massUnit: "t",
    virginFactor: "8.0",
    recyclingFactor: "0.5",
    qsoutOverQp: "1",
    A: "0.2",
    certificate: "COR-2025-0042",
  });
  it("gross avoided burden = 100,000 x (8.0 - 0.5) = 750,000 kg CO2e", () => expect(plain(c.gross.value)).toBe("750000"));
  it("end-of-life chain share (1 - A) = 600,000 kg CO2e", () => expect(plain(c.eolShare.value)).toBe("600000"));
  it("share A = 150,000 kg reserved to the recycled-content user", () => expect(plain(c.reservedToUser.value)).toBe("150000"));
  it("all three are avoided-ledger results in kg CO2e", () => {
    for (const r of [c.gross, c.eolShare, c.reservedToUser]) {
      expect(r.ledger).toBe("avoided");
      expect(r.unit).toBe("kg CO2e");
    }
  });
  it("attribution: recycler (originating custodian) holds 0.8, the recycled-content user 0.2 (reserved)", () => {
    expect(plain(creditShare("recycler", "recycling", { A: "0.2" }).share)).toBe("0.8");
    const user = creditShare("secondary-material-user", "recycling", { A: "0.2" });
    expect(plain(user.share)).toBe("0.2");
    expect(user.basis).toBe("reserved-recycled-content");
  });
});
