import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../hardware/cost/profiles.ts";
import { createRooflineCost } from "../../hardware/cost/roofline.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import { place } from "../../hardware/placement.ts";
import type { StepCostSlot, StepShape } from "../../sim/ports.ts";
import { ReusedStepCost } from "../../sim/reusedStepCost.ts";

const roofline = createRooflineCost(
  place({
    device: DEVICES["h200-sxm"]!,
    model: MODELS["llama-3.1-70b"]!,
    tensorParallel: 2,
    pipelineParallel: 1,
    weightPrecision: "fp8",
    kvPrecision: "fp8",
    memoryUtilization: 0.9,
    kvBlockSizeTokens: 16,
  }),
  resolveProfile("optimized"),
);

describe("ReusedStepCost", () => {
  it("reports a cost with no memory-bound share (NaN in a slot) without the field, as stepCost would", () => {
    const reused = new ReusedStepCost();
    const plain = reused.of(0.02, 0.3, Number.NaN);
    expect(plain).toEqual({ durationS: 0.02, computeBoundFraction: 0.3 });
    expect("memoryBoundFraction" in plain).toBe(false);
    expect(reused.of(0.05, 0.4, 0.5)).toEqual({ durationS: 0.05, computeBoundFraction: 0.4, memoryBoundFraction: 0.5 });
  });

  it("gives what the roofline's stepCost gives for the cost it prices in place", () => {
    const reused = new ReusedStepCost();
    const slot: StepCostSlot = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
    const shape = fc
      .record({ prefillSeqs: fc.integer({ min: 0, max: 8 }), chunk: fc.integer({ min: 1, max: 4096 }), decodeSeqs: fc.integer({ min: 0, max: 256 }), context: fc.integer({ min: 0, max: 4096 }) })
      .map(({ prefillSeqs, chunk, decodeSeqs, context }): StepShape => ({
        prefillSeqs,
        prefillTokens: prefillSeqs * chunk,
        prefillAttentionPairs: (prefillSeqs * chunk * (chunk + 1)) / 2,
        prefillContextTokens: 0,
        decodeSeqs,
        decodeContextTokens: decodeSeqs * context,
      }));
    fc.assert(
      fc.property(shape, (s) => {
        roofline.priceInto!(s, slot);
        expect(reused.ofSlot(slot)).toEqual(roofline.stepCost(s));
      }),
    );
  });
});
