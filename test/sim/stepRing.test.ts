import { describe, expect, it } from "vitest";
import { RunSums } from "../../sim/runSums.ts";
import { MAX_LEAD_STEPS, StepCounts, StepRing } from "../../sim/stepRing.ts";
import { growingSteps } from "./decodeRuns.ts";

describe("step ring", () => {
  it("ends each planned step its cost after the one before, across the ring's wrap", () => {
    const ring = new StepRing();
    ring.setEnd(4000, 10);
    for (let j = 4001; j <= 4100; j++) ring.plan(j, { durationS: 0.5, computeBoundFraction: 0.1, memoryBoundFraction: Number.NaN }, j % 3);
    expect(ring.endOf(4100)).toBe(60);
    expect(ring.blocksAt(4099)).toBe(4099 % 3);
  });

  it("reports a planned cost with the memory-bound share only when the model gave one", () => {
    const ring = new StepRing();
    ring.setEnd(0, 0);
    ring.plan(1, { durationS: 2, computeBoundFraction: 0.25, memoryBoundFraction: Number.NaN }, 0);
    ring.plan(2, { durationS: 3, computeBoundFraction: 0.5, memoryBoundFraction: 0.4 }, 0);
    expect({ ...ring.costAt(1) }).toEqual({ durationS: 2, computeBoundFraction: 0.25 });
    expect({ ...ring.costAt(2) }).toEqual({ durationS: 3, computeBoundFraction: 0.5, memoryBoundFraction: 0.4 });
  });
});

describe("a run's sums", () => {
  it("add up each step's gap, blocks and time-weighted shares as a loop over the steps would", () => {
    const ring = new StepRing();
    const first = 500;
    const steps = growingSteps(40);
    ring.setEnd(first - 1, 7.5);
    steps.forEach((s, i) => {
      ring.plan(first + i, s.cost, s.blocks);
    });
    const sums = new RunSums();
    ring.sum(first, first + 39, sums);
    let blocks = 0;
    const expected = { spanS: 0, durationS: 0, blocks: 0, newBlockS: 0, stepIndexS: 0, computeBoundS: 0, memoryBoundS: 0, maxGapS: 0 };
    for (let k = 0; k < 40; k++) {
      const gapS = ring.endOf(first + k) - ring.endOf(first + k - 1);
      expect(sums.gapsS[k]).toBe(gapS);
      blocks += steps[k]!.blocks;
      expected.spanS += gapS;
      expected.durationS += steps[k]!.cost.durationS;
      expected.newBlockS += gapS * blocks;
      expected.stepIndexS += gapS * k;
      expected.computeBoundS += gapS * steps[k]!.cost.computeBoundFraction;
      expected.memoryBoundS += gapS * steps[k]!.cost.memoryBoundFraction;
      expected.maxGapS = Math.max(expected.maxGapS, gapS);
    }
    expected.blocks = blocks;
    expect(sums).toMatchObject({ count: 40, ...expected });
    expect(sums.spanS).toBeCloseTo(ring.endOf(first + 39) - 7.5, 12);
    expect(sums.lowestShare).toBe(Math.min(...steps.flatMap((s) => [s.cost.computeBoundFraction, s.cost.memoryBoundFraction])));
    expect(sums.highestShareSum).toBe(Math.max(...steps.map((s) => s.cost.computeBoundFraction + s.cost.memoryBoundFraction)));
  });

  it("carry a missing memory-bound share through as NaN", () => {
    const ring = new StepRing();
    ring.setEnd(0, 0);
    ring.plan(1, { durationS: 2, computeBoundFraction: 0.25, memoryBoundFraction: Number.NaN }, 0);
    const sums = new RunSums();
    ring.sum(1, 1, sums);
    expect(sums.memoryBoundS).toBeNaN();
    expect(sums.computeBoundS).toBe(0.5);
  });
});

describe("step counts", () => {
  it("keeps steps a ring apart separate: a slot left by an earlier step reads as zero", () => {
    const counts = new StepCounts();
    counts.add(7, 2);
    counts.add(7, 1);
    expect(counts.at(7)).toBe(3);
    const later = 7 + 2 * MAX_LEAD_STEPS;
    expect(counts.at(later)).toBe(0);
    counts.add(later, 1);
    expect(counts.at(later)).toBe(1);
    expect(counts.at(7)).toBe(0);
  });

  it("kept in a ring's slots, does not disturb its planned steps' values, nor they it", () => {
    const ring = new StepRing();
    ring.counts.add(5, 2);
    ring.setEnd(4, 1);
    ring.plan(5, { durationS: 0.5, computeBoundFraction: 0.1, memoryBoundFraction: 0.9 }, 3);
    ring.counts.add(5, 1);
    expect(ring.counts.at(5)).toBe(3);
    expect([ring.endOf(5), ring.blocksAt(5), ring.costAt(5).memoryBoundFraction]).toEqual([1.5, 3, 0.9]);
  });

  it("never counts a step at infinity (a sequence that takes no new block)", () => {
    const counts = new StepCounts();
    counts.add(Number.POSITIVE_INFINITY, 1);
    expect(counts.at(0)).toBe(0);
  });
});
