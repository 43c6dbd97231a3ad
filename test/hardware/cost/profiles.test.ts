import { describe, expect, it } from "vitest";
import { ENGINE_FACTOR_KEYS, ENGINE_PROFILES, factorsFor, resolveProfile } from "../../../hardware/cost/profiles.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";

describe("engine profiles", () => {
  it("offer the calibrated vllm-2023 and the near-roofline optimized engines", () => {
    expect(Object.keys(ENGINE_PROFILES)).toEqual(["vllm-2023", "optimized"]);
  });

  it("refine factors by device class, then by device", () => {
    const vllm = resolveProfile("vllm-2023");
    expect(factorsFor(vllm, DEVICES["h100-sxm"]!).memoryEfficiency).toBe(0.91);
    expect(factorsFor(vllm, DEVICES["mi300x"]!).memoryEfficiency).toBe(vllm.memoryEfficiency);
    expect(factorsFor(vllm, DEVICES["groq-lpu"]!).hostLayerS).toBe(0);
  });

  it("apply a scenario's override to every device, calibrated ones included", () => {
    const slower = resolveProfile("vllm-2023", { computeEfficiency: 0.5 });
    for (const device of Object.values(DEVICES)) expect(factorsFor(slower, device).computeEfficiency).toBe(0.5);
    expect(factorsFor(slower, DEVICES["h100-sxm"]!).memoryEfficiency).toBe(0.91);
  });

  it("keep every efficiency in (0, 1] and every time non-negative", () => {
    for (const profile of Object.values(ENGINE_PROFILES)) {
      for (const device of Object.values(DEVICES)) {
        const f = factorsFor(profile, device);
        for (const key of ENGINE_FACTOR_KEYS) {
          if (key.endsWith("Efficiency")) expect(f[key], `${profile.name} ${device.name} ${key}`).toBeLessThanOrEqual(1);
          expect(f[key], `${profile.name} ${device.name} ${key}`).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("reject unknown profiles, unknown factors and out-of-range values", () => {
    expect(() => resolveProfile("tgi")).toThrow('unknown engine profile "tgi"; known: vllm-2023, optimized');
    expect(() => resolveProfile("vllm-2023", { computeEfficency: 0.5 })).toThrow(/^unknown engine factor "computeEfficency"; known: computeEfficiency, /);
    expect(() => resolveProfile("vllm-2023", { memoryEfficiency: 1.2 })).toThrow("engine factor memoryEfficiency must be in (0, 1], got 1.2");
    expect(() => resolveProfile("vllm-2023", { stepOverheadS: -1 })).toThrow(
      "engine factor stepOverheadS must be a non-negative number of seconds, got -1",
    );
  });
});
