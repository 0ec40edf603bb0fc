import { Dec, plain } from "../../../../src/engine/quantities/decimal";
import { attempt } from "../../../../src/engine/issues/issue";
import { userFactor } from "../../../../src/engine/factors/registry";
import { aggregateDqi, combineDqi, dqiLabel, dqiScores, geographyScore, scoreFactor, timeScore } from "../../../../src/engine/methods/data-quality";

describe("time score (Box 7.2)", () => {
  it.each([
    [2025, 2025, 1], [2023, 2025, 1], [2022, 2025, 2], [2020, 2025, 2], [2019, 2025, 3], [2016, 2025, 3], [2015, 2025, 4], [null, 2025, 4],
  ] as const)("factor year %s, reporting year %s -> %s", (y, r, s) => expect(timeScore(y, r)).toBe(s));
});

describe("geography score", () => {
  it("same, nested/similar, different, unknown", () => {
    expect(geographyScore("GB", "gb")).toBe(1);
    expect(geographyScore("US-CAMX", "US")).toBe(2);
    expect(geographyScore("FR", "BE", [["FR", "BE"]])).toBe(2);
    expect(geographyScore("GLOBAL", "GB")).toBe(3);
    expect(geographyScore("US", "GB")).toBe(3);
    expect(geographyScore("UNSPECIFIED", "GB")).toBe(4);
    expect(geographyScore("GB", null)).toBe(4);
  });
});

describe("scoreFactor", () => {
  it("derives time and geography from the factor; the rest default to 4 until assessed", () => {
    const s = scoreFactor({ year: 2020, region: "GB", userSupplied: false }, { reportingYear: 2025, activityRegion: "GB", reliability: 2 });
    expect(s.scores).toEqual({ technology: 4, time: 2, geography: 1, completeness: 4, reliability: 2 });
    expect(s.basis.time).toMatch(/2020 vs reporting year 2025/);
  });
  it("a user-supplied number has unknown year and area", () => {
    const s = scoreFactor(userFactor("1", "kg CO2e/kg", "x").trace, { reportingYear: 2025, activityRegion: "GB" });
    expect(s.scores.time).toBe(4);
    expect(s.scores.geography).toBe(4);
  });
});

describe("aggregation", () => {
  const good = dqiScores({ technology: 1, time: 1, geography: 1, completeness: 1, reliability: 1 });
  const poor = dqiScores({ technology: 4, time: 3, geography: 2, completeness: 4, reliability: 4 });
  it("mass-weighted average, exact", () => {
    const a = aggregateDqi([{ weight: 300, scores: good }, { weight: 100, scores: poor }], "mass");
    expect(plain(a.averages.technology)).toBe("1.75");
    expect(plain(a.averages.time)).toBe("1.5");
    expect(plain(a.averages.geography)).toBe("1.25");
    expect(plain(a.overall)).toBe("1.6");
    expect(dqiLabel(a.overall)).toBe("good");
  });
  it("emission weights use magnitudes (an avoided line may be negative)", () => {
    const a = aggregateDqi([{ weight: -300, scores: good }, { weight: 100, scores: poor }], "emissions");
    expect(plain(a.totalWeight)).toBe("400");
  });
  it("non-terminating averages keep 50 significant digits", () => {
    const a = aggregateDqi([{ weight: 1, scores: good }, { weight: 2, scores: poor }], "mass");
    expect(a.averages.technology.eq(new Dec(9).div(3))).toBe(true);
    expect(a.averages.time.toFixed()).toBe(new Dec(7).div(3).toFixed());
  });
  it("errors: negative mass, zero total, score out of range, empty", () => {
    expect(attempt(() => aggregateDqi([{ weight: -1, scores: good }], "mass")).ok).toBe(false);
    expect(attempt(() => aggregateDqi([{ weight: 0, scores: good }], "mass")).ok).toBe(false);
    expect(attempt(() => dqiScores({ technology: 5, time: 1, geography: 1, completeness: 1, reliability: 1 })).ok).toBe(false);
    expect(attempt(() => aggregateDqi([], "mass")).ok).toBe(false);
  });
  it("combining a row with its factor keeps the worse score per indicator", () => {
    expect(combineDqi(good, poor)).toEqual(poor);
    expect(combineDqi(dqiScores({ technology: 2, time: 4, geography: 1, completeness: 1, reliability: 3 }), poor)).toEqual({ technology: 4, time: 4, geography: 2, completeness: 4, reliability: 4 });
  });
});
