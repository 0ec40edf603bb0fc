/** The formula evaluator: Excel precedence, arrays, errors with positions, ESG calls in both spellings, cell references. */
import { Dec } from "../../../../src/engine";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import { evaluateFormula, FormulaError, ParseError, displayValue, isMatrix, parseFormula, type CellResolver, type Value } from "../../../../src/functions/formula";
import { isExcelError } from "../../../../src/functions";

const context = { registry: bundledRegistry(), taxonomy: bundledTaxonomy() };
const HGV_TTW = "desnz.freight.hgv-all-diesel.all-hgvs.average-laden.t.km.ttw";

function show(v: Value): unknown {
  return isMatrix(v) ? v.map((r) => r.map(displayValue)) : displayValue(v);
}
const ev = (f: string, cells?: CellResolver) => show(evaluateFormula(f, { context, ...(cells ? { cells } : {}) }).value);

describe("operators and precedence (as Excel)", () => {
  it.each([
    ["=1+2*3", "7"],
    ["=(1+2)*3", "9"],
    ["=-2^2", "4"],
    ["=2^-2", "0.25"],
    ["=2^3^2", "64"],
    ["=10-2-3", "5"],
    ["=12/4/3", "1"],
    ["=50%", "0.5"],
    ["=-50%*2", "-1"],
    ["=1+2&3", "33"],
    ["=1+1=2", "TRUE"],
    ["=\"a\"=\"A\"", "TRUE"],
    ["=2<\"1\"", "TRUE"],
    ["=1<>1", "FALSE"],
    ["=0.1+0.2", "0.3"],
    ["=1/3*3", "1"],
    ["=\"a\"\"b\"&TRUE", "a\"bTRUE"],
    ["1+1", "2"],
    ["=\"3\"*2", "6"],
    ["=TRUE+TRUE", "2"],
  ])("%s = %s", (f, want) => {
    expect(ev(f)).toBe(want);
  });
  it("keeps decimals exact until the edge", () => {
    const v = evaluateFormula("=0.1*3", { context }).value as Dec;
    expect(v.toFixed()).toBe("0.3");
  });
  it("gives error values, not exceptions, for calculation errors", () => {
    expect(ev("=1/0")).toBe("#DIV/0!");
    expect(ev("=\"x\"*2")).toBe("#VALUE!");
    expect(ev("=0^0")).toBe("#NUM!");
    expect(ev("=#N/A+1")).toBe("#N/A");
  });
});

describe("arrays", () => {
  it("evaluates array constants and broadcasts like Excel", () => {
    expect(ev("={1,2;3,4}*10")).toEqual([["10", "20"], ["30", "40"]]);
    expect(ev("={1,2,3}+{10;20}")).toEqual([["11", "12", "13"], ["21", "22", "23"]]);
    expect(ev("={1,2,3}+{1,2}")).toEqual([["2", "4", "#N/A"]]);
    expect(ev("={-1,\"a\",TRUE,#N/A}")).toEqual([["-1", "a", "TRUE", "#N/A"]]);
    expect(ev("=SUM({1,2;3,4})")).toBe("10");
  });
  it("rejects ragged array constants with the position", () => {
    expect(() => parseFormula("={1,2;3}")).toThrow(ParseError);
    expect(() => parseFormula("={1,2;3}")).toThrow(/same length.*position 2/);
  });
});

describe("built-ins", () => {
  it.each([
    ["=SUM(1,2,\"3\",TRUE)", "7"],
    ["=MIN(4,2,8)", "2"],
    ["=MAX({4,2,8})", "8"],
    ["=ROUND(2.5,0)", "3"],
    ["=ROUND(-2.5,0)", "-3"],
    ["=ROUND(1234.5678,-2)", "1200"],
    ["=ROUND(0.125,2)", "0.13"],
    ["=IF(1>2,1/0,\"ok\")", "ok"],
    ["=IF(FALSE,1)", "FALSE"],
    ["=IFERROR(1/0,\"none\")", "none"],
    ["=CONVERT(1,\"lbm\",\"kg\")", "0.45359237"],
    ["=CONVERT(1,\"mi\",\"km\")", "1.609344"],
    ["=CONVERT(1,\"kWh\",\"MJ\")", "3.6"],
    ["=_xlfn.IFERROR(#N/A,2)", "2"],
  ])("%s = %s", (f, want) => {
    expect(ev(f)).toBe(want);
  });
  it("CONVERT is case-sensitive like Excel and says which unit is unknown", () => {
    const r = evaluateFormula('=CONVERT(1,"kgs","g")', { context }).value;
    expect(isExcelError(r) && r.excelError).toBe("#N/A");
    expect(isExcelError(r) && r.message).toContain("unknown unit 'kgs'");
    expect(ev('=CONVERT(1,"kg","km")')).toBe("#N/A");
  });
});

