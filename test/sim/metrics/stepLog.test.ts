import { describe, expect, it } from "vitest";
import { assemble, NO_RESOURCES } from "../../../experiments/assemble.ts";
import { parseScenario, runScenario } from "../../../experiments/run/runScenario.ts";
import { StepLog } from "../../../sim/metrics/stepLog.ts";
import { decodeRunOf, growingSteps } from "../decodeRuns.ts";

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

describe("the step log, given a decode stretch's steps as a run", () => {
  const replica = assemble(
    parseScenario({
      workload: { maxRequests: 1, arrival: { kind: "poisson", ratePerS: 1 }, promptTokens: { kind: "fixed", tokens: 10 }, outputTokens: { kind: "fixed", tokens: 10 } },
      cluster: { pools: [{ replicas: 1 }] },
    }),
    1,
    NO_RESOURCES,
  ).cluster.replicas[0]!;

  it("keeps the run's steps as it keeps them one at a time: within the window, the earliest", () => {
    // Steps of about 21 ms from 0.1 s: ten start by 0.3 s; none by 0.05 s.
    for (const [windowS, maxSteps, kept] of [[0.3, 100, 10], [10, 12, 12], [10, 40, 30], [0.05, 100, 0]] as const) {
      const run = decodeRunOf(0.1, growingSteps(30), 9, 400);
      const [byRun, byStep] = [new StepLog(windowS, maxSteps), new StepLog(windowS, maxSteps)];
      byRun.onDecodeRun(replica, run);
      for (let j = run.first; j <= run.last; j++) byStep.onStep(replica, run.shape(j), run.cost(j), run.startS(j));
      expect(byRun.steps).toEqual(byStep.steps);
      expect(byRun.steps.length).toBe(kept);
      expect(byRun.steps.every((s) => s.kind === "decode" && s.batchSize === 9)).toBe(true);
    }
  });
});
