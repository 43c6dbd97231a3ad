import { describe, expect, it } from "vitest";
import { NO_RESOURCES } from "../../../experiments/assemble.ts";
import { inProcessRunner } from "../../../experiments/parallel/inProcess.ts";
import type { Job } from "../../../experiments/parallel/job.ts";
import { runJob } from "../../../experiments/parallel/job.ts";
import { Interrupted } from "../../../experiments/parallel/runner.ts";
import type { Runner } from "../../../experiments/parallel/runner.ts";
import { workerPool } from "../../../experiments/parallel/workerPool.ts";
import { parseScenario } from "../../../experiments/run/runScenario.ts";
import { gridRuns, runGrid } from "../../../experiments/sweep/runGrid.ts";
import { md1 } from "../sweep/fixtures.ts";

const scenario = parseScenario(md1(60, 200));

describe("runners", () => {
  it("stop on interrupt: completed runs are kept, the rest reported as interrupted", async () => {
    const ref: { runner?: Runner } = {};
    const runner = inProcessRunner(NO_RESOURCES, (done) => {
      if (done === 3) ref.runner?.interrupt();
    });
    ref.runner = runner;
    const runs = gridRuns(4, [1, 2]);
    const outcome = await runGrid(runs, [scenario, scenario, scenario, scenario], {}, runner);
    expect(outcome.interrupted).toBe(true);
    expect(outcome.records.map((r) => r.run)).toEqual([0, 1, 2]);
    await expect(runner.run({ scenario, seed: 1, measure: {} })).rejects.toBeInstanceOf(Interrupted);
  });

  it("return on worker threads the very metrics of this thread", async () => {
    const jobs: Job[] = [1, 2, 3].map((seed) => ({ scenario, seed, measure: { quantiles: true } }));
    const pool = workerPool(2, NO_RESOURCES);
    try {
      const remote = await Promise.all(jobs.map((j) => pool.run(j)));
      expect(remote).toEqual(jobs.map((j) => runJob(j, NO_RESOURCES)));
    } finally {
      await pool.close();
    }
  });

  it("pass a worker's error back to the job that raised it", async () => {
    const table = parseScenario({ ...md1(), cluster: { pools: [{ costModel: { kind: "table", path: "missing.csv" } }] } });
    const pool = workerPool(1, NO_RESOURCES);
    try {
      await expect(pool.run({ scenario: table, seed: 1, measure: {} })).rejects.toThrow(/step table 'missing.csv' was not loaded/);
      // The worker survives and runs the next job.
      expect((await pool.run({ scenario, seed: 1, measure: {} })).requests.arrived).toBe(200);
    } finally {
      await pool.close();
    }
  });
});
