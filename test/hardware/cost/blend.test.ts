import fc from "fast-check";
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

  it("gives for sharpness 2 the very bits of the general p-norm", () => {
    const time = fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 10, noNaN: true }));
    fc.assert(
      // p comes in as an argument, so the general formula calls Math.pow as the model's other sharpnesses do.
      fc.property(time, time, fc.constant(2), (computeS, memoryS, p) => {
        const hi = Math.max(computeS, memoryS);
        if (hi === 0) return;
        const c = Math.pow(computeS / hi, p);
        const m = Math.pow(memoryS / hi, p);
        expect(blend(computeS, memoryS, 2)).toEqual({ timeS: hi * Math.pow(c + m, 1 / p), computeShare: c / (c + m) });
      }),
      { numRuns: 2000 },
    );
  });
});
