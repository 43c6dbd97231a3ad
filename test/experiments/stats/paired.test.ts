import { describe, expect, it } from "vitest";
import { pairedDifference } from "../../../experiments/stats/paired.ts";

describe("paired differences", () => {
  it("are exactly zero, with a zero-width interval, for a variant against itself", () => {
    const values = [120, 95, 143, 101];
    const d = pairedDifference(values, values);
    expect(d.n).toBe(4);
    expect(d.diff).toEqual({ n: 4, mean: 0, ciLow: 0, ciHigh: 0 });
    expect(d.pct).toEqual({ n: 4, mean: 0, ciLow: 0, ciHigh: 0 });
  });

  it("see through noise shared by both arms: a constant 10 % cut has a tight interval", () => {
    const baseline = [100, 300, 50, 800, 220];
    const variant = baseline.map((b) => b * 0.9);
    const d = pairedDifference(baseline, variant);
    expect(d.pct?.mean).toBeCloseTo(-10, 9);
    expect(d.pct!.ciHigh! - d.pct!.ciLow!).toBeLessThan(1e-9);
    expect(d.diff.mean).toBeCloseTo(-29.4, 9);
  });

  it("drop pairs with a missing value and give no percentage when the baseline has a zero", () => {
    const d = pairedDifference([0, 10, null], [1, 12, 5]);
    expect(d.n).toBe(2);
    expect(d.diff.mean).toBe(1.5);
    expect(d.pct).toBeNull();
  });
});