describe("ESG calls", () => {
  it("accepts ESG.NAME in any case and the saved _xldudf_ESG_NAME spelling", () => {
    expect(ev(`=ESG.FACTOR("${HGV_TTW}")`)).toBe("0.10163");
    expect(ev(`=esg.factor("${HGV_TTW}")`)).toBe("0.10163");
    expect(ev(`=_xldudf_ESG_FACTOR("${HGV_TTW}", "unit")`)).toBe("kg CO2e/t.km");
    expect(ev('=ESG.TRANSPORT_CO2(1000, 500, "road.hgv")')).toBe("62.61");
    expect(ev('=ESG.TRANSPORT_CO2(1000; 500; "road.hgv"; "boundary=TTW")')).toBe("50.815");
  });
  it("nests ESG calls inside arithmetic and built-ins, exactly", () => {
    expect(ev(`=ESG.FACTOR("${HGV_TTW}") * 1000 * 500 / 1000`)).toBe("50.815");
    expect(ev('=SUM(ESG.TRANSPORT_CO2({1000;2000}, 500, "road.hgv"))')).toBe("187.83");
    expect(ev('=ROUND(ESG.ELECTRICITY_CO2(1000, "RFCE"), 2)')).toBe("270.81");
    expect(ev('=ESG.TRANSPORT_CO2(CONVERT(1,"t","kg"), CONVERT(500,"km","km"), "road.hgv", "boundary=TTW")')).toBe("50.815");
  });
  it("passes omitted arguments as null (the optional's default)", () => {
    expect(ev(`=ESG.FACTOR("${HGV_TTW}",,,2024)`)).toBe("0.09752");
  });
  it("records the outermost call with unit and trace", () => {
    const r = evaluateFormula('=ESG.TRANSPORT_CO2(1000, 500, "road.hgv")', { context });
    expect(r.root?.invocation.unit).toBe("kg CO2e");
    expect(r.calls).toHaveLength(1);
  });
  it("reports unknown functions with suggestions and the position", () => {
    expect(() => evaluateFormula("=ESG.TRANSPORT_C02(1,2,3)", { context })).toThrow(FormulaError);
    expect(() => evaluateFormula("=ESG.TRANSPORT_C02(1,2,3)", { context })).toThrow(/Unknown function 'ESG.TRANSPORT_C02'. Did you mean ESG.TRANSPORT_CO2.*position 2/);
    expect(() => evaluateFormula("=TRANSPORT_CO2(1,2,3)", { context })).toThrow(/Did you mean ESG.TRANSPORT_CO2/);
    expect(() => evaluateFormula("=SUMM(1)", { context })).toThrow(/Unknown function 'SUMM'.*SUM/);
    expect(() => evaluateFormula("=ESG.CATEGORY(1,2,3)", { context })).toThrow(/takes at most 2 arguments/);
  });
});

describe("parse errors carry positions", () => {
  it.each([
    ["=1+", /ends where a value was expected \(at position 4\)/],
    ["=(1+2", /Expected '\)' to close the '\(' at position 2.*\(at position 6\)/],
    ['="abc', /Unterminated text.*position 2/],
    ["=1+2)", /Unmatched '\)' \(at position 5\)/],
    ["=1 2", /Unexpected '2' after a complete expression \(at position 4\)/],
    ["=#FOO", /Unknown error value '#FOO'/],
    ["=1+@", /Unexpected character '@' \(at position 4\)/],
  ])("%s", (f, re) => {
    expect(() => parseFormula(f)).toThrow(re);
  });
  it("points at the problem", () => {
    try {
      parseFormula("=1+(2*");
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).position).toBe(6);
      expect((e as ParseError).pointer()).toBe("=1+(2*\n      ^");
    }
  });
});

describe("cell references", () => {
  const sheet: Record<string, unknown> = { A1: 1000, A2: 2000, B1: 500, C1: "road.hgv", A3: null, D1: "5" };
  const resolver: CellResolver = {
    resolve: (ref) => {
      const out: unknown[][] = [];
      for (let r = ref.start.row; r <= ref.end.row; r++) {
        const row: unknown[] = [];
        for (let c = ref.start.col; c <= ref.end.col; c++) row.push(sheet[`${String.fromCharCode(65 + c)}${r + 1}`] ?? null);
        out.push(row);
      }
      return out;
    },
  };
  it("resolves A1, $A$1, ranges and sheet-qualified references through the resolver", () => {
    expect(ev("=A1+B1", resolver)).toBe("1500");
    expect(ev("=$A$1*2", resolver)).toBe("2000");
    expect(ev("=SUM(A1:A3)", resolver)).toBe("3000");
    expect(ev("=SUM(D1)", resolver)).toBe("0"); // text in a referenced cell is skipped by SUM
    expect(ev("=Sheet1!A1", resolver)).toBe("1000");
    expect(ev("='My sheet'!A1:A2*2", resolver)).toEqual([["2000"], ["4000"]]);
    expect(ev('=ESG.TRANSPORT_CO2(A1:A2, B1, C1, "boundary=TTW")', resolver)).toEqual([["50.815"], ["101.63"]]);
  });
  it("parses the reference parts", () => {
    const n = parseFormula("='It''s'!$B$2:C10");
    expect(n).toMatchObject({ kind: "ref", ref: { sheet: "It's", start: { row: 1, col: 1, absRow: true, absCol: true }, end: { row: 9, col: 2 } } });
  });
  it("needs a workbook for references", () => {
    expect(() => evaluateFormula("=A1", { context })).toThrow(/needs a workbook/);
  });
});
