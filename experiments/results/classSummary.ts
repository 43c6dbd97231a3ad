import type { Replica } from "../../sim/replica.ts";
import type { RequestLedger } from "../../sim/metrics/requestLedger.ts";
import { partMetrics } from "../../sim/metrics/summarize.ts";
import type { RunMetrics } from "../../sim/metrics/summarize.ts";
import type { RequestClass, Workload } from "../workload/schema.ts";
import { itlOf } from "./engineSummary.ts";

/** The metrics of one request class (workload.classes), with its SLO attainment. */
export interface ClassSummary extends RunMetrics {
  readonly name: string;
  readonly priority: number;
  readonly slo: { readonly ttftMs: number | null; readonly tpotMs: number | null };
  /**
   * Share of the class's ended requests (completed or rejected) that completed within every objective; a
   * rejected request misses. Null when none ended.
   */
  readonly sloAttainment: number | null;
  /** Completed requests within every objective, per simulated second. */
  readonly goodputPerS: number;
}

/**
 * One entry per class of the workload (one `default` class when it declares none), in declaration order. The
 * per-class metrics (ITL included) have the same definitions as the cluster's.
 */
export function classSummaries(
  workload: Workload,
  ledger: RequestLedger,
  replicas: readonly Replica[],
  durationS: number,
  clusterMetrics: RunMetrics,
): ClassSummary[] {
  const classes: readonly Pick<RequestClass, "name" | "priority" | "slo">[] = workload.classes ?? [
    { name: "default", priority: 0, slo: {} },
  ];
  return classes.map((c, i) => {
    const tally = ledger.classTally(i);
    const ended = tally.completed + tally.rejected;
    const met = tally.sloMet;
    return {
      name: c.name,
      priority: c.priority,
      slo: { ttftMs: c.slo.ttftMs ?? null, tpotMs: c.slo.tpotMs ?? null },
      sloAttainment: ended > 0 ? met / ended : null,
      goodputPerS: durationS > 0 ? met / durationS : 0,
      // A class holding every request has every gap too.
      ...partMetrics(tally, ledger.cluster, clusterMetrics, durationS, () =>
        tally.arrived === ledger.cluster.arrived ? clusterMetrics.latency.itlMs : itlOf(replicas, i),
      ),
    };
  });
}
