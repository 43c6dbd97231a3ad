import { describe, expect, it } from "vitest";
import { runScenario } from "../../../experiments/run/runScenario.ts";
import type { RequestRow } from "../../../experiments/results/requestRows.ts";
import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";

/** The saturation counts by their definition, from every request row (what the streaming tally must equal). */
function byDefinition(rows: readonly RequestRow[]): { served: number; due: number; windowS: number } {
  const lastS = Math.max(...rows.map((r) => r.arrivalS));
  const firstS = Math.min(...rows.map((r) => r.arrivalS));
  const done = rows.filter((r) => r.state === "completed");
  const services = done.map((r) => r.completionS - r.firstScheduledS).sort((a, b) => a - b);
  const median = services.length > 0 ? services[Math.floor(services.length / 2)]! : 0;
  let due = 0;
  for (const r of rows) {
    if (r.state === "rejected") continue;
    const serviceS = r.state === "completed" ? r.completionS - r.firstScheduledS : median;
    if (r.arrivalS + serviceS <= lastS) due++;
  }
  return { served: done.filter((r) => r.completionS <= lastS).length, due, windowS: Math.max(lastS - firstS, Number.EPSILON) };
}

function scenario(ratePerS: number, horizonS?: number): ScenarioInput {
  return {
    seed: 2,
    sampleIntervalS: 1,
    ...(horizonS === undefined ? {} : { horizonS }),
    workload: {
      maxRequests: 600,
      arrival: { kind: "poisson", ratePerS },
      promptTokens: { kind: "lognormal", median: 500, sigma: 0.6, max: 4000 },
      outputTokens: { kind: "lognormal", median: 120, sigma: 0.6, max: 800 },
    },
    cluster: { pools: [{ replicas: 1, batching: { policy: "continuous", maxNumSeqs: 16 } }] },
  };
}

describe("saturation", () => {
  for (const [label, input] of [
    ["a stable run", scenario(2)],
    ["an overloaded run", scenario(40)],
    ["a run stopped by its horizon with requests in flight", scenario(40, 20)],
  ] as const) {
    it(`tallied as requests arrive and end, equals its definition over all requests: ${label}`, () => {
      const { summary, requests } = runScenario(input);
      const d = byDefinition(requests);
      expect(summary.saturation.servedRequestsPerS).toBeCloseTo(d.served / d.windowS, 9);
      expect(summary.saturation.offeredRequestsPerS).toBeCloseTo(requests.length / d.windowS, 9);
      const ratio = d.due > 0 ? d.served / d.due : 1;
      if (ratio < 0.8) expect(summary.saturation.state).toBe("overloaded");
      else if (ratio >= 0.95) expect(summary.saturation.state).not.toBe("overloaded");
    });
  }

  it("calls a run far beyond capacity overloaded and one well below it stable", () => {
    expect(runScenario(scenario(40)).summary.saturation.state).toBe("overloaded");
    expect(runScenario(scenario(2)).summary.saturation.state).toBe("stable");
  });
});
