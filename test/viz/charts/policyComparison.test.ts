import { describe, expect, it } from "vitest";
import { policyComparisonChart, verdictOf } from "../../../viz/index.ts";
import { policyComparison } from "../fixtures.ts";
import { tags, texts } from "../svgCheck.ts";

describe("verdictOf", () => {
  it("calls a difference only when the whole interval is on one side of zero", () => {
    expect(verdictOf({ variant: "a", meanDiffPct: -5, ciLowPct: -8, ciHighPct: -1 })).toBe("better");
    expect(verdictOf({ variant: "a", meanDiffPct: 5, ciLowPct: 1, ciHighPct: 8 })).toBe("worse");
    expect(verdictOf({ variant: "a", meanDiffPct: 1, ciLowPct: -1, ciHighPct: 3 })).toBe("unclear");
    expect(verdictOf({ variant: "a", meanDiffPct: 5, ciLowPct: 1, ciHighPct: 8 }, false)).toBe("better");
  });
});

describe("policyComparisonChart", () => {
  it("draws a row with a whisker per variant, a zero line and the values", () => {
    const svg = policyComparisonChart(policyComparison);
    expect(tags(svg, "g", "row")).toHaveLength(3);
    expect(tags(svg, "line", "ci")).toHaveLength(3);
    expect(tags(svg, "g", "zero")).toHaveLength(1);
    const t = texts(svg);
    expect(t).toContain("baseline: fcfs");
    expect(t).toContain("−31.5% [−38.2%, −24.9%]");
    expect(t).toContain("Difference in p99 TTFT vs fcfs (%)");
  });

  it("says which direction is better", () => {
    expect(texts(policyComparisonChart(policyComparison))).toContain("← better");
    expect(texts(policyComparisonChart(policyComparison, { lowerIsBetter: false }))).toContain("better →");
  });
});
