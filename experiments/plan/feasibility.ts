import type { MetricEstimates } from "../sweep/aggregate.ts";
import type { PointMetrics } from "../sweep/measure.ts";
import { keptUp } from "../sweep/saturation.ts";
import type { LatencyMetricName } from "../sweep/metrics.ts";
import type { Slo } from "../sweep/slo.ts";

const fmt = (v: number): string => v.toLocaleString("en-US", { maximumSignificantDigits: 4 });

/**
 * What an evaluation misses: each SLO whose mean across replications is above its target (or has no value),
 * too many rejections, or a backlog that kept growing in some replication (the cluster did not keep up).
 * Empty means feasible.
 */
export function violations(slo: Slo, maxRejectedFraction: number, metrics: MetricEstimates, runs: readonly PointMetrics[]): string[] {
  const out: string[] = [];
  for (const [name, target] of Object.entries(slo) as [LatencyMetricName, number][]) {
    const m = metrics[name].mean;
    if (m === null) out.push(`${name}: no completed request`);
    else if (m > target) out.push(`${name} ${fmt(m)} > ${fmt(target)}`);
  }
  const rejected = metrics.rejectedFraction.mean ?? 0;
  if (rejected > maxRejectedFraction) out.push(`rejected ${fmt(rejected * 100)}% > ${fmt(maxRejectedFraction * 100)}%`);
  if (!runs.every(keptUp)) out.push("backlog grew: the cluster did not keep up with the arrivals");
  return out;
}
