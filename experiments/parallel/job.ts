import type { Resources } from "../assemble.ts";
import { runScenario } from "../run/runScenario.ts";
import type { Scenario } from "../schema/scenario.ts";
import { measure } from "../sweep/measure.ts";
import type { MeasureOptions, PointMetrics } from "../sweep/measure.ts";

/** One simulation to run: a validated scenario, a seed and what to measure. Plain data, so it crosses to a worker. */
export interface Job {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly measure: MeasureOptions;
}

/** Run a job. Pure: the same job and resources give the same metrics, on any thread. */
export function runJob(job: Job, resources: Resources): PointMetrics {
  return measure(runScenario(job.scenario, { seed: job.seed, resources }), job.measure);
}
