import type { ClusterRun } from "../../sim/cluster.ts";

/**
 * Whether the cluster kept up with its traffic, judged over the arrival window (first to last arrival):
 * - `stable`: by the last arrival it had completed at least 95% of the requests it could have finished by then
 *   (those that arrived at least their own service time earlier; rejected ones left out), and its queue did not
 *   build up;
 * - `overloaded`: it had completed less than 80% of them;
 * - `backlogged`: in between, or its queue at the end of the window was well above its mean (a backlog that
 *   drained only after arrivals stopped).
 */
export type SaturationState = "stable" | "backlogged" | "overloaded";

export interface Saturation {
  readonly state: SaturationState;
  /** Arrivals per second over the arrival window. */
  readonly offeredRequestsPerS: number;
  /** Completions per second over the arrival window. */
  readonly servedRequestsPerS: number;
  /** Requests waiting in queues at the end of the arrival window (from the time series; 0 without one). */
  readonly queueAtEndOfArrivals: number;
  /** Mean queue length over the arrival window's samples. */
  readonly meanQueueLength: number;
}

/** Queue growth beyond this many requests and twice the mean counts as a backlog. */
const BACKLOG_MIN_REQUESTS = 10;

export function saturationOf(run: ClusterRun): Saturation {
  const t = run.ledger.saturation;
  if (t.arrived === 0) {
    return { state: "stable", offeredRequestsPerS: 0, servedRequestsPerS: 0, queueAtEndOfArrivals: 0, meanQueueLength: 0 };
  }
  const firstS = t.firstArrivalS;
  const lastS = t.lastArrivalS;
  const windowS = Math.max(lastS - firstS, Number.EPSILON);
  // By the last arrival, a cluster that keeps up has completed every request that could have been served by
  // then: one that arrived at least its own service time (first scheduled to completion) earlier. Requests
  // still unfinished are judged by the median service time; rejected requests are left out.
  const served = t.completedAtLastArrival;
  const offeredRequestsPerS = t.arrived / windowS;
  const servedRequestsPerS = served / windowS;
  const medianServiceS = t.serviceS.count > 0 ? t.serviceS.orderStatistic(Math.floor(t.serviceS.count / 2)) : 0;
  // Every request served by the last arrival was due by then (its service ended before it); of the later ones,
  // those whose own service time would have fitted.
  let due = served + t.lateDueByLastArrival();
  for (const arrivalS of t.unfinishedArrivalsS) if (arrivalS + medianServiceS <= lastS) due++;
  const inWindow = run.samples.filter((s) => s.timeS >= firstS && s.timeS <= lastS);
  const meanQueueLength = inWindow.length > 0 ? inWindow.reduce((q, s) => q + s.queueLength, 0) / inWindow.length : 0;
  const queueAtEndOfArrivals = inWindow.length > 0 ? inWindow[inWindow.length - 1]!.queueLength : 0;
  const ratio = due > 0 ? served / due : 1;
  const backlog = queueAtEndOfArrivals > Math.max(BACKLOG_MIN_REQUESTS, 2 * meanQueueLength);
  // With few requests the served share is dominated by those still running at the last arrival: judge the queue.
  const enough = t.arrived >= 200;
  const state: SaturationState =
    enough && ratio < 0.8 ? "overloaded" : (enough && ratio < 0.95) || backlog ? "backlogged" : "stable";
  return { state, offeredRequestsPerS, servedRequestsPerS, queueAtEndOfArrivals, meanQueueLength };
}

/** Plain-language notes a person should read with the numbers. */
export function runNotes(run: ClusterRun, saturation: Saturation, horizonS: number | undefined): string[] {
  const notes: string[] = [];
  const inFlight = run.ledger.cluster.inFlight;
  if (run.stoppedByHorizon) {
    notes.push(`stopped at the horizon (${horizonS ?? run.endS} s) with ${inFlight} requests in flight; their latencies are not in the percentiles`);
  }
  if (saturation.state !== "stable") {
    const share = Math.round((100 * saturation.servedRequestsPerS) / Math.max(saturation.offeredRequestsPerS, Number.EPSILON));
    notes.push(
      `${saturation.state}: served ${share}% of the offered ${saturation.offeredRequestsPerS.toFixed(2)} req/s while arrivals lasted; ${saturation.queueAtEndOfArrivals} requests were queued when they stopped`,
    );
  }
  const rejected = run.ledger.cluster.rejected;
  if (rejected > 0) notes.push(`${rejected} requests were rejected (see rejectReason in requests.csv)`);
  return notes;
}
