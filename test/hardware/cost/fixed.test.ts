import { describe, expect, it } from "vitest";
import { exponentialCost, fixedCost } from "../../../hardware/cost/fixed.ts";
import type { StepShape } from "../../../sim/ports.ts";

const SHAPE: StepShape = {
  prefillSeqs: 1,
  prefillTokens: 100,
  prefillAttentionPairs: 5050,
  prefillContextTokens: 0,
  decodeSeqs: 3,
  decodeContextTokens: 300,
};

/** A small linear congruential generator: a real, deterministic uniform source on [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("synthetic step costs", () => {
  it("gives every step the same time, half compute-bound", () => {
    expect(fixedCost(0.02).stepCost(SHAPE)).toEqual({ durationS: 0.02, computeBoundFraction: 0.5 });
  });

  it("draws exponential step times with the requested mean", () => {
    const cost = exponentialCost(0.05, lcg(42));
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const d = cost.stepCost(SHAPE).durationS;
      expect(d).toBeGreaterThanOrEqual(0);
      sum += d;
      sumSquares += d * d;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sumSquares / n - mean * mean);
    expect(Math.abs(mean - 0.05)).toBeLessThan((4 * 0.05) / Math.sqrt(n));
    expect(sd / mean).toBeCloseTo(1, 1);
  });

  it("rejects a non-positive step time", () => {
    expect(() => fixedCost(0)).toThrow("stepS must be a positive number of seconds, got 0");
    expect(() => exponentialCost(-1, lcg(1))).toThrow("meanStepS must be a positive number of seconds, got -1");
  });
});
