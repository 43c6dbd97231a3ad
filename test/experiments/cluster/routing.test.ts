import { describe, expect, it } from "vitest";
import { routerPolicies } from "../../../policies/registry.ts";
import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";
import { runScenario } from "./helpers.ts";

/**
 * Four replicas whose engines run at most 8 sequences at once (so requests queue), with prompts and outputs
 * that vary by two orders of magnitude: a replica holding a few very long outputs has no free slot for a while.
 */
const mixedSizes = (router: object): ScenarioInput => ({
  seed: 8,
  workload: {
    durationS: 120,
    arrival: { kind: "poisson", ratePerS: 4 },
    promptTokens: { kind: "lognormal", median: 500, sigma: 1.0, max: 6000 },
    outputTokens: { kind: "lognormal", median: 150, sigma: 1.3, max: 2000 },
  },
  cluster: {
    router: router,
    pools: [
      { replicas: 4, device: "h100-sxm", model: "llama-3.1-8b", batching: { policy: "continuous", maxNumSeqs: 8 } },
    ],
  },
});

describe("routing", () => {
  it("least-outstanding beats round-robin on p99 TTFT when request sizes vary widely (same traffic)", () => {
    const rr = runScenario(mixedSizes({ policy: "roundRobin" }));
    const lo = runScenario(mixedSizes({ policy: "leastOutstanding" }));
    expect(rr.requests.map((r) => r.promptTokens)).toEqual(lo.requests.map((r) => r.promptTokens));
    expect(lo.summary.latency.ttftMs.p99!).toBeLessThan(rr.summary.latency.ttftMs.p99!);
  });

  it("every router places every request on a serving replica and loses none", () => {
    for (const policy of Object.keys(routerPolicies)) {
      const router =
        policy === "classRule" ? { policy, rules: [{ pool: "pool0", minPromptTokens: 0 }] } : { policy };
      const s = runScenario(mixedSizes(router)).summary;
      expect(s.requests.completed, policy).toBe(s.requests.arrived);
      expect(s.replicas.reduce((n, r) => n + r.requestsRouted, 0), policy).toBe(s.requests.arrived);
    }
  });

  it("acting on stale load herds requests and raises p99 TTFT against fresh load", () => {
    const fresh = runScenario(mixedSizes({ policy: "leastOutstanding" }));
    const stale = runScenario(mixedSizes({ policy: "leastOutstanding", refreshIntervalS: 5 }));
    expect(stale.summary.latency.ttftMs.p99!).toBeGreaterThan(fresh.summary.latency.ttftMs.p99!);
  });

  it("a network hop adds its latency to every request's TTFT", () => {
    const base = runScenario({ ...mixedSizes({ policy: "roundRobin" }), horizonS: 30 });
    const hop = runScenario({
      ...mixedSizes({ policy: "roundRobin" }),
      horizonS: 30,
      cluster: { ...mixedSizes({ policy: "roundRobin" }).cluster, networkLatencyS: 0.05 },
    });
    const first = (r: typeof base) => r.requests[0]!.ttftMs;
    expect(first(hop) - first(base)).toBeCloseTo(50, 6);
  });
});
