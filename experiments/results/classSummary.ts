import type { Replica } from "../../sim/replica.ts";
import type { Request } from "../../sim/request.ts";
import type { RunMetrics } from "../../sim/metrics/summarize.ts";
import { metricsOf } from "../../sim/metrics/summarize.ts";
import { latencyOf } from "../../sim/metrics/requestMetrics.ts";
import { MS_PER_S } from "../../sim/time.ts";
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

/** Did a completed request meet its class's objectives? (TPOT is not defined for one-token outputs, which pass it.) */
export function meetsSlo(r: Request): boolean {
  if (r.state !== "done") return false;
  const l = latencyOf(r);
  return l.ttftMs <= r.ttftSloS * MS_PER_S && (Number.isNaN(l.tpotMs) || l.tpotMs <= r.tpotSloS * MS_PER_S);
}

/**
 * One entry per class of the workload (one `default` class when it declares none), in declaration order. The
 * per-class metrics (ITL included) have the same definitions as the cluster's.
 */
export function classSummaries(
  workload: Workload,
  requests: readonly Request[],
  replicas: readonly Replica[],
  durationS: number,
): ClassSummary[] {
  const classes: readonly Pick<RequestClass, "name" | "priority" | "slo">[] = workload.classes ?? [
    { name: "default", priority: 0, slo: {} },
  ];
  const members: Request[][] = classes.map(() => []);
  for (const r of requests) members[r.classIndex]?.push(r);
  return classes.map((c, i) => {
    const own = members[i]!;
    let ended = 0;
    let met = 0;
    for (const r of own) {
      if (r.state === "done" || r.state === "rejected") ended++;
      if (meetsSlo(r)) met++;
    }
    return {
      name: c.name,
      priority: c.priority,
      slo: { ttftMs: c.slo.ttftMs ?? null, tpotMs: c.slo.tpotMs ?? null },
      sloAttainment: ended > 0 ? met / ended : null,
      goodputPerS: durationS > 0 ? met / durationS : 0,
      ...metricsOf(own, durationS, itlOf(replicas, i)),
    };
  });
}
