import type { RequestOrder } from "../../sim/batching.ts";

/**
 * Earliest deadline first against the class SLOs: a request that has no token yet is due at arrival + its
 * TTFT objective; one preempted after emitting tokens is due at its last token + its TPOT objective. Requests
 * without an objective come last (FCFS among themselves).
 */
export function earliestDeadlineFirst(): RequestOrder {
  return {
    key: (r) => (Number.isNaN(r.firstTokenS) ? r.arrivalS + r.ttftSloS : r.lastTokenS + r.tpotSloS),
  };
}
