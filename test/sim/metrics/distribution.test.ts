import { quantileSorted as d3Quantile } from "d3";
import { describe, expect, it } from "vitest";
import { distributionOf, quantileSorted } from "../../../sim/metrics/distribution.ts";

describe("distributionOf", () => {
  it("matches d3's quantiles (type 7) on a small sample", () => {
    const values = [5, 1, 9, 3, 7, 2, 8];
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0, 0.5, 0.9, 0.95, 0.99, 1]) expect(quantileSorted(sorted, q)).toBeCloseTo(d3Quantile(sorted, q)!, 12);
    const d = distributionOf(values);
    expect(d.mean).toBeCloseTo(5, 12);
    expect(d.p50).toBe(5);
    expect(d.max).toBe(9);
  });

  it("reports nulls for an empty sample", () => {
    expect(distributionOf([])).toEqual({ mean: null, p50: null, p90: null, p95: null, p99: null, max: null });
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    distributionOf(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
