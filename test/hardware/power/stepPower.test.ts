import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../../hardware/cost/profiles.ts";
import { createRooflineCost } from "../../../hardware/cost/roofline.ts";
import { fixedCost } from "../../../hardware/cost/fixed.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import { MODELS } from "../../../hardware/models/catalog.ts";
import { place } from "../../../hardware/placement.ts";
import { hostMaxWPerDevice, hostW, hostJOver } from "../../../hardware/power/host.ts";
import { powerLevels } from "../../../hardware/power/levels.ts";
import { deviceJOver, stepDeviceW, stepDrawsWithinRange } from "../../../hardware/power/stepPower.ts";
import type { StepCost, StepShape } from "../../../sim/ports.ts";
import { differences } from "../../sim/fastAndPlain.ts";

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

describe("the energy of a run of steps from its sums", () => {
  // Steps of varied lengths and shares within the port's range (shares ≥ 0, adding up to at most 1).
  const steps: StepCost[] = Array.from({ length: 60 }, (_, i) => {
    const computeBoundFraction = (i % 7) / 7;
    return { durationS: 0.01 + 0.003 * (i % 5), computeBoundFraction, memoryBoundFraction: (1 - computeBoundFraction) * ((i % 3) / 2) };
  });
  const sum = (f: (s: StepCost) => number) => steps.reduce((total, s) => total + f(s), 0);
  const spanS = sum((s) => s.durationS);
  const computeBoundS = sum((s) => s.durationS * s.computeBoundFraction);
  const memoryBoundS = sum((s) => s.durationS * s.memoryBoundFraction!);

  it("gives the device energy that summing each step's draw over its time gives", () => {
    for (const device of Object.values(DEVICES)) {
      for (const levels of [powerLevels(device.power), powerLevels(device.power, { capW: 0.6 * device.power.maxW })]) {
        const stepByStep = sum((s) => stepDeviceW(levels, s) * s.durationS);
        expect(differences(deviceJOver(levels, spanS, computeBoundS, memoryBoundS), stepByStep, device.name, [], 1e-12)).toEqual([]);
      }
    }
  });

  it("gives the host energy that summing each step's host draw over its time gives, while steps draw within range", () => {
    for (const device of Object.values(DEVICES)) {
      const levels = powerLevels(device.power);
      expect(stepDrawsWithinRange(levels), device.name).toBe(true);
      const hostMaxW = hostMaxWPerDevice(device);
      const stepByStep = sum((s) => hostW(hostMaxW, levels, stepDeviceW(levels, s)) * s.durationS);
      const deviceJ = deviceJOver(levels, spanS, computeBoundS, memoryBoundS);
      expect(differences(hostJOver(hostMaxW, levels, deviceJ, spanS), stepByStep, device.name, [], 1e-12)).toEqual([]);
    }
  });

  it("says when a step could draw outside idle to board power, where the host's draw stops being linear", () => {
    expect(stepDrawsWithinRange(powerLevels(H100.power, { capW: 450 }))).toBe(true);
    expect(stepDrawsWithinRange({ ...LEVELS, stallW: LEVELS.idleW - 1 })).toBe(false);
    expect(stepDrawsWithinRange({ ...LEVELS, computeBoundW: LEVELS.maxW + 1 })).toBe(false);
  });
});
