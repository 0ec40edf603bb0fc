import { plain } from "../../../../src/engine/quantities/decimal";
import { attempt, type Outcome } from "../../../../src/engine/issues/issue";
import {
  ATTRIBUTION_CLAUSES,
  assertNoStacking,
  checkCertificateClaim,
  checkContractShares,
  clauseRef,
  creditShare,
  detectDoubleClaims,
  detectStacking,
  recyclingClaimDate,
  reuseClaimDate,
  transparencyStatement,
  type CreditClaim,
} from "../../../../src/engine/methods/attribution";

const code = <T>(o: Outcome<T>) => (o.ok ? undefined : o.issue.code);

describe("clauses", () => {
  it("every clause is named and versioned, ids unique", () => {
    const all = Object.values(ATTRIBUTION_CLAUSES);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) expect(clauseRef(c)).toMatch(/^SERI-EVC-ATTR-\d+(\.\d+)? v0\.1$/);
  });
});

describe("creditShare: reuse", () => {
  it("the preparer for reuse holds the whole credit (SERI-EVC-ATTR-2.1)", () => {
    const s = creditShare("refurbisher", "reuse");
    expect(plain(s.share)).toBe("1");
    expect(s.basis).toBe("exclusive");
    expect(s.clause.id).toBe("SERI-EVC-ATTR-2.1");
  });
  it("upstream collector / ITAD: enabled (not exclusive), share 0 (SERI-EVC-ATTR-2.2)", () => {
    for (const st of ["collector", "logistics", "itad"] as const) {
      const s = creditShare(st, "refurbish");
      expect(plain(s.share)).toBe("0");
      expect(s.basis).toBe("enabled-not-exclusive");
      expect(s.clause.id).toBe("SERI-EVC-ATTR-2.2");
    }
  });
  it("an ITAD that prepares for reuse is the claimant", () => {
    expect(plain(creditShare("itad", "reuse", { preparer: "itad" }).share)).toBe("1");
    expect(creditShare("collector", "reuse", { preparer: "itad" }).basis).toBe("enabled-not-exclusive");
  });
  it("a recycler or producer has no reuse share", () => {
    expect(creditShare("recycler", "reuse").basis).toBe("none");
    expect(creditShare("producer", "reuse").basis).toBe("none");
  });
  it("contract shares assign exclusive shares within 100 %", () => {
    const opts = { contractShares: { itad: "0.3", refurbisher: "0.7" } };
    expect(plain(creditShare("itad", "reuse", opts).share)).toBe("0.3");
    expect(creditShare("itad", "reuse", opts).basis).toBe("contract");
    expect(plain(creditShare("refurbisher", "reuse", opts).share)).toBe("0.7");
  });
  it("contract shares above 100 % are a RULE_VIOLATION naming clause 2.3", () => {
    const o = attempt(() => creditShare("itad", "reuse", { contractShares: { itad: "0.5", refurbisher: "0.6" } }));
    expect(code(o)).toBe("RULE_VIOLATION");
    expect(o.ok ? "" : o.issue.message).toMatch(/SERI-EVC-ATTR-2.3 v0.1/);
  });
  it("unknown stages and pathways are issues", () => {
    expect(code(attempt(() => creditShare("broker" as never, "reuse")))).toBe("UNKNOWN_ID");
    expect(code(attempt(() => creditShare("recycler", "compost" as never)))).toBe("INVALID_OPTION");
  });
});

describe("creditShare: recycling", () => {
  it("needs A", () => expect(code(attempt(() => creditShare("recycler", "recycling")))).toBe("MISSING_INPUT"));
  it("originating custodian holds (1 - A); downstream processor nothing; user of recycled content A (reserved)", () => {
    expect(plain(creditShare("recycler", "recycling", { A: "0.2" }).share)).toBe("0.8");
    const d = creditShare("downstream-processor", "recycling", { A: "0.2" });
    expect(plain(d.share)).toBe("0");
    expect(d.clause.id).toBe("SERI-EVC-ATTR-3.3");
    expect(creditShare("secondary-material-user", "recycling", { A: "0.2" }).basis).toBe("reserved-recycled-content");
  });
  it("an ITAD as originating custodian", () => {
    expect(plain(creditShare("itad", "recycling", { A: "0.5", custodian: "itad" }).share)).toBe("0.5");
    expect(plain(creditShare("recycler", "recycling", { A: "0.5", custodian: "itad" }).share)).toBe("0");
  });
  it("contract shares split the end-of-life share", () => {
    const opts = { A: "0.2", contractShares: { recycler: "0.75", "downstream-processor": "0.25" } };
    expect(plain(creditShare("recycler", "recycling", opts).share)).toBe("0.6");
    expect(plain(creditShare("downstream-processor", "recycling", opts).share)).toBe("0.2");
  });
});

describe("contract shares per actor per lot", () => {
  it("within 100 %: ok; above: one RULE_VIOLATION per lot", () => {
    const ok = checkContractShares([
      { lotId: "L1", actor: "A", share: "0.6" },
      { lotId: "L1", actor: "B", share: "0.4" },
      { lotId: "L2", actor: "A", share: "1" },
    ]);
    expect(ok.ok).toBe(true);
    const bad = checkContractShares([
      { lotId: "L1", actor: "A", share: "0.6" },
      { lotId: "L1", actor: "B", share: "0.5" },
      { lotId: "L2", actor: "A", share: "1" },
    ]);
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.code)).toEqual(["RULE_VIOLATION"]);
    expect(plain(bad.totals.get("L1|reuse")!)).toBe("1.1");
  });
  it("reuse and recycling shares of one lot are separate budgets", () => {
    expect(checkContractShares([
      { lotId: "L1", actor: "A", share: "1" },
      { lotId: "L1", actor: "B", share: "1", family: "recycling" },
    ]).ok).toBe(true);
  });
});

