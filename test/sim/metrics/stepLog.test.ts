import { describe, expect, it } from "vitest";
import { runScenario } from "../../../experiments/run/runScenario.ts";

describe("the replica timeline's step log", () => {
  const result = runScenario({
    seed: 2,
    timelineWindowS: 5,
    workload: {
      durationS: 20,
      arrival: { kind: "poisson", ratePerS: 6 },
      promptTokens: { kind: "uniform", min: 100, max: 1500 },
      outputTokens: { kind: "uniform", min: 10, max: 200 },
    },
    cluster: { pools: [{ replicas: 2 }] },
  });

  it("keeps only the steps that start inside the window", () => {
    expect(result.steps.length).toBeGreaterThan(10);
    expect(result.steps.every((s) => s.startS <= 5)).toBe(true);
  });

  it("records steps that never overlap on one replica and names their kind", () => {
    for (const replica of [0, 1]) {
      const steps = result.steps.filter((s) => s.replica === replica);
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.startS).toBeGreaterThanOrEqual(steps[i - 1]!.endS - 1e-12);
    }
    expect(new Set(result.steps.map((s) => s.kind))).toContain("prefill");
    expect(new Set(result.steps.map((s) => s.kind))).toContain("decode");
    expect(result.steps.every((s) => s.batchSize >= 1 && s.endS > s.startS)).toBe(true);
  });
});
