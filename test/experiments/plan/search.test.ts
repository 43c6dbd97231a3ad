import { describe, expect, it } from "vitest";
import { largestFeasible, smallestFeasible } from "../../../experiments/plan/search.ts";

function recording(threshold: number) {
  const seen: number[] = [];
  return {
    seen,
    feasible: (n: number) => {
      seen.push(n);
      return Promise.resolve(n >= threshold);
    },
  };
}

describe("smallestFeasible", () => {
  it("finds the smallest feasible count and has evaluated the count one below it", async () => {
    for (const threshold of [1, 2, 3, 5, 8, 13, 100]) {
      const r = recording(threshold);
      expect(await smallestFeasible(r.feasible, 256)).toBe(threshold);
      if (threshold > 1) expect(r.seen).toContain(threshold - 1);
      expect(r.seen.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(threshold + 1)) + 1);
    }
  });

  it("returns null when even the largest count is infeasible", async () => {
    expect(await smallestFeasible(recording(300).feasible, 256)).toBeNull();
    expect(await smallestFeasible(recording(2).feasible, 1)).toBeNull();
  });
});

describe("largestFeasible", () => {
  it("brackets the limit by doubling, then bisects it to the tolerance", async () => {
    const limit = 37.3;
    const x = await largestFeasible((r) => Promise.resolve(r <= limit), 5, 0.01);
    expect(x).toBeLessThanOrEqual(limit);
    expect(x).toBeGreaterThan(limit / 1.01);
  });

  it("stops at maxFactor × start when it never fails", async () => {
    expect(await largestFeasible(() => Promise.resolve(true), 2, 0.05, 8)).toBe(16);
  });
});