const claim = (over: Partial<CreditClaim>): CreditClaim => ({ submissionId: "S1", claimant: "Refurb Co", lotId: "L1", pathway: "reuse", period: "2025", ...over });

describe("no stacking (SERI-EVC-ATTR-4)", () => {
  it("reuse and recycling on the same lot in the same period is detected and rejected", () => {
    const claims = [claim({}), claim({ claimant: "Recycler Co", pathway: "recycling" })];
    const c = detectStacking(claims);
    expect(c).toHaveLength(1);
    expect(c[0]!.issue.code).toBe("CREDIT_STACKING");
    expect(code(attempt(() => assertNoStacking(claims)))).toBe("CREDIT_STACKING");
  });
  it("different periods or lots do not stack", () => {
    expect(detectStacking([claim({}), claim({ pathway: "recycling", period: "2029" })])).toEqual([]);
    expect(detectStacking([claim({}), claim({ pathway: "recycling", lotId: "L2" })])).toEqual([]);
  });
});

describe("double claims across submissions (SERI-EVC-ATTR-6)", () => {
  it("the same lot claimed by two organisations in two submissions", () => {
    const c = detectDoubleClaims([
      { submissionId: "S-ITAD", claims: [claim({ submissionId: "S-ITAD", claimant: "ITAD Co" })] },
      { submissionId: "S-REF", claims: [claim({ submissionId: "S-REF", claimant: "Refurb Co" })] },
    ]);
    expect(c.map((x) => [x.kind, x.issue.code])).toEqual([["double-claim", "DOUBLE_CLAIM"]]);
  });
  it("the same claimant claiming a lot again in a later period", () => {
    const c = detectDoubleClaims([claim({}), claim({ submissionId: "S2", period: "2026" })]);
    expect(c.map((x) => x.kind)).toEqual(["double-claim"]);
  });
  it("enabled (not exclusive) reports do not conflict", () => {
    expect(detectDoubleClaims([claim({}), claim({ claimant: "ITAD Co", basis: "enabled-not-exclusive", submissionId: "S2" })])).toEqual([]);
  });
  it("contract shares: within 100 % fine, above 100 % a conflict", () => {
    expect(detectDoubleClaims([claim({ share: "0.5", basis: "contract" }), claim({ claimant: "ITAD Co", share: "0.5", basis: "contract", submissionId: "S2" })])).toEqual([]);
    const c = detectDoubleClaims([claim({ share: "0.6", basis: "contract" }), claim({ claimant: "ITAD Co", share: "0.5", basis: "contract", submissionId: "S2" })]);
    expect(c.map((x) => [x.kind, x.issue.code])).toEqual([["shares-exceed-100", "RULE_VIOLATION"]]);
  });
  it("stacking across submissions is reported too", () => {
    const c = detectDoubleClaims([claim({}), claim({ submissionId: "S2", claimant: "Recycler Co", pathway: "recycling" })]);
    expect(c.map((x) => x.kind)).toEqual(["stacking"]);
  });
  it("a certificate marked as claimed by someone else cannot be claimed", () => {
    expect(code(attempt(() => checkCertificateClaim({ lotId: "L9", creditClaimedBy: "Recycler Co" }, "Downstream Co")))).toBe("DOUBLE_CLAIM");
    expect(attempt(() => checkCertificateClaim({ lotId: "L9", creditClaimedBy: "Recycler Co" }, "Recycler Co")).ok).toBe(true);
  });
});

describe("claim dates", () => {
  it("reuse is dated at sale/transfer, never receipt", () => {
    expect(reuseClaimDate({ saleDate: "2025-03-02", receivedDate: "2025-01-10" }).date).toBe("2025-03-02");
    expect(code(attempt(() => reuseClaimDate({ receivedDate: "2025-01-10" })))).toBe("CREDIT_EVIDENCE_MISSING");
    expect(code(attempt(() => reuseClaimDate({ saleDate: "2024-12-31", receivedDate: "2025-01-10" })))).toBe("RULE_VIOLATION");
    expect(code(attempt(() => reuseClaimDate({ saleDate: "2026-01-02" }, { start: "2025-01-01", end: "2025-12-31" })))).toBe("RULE_VIOLATION");
  });
  it("recycling is dated at the downstream processing certificate", () => {
    const d = recyclingClaimDate({ certificateDate: "2025-06-30" });
    expect(d.clause.id).toBe("SERI-EVC-ATTR-3.4");
    expect(code(attempt(() => recyclingClaimDate({})))).toBe("CREDIT_EVIDENCE_MISSING");
  });
});

describe("transparency statement (SERI-EVC-ATTR-5)", () => {
  it("requires every field", () => {
    const t = {
      methodId: "SERI-EVC-METHOD", methodVersion: "0.1.0-draft", referenceScenario: "materials recovery", displacementRate: "0.5", allocationA: "0.2",
      factorLibraries: ["desnz-2025@1.0.0"], period: "2025", completeness: "all lots", ownership: "originating custodian",
    };
    expect(transparencyStatement(t)).toHaveLength(9);
    expect(code(attempt(() => transparencyStatement({ ...t, ownership: "" })))).toBe("MISSING_INPUT");
  });
});
