import type { ClusterRun } from "../cluster.ts";
import type { Request } from "../request.ts";
import { distributionOf } from "./distribution.ts";
import type { Distribution } from "./distribution.ts";
import { latencyOf } from "./requestMetrics.ts";

export interface RequestCounts {
  readonly arrived: number;
  readonly completed: number;
  readonly rejected: number;
  readonly inFlight: number;
}

export interface LatencySummary {
  readonly ttftMs: Distribution;
  readonly tpotMs: Distribution;
  readonly e2eMs: Distribution;
  readonly queueMs: Distribution;
  /** Inter-token latency: every gap between consecutive output tokens (zero for tokens emitted together). */
  readonly itlMs: Distribution;
}

export interface ThroughputSummary {
  /** Completed requests per simulated second. */
  readonly requestsPerS: number;
  /** Prompt tokens of completed requests per simulated second. */
  readonly inputTokensPerS: number;
  /** Output tokens of completed requests per simulated second. */
  readonly outputTokensPerS: number;
}

export interface RunMetrics {
  readonly requests: RequestCounts;
  readonly latency: LatencySummary;
  readonly throughput: ThroughputSummary;
}

/**
 * Counts, latency distributions and throughput of a set of requests over `durationS` simulated seconds. The
 * inter-token latency comes from the replicas' gap recorders (see `gaps.ts`); empty when not given.
 */
export function metricsOf(requests: readonly Request[], durationS: number, itlMs: Distribution = distributionOf([])): RunMetrics {
  let completed = 0;
  let rejected = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  const ttft: number[] = [];
  const tpot: number[] = [];
  const e2e: number[] = [];
  const queue: number[] = [];
  for (const r of requests) {
    if (r.state === "rejected") {
      rejected++;
      continue;
    }
    if (r.state !== "done") continue;
    completed++;
    inputTokens += r.promptTokens;
    outputTokens += r.outputTokens;
    const l = latencyOf(r);
    ttft.push(l.ttftMs);
    if (!Number.isNaN(l.tpotMs)) tpot.push(l.tpotMs);
    e2e.push(l.e2eMs);
    queue.push(l.queueMs);
  }
  const arrived = requests.length;
  const perS = (x: number): number => (durationS > 0 ? x / durationS : 0);
  return {
    requests: { arrived, completed, rejected, inFlight: arrived - completed - rejected },
    latency: {
      ttftMs: distributionOf(ttft),
      tpotMs: distributionOf(tpot),
      e2eMs: distributionOf(e2e),
      queueMs: distributionOf(queue),
      itlMs,
    },
    throughput: {
      requestsPerS: perS(completed),
      inputTokensPerS: perS(inputTokens),
      outputTokensPerS: perS(outputTokens),
    },
  };
}

/** Metrics of a whole cluster run, measured over its simulated span. */
export function summarizeRun(run: ClusterRun): RunMetrics {
  return metricsOf(run.requests, run.endS);
}
