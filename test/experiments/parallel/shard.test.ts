import { describe, expect, it } from "vitest";
import { inShard, parseShard } from "../../../experiments/parallel/shard.ts";
import { gridRuns } from "../../../experiments/sweep/runGrid.ts";

describe("--shard i/N", () => {
  it("reads i/N with 0 ≤ i < N", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
    expect(parseShard(" 0 / 1 ")).toEqual({ index: 0, count: 1 });
    for (const bad of ["8/8", "1/0", "-1/4", "a/b", "3"]) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it("splits the runs into disjoint slices that together cover every run once", () => {
    const seeds = [1, 2, 3];
    const all = gridRuns(7, seeds).map((r) => r.run);
    const slices = [0, 1, 2, 3].map((index) => gridRuns(7, seeds, { index, count: 4 }).map((r) => r.run));
    expect(slices.flat().sort((a, b) => a - b)).toEqual(all);
    expect(new Set(slices.flat()).size).toBe(all.length);
    // Dealt round-robin, so slices differ in size by at most one run.
    expect(Math.max(...slices.map((s) => s.length)) - Math.min(...slices.map((s) => s.length))).toBeLessThanOrEqual(1);
    expect(inShard(5, undefined)).toBe(true);
  });
});
