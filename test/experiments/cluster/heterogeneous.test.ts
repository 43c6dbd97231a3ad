import { describe, expect, it } from "vitest";
import { runScenario } from "./helpers.ts";

describe("a heterogeneous cluster", () => {
  const result = runScenario({
    seed: 1,
    workload: {
      durationS: 30,
      arrival: { kind: "poisson", ratePerS: 4 },
      promptTokens: { kind: "uniform", min: 100, max: 3000 },
      outputTokens: { kind: "uniform", min: 20, max: 200 },
    },
    cluster: {
      router: {
        policy: "classRule",
        rules: [
          { pool: "gpu", minPromptTokens: 1500 },
          { pool: "lpu", maxPromptTokens: 1499 },
        ],
      },
      pools: [
        { name: "gpu", device: "h100-sxm", model: "llama-2-70b", tensorParallel: 4, replicas: 1 },
        { name: "lpu", device: "groq-lpu", model: "llama-2-70b", weightPrecision: "int8", kvPrecision: "int8", replicas: 1 },
      ],
    },
  });

  it("routes by rule: long prompts to the GPU pool, short ones to the LPU pool", () => {
    const byPool = (pool: string) => result.requests.filter((r) => r.pool === pool);
    expect(byPool("gpu").length).toBeGreaterThan(0);
    expect(byPool("lpu").length).toBeGreaterThan(0);
    expect(byPool("gpu").every((r) => r.promptTokens >= 1500)).toBe(true);
    expect(byPool("lpu").every((r) => r.promptTokens < 1500)).toBe(true);
  });

  it("reports per-pool figures: an LPU replica spans hundreds of chips and decodes far faster per user", () => {
    const [gpu, lpu] = result.summary.pools;
    expect(gpu!.device).toBe("h100-sxm");
    expect(lpu!.device).toBe("groq-lpu");
    expect(lpu!.devicesPerReplica).toBeGreaterThan(100);
    expect(lpu!.latency.tpotMs.p50!).toBeLessThan(gpu!.latency.tpotMs.p50! / 5);
    expect(gpu!.requests.completed + lpu!.requests.completed).toBe(result.summary.requests.completed);
  });
});
