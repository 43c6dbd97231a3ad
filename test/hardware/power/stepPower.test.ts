import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../../hardware/cost/profiles.ts";
import { createRooflineCost } from "../../../hardware/cost/roofline.ts";
import { fixedCost } from "../../../hardware/cost/fixed.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import { MODELS } from "../../../hardware/models/catalog.ts";
import { place } from "../../../hardware/placement.ts";
import { powerLevels } from "../../../hardware/power/levels.ts";
import { stepDeviceW } from "../../../hardware/power/stepPower.ts";
import type { StepCost, StepShape } from "../../../sim/ports.ts";

const H100 = DEVICES["h100-sxm"]!;
const LEVELS = powerLevels(H100.power);
const EMPTY: StepShape = {
  prefillSeqs: 0,
  prefillTokens: 0,
  prefillAttentionPairs: 0,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

const roofline = createRooflineCost(
  place({
    device: H100,
    model: MODELS["llama-3.1-8b"]!,
    tensorParallel: 1,
    pipelineParallel: 1,
    weightPrecision: "fp16",
    kvPrecision: "fp16",
    memoryUtilization: 0.9,
    kvBlockSizeTokens: 16,
  }),
  resolveProfile("vllm-2023"),
);

describe("the power of one step", () => {
  const prefill = roofline.stepCost({ ...EMPTY, prefillSeqs: 1, prefillTokens: 4096, prefillAttentionPairs: (4096 * 4097) / 2 });
  const decode = roofline.stepCost({ ...EMPTY, decodeSeqs: 16, decodeContextTokens: 16 * 1024 });

  it("draws more for a compute-bound prefill step than for a memory-bound decode step of the same duration", () => {
    expect(prefill.computeBoundFraction).toBeGreaterThan(0.6);
    expect(decode.computeBoundFraction).toBeLessThan(0.05);
    const durationS = 0.05;
    const sameLength = (c: StepCost): StepCost => ({ ...c, durationS });
    const prefillJ = stepDeviceW(LEVELS, sameLength(prefill)) * durationS;
    const decodeJ = stepDeviceW(LEVELS, sameLength(decode)) * durationS;
    expect(prefillJ).toBeGreaterThan(1.3 * decodeJ);
  });

  it("stays between idle and TDP", () => {
    for (const cost of [prefill, decode]) {
      const w = stepDeviceW(LEVELS, cost);
      expect(w).toBeGreaterThan(H100.power.idleW);
      expect(w).toBeLessThanOrEqual(H100.power.maxW);
    }
  });

  it("splits a roofline step into compute-bound, data-moving and stall time", () => {
    expect(decode.memoryBoundFraction).toBeGreaterThan(0.3);
    expect(decode.computeBoundFraction + decode.memoryBoundFraction!).toBeLessThanOrEqual(1);
    const stall = 1 - decode.computeBoundFraction - decode.memoryBoundFraction!;
    expect(stepDeviceW(LEVELS, decode)).toBeCloseTo(
      decode.computeBoundFraction * LEVELS.computeBoundW + decode.memoryBoundFraction! * LEVELS.memoryStreamW + stall * LEVELS.stallW,
      9,
    );
  });

  it("falls back to the device's two levels for a cost model that reports only a compute-bound share", () => {
    const half = fixedCost(0.01).stepCost(EMPTY);
    expect(half.memoryBoundFraction).toBeUndefined();
    expect(stepDeviceW(LEVELS, half)).toBe((H100.power.memoryBoundW + H100.power.computeBoundW) / 2);
  });
});

describe("power levels", () => {
  it("orders the states idle < stall < decode step < memory streaming < compute-bound ≤ TDP", () => {
    for (const device of Object.values(DEVICES)) {
      const l = powerLevels(device.power);
      expect(l.idleW, device.name).toBeLessThan(l.stallW);
      expect(l.stallW, device.name).toBeLessThan(l.memoryBoundW);
      expect(l.memoryBoundW, device.name).toBeLessThan(l.memoryStreamW);
      expect(l.memoryStreamW, device.name).toBeLessThan(l.computeBoundW);
      expect(l.computeBoundW, device.name).toBeLessThanOrEqual(device.power.maxW);
    }
  });

  it("holds every state at or under a power cap", () => {
    const capped = powerLevels(H100.power, { capW: 450 });
    expect(capped.computeBoundW).toBe(450);
    expect(capped.memoryStreamW).toBe(450);
    expect(capped.memoryBoundW).toBe(380);
    expect(capped.idleW).toBe(75);
  });
});
