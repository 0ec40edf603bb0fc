import { Dec } from "../../../src/engine";
import { sameNumber } from "../../../src/taskpane/features/verify/run-verify";

describe("Verify's comparison of a bundle value with a workbook cell", () => {
  it("accepts what Excel holds for the exact value, including double addition of several calls", () => {
    expect(sameNumber(new Dec("0.1").plus("0.2"), 0.1 + 0.2)).toBe(true);
    expect(sameNumber(new Dec("257.082").plus("61.101"), 257.082 + 61.101)).toBe(true);
    expect(sameNumber(new Dec(1).div(3), 0.333333333333333)).toBe(true);
  });
  it("reports any edit a person could make to a result cell", () => {
    expect(sameNumber(new Dec("100"), 100.0000001)).toBe(false);
    expect(sameNumber(new Dec("0.0008902792"), 0.0008902793)).toBe(false);
    expect(sameNumber(new Dec("62.61"), 62.62)).toBe(false);
  });
  it("treats an empty cell as no value and text as a difference", () => {
    expect(sameNumber(null, "")).toBe(true);
    expect(sameNumber(null, 0)).toBe(false);
    expect(sameNumber(new Dec(5), "5")).toBe(false);
  });
});
