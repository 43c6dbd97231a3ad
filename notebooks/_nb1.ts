import { runSweep, runPlan, inProcessRunner, NO_RESOURCES, sweepPoints, sweepText, latencyThroughputChart, xyChart, planText } from "../index.ts";
import type { ScenarioInput, SweepFile } from "../index.ts";
const runner = inProcessRunner(NO_RESOURCES);
let t0 = performance.now();
const lap = (l: string) => { console.log(`-- ${l}: ${((performance.now() - t0) / 1000).toFixed(2)} s`); t0 = performance.now(); };
const stepS = 0.01;
const md1: ScenarioInput = {
  name: "M/D/1", seed: 1, sampleIntervalS: 0,
  workload: { maxRequests: 10000, arrival: { kind: "poisson", ratePerS: 50 }, promptTokens: { kind: "fixed", tokens: 16 }, outputTokens: { kind: "fixed", tokens: 1 } },
  cluster: { pools: [{ replicas: 1, costModel: { kind: "fixed", stepS }, batching: { policy: "continuous", maxNumSeqs: 1 } }] },
};
const mu = 1 / stepS;
const rhos = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const md1Sweep = await runSweep({ scenario: md1, axes: [{ path: "workload.arrival.ratePerS", values: rhos.map((r) => r * mu) }], replications: 3, seed: 1, autoPoints: 1, slo: null }, runner, null);
lap("md1");
for (const row of md1Sweep.file.rows) { const rate = row.labels["workload.arrival.ratePerS"] as number; const rho = rate / mu; console.log(rho, row.metrics.queueMeanMs, 1000 * rho / (2 * mu * (1 - rho))); }
const chat: ScenarioInput = {
  name: "one H100, Llama-3.1-8B chat", seed: 1, sampleIntervalS: 0,
  workload: { maxRequests: 400, arrival: { kind: "poisson", ratePerS: 2 }, promptTokens: { kind: "lognormal", median: 1020, sigma: 0.8, max: 8192 }, outputTokens: { kind: "lognormal", median: 129, sigma: 0.9, max: 1000 } },
  cluster: { pools: [{ device: "h100-sxm", model: "llama-3.1-8b", replicas: 1 }] },
};
const s1 = await runSweep({ scenario: chat, axes: [{ path: "workload.arrival.ratePerS", auto: true }], replications: 3, seed: 1, autoPoints: 8, slo: { ttftP99Ms: 500 } }, runner, null);
lap("chat sweep");
console.log(sweepText(s1.file));
const s2 = await runSweep({ scenario: chat, axes: [
  { path: "cluster.pools[0].batching", values: [{ policy: "dynamic", maxBatchSize: 1 }, { policy: "dynamic", maxBatchSize: 8 }, { policy: "dynamic", maxBatchSize: 64 }, { policy: "continuous" }] },
  { path: "workload.arrival.ratePerS", auto: true }], replications: 2, seed: 1, autoPoints: 6, slo: null }, runner, null);
lap("batching sweep");
console.log(sweepText(s2.file));
const plan = await runPlan({ scenario: chat, options: [{ label: "one H100", source: "notebook", patch: null, input: chat }], targetRatePerS: 1, ratePath: "workload.arrival.ratePerS", slo: { ttftP99Ms: 500 }, maxRejectedFraction: 0.01, replications: 3, seed: 1, maxUnits: 1, capacityTolerance: 0.02 }, runner);
lap("plan");
console.log(planText(plan.file));
