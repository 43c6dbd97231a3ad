import type { Job } from "../parallel/job.ts";
import { Interrupted } from "../parallel/runner.ts";
import type { Runner } from "../parallel/runner.ts";
import { inShard } from "../parallel/shard.ts";
import type { Shard } from "../parallel/shard.ts";
import type { Scenario } from "../schema/scenario.ts";
import type { MeasureOptions, PointMetrics } from "./measure.ts";

/** One run of a grid: a cell (measurement) under one replication's seed. `run` = cell × replications + replication. */
export interface GridRun {
  readonly run: number;
  readonly cell: number;
  readonly replication: number;
  readonly seed: number;
}

export interface RunRecord extends GridRun {
  readonly metrics: PointMetrics;
}

/** Every run of `cells` cells × the seeds, or the shard's slice of them. */
export function gridRuns(cells: number, seeds: readonly number[], shard?: Shard): GridRun[] {
  const runs: GridRun[] = [];
  for (let cell = 0; cell < cells; cell++) {
    seeds.forEach((seed, replication) => {
      const run = cell * seeds.length + replication;
      if (inShard(run, shard)) runs.push({ run, cell, replication, seed });
    });
  }
  return runs;
}

export interface GridOutcome {
  /** The completed runs, in run order whatever order they finished in. */
  readonly records: RunRecord[];
  /** True when Ctrl-C stopped the grid before every run completed. */
  readonly interrupted: boolean;
}

/** Run the grid on the runner. On any error other than an interruption the remaining runs are stopped and it is thrown. */
export async function runGrid(
  runs: readonly GridRun[],
  scenarios: readonly Scenario[],
  measure: MeasureOptions,
  runner: Runner,
): Promise<GridOutcome> {
  const settled = await Promise.allSettled(
    runs.map(async (r) => {
      const job: Job = { scenario: scenarios[r.cell]!, seed: r.seed, measure };
      try {
        return { ...r, metrics: await runner.run(job) };
      } catch (e) {
        if (!(e instanceof Interrupted)) runner.interrupt();
        throw e;
      }
    }),
  );
  const records: RunRecord[] = [];
  let interrupted = false;
  let failure: Error | undefined;
  for (const s of settled) {
    if (s.status === "fulfilled") records.push(s.value);
    else if (s.reason instanceof Interrupted) interrupted = true;
    else failure ??= s.reason instanceof Error ? s.reason : new Error(String(s.reason));
  }
  if (failure !== undefined) throw failure;
  records.sort((a, b) => a.run - b.run);
  return { records, interrupted };
}
