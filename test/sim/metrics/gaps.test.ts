import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distributionOf } from "../../../sim/metrics/distribution.ts";
import { GapRecorder, interTokenMs, weightedDistribution } from "../../../sim/metrics/gaps.ts";

describe("inter-token gaps", () => {
  it("a weighted sample has the distribution of the expanded sample", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 40 }), (pairs) => {
        const expanded = pairs.flatMap(([v, c]) => new Array<number>(c).fill(v));
        const w = weightedDistribution(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        );
        const d = distributionOf(expanded);
        for (const key of ["mean", "p50", "p90", "p95", "p99", "max"] as const) expect(w[key]!).toBeCloseTo(d[key]!, 6);
      }),
    );
  });

  it("merges the gaps of one step into a run per class, even interleaved, and keeps classes apart", () => {
    const g = new GapRecorder();
    g.beginStep();
    g.record(0.02, 0);
    g.record(0.02, 1);
    g.record(0.02, 0);
    g.recordZeros(3, 0);
    const runs: [number, number][] = [];
    g.forEach(0, (gapS, count) => runs.push([gapS, count]));
    expect(runs).toEqual([
      [0.02, 2],
      [0, 3],
    ]);
    expect(interTokenMs([g]).max).toBeCloseTo(20, 12);
    expect(interTokenMs([g], 1).mean).toBeCloseTo(20, 12);
  });
});
