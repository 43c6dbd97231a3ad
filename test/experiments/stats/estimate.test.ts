import { describe, expect, it } from "vitest";
import { estimate } from "../../../experiments/stats/estimate.ts";
import { mean, sampleStdDev } from "../../../experiments/stats/mean.ts";

describe("estimate", () => {
  it("gives the mean and the Student-t 95 % interval across replications", () => {
    const values = [10, 12, 11, 13, 9];
    const e = estimate(values);
    const half = (2.776 * sampleStdDev(values)) / Math.sqrt(5);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(11);
    expect(e.ciLow).toBeCloseTo(11 - half, 3);
    expect(e.ciHigh).toBeCloseTo(11 + half, 3);
  });

  it("has no interval for a single replication and no mean for none", () => {
    expect(estimate([4])).toEqual({ n: 1, mean: 4, ciLow: null, ciHigh: null });
    expect(estimate([])).toEqual({ n: 0, mean: null, ciLow: null, ciHigh: null });
  });

  it("skips missing values such as the p99 of a run where nothing completed", () => {
    expect(estimate([null, 2, Number.NaN, 4, undefined]).mean).toBe(3);
  });

  it("gives a zero-width interval when every replication agrees", () => {
    expect(estimate([5, 5, 5])).toEqual({ n: 3, mean: 5, ciLow: 5, ciHigh: 5 });
  });

  it("computes the mean and the sample standard deviation", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
    expect(sampleStdDev([1])).toBeNaN();
  });
});
