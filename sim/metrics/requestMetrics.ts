import type { Request } from "../request.ts";
import { MS_PER_S } from "../time.ts";

/** Latencies of one completed request, in milliseconds, with the definitions serving benchmarks use. */
export interface RequestLatencyMs {
  /** Time to first token: first token − arrival. */
  readonly ttftMs: number;
  /** Time per output token after the first: (E2E − TTFT) / (output tokens − 1); NaN for one-token outputs. */
  readonly tpotMs: number;
  /** End to end: last token − arrival. */
  readonly e2eMs: number;
  /** Queueing delay: first scheduled − arrival. */
  readonly queueMs: number;
}

/** The fields latencies are computed from. */
export type LatencyFields = Pick<Request, "arrivalS" | "firstScheduledS" | "firstTokenS" | "completionS" | "outputTokens">;

export function latencyOf(r: LatencyFields): RequestLatencyMs {
  const ttftMs = (r.firstTokenS - r.arrivalS) * MS_PER_S;
  const e2eMs = (r.completionS - r.arrivalS) * MS_PER_S;
  return {
    ttftMs,
    tpotMs: r.outputTokens > 1 ? (e2eMs - ttftMs) / (r.outputTokens - 1) : Number.NaN,
    e2eMs,
    queueMs: (r.firstScheduledS - r.arrivalS) * MS_PER_S,
  };
}

/** Did a completed request meet its class's objectives? (TPOT is not defined for one-token outputs, which pass it.) */
export function meetsSlo(r: Request): boolean {
  if (r.state !== "done") return false;
  const l = latencyOf(r);
  return meetsSloAt(r, l.ttftMs, l.tpotMs);
}

/** `meetsSlo` for a completed request whose TTFT and TPOT (`latencyOf`) are already known. */
export function meetsSloAt(r: Request, ttftMs: number, tpotMs: number): boolean {
  return ttftMs <= r.ttftSloS * MS_PER_S && (Number.isNaN(tpotMs) || tpotMs <= r.tpotSloS * MS_PER_S);
}
