import { runSweep, inProcessRunner, NO_RESOURCES, sweepText } from "../index.ts";
import type { ScenarioInput } from "../index.ts";
const runner = inProcessRunner(NO_RESOURCES);
let t0 = performance.now();
const lap = (l: string) => { console.log(`-- ${l}: ${((performance.now() - t0) / 1000).toFixed(2)} s`); t0 = performance.now(); };
for (const [label, wl, b] of [["400 req, ≤64", { maxRequests: 400 }, { policy: "continuous", maxNumSeqs: 64 }], ["600 req, ≤64", { maxRequests: 600 }, { policy: "continuous", maxNumSeqs: 64 }], ["120 s, 256", { durationS: 120 }, { policy: "continuous" }]] as const) {
const chat: ScenarioInput = {
  name: label, seed: 1, sampleIntervalS: 0,
  workload: { ...wl, arrival: { kind: "poisson", ratePerS: 2 }, promptTokens: { kind: "lognormal", median: 1020, sigma: 0.8, max: 8192 }, outputTokens: { kind: "lognormal", median: 129, sigma: 0.9, max: 1000 } },
  cluster: { pools: [{ device: "h100-sxm", model: "llama-3.1-8b", replicas: 1, batching: b as any }] },
};
const s1 = await runSweep({ scenario: chat, axes: [{ path: "workload.arrival.ratePerS", auto: true }], replications: 3, seed: 1, autoPoints: 8, slo: { ttftP99Ms: 500 } }, runner, null);
lap(label);
console.log(sweepText(s1.file));
}
