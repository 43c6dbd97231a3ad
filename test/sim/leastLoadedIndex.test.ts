import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterSpec, NO_RESOURCES } from "../../experiments/assemble.ts";
import { parseScenario } from "../../experiments/run/runScenario.ts";
import { leastLoaded } from "../../policies/routing/leastLoaded.ts";
import { Cluster } from "../../sim/cluster.ts";
import { LeastLoadedIndex } from "../../sim/leastLoadedIndex.ts";
import type { Router } from "../../sim/routing.ts";

describe("least-loaded index", () => {
  it("answers what a scan answers after any sequence of load changes (ties to the earliest candidate)", () => {
    // Up to 40 candidates make trees up to six levels deep, where an update stops climbing once a node's winner
    // stays put (`size: "max"`: fast-check's default size would keep lists to about a dozen); infinite loads are
    // what the simulation's keyed lane gives a replica with no step end pending.
    const replicas = 40;
    const load = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: replicas - 1 }), { minLength: 1, maxLength: replicas, size: "max" }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: replicas - 1 }), load), { maxLength: 80, size: "max" }),
        (candidates, changes) => {
          const loads = Array.from({ length: replicas }, (_, r) => r % 3);
          const index = new LeastLoadedIndex(candidates, replicas, (r) => loads[r]!);
          expect(index.best()).toBe(leastLoaded(candidates, (r) => loads[r]!));
          for (const [replica, load] of changes) {
            loads[replica] = load;
            index.update(replica, load);
            expect(index.best()).toBe(leastLoaded(candidates, (r) => loads[r]!));
          }
        },
      ),
    );
  });

  it("keeps a cluster's live load view in step with its replicas: every route matches a scan", () => {
    // Mixed and disaggregated pools, a network hop, and an autoscaler that changes the candidate lists.
    const scenario = parseScenario({
      name: "index in step",
      seed: 3,
      workload: {
        durationS: 240,
        arrival: { kind: "diurnal", meanRatePerS: 30, peakToTroughRatio: 4, periodS: 240 },
        promptTokens: { kind: "lognormal", median: 600, sigma: 0.8, max: 4000 },
        outputTokens: { kind: "lognormal", median: 120, sigma: 0.9, max: 800 },
      },
      cluster: {
        router: { policy: "leastOutstanding" },
        decodeRouter: { policy: "leastOutstanding" },
        networkLatencyS: 0.002,
        pools: [
          {
            name: "mixed",
            replicas: 2,
            autoscaling: { policy: "queueLength", targetOutstandingPerReplica: 4, minReplicas: 1, maxReplicas: 6, evaluationIntervalS: 5, scaleDownDelayS: 10 },
          },
          { name: "p", role: "prefill", replicas: 2 },
          { name: "d", role: "decode", replicas: 3 },
        ],
      },
    });
    const { sim, spec } = clusterSpec(scenario, scenario.seed, NO_RESOURCES);
    let routes = 0;
    let mismatches = 0;
    const checking: Router = {
      route: (_request, candidates, load) => {
        const indexed = load.leastOutstanding?.(candidates);
        const scanned = leastLoaded(candidates, (r) => load.outstanding(r));
        routes++;
        if (indexed !== scanned) mismatches++;
        return scanned;
      },
    };
    const run = new Cluster(sim, { ...spec, router: checking, decodeRouter: checking }).run();
    expect(run.arrived).toBeGreaterThan(3000);
    expect(routes).toBeGreaterThan(run.arrived);
    expect(mismatches).toBe(0);
  });
});
