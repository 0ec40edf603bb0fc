import { csvField, neutralizeFormula, toCsv } from "../../../../src/engine";

describe("CSV formula-injection protection", () => {
  it("prefixes an apostrophe to cells that start with = + - @ tab or CR (also after spaces)", () => {
    for (const bad of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\rx", "  =HYPERLINK(\"http://x\")", "-", "=cmd|' /C calc'!A0"]) {
      expect(neutralizeFormula(bad)).toBe("'" + bad);
    }
  });
  it("leaves plain text and plain signed decimals alone", () => {
    for (const ok of ["abc", "12.5", "-12.5", "-3", "0", "L-1", "a=b", ""]) expect(neutralizeFormula(ok)).toBe(ok);
  });
  it("quotes every field, doubles quotes, CRLF line ends", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField(undefined)).toBe('""');
    expect(toCsv(["a", "b"], [["=1", "x\ny"], ["-5", null]])).toBe('"a","b"\r\n"\'=1","x\ny"\r\n"-5",""\r\n');
  });
});
