import { describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";
import { runScenario } from "./helpers.ts";

/**
 * 32 shared 2,000-token prefixes, equally popular, over four replicas whose KV caches (1,500 blocks of 16 tokens)
 * hold only about ten of them each next to the running requests.
 */
const scenario = (policy: string): ScenarioInput => ({
  seed: 4,
  workload: {
    durationS: 120,
    arrival: { kind: "poisson", ratePerS: 8 },
    promptTokens: { kind: "uniform", min: 50, max: 300 },
    outputTokens: { kind: "uniform", min: 20, max: 100 },
    prefixes: { count: 32, tokens: 2000, share: 1, popularity: { kind: "uniform" } },
  },
  cluster: {
    router: { policy },
    pools: [
      { replicas: 4, device: "h100-sxm", model: "llama-3.1-8b", kv: { prefixCaching: true, capacityBlocks: 1500 } },
    ],
  },
});

describe("prefix-affinity routing", () => {
  it("raises the prefix-cache hit rate over round-robin when several prefixes share the cluster", () => {
    const rr = runScenario(scenario("roundRobin")).summary;
    const affinity = runScenario(scenario("prefixAffinity")).summary;
    expect(affinity.kv.prefixCache.hitRate).toBeGreaterThan(rr.kv.prefixCache.hitRate + 0.3);
    expect(affinity.latency.ttftMs.mean!).toBeLessThan(rr.latency.ttftMs.mean!);
    expect(affinity.requests.completed).toBe(rr.requests.completed);
  });
});
