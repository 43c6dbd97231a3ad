/** A request as the workload creates it, before the simulator gives it an id. */
export interface NewRequest {
  readonly arrivalS: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** Index into the scenario's request classes (0 when there is one class). */
  readonly classIndex?: number;
  /** Shared-prefix id (e.g. a system prompt), for prefix caching; absent when none. */
  readonly prefixId?: number;
  /** Tokens of the prompt that belong to the shared prefix. */
  readonly prefixTokens?: number;
  /** Closed-loop client that sent it. */
  readonly clientId?: number;
  /** Scheduling priority of its class: a smaller number is served first (vLLM's convention); default 0. */
  readonly priority?: number;
  /** Its class's time-to-first-token objective, seconds; absent when none. */
  readonly ttftSloS?: number;
  /** Its class's time-per-output-token objective, seconds; absent when none. */
  readonly tpotSloS?: number;
}

/** Where a request is in its life. Every arrived request ends `done` or `rejected`, or is in flight at the end. */
export type RequestState = "queued" | "running" | "transferring" | "done" | "rejected";

/**
 * One request and its timeline. Times are simulated seconds; NaN means "not yet".
 * Lifecycle: queued → running (prefill, maybe in chunks, then decode) → done; or preempted back to queued;
 * or rejected with a reason.
 */
export class Request {
  // The fields a decode step reads and writes come first, next to the output length (a constructor parameter,
  // so laid out before them): in memory they then share a cache line or two, which matters with many requests.
  /** Output tokens emitted so far. */
  generatedTokens = 0;
  /** Tokens whose KV is in the replica's cache now. */
  contextTokens = 0;
  /** Tokens the current prefill must reach: prompt at first, prompt + generated after a recompute preemption. */
  prefillTargetTokens: number;
  /** KV blocks it holds on its replica. */
  kvBlocks = 0;
  lastTokenS = Number.NaN;
  /** Largest gap between two consecutive output tokens, seconds. */
  maxInterTokenS = 0;
  state: RequestState = "queued";
  /** Stamp of the replica step it is scheduled in, to tell in O(1) whether it is in the step being formed. */
  stepStamp = -1;
  /** Draft tokens proposed for it in the step being formed or run (speculative decoding). */
  lookaheadTokens = 0;
  readonly classIndex: number;
  /** Replica that holds it now (or last did); -1 before routing. */
  replica = -1;
  /** Its place in the cluster's arrivals (0 for the first to arrive); -1 before it arrives. */
  arrivalOrder = -1;
  /** Its slot in the cluster's list of requests in the system; -1 when not in it. */
  systemSlot = -1;
  /** First time any of its prompt was scheduled in a step. */
  firstScheduledS = Number.NaN;
  firstTokenS = Number.NaN;
  completionS = Number.NaN;
  preemptions = 0;
  /** When it last joined a waiting queue (arrival or preemption), for ordering policies. */
  enqueuedS: number;
  rejectReason = "";
  /** The waiting-queue key the order policy gave it when it last joined a queue. */
  orderKey = 0;
  /** Tokens of its context held in shared prefix-cache blocks (counted once per replica, not per request). */
  sharedTokens = 0;
  /** KV blocks it holds in host memory while swapped out (swap preemption); 0 when resident. */
  swappedBlocks = 0;
  readonly prefixId: number;
  readonly prefixTokens: number;
  readonly clientId: number;
  readonly priority: number;
  /** Time-to-first-token objective, seconds (Infinity: none). */
  readonly ttftSloS: number;
  /** Time-per-output-token objective, seconds (Infinity: none). */
  readonly tpotSloS: number;

  constructor(
    readonly id: number,
    readonly arrivalS: number,
    readonly promptTokens: number,
    readonly outputTokens: number,
    spec: NewRequest,
  ) {
    this.prefillTargetTokens = promptTokens;
    this.enqueuedS = arrivalS;
    this.classIndex = spec.classIndex ?? 0;
    this.prefixId = spec.prefixId ?? -1;
    this.prefixTokens = spec.prefixTokens ?? 0;
    this.clientId = spec.clientId ?? -1;
    this.priority = spec.priority ?? 0;
    this.ttftSloS = spec.ttftSloS ?? Number.POSITIVE_INFINITY;
    this.tpotSloS = spec.tpotSloS ?? Number.POSITIVE_INFINITY;
  }

  /** True while part of the (re)prefill is still to run. */
  get inPrefill(): boolean {
    return this.contextTokens < this.prefillTargetTokens;
  }
}
