import { describe, expect, it } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";

/**
 * One replica that serves one request per step, with one-token outputs: each request is one step (its prefill
 * emits its only token). With Poisson arrivals this is an M/G/1 queue, and queueMs is the waiting time Wq.
 */
function singleServer(costModel: object, ratePerS: number, requests: number, seed: number) {
  return runScenario(
    {
      seed,
      sampleIntervalS: 0,
      workload: {
        maxRequests: requests,
        arrival: { kind: "poisson", ratePerS },
        promptTokens: { kind: "fixed", tokens: 16 },
        outputTokens: { kind: "fixed", tokens: 1 },
      },
      cluster: { pools: [{ replicas: 1, costModel, batching: { policy: "continuous", maxNumSeqs: 1 } }] },
    },
    {},
  );
}

/** Mean and standard error by batch means (20 batches), which accounts for the autocorrelation of waits. */
function batchMeans(values: readonly number[]): { mean: number; standardError: number } {
  const batches = 20;
  const size = Math.floor(values.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += values[i]!;
    means.push(s / size);
  }
  const mean = means.reduce((s, m) => s + m, 0) / batches;
  const variance = means.reduce((s, m) => s + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, standardError: Math.sqrt(variance / batches) };
}

const serviceS = 0.01;
const requests = 200_000;
const warmup = 2_000;

describe("queueing theory", () => {
  for (const rho of [0.5, 0.8]) {
    it(`an M/D/1 queue at ρ = ${rho} has mean wait ρ/(2μ(1−ρ)) within statistical error`, () => {
      const result = singleServer({ kind: "fixed", stepS: serviceS }, rho / serviceS, requests, 11);
      const waitsMs = result.requests.slice(warmup).map((r) => r.queueMs);
      const mu = 1 / serviceS;
      const theoryMs = (rho / (2 * mu * (1 - rho))) * 1000;
      const { mean, standardError } = batchMeans(waitsMs);
      expect(result.summary.requests.completed).toBe(requests);
      expect(Math.abs(mean - theoryMs)).toBeLessThan(4 * standardError + 0.005 * theoryMs);
    });

    it(`an M/M/1 queue at ρ = ${rho} has mean wait ρ/(μ−λ) within statistical error`, () => {
      const result = singleServer({ kind: "exponential", meanStepS: serviceS }, rho / serviceS, requests, 12);
      const waitsMs = result.requests.slice(warmup).map((r) => r.queueMs);
      const mu = 1 / serviceS;
      const lambda = rho * mu;
      const theoryMs = (rho / (mu - lambda)) * 1000;
      const { mean, standardError } = batchMeans(waitsMs);
      expect(Math.abs(mean - theoryMs)).toBeLessThan(4 * standardError + 0.005 * theoryMs);
    });
  }
});
