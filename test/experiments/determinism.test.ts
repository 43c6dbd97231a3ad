import { describe, expect, it } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";

const scenario = (maxNumSeqs: number): ScenarioInput => ({
  seed: 5,
  workload: {
    durationS: 20,
    arrival: { kind: "poisson", ratePerS: 30 },
    promptTokens: { kind: "lognormal", median: 600, sigma: 0.7, max: 4000 },
    outputTokens: { kind: "lognormal", median: 100, sigma: 0.8, max: 800 },
  },
  cluster: {
    pools: [{ replicas: 2, device: "h100-sxm", model: "llama-3.1-8b", batching: { policy: "continuous", maxNumSeqs } }],
  },
});

describe("determinism", () => {
  it("gives identical results for the same scenario and seed", () => {
    const a = runScenario(scenario(64));
    const b = runScenario(scenario(64));
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
    expect(a.requests).toEqual(b.requests);
  });

  it("gives different arrivals for a different seed", () => {
    const a = runScenario(scenario(64));
    const b = runScenario(scenario(64), { seed: 6 });
    expect(a.requests.map((r) => r.arrivalS)).not.toEqual(b.requests.map((r) => r.arrivalS));
  });

  it("keeps every request's arrival time and lengths when the batching limit changes (common random numbers)", () => {
    const traffic = (r: ReturnType<typeof runScenario>) =>
      r.requests.map((q) => [q.id, q.arrivalS, q.promptTokens, q.outputTokens]);
    const small = runScenario(scenario(8));
    const large = runScenario(scenario(256));
    expect(traffic(small)).toEqual(traffic(large));
    // ...while the policy does change the outcome.
    expect(small.summary.latency.ttftMs.p99).not.toBe(large.summary.latency.ttftMs.p99);
  });

  it("accounts for every request: arrived = completed + rejected + inFlight", () => {
    const s = runScenario({ ...scenario(64), horizonS: 10 }).summary;
    expect(s.requests.arrived).toBe(s.requests.completed + s.requests.rejected + s.requests.inFlight);
    expect(s.requests.inFlight).toBeGreaterThan(0);
    expect(s.run.stoppedByHorizon).toBe(true);
  });
});
