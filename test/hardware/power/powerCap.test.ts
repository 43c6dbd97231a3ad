import { describe, expect, it } from "vitest";
import { fixedCost } from "../../../hardware/cost/fixed.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import { computeStretch, withPowerCap } from "../../../hardware/power/powerCap.ts";
import type { StepCost, StepCostModel, StepShape } from "../../../sim/ports.ts";

const H100 = DEVICES["h100-sxm"]!.power;
const SHAPE: StepShape = {
  prefillSeqs: 1,
  prefillTokens: 1000,
  prefillAttentionPairs: 500_500,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

/** A cost model with a given mix, for checking the cap's arithmetic. */
function mixed(cost: StepCost): StepCostModel {
  return { stepCost: () => cost };
}

describe("a power cap", () => {
  it("stretches compute-bound time by the cut in the draw above idle", () => {
    expect(computeStretch(H100, 490)).toBeCloseTo((700 - 75) / (490 - 75), 12);
    const capped = withPowerCap(mixed({ durationS: 1, computeBoundFraction: 0.8, memoryBoundFraction: 0.15 }), H100, 490);
    const cost = capped.stepCost(SHAPE);
    const stretch = (700 - 75) / (490 - 75);
    expect(cost.durationS).toBeCloseTo(0.2 + 0.8 * stretch, 12);
    expect(cost.computeBoundFraction * cost.durationS).toBeCloseTo(0.8 * stretch, 12);
    // Memory-bound and stall time are unchanged in seconds.
    expect(cost.memoryBoundFraction! * cost.durationS).toBeCloseTo(0.15, 12);
  });

  it("leaves a memory-bound step as it is", () => {
    const decode = withPowerCap(mixed({ durationS: 0.03, computeBoundFraction: 0, memoryBoundFraction: 0.6 }), H100, 490);
    expect(decode.stepCost(SHAPE)).toEqual({ durationS: 0.03, computeBoundFraction: 0, memoryBoundFraction: 0.6 });
  });

  it("is the same model when the cap is at or above the compute-bound draw", () => {
    const model = fixedCost(0.02);
    expect(withPowerCap(model, H100, 700)).toBe(model);
    expect(withPowerCap(model, H100, 1000)).toBe(model);
  });

  it("must be above the device's idle draw", () => {
    expect(() => withPowerCap(fixedCost(0.02), H100, 75)).toThrow(/above the device's idle draw \(75 W\)/);
    expect(() => withPowerCap(fixedCost(0.02), H100, Number.NaN)).toThrow(/idle draw/);
  });
});
