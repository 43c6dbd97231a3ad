import type { Runner } from "../parallel/runner.ts";
import type { Shard } from "../parallel/shard.ts";
import type { Scenario } from "../schema/scenario.ts";
import { isAuto } from "./axis.ts";
import type { Axis, AxisSpec } from "./axis.ts";
import { autoStart, labelText, sweepCells } from "./cells.ts";
import type { CellDraft } from "./cells.ts";
import { applyLabels, replicationSeeds } from "./expand.ts";
import { gridRuns, runGrid } from "./runGrid.ts";
import { findSaturation, ratesUpTo } from "./saturation.ts";
import { canonicalJson, contentHash } from "./scenarioHash.ts";
import type { Slo } from "./slo.ts";
import { buildSweepFile } from "./sweepFile.ts";
import type { Saturation, SweepExperiment, SweepFile } from "./sweepFile.ts";
import { parsePoint } from "./validate.ts";

/** A sweep as asked for: base scenario, axes, replications (seeds from `seed` on), and an optional SLO. */
export interface SweepSpec {
  /** The base scenario as given (after --set). */
  readonly scenario: unknown;
  readonly axes: readonly AxisSpec[];
  readonly replications: number;
  readonly seed: number;
  /** Points spaced up to the saturation rate of an `auto` axis. */
  readonly autoPoints: number;
  readonly slo: Slo | null;
}

export interface ParsedCells {
  readonly drafts: readonly CellDraft[];
  readonly scenarios: readonly Scenario[];
}

/** Expand and validate every point (an auto axis at its starting value): errors name the point, before any run. */
export function parseCells(spec: SweepSpec, rateOf?: (others: Readonly<Record<string, unknown>>, k: number) => number): ParsedCells {
  const drafts = sweepCells(spec.scenario, spec.axes, spec.autoPoints, rateOf);
  const scenarios = drafts.map((d) => parsePoint(d.input, `point ${labelText(d.labels)}`));
  return { drafts, scenarios };
}

/** The saturation rate of every combination of the other axes, searched concurrently (replication 0's seed). */
async function saturations(spec: SweepSpec, runner: Runner): Promise<Saturation[]> {
  const autoIndex = spec.axes.findIndex(isAuto);
  const path = spec.axes[autoIndex]!.path;
  const others = spec.axes.filter((a): a is Axis => !isAuto(a));
  const combos = sweepCells(spec.scenario, others, 1).map((c) => c.labels);
  return Promise.all(
    combos.map(async (labels) => {
      const input = applyLabels(spec.scenario, labels);
      return { labels, ratePerS: await findSaturation(input, path, autoStart(input, path), spec.seed, runner) };
    }),
  );
}

export interface SweepOutcome {
  readonly file: SweepFile;
  readonly interrupted: boolean;
}

/**
 * Run a sweep (or the shard's slice of it) on the runner. With an auto axis, first find each saturation rate,
 * then space the points up to it. Deterministic: the result depends on the spec and the shard only.
 */
export async function runSweep(spec: SweepSpec, runner: Runner, shard: Shard | null): Promise<SweepOutcome> {
  const base = parsePoint(spec.scenario, "");
  const autoIndex = spec.axes.findIndex(isAuto);
  const saturation = autoIndex < 0 ? [] : await saturations(spec, runner);
  const rateOf =
    autoIndex < 0
      ? undefined
      : (others: Readonly<Record<string, unknown>>, k: number): number => {
          const found = saturation.find((s) => canonicalJson(s.labels) === canonicalJson(others))!;
          return ratesUpTo(found.ratePerS, spec.autoPoints)[k - 1]!;
        };
  const { drafts, scenarios } = parseCells(spec, rateOf);
  const seeds = replicationSeeds(spec.seed, spec.replications);
  const experiment: SweepExperiment = {
    name: base.name,
    scenarioHash: contentHash(base),
    scenario: spec.scenario,
    axes: spec.axes,
    autoPoints: autoIndex < 0 ? null : spec.autoPoints,
    saturation,
    replications: spec.replications,
    seeds,
    slo: spec.slo,
    cells: drafts.map((d, i) => ({ index: d.index, labels: d.labels, scenarioHash: contentHash(scenarios[i]) })),
    runCount: drafts.length * seeds.length,
  };
  const runs = gridRuns(drafts.length, seeds, shard ?? undefined);
  const outcome = await runGrid(runs, scenarios, spec.slo === null ? {} : { slo: spec.slo }, runner);
  return { file: buildSweepFile(experiment, outcome.records, shard), interrupted: outcome.interrupted };
}
