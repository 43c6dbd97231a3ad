import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble, NO_RESOURCES } from "../../experiments/assemble.ts";
import { loadResources } from "../../experiments/io/loadResources.ts";
import { parseStepTable } from "../../hardware/cost/stepTable.ts";
import { readScenarioFile } from "../../experiments/io/readScenario.ts";
import { parseScenario, runScenario } from "../../experiments/run/runScenario.ts";
import type { RequestRow } from "../../experiments/results/requestRows.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";
import { conformanceScenario, REGISTRIES, VARIANTS } from "../policies/conformanceScenarios.ts";
import type { Kind } from "../policies/conformanceScenarios.ts";
import { differences, expectSameResults } from "./fastAndPlain.ts";

describe("the decode fast path", () => {
  describe("gives the results of plain stepping on every conformance scenario", () => {
    for (const kind of Object.keys(REGISTRIES) as Kind[]) {
      for (const name of Object.keys(REGISTRIES[kind])) {
        for (const variant of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
          it(`${kind} ${name}, ${variant}`, () => {
            expectSameResults(conformanceScenario(kind, name, variant));
          });
        }
      }
    }
  });

  it("takes fewer events than plain stepping where batches decode together", () => {
    const { fast, plain } = expectSameResults(conformanceScenario("batching", "continuous", "recompute"));
    expect(fast.summary.run.eventsProcessed).toBeLessThan(plain.summary.run.eventsProcessed * 0.8);
  });

  const folder = join(import.meta.dirname, "..", "..", "examples");
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".yaml"))) {
    it(`gives the results of plain stepping on examples/${file}, cut by a horizon`, () => {
      const path = join(folder, file);
      const scenario = parseScenario(readScenarioFile(path));
      // A horizon ends the run with stretches in flight; 40 s keeps the test short.
      const cut = { ...scenario, horizonS: Math.min(40, scenario.horizonS ?? 40), sampleIntervalS: 5 };
      expectSameResults(cut, { resources: loadResources(scenario, dirname(path)) });
    });
  }

  it("gives the results of plain stepping when steps end exactly when requests arrive", () => {
    // Fixed 10 ms steps and arrivals every 50 ms: step ends and arrivals share instants.
    const input: ScenarioInput = {
      seed: 3,
      sampleIntervalS: 0.25,
      workload: {
        maxRequests: 200,
        arrival: { kind: "deterministic", ratePerS: 20 },
        promptTokens: { kind: "fixed", tokens: 64 },
        outputTokens: { kind: "uniform", min: 5, max: 60 },
      },
      cluster: { pools: [{ replicas: 2, costModel: { kind: "fixed", stepS: 0.01 } }] },
    };
    const { fast, plain } = expectSameResults(input);
    expect(fast.summary.run.eventsProcessed).toBeLessThan(plain.summary.run.eventsProcessed);
  });

  it("gives the results of plain stepping while an autoscaler adds, drains and releases replicas", () => {
    const input: ScenarioInput = {
      seed: 9,
      sampleIntervalS: 10,
      workload: {
        durationS: 900,
        arrival: { kind: "diurnal", meanRatePerS: 4, peakToTroughRatio: 8, periodS: 900, peakAtS: 450 },
        promptTokens: { kind: "lognormal", median: 300, sigma: 0.6, max: 3000 },
        outputTokens: { kind: "lognormal", median: 120, sigma: 0.6, max: 600 },
      },
      cluster: {
        router: { policy: "leastOutstanding" },
        pools: [
          {
            replicas: 1,
            autoscaling: {
              policy: "rate",
              ratePerReplicaPerS: 1.5,
              minReplicas: 1,
              maxReplicas: 4,
              evaluationIntervalS: 15,
              provisioningDelayS: 20,
              modelLoadS: 10,
              scaleDownDelayS: 30,
            },
          },
        ],
      },
    };
    const { fast } = expectSameResults(input);
    expect(fast.summary.pools[0]!.replicaHours).toBeLessThan((4 * 900) / 3600);
  });

  it("gives the results of plain stepping with disaggregated pools, a network hop and KV-aware routing on stale load", () => {
    const input: ScenarioInput = {
      seed: 4,
      sampleIntervalS: 2,
      workload: {
        maxRequests: 400,
        arrival: { kind: "poisson", ratePerS: 12 },
        promptTokens: { kind: "lognormal", median: 1500, sigma: 0.5, max: 3500 },
        outputTokens: { kind: "lognormal", median: 150, sigma: 0.5, max: 400 },
      },
      cluster: {
        router: { policy: "kvAware", refreshIntervalS: 0.5 },
        decodeRouter: { policy: "kvAware" },
        networkLatencyS: 0.002,
        pools: [
          { name: "prefill", role: "prefill", model: "llama-3.1-8b", replicas: 1 },
          { name: "decode", role: "decode", model: "llama-3.1-8b", replicas: 2, kv: { capacityBlocks: 600 }, kvTransfer: { link: "scaleOut" } },
        ],
      },
    };
    const { fast, plain } = expectSameResults(input);
    expect(fast.summary.run.eventsProcessed).toBeLessThan(plain.summary.run.eventsProcessed);
  });

  it("gives the results of plain stepping in a disaggregated cluster whose steps end at the same instants", () => {
    // Fixed 125 ms steps everywhere and instant KV transfers: prefill and decode replicas share every instant.
    const input: ScenarioInput = {
      seed: 1,
      workload: {
        maxRequests: 40,
        arrival: { kind: "deterministic", ratePerS: 8 },
        promptTokens: { kind: "fixed", tokens: 128 },
        outputTokens: { kind: "uniform", min: 2, max: 60 },
      },
      cluster: {
        decodeRouter: { policy: "leastOutstanding" },
        pools: [
          { name: "prefill", role: "prefill", replicas: 1, costModel: { kind: "fixed", stepS: 0.125 } },
          {
            name: "decode",
            role: "decode",
            replicas: 2,
            costModel: { kind: "fixed", stepS: 0.125 },
            kvTransfer: { link: "scaleOut", bandwidthBytesPerS: 1e30, latencyS: 0 },
          },
        ],
      },
    };
    expectSameResults(input);
  });

  it("streams request rows in the same order as plain stepping, also when requests end at the same instant", () => {
    const input: ScenarioInput = {
      seed: 1,
      workload: {
        maxRequests: 300,
        arrival: { kind: "deterministic", ratePerS: 2 },
        promptTokens: { kind: "fixed", tokens: 64 },
        outputTokens: { kind: "uniform", min: 2, max: 80 },
      },
      cluster: { router: { policy: "roundRobin" }, pools: [{ replicas: 3, costModel: { kind: "fixed", stepS: 0.125 } }] },
    };
    const fast: RequestRow[] = [];
    const plain: RequestRow[] = [];
    runScenario(input, { onRequestRow: (r) => fast.push(r) });
    runScenario(input, { onRequestRow: (r) => plain.push(r), plainStepping: true });
    expect(fast.map((r) => r.id)).toEqual(plain.map((r) => r.id));
    expect(differences(fast, plain, "", [])).toEqual([]);
  });

  it("gives the results of plain stepping with more request classes than a step's gap runs used to merge", () => {
    const input: ScenarioInput = {
      seed: 1,
      workload: {
        maxRequests: 300,
        arrival: { kind: "poisson", ratePerS: 20 },
        promptTokens: { kind: "fixed", tokens: 32 },
        outputTokens: { kind: "uniform", min: 50, max: 150 },
        classes: Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, share: 1, priority: 0 })),
      },
      cluster: { pools: [{ replicas: 1, costModel: { kind: "fixed", stepS: 0.01 } }] },
    };
    expectSameResults(input);
  });

  it("gives the results of plain stepping with more classes than a step's gap runs are compared across (100)", () => {
    // Plain stepping records gaps sequence by sequence, classes interleaved; the fast path one run per class.
    // Comparing a gap only with runs of its own class merges them alike, so both keep the same number of runs
    // and cross the exact-percentile limit together (with 100 classes they once did not at about 1,050 requests).
    const input: ScenarioInput = {
      seed: 1,
      sampleIntervalS: 0,
      timelineWindowS: 0,
      workload: {
        maxRequests: 1060,
        arrival: { kind: "poisson", ratePerS: 30 },
        promptTokens: { kind: "fixed", tokens: 16 },
        outputTokens: { kind: "uniform", min: 100, max: 300 },
        classes: Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, share: 1, priority: 0 })),
      },
      cluster: { pools: [{ replicas: 1, batching: { policy: "continuous", priority: "decode-first", maxNumSeqs: 256 } }] },
    };
    expectSameResults(input);
  });

  it("gives the results of plain stepping when steps slow down and speed up again as contexts grow", () => {
    // A measured table whose decode steps peak at a mean context of 300 tokens: a sequence's largest gap can
    // then come from a step in the middle of a stretch, not from its first or last step (with the roofline,
    // steps only slow down as contexts grow, so the last step's gap is always the largest).
    const grid = [0, 64].flatMap((p) => [1, 8].flatMap((d) => [[0, 10], [300, 30], [600, 10]].map(([c, ms]) => `${p},${d},${c},${ms}`)));
    const table = parseStepTable(["prefill_tokens,decode_seqs,mean_context,step_ms", ...grid].join("\n"), "hump.csv");
    const input: ScenarioInput = {
      seed: 5,
      workload: {
        maxRequests: 40,
        arrival: { kind: "poisson", ratePerS: 4 },
        promptTokens: { kind: "fixed", tokens: 8 },
        outputTokens: { kind: "uniform", min: 100, max: 800 },
      },
      cluster: { pools: [{ replicas: 1, costModel: { kind: "table", path: "hump.csv" } }] },
    };
    const { fast, plain } = expectSameResults(input, { resources: { traces: new Map(), stepTables: new Map([["hump.csv", table]]) } });
    expect(fast.summary.run.eventsProcessed).toBeLessThan(plain.summary.run.eventsProcessed / 2);
  });

  it("reports every step one by one, in order, to an observer without onDecodeRun, each replica's busy time their sum", () => {
    const parsed = parseScenario({
      seed: 4,
      workload: {
        maxRequests: 1000,
        arrival: { kind: "poisson", ratePerS: 8 },
        promptTokens: { kind: "uniform", min: 50, max: 800 },
        outputTokens: { kind: "uniform", min: 100, max: 800 },
      },
      cluster: { pools: [{ replicas: 2 }] },
    });
    const { cluster } = assemble(parsed, parsed.seed, NO_RESOURCES);
    const busyS = [0, 0];
    const steps = [0, 0];
    // A step starts no earlier than the replica's step before it ends (start plus duration, as the clock adds).
    const lastEndS = [0, 0];
    let overlapping = 0;
    cluster.observe({
      onStep(replica, _shape, cost, startS) {
        const r = replica.index;
        busyS[r]! += cost.durationS;
        steps[r]!++;
        if (startS < lastEndS[r]!) overlapping++;
        lastEndS[r] = startS + cost.durationS;
      },
    });
    const run = cluster.run();
    expect(overlapping).toBe(0);
    for (const replica of cluster.replicas) {
      // The same durations, a run's added up first: the same sum up to rounding.
      expect(differences(replica.busyS, busyS[replica.index], `replica ${replica.index}`, [], 1e-12)).toEqual([]);
      expect(replica.stepsRun).toBe(steps[replica.index]);
    }
    // Most steps came in stretches (fewer than half as many events as steps).
    expect(steps[0]! + steps[1]!).toBeGreaterThan(2 * run.eventsProcessed);
  });

  it("gives the results of plain stepping when KV blocks run out and sequences are preempted", () => {
    const input: ScenarioInput = {
      seed: 5,
      workload: {
        maxRequests: 150,
        arrival: { kind: "poisson", ratePerS: 30 },
        promptTokens: { kind: "lognormal", median: 200, sigma: 0.5, max: 800 },
        outputTokens: { kind: "lognormal", median: 300, sigma: 0.5, max: 900 },
      },
      cluster: { pools: [{ replicas: 1, kv: { capacityBlocks: 160 } }] },
    };
    const { fast } = expectSameResults(input);
    expect(fast.summary.kv.preemptions).toBeGreaterThan(0);
  });
});
