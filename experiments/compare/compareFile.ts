import { SCHEMA_VERSION } from "../schema/scenario.ts";
import type { Estimate } from "../stats/estimate.ts";
import { pairedDifference } from "../stats/paired.ts";
import { estimateMetrics, presentMetrics } from "../sweep/aggregate.ts";
import type { MetricEstimates } from "../sweep/aggregate.ts";
import { METRICS } from "../sweep/metrics.ts";
import type { MetricName } from "../sweep/metrics.ts";
import type { RunRecord } from "../sweep/runGrid.ts";
import type { Slo } from "../sweep/slo.ts";
import type { SweepRun } from "../sweep/sweepFile.ts";
import { INFERSIM_VERSION } from "../version.ts";

export interface CompareVariant {
  readonly label: string;
  readonly source: string;
  readonly patch: unknown;
  readonly scenarioHash: string;
}

/** Everything that defines a comparison and reproduces it. */
export interface CompareExperiment {
  readonly name: string;
  readonly scenarioHash: string;
  readonly scenario: unknown;
  readonly variants: readonly CompareVariant[];
  readonly baseline: string;
  readonly replications: number;
  /** Every variant runs under every one of these seeds: the same requests (common random numbers). */
  readonly seeds: readonly number[];
  readonly slo: Slo | null;
  readonly runCount: number;
}

/** A variant's metrics across its replications. */
export interface VariantRow {
  readonly label: string;
  readonly n: number;
  readonly metrics: MetricEstimates;
}

/** A variant against the baseline on one metric, paired by seed. */
export interface DifferenceRow {
  readonly variant: string;
  readonly metric: MetricName;
  readonly n: number;
  /** variant − baseline, in the metric's unit. */
  readonly diff: Estimate;
  /** variant / baseline − 1, in percent (null when the baseline has a zero). */
  readonly pct: Estimate | null;
}

/** `compare.json` */
export interface CompareFile {
  readonly kind: "infersim-compare";
  readonly schemaVersion: number;
  readonly infersimVersion: string;
  readonly partial: boolean;
  readonly experiment: CompareExperiment;
  readonly runs: readonly SweepRun[];
  readonly variants: readonly VariantRow[];
  readonly differences: readonly DifferenceRow[];
}

/** Metrics compared, in the order reported. */
export const COMPARED_METRICS: readonly MetricName[] = [
  "ttftP50Ms",
  "ttftP99Ms",
  "tpotP50Ms",
  "tpotP99Ms",
  "e2eP50Ms",
  "e2eP99Ms",
  "queueMeanMs",
  "requestsPerS",
  "outputTokensPerS",
  "goodputPerS",
  "sloAttainment",
  "joulesPerOutputToken",
  "avgMW",
  "usdPerMillionOutputTokens",
];

/** Assemble the result: per-variant estimates and each variant's paired differences against the baseline. */
export function buildCompareFile(experiment: CompareExperiment, records: readonly RunRecord[]): CompareFile {
  const runs: SweepRun[] = [...records]
    .sort((a, b) => a.run - b.run)
    .map((r) => {
      const v = experiment.variants[r.cell]!;
      return { ...r, scenarioHash: v.scenarioHash, labels: { variant: v.label } };
    });
  const byVariant = experiment.variants.map((_, i) => runs.filter((r) => r.cell === i));
  const variants: VariantRow[] = experiment.variants.map((v, i) => ({
    label: v.label,
    n: byVariant[i]!.length,
    metrics: estimateMetrics(byVariant[i]!.map((r) => r.metrics)),
  }));
  const baseIndex = experiment.variants.findIndex((v) => v.label === experiment.baseline);
  const present = presentMetrics(variants);
  const metrics = COMPARED_METRICS.filter((m) => present.includes(m));
  // Pairs are matched by replication (the seed), so a missing run drops only its own pair.
  const bySeed = (i: number, m: MetricName): (number | null)[] =>
    experiment.seeds.map((_, rep) => {
      const run = byVariant[i]!.find((r) => r.replication === rep);
      return run === undefined ? null : METRICS[m].get(run.metrics);
    });
  const differences: DifferenceRow[] = experiment.variants.flatMap((v, i) =>
    i === baseIndex
      ? []
      : metrics.map((metric) => ({ variant: v.label, metric, ...pairedDifference(bySeed(baseIndex, metric), bySeed(i, metric)) })),
  );
  return {
    kind: "infersim-compare",
    schemaVersion: SCHEMA_VERSION,
    infersimVersion: INFERSIM_VERSION,
    partial: runs.length < experiment.runCount,
    experiment,
    runs,
    variants,
    differences,
  };
}
