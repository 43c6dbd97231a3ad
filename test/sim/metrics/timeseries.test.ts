import { describe, expect, it } from "vitest";
import { runScenario } from "../../../experiments/run/runScenario.ts";

describe("time series samples", () => {
  it("count the preemptions of each sample's own interval, so the samples sum to the run's preemptions", () => {
    const result = runScenario({
      seed: 1,
      sampleIntervalS: 1,
      workload: {
        maxRequests: 200,
        arrival: { kind: "poisson", ratePerS: 20 },
        promptTokens: { kind: "uniform", min: 100, max: 800 },
        outputTokens: { kind: "uniform", min: 100, max: 800 },
      },
      cluster: { pools: [{ replicas: 1, kv: { capacityBlocks: 400 } }] },
    });
    const total = result.summary.kv.recomputePreemptions + result.summary.kv.swapPreemptions;
    expect(total).toBeGreaterThan(20);
    expect(result.timeseries.every((s) => s.preemptions >= 0)).toBe(true);
    expect(Math.max(...result.timeseries.map((s) => s.preemptions))).toBeLessThan(total);
    expect(result.timeseries.reduce((sum, s) => sum + s.preemptions, 0)).toBe(total);
  });
});
