import type { TimeSample } from "../../sim/metrics/timeseries.ts";
import { StepLog } from "../../sim/metrics/stepLog.ts";
import type { StepRecord } from "../../sim/metrics/stepLog.ts";
import { assemble, NO_RESOURCES } from "../assemble.ts";
import type { Resources } from "../assemble.ts";
import { RequestArchive } from "../results/requestArchive.ts";
import { requestRow } from "../results/requestRows.ts";
import type { RequestRow } from "../results/requestRows.ts";
import { attachEnergyMeter } from "../results/energyPools.ts";
import { energyReport } from "../results/energySummary.ts";
import { buildSummary } from "../results/summary.ts";
import type { Summary } from "../results/summary.ts";
import { ScenarioSchema } from "../schema/scenario.ts";
import type { Scenario } from "../schema/scenario.ts";
import { parseOrThrow } from "../schema/validate.ts";

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Trace and table files the scenario names, loaded beforehand (`loadResources`). */
  readonly resources?: Resources;
  /**
   * Form every decode step with an event of its own instead of advancing decode stretches at once (slower; the
   * reference the fast path is tested against). Default false.
   */
  readonly plainStepping?: boolean;
  /**
   * Stream the request rows: each row is passed to this function when its request ends (and those still in
   * flight when the run ends), in that order, and `RunResult.requests` is empty. Neither requests nor rows are
   * then kept (without it, each ended request's row numbers go into an archive, about 100 bytes a request), so
   * a run's memory does not grow with its requests (summary percentiles beyond 100,000 values come from a
   * sketch).
   */
  readonly onRequestRow?: (row: RequestRow) => void;
}

/** Everything one run produces, as data: the CLI writes it, viz draws it. */
export interface RunResult {
  /** `summary.json`, plus the number of malformed trace rows skipped (with `skipBadRows`). */
  readonly summary: Summary & { readonly skippedTraceRows: number };
  /** One row per request, in the order they arrived (built when first read; empty when streamed). */
  readonly requests: readonly RequestRow[];
  readonly timeseries: readonly TimeSample[];
  /** The steps of the first `timelineWindowS` seconds (at most TIMELINE_MAX_STEPS), for the replica timeline. */
  readonly steps: readonly StepRecord[];
}

/** The most steps kept for the replica timeline. */
export const TIMELINE_MAX_STEPS = 20_000;

/** Validate a scenario (a plain object, as read from JSON or YAML) and fill in its defaults. */
export function parseScenario(input: unknown): Scenario {
  return parseOrThrow(ScenarioSchema, input, "scenario");
}

/**
 * Run one scenario with one seed. Pure: the same scenario, seed and resources give the same result, in
 * Node, a worker, a notebook or a browser.
 */
export function runScenario(input: unknown, options: RunOptions = {}): RunResult {
  const scenario = parseScenario(input);
  const seed = options.seed ?? scenario.seed;
  const { cluster, pools } = assemble(scenario, seed, options.resources ?? NO_RESOURCES, {
    plainStepping: options.plainStepping ?? false,
    // Rows come from an archive filled as requests end (or are streamed): no Request is kept for the run.
    keepRequests: false,
  });
  const poolOf = (replica: number): string => pools[cluster.replicas[replica]?.pool ?? -1]?.name ?? "";
  const onRow = options.onRequestRow;
  const archive = new RequestArchive();
  if (onRow === undefined) cluster.onRequestEnd((r) => { archive.add(r); });
  else cluster.onRequestEnd((r) => { onRow(requestRow(r, poolOf(r.replica))); });
  const meter = attachEnergyMeter(cluster, scenario, pools);
  const stepLog = new StepLog(scenario.timelineWindowS, TIMELINE_MAX_STEPS);
  if (scenario.timelineWindowS > 0) cluster.observe(stepLog);
  const run = cluster.run();
  const energy = energyReport(meter.finish(run.endS), run, pools, scenario);
  const resources = options.resources ?? NO_RESOURCES;
  let skippedTraceRows = 0;
  for (const trace of resources.traces.values()) skippedTraceRows += trace.skippedRows;
  const summary = { ...buildSummary({ ...scenario, seed }, seed, run, pools, energy), skippedTraceRows };
  // The rows are built when first read (a run read for its summary only, as a bench's or a notebook's may be,
  // skips building an object per request: 0.4-0.7 s and about 220 MB of peak memory for the fleet bench's
  // million requests, measured 2026-11-22).
  let rows: RequestRow[] | undefined;
  return {
    summary,
    get requests(): RequestRow[] {
      rows ??= onRow === undefined ? archive.rows(poolOf) : [];
      return rows;
    },
    timeseries: run.samples,
    steps: stepLog.steps,
  };
}
