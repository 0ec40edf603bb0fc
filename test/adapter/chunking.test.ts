import fc from "fast-check";
import { MAX_CELLS_PER_READ, jsonBytes, maxRowBytes, rowBytes, rowsPerChunk, splitByBudget } from "../../src/office/chunking";

describe("payload measurement", () => {
  it("counts UTF-8 bytes of the JSON, not UTF-16 code units", () => {
    expect(jsonBytes([["a"]])).toBe(7); // [["a"]]
    expect(jsonBytes([["é"]])).toBe(8); // é is 2 bytes
    expect(jsonBytes(["€"])).toBe(7); // € is 3 bytes
    expect(jsonBytes([[1.5, true, ""]])).toBe('[[1.5,true,""]]'.length);
  });

  it("a row costs its array plus one separator, and a block is 2 + rows - 1", () => {
    const rows = [["ab", 1], ["c", 22]];
    expect(rowBytes(rows[0]!)).toBe('["ab",1]'.length + 1);
    expect(jsonBytes(rows)).toBe(2 + rows.reduce((n, r) => n + rowBytes(r), 0) - 1);
    // values + formulas read together: the per-row cost is the sum over the arrays
    expect(maxRowBytes([rows, [["=A1", 1], ["c", "=B2*2"]]])).toBe(Math.max(rowBytes(rows[0]!) + rowBytes(["=A1", 1]), rowBytes(rows[1]!) + rowBytes(["c", "=B2*2"])));
  });

  it("rows per chunk respects the byte budget, the 5,000,000-cell read limit and maxRows", () => {
    expect(rowsPerChunk({ bytesPerRow: 100, columns: 10, budgetBytes: 4_000_000 })).toBe(39_999);
    expect(rowsPerChunk({ bytesPerRow: 1, columns: 1000, budgetBytes: 4_000_000 })).toBe(MAX_CELLS_PER_READ / 1000);
    expect(rowsPerChunk({ bytesPerRow: 100, columns: 10, budgetBytes: 4_000_000, maxRows: 500 })).toBe(500);
    expect(rowsPerChunk({ bytesPerRow: 10_000_000, columns: 1, budgetBytes: 4_000_000 })).toBe(1);
  });

  it("splitByBudget covers every row once, in order, each chunk within budget (or a lone oversized row)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minLength: 1, maxLength: 5 }), { maxLength: 60 }), fc.integer({ min: 10, max: 300 }), (rows, budget) => {
        const chunks = splitByBudget(rows, budget);
        let next = 0;
        for (const [a, b] of chunks) {
          expect(a).toBe(next);
          expect(b).toBeGreaterThan(a);
          const bytes = jsonBytes(rows.slice(a, b));
          if (b - a > 1) expect(bytes).toBeLessThanOrEqual(budget);
          next = b;
        }
        expect(next).toBe(rows.length);
      }),
    );
  });
});
