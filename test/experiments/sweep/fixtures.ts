import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";

/**
 * An M/D/1 queue: one replica, one request per 10 ms step, single-token outputs. Service rate 100 req/s, and a
 * run of a few hundred requests takes milliseconds.
 */
export function md1(ratePerS = 50, maxRequests = 400): ScenarioInput {
  return {
    name: "tiny M/D/1",
    seed: 1,
    sampleIntervalS: 0,
    workload: {
      maxRequests,
      arrival: { kind: "poisson", ratePerS },
      promptTokens: { kind: "fixed", tokens: 16 },
      outputTokens: { kind: "fixed", tokens: 1 },
    },
    cluster: {
      pools: [{ replicas: 1, costModel: { kind: "fixed", stepS: 0.01 }, batching: { policy: "continuous", maxNumSeqs: 1 } }],
    },
  };
}

/** Continuous batching with a fixed step time and multi-token outputs, so TPOT and batch size matter. */
export function batched(ratePerS = 40): ScenarioInput {
  return {
    name: "tiny batched",
    seed: 1,
    sampleIntervalS: 1,
    workload: {
      maxRequests: 300,
      arrival: { kind: "poisson", ratePerS },
      promptTokens: { kind: "uniform", min: 20, max: 200 },
      outputTokens: { kind: "uniform", min: 2, max: 40 },
    },
    cluster: {
      pools: [{ replicas: 2, costModel: { kind: "fixed", stepS: 0.02 }, batching: { policy: "continuous", maxNumSeqs: 8 } }],
    },
  };
}
