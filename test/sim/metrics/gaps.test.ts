import { describe, expect, it } from "vitest";
import { GapRecorder, GapSamples, gapsOf, interTokenMs } from "../../../sim/metrics/gaps.ts";

describe("inter-token gaps", () => {
  it("merges the gaps of one step into a run per class, even interleaved, and keeps classes apart", () => {
    const g = new GapRecorder();
    g.beginStep();
    g.record(0.02, 0);
    g.record(0.02, 1);
    g.record(0.02, 0);
    g.recordZeros(3, 0);
    expect(g.ofClass(0).count).toBe(5);
    expect(g.ofClass(1).count).toBe(1);
    expect(interTokenMs([g], 0)).toMatchObject({ mean: 8, p50: 0, max: 20 });
    expect(interTokenMs([g]).max).toBeCloseTo(20, 12);
    expect(interTokenMs([g], 1).mean).toBeCloseTo(20, 12);
  });

  it("records a whole step per class as the same runs recorded one by one would", () => {
    const whole = new GapRecorder();
    const byRuns = new GapRecorder();
    whole.beginStep();
    whole.record(0.5, 1);
    whole.recordStep(0.02, [3, 0, 2]);
    whole.recordStep(0.03, [1, 4]);
    byRuns.beginStep();
    byRuns.record(0.5, 1);
    for (const [gap, counts] of [[0.02, [3, 0, 2]], [0.03, [1, 4]]] as const) {
      byRuns.beginStep();
      counts.forEach((n, c) => {
        byRuns.recordMany(gap, c, n);
      });
    }
    for (const c of [0, 1, 2]) {
      expect(whole.ofClass(c).count).toBe(byRuns.ofClass(c).count);
      expect(interTokenMs([whole], c)).toEqual(interTokenMs([byRuns], c));
    }
    expect(whole.ofClass(1).count).toBe(5);
  });

  it("records a run of whole steps as those steps recorded one at a time, in each class's order", () => {
    const counts = [2, 0, 5];
    const gapsS = Float64Array.from({ length: 50 }, (_, i) => 0.021 + 1e-4 * ((i * 7) % 13));
    const [byRun, byStep] = [new GapRecorder(), new GapRecorder()];
    for (const g of [byRun, byStep]) {
      g.beginStep();
      g.record(0.5, 2);
    }
    byRun.recordSteps(gapsS, 40, counts);
    for (let i = 0; i < 40; i++) byStep.recordStep(gapsS[i]!, counts);
    for (const g of [byRun, byStep]) {
      g.beginStep();
      g.record(0.25, 0);
      g.record(0.25, 0);
    }
    for (const c of [0, 1, 2]) {
      expect(byRun.ofClass(c).count).toBe(byStep.ofClass(c).count);
      expect(byRun.ofClass(c).sum).toBe(byStep.ofClass(c).sum);
      expect(interTokenMs([byRun], c)).toEqual(interTokenMs([byStep], c));
    }
    expect(byRun.ofClass(2).count).toBe(1 + 40 * 5);
    expect(byRun.ofClass(0).max).toBe(0.25);
  });

  it("pools the gaps of several replicas", () => {
    const a = new GapRecorder();
    const b = new GapRecorder();
    a.recordMany(0.01, 0, 3);
    b.recordMany(0.03, 0, 1);
    expect(interTokenMs([a, b]).mean).toBeCloseTo(15, 12);
    expect(interTokenMs([a, b]).p50).toBeCloseTo(10, 12);
  });

  it("counts the gaps of recorders that share their samples once, each step's runs included when read", () => {
    const shared = new GapSamples();
    const a = new GapRecorder(shared);
    const b = new GapRecorder(shared);
    const apart = [new GapRecorder(), new GapRecorder()];
    for (const [i, g] of [a, b].entries()) {
      g.beginStep();
      g.recordMany(0.01 * (i + 1), 0, 2);
      g.recordMany(0.05, 1, 1);
      apart[i]!.recordMany(0.01 * (i + 1), 0, 2);
      apart[i]!.recordMany(0.05, 1, 1);
    }
    expect(gapsOf([a, b]).count).toBe(6);
    expect(interTokenMs([a, b], 0)).toEqual(interTokenMs(apart, 0));
    // The same values, summed in another order: the mean may differ in its last bits.
    const { mean, ...percentiles } = interTokenMs([b, a]);
    const { mean: meanApart, ...percentilesApart } = interTokenMs(apart);
    expect(percentiles).toEqual(percentilesApart);
    expect(mean).toBeCloseTo(meanApart!, 12);
    expect(interTokenMs([a, b], 2).mean).toBeNull();
  });
});
