import { describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";
import { quantileOf, runScenario } from "./helpers.ts";

/** A compressed day (one hour) whose rate swings 6× between trough and peak, on H100s serving Llama-3.1-8B. */
const day = (pool: object): ScenarioInput => ({
  seed: 3,
  sampleIntervalS: 60,
  workload: {
    durationS: 3600,
    arrival: { kind: "diurnal", meanRatePerS: 5, peakToTroughRatio: 6, periodS: 3600, peakAtS: 1800 },
    promptTokens: { kind: "lognormal", median: 400, sigma: 0.6, max: 4000 },
    outputTokens: { kind: "lognormal", median: 80, sigma: 0.6, max: 500 },
  },
  cluster: {
    router: { policy: "leastOutstanding" },
    pools: [{ name: "h100", device: "h100-sxm", model: "llama-3.1-8b", ...pool }],
  },
});

const sloTtftMs = 500;
const peakRatePerS = 5 * (1 + 5 / 7);
const autoscaled = day({
  replicas: 1,
  autoscaling: {
    policy: "rate",
    ratePerReplicaPerS: 2.5,
    minReplicas: 1,
    maxReplicas: Math.ceil(peakRatePerS / 2.5),
    evaluationIntervalS: 30,
    provisioningDelayS: 60,
    modelLoadS: 30,
    scaleDownDelayS: 60,
  },
});
const fixedForPeak = day({ replicas: Math.ceil(peakRatePerS / 2.5) });

describe("autoscaling on a diurnal day", () => {
  const auto = runScenario(autoscaled);
  const fixed = runScenario(fixedForPeak);

  it("serves the peak within the SLO once the provisioning delay has passed", () => {
    const peak = auto.requests.filter((r) => r.arrivalS > 1500 && r.arrivalS < 2100);
    expect(peak.length).toBeGreaterThan(1000);
    expect(quantileOf(peak, "ttftMs", 0.99)).toBeLessThan(sloTtftMs);
    expect(auto.summary.requests.completed).toBe(auto.summary.requests.arrived);
  });

  it("uses fewer replica-hours than a fixed fleet sized for the peak", () => {
    const autoHours = auto.summary.pools[0]!.replicaHours;
    const fixedHours = fixed.summary.pools[0]!.replicaHours;
    expect(autoHours).toBeLessThan(0.8 * fixedHours);
  });

  it("sees the same traffic as the fixed fleet (common random numbers)", () => {
    expect(auto.requests.map((r) => r.arrivalS)).toEqual(fixed.requests.map((r) => r.arrivalS));
  });
});
