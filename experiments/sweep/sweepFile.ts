import type { Shard } from "../parallel/shard.ts";
import { SCHEMA_VERSION } from "../schema/scenario.ts";
import { INFERSIM_VERSION } from "../version.ts";
import type { MetricEstimates } from "./aggregate.ts";
import { estimateMetrics } from "./aggregate.ts";
import type { AxisSpec } from "./axis.ts";
import type { RunRecord } from "./runGrid.ts";
import type { Slo } from "./slo.ts";

/** One measurement of the sweep as recorded: its axis values and the hash of its validated scenario. */
export interface SweepCell {
  readonly index: number;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly scenarioHash: string;
}

/** The saturation rate found for one combination of the other axes (with `--axis path=auto`). */
export interface Saturation {
  readonly labels: Readonly<Record<string, unknown>>;
  readonly ratePerS: number;
}

/** Everything that defines a sweep and reproduces it; identical in every shard of it. */
export interface SweepExperiment {
  readonly name: string;
  /** Hash of the validated base scenario (every default filled in). */
  readonly scenarioHash: string;
  /** The base scenario as given (with --set applied). */
  readonly scenario: unknown;
  readonly axes: readonly AxisSpec[];
  readonly autoPoints: number | null;
  readonly saturation: readonly Saturation[];
  readonly replications: number;
  readonly seeds: readonly number[];
  readonly slo: Slo | null;
  readonly cells: readonly SweepCell[];
  /** cells × replications. */
  readonly runCount: number;
}

/** A completed run, with the labels that reproduce it. */
export interface SweepRun extends RunRecord {
  readonly scenarioHash: string;
  readonly labels: Readonly<Record<string, unknown>>;
}

/** One row of the result: a cell's metrics across its replications (mean and 95 % Student-t interval). */
export interface SweepRow {
  readonly cell: number;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly n: number;
  readonly metrics: MetricEstimates;
}

/** `sweep.json`: a whole sweep, an interrupted one (`partial`), or one shard of one (`shard`). */
export interface SweepFile {
  readonly kind: "infersim-sweep";
  readonly schemaVersion: number;
  readonly infersimVersion: string;
  /** True when some runs are missing: interrupted, or a single shard. */
  readonly partial: boolean;
  readonly shard: Shard | null;
  readonly experiment: SweepExperiment;
  readonly runs: readonly SweepRun[];
  readonly rows: readonly SweepRow[];
}

/** The rows of a set of runs: one per cell that has at least one completed run, in cell order. */
export function sweepRows(experiment: SweepExperiment, runs: readonly SweepRun[]): SweepRow[] {
  return experiment.cells.flatMap((cell) => {
    const mine = runs.filter((r) => r.cell === cell.index);
    if (mine.length === 0) return [];
    return [{ cell: cell.index, labels: cell.labels, n: mine.length, metrics: estimateMetrics(mine.map((r) => r.metrics)) }];
  });
}

/** Assemble the result file from the experiment and the completed runs (in any order). */
export function buildSweepFile(experiment: SweepExperiment, records: readonly RunRecord[], shard: Shard | null): SweepFile {
  const runs: SweepRun[] = [...records]
    .sort((a, b) => a.run - b.run)
    .map((r) => {
      const cell = experiment.cells[r.cell]!;
      return { run: r.run, cell: r.cell, replication: r.replication, seed: r.seed, scenarioHash: cell.scenarioHash, labels: cell.labels, metrics: r.metrics };
    });
  return {
    kind: "infersim-sweep",
    schemaVersion: SCHEMA_VERSION,
    infersimVersion: INFERSIM_VERSION,
    partial: runs.length < experiment.runCount,
    shard,
    experiment,
    runs,
    rows: sweepRows(experiment, runs),
  };
}
