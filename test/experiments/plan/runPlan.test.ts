import { describe, expect, it } from "vitest";
import { NO_RESOURCES } from "../../../experiments/assemble.ts";
import { createRunner } from "../../../experiments/parallel/createRunner.ts";
import { planOptions } from "../../../experiments/plan/options.ts";
import { planCsv } from "../../../experiments/plan/planCsv.ts";
import { runPlan } from "../../../experiments/plan/runPlan.ts";
import type { PlanSpec } from "../../../experiments/plan/runPlan.ts";
import { runScenario } from "../../../experiments/run/runScenario.ts";
import { setPath } from "../../../experiments/io/setPath.ts";
import { batched } from "../sweep/fixtures.ts";

const base = { ...batched(60), cluster: { pools: [{ replicas: 1, costModel: { kind: "fixed", stepS: 0.02 }, batching: { policy: "continuous", maxNumSeqs: 8 } }] } };

const spec: PlanSpec = {
  scenario: base,
  options: planOptions(base, [
    { label: "batch8", source: "batch8.yaml", patch: {} },
    { label: "batch2", source: "batch2.yaml", patch: { cluster: { pools: [{ batching: { maxNumSeqs: 2 } }] } } },
  ]),
  targetRatePerS: 60,
  ratePath: "workload.arrival.ratePerS",
  slo: { ttftP99Ms: 400 },
  maxRejectedFraction: 0.01,
  replications: 2,
  seed: 1,
  maxUnits: 64,
  capacityTolerance: 0.05,
};

/** The mean over the plan's seeds of p99 TTFT with `replicas` replicas of an option, run directly. */
function meanP99(patch: unknown, replicas: number, rate = 60): number {
  let input = setPath(base, "workload.arrival.ratePerS", String(rate));
  input = setPath(input, "cluster.pools[0].replicas", String(replicas));
  if (patch !== null) input = setPath(input, "cluster.pools[0].batching.maxNumSeqs", "2");
  const p99 = [1, 2].map((seed) => runScenario(input, { seed }).summary.latency.ttftMs.p99!);
  return (p99[0]! + p99[1]!) / 2;
}

describe("runPlan", () => {
  it("chooses a replica count that meets the SLO, where one fewer does not", async () => {
    const runner = createRunner(1, NO_RESOURCES);
    const { file } = await runPlan(spec, runner);
    await runner.close();
    for (const [i, option] of file.options.entries()) {
      expect(option.status).toBe("feasible");
      const n = option.units!;
      expect(n).toBeGreaterThan(1);
      expect(option.chosen!.feasible).toBe(true);
      expect(option.oneFewer!.units).toBe(n - 1);
      expect(option.oneFewer!.feasible).toBe(false);
      expect(option.oneFewer!.violations.join()).toMatch(/ttftP99Ms [\d,.]+ > 400/);
      // Checked independently of the search, straight from the simulator.
      const patch = i === 0 ? null : {};
      expect(meanP99(patch, n)).toBeLessThanOrEqual(400);
      expect(meanP99(patch, n - 1)).toBeGreaterThan(400);
      expect(option.devices).toBe(n);
      expect(option.maxRatePerS!).toBeGreaterThanOrEqual(60);
    }
    // Smaller batches need more replicas: ranked after, whatever the figure ranked on.
    expect(file.options[1]!.units!).toBeGreaterThan(file.options[0]!.units!);
    expect(file.rankings.byDevices).toEqual(["batch8", "batch2"]);
    const csv = planCsv(file).split("\n");
    expect(csv[0]).toBe("option,status,hardware,replicas,devices,usdPerHour,avgMW,joulesPerOutputToken,usdPerMillionOutputTokens,ttftP99Ms,tpotP99Ms,maxRatePerS,rankCost,rankPower,rankDevices,scenarioHash,seeds,infersimVersion");
    expect(csv[1]!.startsWith("batch8,feasible,")).toBe(true);
  });

  it("reports an option that cannot meet the SLO within the replica limit, with the reason", async () => {
    const runner = createRunner(1, NO_RESOURCES);
    const { file } = await runPlan({ ...spec, options: spec.options.slice(0, 1), slo: { ttftP99Ms: 1 }, maxUnits: 4 }, runner);
    await runner.close();
    const o = file.options[0]!;
    expect(o.status).toBe("infeasible");
    expect(o.reason).toMatch(/misses the SLO even with 4 units: ttftP99Ms [\d.]+ > 1/);
    expect(file.rankings.byCost).toEqual([]);
  });

  it("gives the same plan on one worker and on two worker threads", async () => {
    const small: PlanSpec = { ...spec, maxUnits: 8, capacityTolerance: 0.5 };
    const plans = [];
    for (const workers of [1, 2]) {
      const runner = createRunner(workers, NO_RESOURCES);
      plans.push((await runPlan(small, runner)).file);
      await runner.close();
    }
    expect(JSON.stringify(plans[1])).toBe(JSON.stringify(plans[0]));
  });
});
