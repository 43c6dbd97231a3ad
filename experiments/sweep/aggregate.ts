import { estimate } from "../stats/estimate.ts";
import type { Estimate } from "../stats/estimate.ts";
import { METRIC_NAMES, METRICS } from "./metrics.ts";
import type { MetricName } from "./metrics.ts";
import type { PointMetrics } from "./measure.ts";

/** Every metric of a set of replications as a mean with its confidence interval. */
export type MetricEstimates = Readonly<Record<MetricName, Estimate>>;

export function estimateMetrics(runs: readonly PointMetrics[]): MetricEstimates {
  return Object.fromEntries(METRIC_NAMES.map((name) => [name, estimate(runs.map((m) => METRICS[name].get(m)))])) as Record<
    MetricName,
    Estimate
  >;
}

/** The metrics that have a value in at least one row (energy and cost appear only when the simulator reports them). */
export function presentMetrics(rows: readonly { readonly metrics: MetricEstimates }[]): MetricName[] {
  return METRIC_NAMES.filter((name) => rows.some((r) => r.metrics[name].n > 0));
}
