import { describe, expect, it } from "vitest";
import { blend } from "../../../hardware/cost/blend.ts";

describe("blending compute and memory time", () => {
  it("is the roofline max with infinite sharpness, all compute- or all memory-bound", () => {
    expect(blend(3, 2, Infinity)).toEqual({ timeS: 3, computeShare: 1 });
    expect(blend(1, 2, Infinity)).toEqual({ timeS: 2, computeShare: 0 });
  });

  it("is slower than the max where both are comparable, and equal to it far from the ridge", () => {
    expect(blend(1, 1, 2).timeS).toBeCloseTo(Math.SQRT2, 12);
    expect(blend(1, 1, 2).computeShare).toBe(0.5);
    expect(blend(1, 100, 2).timeS / 100).toBeLessThan(1.0001);
  });

  it("is the sum with sharpness 1, and zero for no work", () => {
    expect(blend(1, 2, 1).timeS).toBe(3);
    expect(blend(0, 0, 2)).toEqual({ timeS: 0, computeShare: 0 });
  });
});
