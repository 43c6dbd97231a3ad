import { latencyOf } from "../../sim/metrics/requestMetrics.ts";
import type { Request } from "../../sim/request.ts";

/** One line of `requests.csv`. Times in seconds, latencies in milliseconds; empty where not reached. */
export interface RequestRow {
  readonly id: number;
  readonly state: string;
  readonly classIndex: number;
  readonly replica: number;
  readonly pool: string;
  readonly arrivalS: number;
  readonly firstScheduledS: number;
  readonly firstTokenS: number;
  readonly completionS: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly generatedTokens: number;
  readonly ttftMs: number;
  readonly tpotMs: number;
  readonly e2eMs: number;
  readonly queueMs: number;
  readonly maxInterTokenMs: number;
  readonly preemptions: number;
  readonly rejectReason: string;
}

export const REQUEST_COLUMNS: readonly (keyof RequestRow)[] = [
  "id",
  "state",
  "classIndex",
  "replica",
  "pool",
  "arrivalS",
  "firstScheduledS",
  "firstTokenS",
  "completionS",
  "promptTokens",
  "outputTokens",
  "generatedTokens",
  "ttftMs",
  "tpotMs",
  "e2eMs",
  "queueMs",
  "maxInterTokenMs",
  "preemptions",
  "rejectReason",
];

/** What a row is made of: a request's fields (a `Request`, or one rebuilt from an archive). */
export type RequestFields = Pick<
  Request,
  | "id"
  | "state"
  | "classIndex"
  | "replica"
  | "arrivalS"
  | "firstScheduledS"
  | "firstTokenS"
  | "completionS"
  | "promptTokens"
  | "outputTokens"
  | "generatedTokens"
  | "maxInterTokenS"
  | "preemptions"
  | "rejectReason"
>;

export function requestRow(r: RequestFields, poolName: string): RequestRow {
  const done = r.state === "done";
  const l = latencyOf(r);
  return {
    id: r.id,
    state: r.state === "done" ? "completed" : r.state === "rejected" ? "rejected" : "inFlight",
    classIndex: r.classIndex,
    replica: r.replica,
    pool: poolName,
    arrivalS: r.arrivalS,
    firstScheduledS: r.firstScheduledS,
    firstTokenS: r.firstTokenS,
    completionS: done ? r.completionS : Number.NaN,
    promptTokens: r.promptTokens,
    outputTokens: r.outputTokens,
    generatedTokens: r.generatedTokens,
    ttftMs: l.ttftMs,
    tpotMs: done ? l.tpotMs : Number.NaN,
    e2eMs: done ? l.e2eMs : Number.NaN,
    queueMs: l.queueMs,
    maxInterTokenMs: r.maxInterTokenS * 1000,
    preemptions: r.preemptions,
    rejectReason: r.rejectReason,
  };
}
