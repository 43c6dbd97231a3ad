import { describe, expect, it } from "vitest";
import { MAX_LEAD_STEPS, StepCounts, StepRing } from "../../sim/stepRing.ts";

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
