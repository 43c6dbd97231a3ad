import type { Request } from "../request.ts";
import { NO_VALUES } from "./distribution.ts";
import type { Distribution } from "./distribution.ts";
import { QuantileRecorder } from "./quantiles.ts";
import { meetsSloAt } from "./requestMetrics.ts";
import { MS_PER_S } from "../time.ts";

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
 * Counts, token sums and latency samples of a set of requests, added one at a time as each ends (or, in flight,
 * when the run ends): nothing is kept per request, so a tally's memory is bounded (quantiles.ts).
 */
export class RequestTally {
  arrived = 0;
  completed = 0;
  rejected = 0;
  inFlight = 0;
  inputTokens = 0;
  outputTokens = 0;
  /** Output tokens generated, by every request (in flight and preempted-then-rejected ones too). */
  generatedTokens = 0;
  /** Completed within every objective of its class. */
  sloMet = 0;
  ttftMs = new QuantileRecorder();
  tpotMs = new QuantileRecorder();
  e2eMs = new QuantileRecorder();
  queueMs = new QuantileRecorder();

  /** A tally of the same requests, which the two then add to apart. */
  copy(): RequestTally {
    const c = new RequestTally();
    c.arrived = this.arrived;
    c.completed = this.completed;
    c.rejected = this.rejected;
    c.inFlight = this.inFlight;
    c.inputTokens = this.inputTokens;
    c.outputTokens = this.outputTokens;
    c.generatedTokens = this.generatedTokens;
    c.sloMet = this.sloMet;
    c.ttftMs = this.ttftMs.copy();
    c.tpotMs = this.tpotMs.copy();
    c.e2eMs = this.e2eMs.copy();
    c.queueMs = this.queueMs.copy();
    return c;
  }

  add(r: Request): void {
    this.arrived++;
    this.generatedTokens += r.generatedTokens;
    if (r.state === "rejected") {
      this.rejected++;
      return;
    }
    if (r.state !== "done") {
      this.inFlight++;
      return;
    }
    this.completed++;
    this.inputTokens += r.promptTokens;
    this.outputTokens += r.outputTokens;
    // The definitions of requestMetrics.ts, without an object per request.
    const ttftMs = (r.firstTokenS - r.arrivalS) * MS_PER_S;
    const e2eMs = (r.completionS - r.arrivalS) * MS_PER_S;
    const tpotMs = r.outputTokens > 1 ? (e2eMs - ttftMs) / (r.outputTokens - 1) : Number.NaN;
    this.ttftMs.add(ttftMs);
    if (!Number.isNaN(tpotMs)) this.tpotMs.add(tpotMs);
    this.e2eMs.add(e2eMs);
    this.queueMs.add((r.firstScheduledS - r.arrivalS) * MS_PER_S);
    if (meetsSloAt(r, ttftMs, tpotMs)) this.sloMet++;
  }

  /** True when some percentile comes from a sketch (more values than the recorders keep exactly). */
  get approximate(): boolean {
    return this.ttftMs.approximate || this.tpotMs.approximate || this.e2eMs.approximate || this.queueMs.approximate;
  }

  /** The metrics over `durationS` simulated seconds; the inter-token latency comes from the replicas (gaps.ts). */
  metrics(durationS: number, itlMs: Distribution = NO_VALUES): RunMetrics {
    const perS = (x: number): number => (durationS > 0 ? x / durationS : 0);
    return {
      requests: { arrived: this.arrived, completed: this.completed, rejected: this.rejected, inFlight: this.inFlight },
      latency: {
        ttftMs: this.ttftMs.distribution(),
        tpotMs: this.tpotMs.distribution(),
        e2eMs: this.e2eMs.distribution(),
        queueMs: this.queueMs.distribution(),
        itlMs,
      },
      throughput: {
        requestsPerS: perS(this.completed),
        inputTokensPerS: perS(this.inputTokens),
        outputTokensPerS: perS(this.outputTokens),
      },
    };
  }
}

/**
 * The metrics of `part`, a tally of some of the requests `whole` tallied (a pool's, a class's): when it holds all
 * of them, in the same order, its distributions are `whole`'s, so they are not computed again. `itlMs` gives the
 * part's inter-token latency.
 */
export function partMetrics(
  part: RequestTally,
  whole: RequestTally,
  wholeMetrics: RunMetrics,
  durationS: number,
  itlMs: () => Distribution,
): RunMetrics {
  if (part.arrived !== whole.arrived) return part.metrics(durationS, itlMs());
  return { ...wholeMetrics, latency: { ...wholeMetrics.latency, itlMs: itlMs() } };
}

/** Counts, latency distributions and throughput of a set of requests over `durationS` simulated seconds. */
export function metricsOf(requests: readonly Request[], durationS: number, itlMs: Distribution = NO_VALUES): RunMetrics {
  const tally = new RequestTally();
  for (const r of requests) tally.add(r);
  return tally.metrics(durationS, itlMs);
}
