import { PriorityQueue } from "@datastructures-js/priority-queue";
import type { BatchPolicy, PreemptionVictim, RequestOrder, StepContext, StepLimits } from "./batching.ts";
import type { KvBlockManager } from "./kvCache.ts";
import type { StepCost, StepCostModel, StepShape } from "./ports.ts";
import type { Request } from "./request.ts";

/** What a replica tells its cluster. */
export interface ReplicaListener {
  onFirstToken(request: Request, replica: Replica): void;
  onCompleted(request: Request, replica: Replica): void;
  onPreempted(request: Request, replica: Replica): void;
  onStepStart(replica: Replica, shape: StepShape, cost: StepCost): void;
}

/** Everything a replica is built from. */
export interface ReplicaParts {
  readonly index: number;
  readonly pool: number;
  readonly cost: StepCostModel;
  readonly kv: KvBlockManager;
  readonly batching: BatchPolicy;
  readonly order: RequestOrder;
  readonly victim: PreemptionVictim;
  readonly limits: StepLimits;
}

function compareWaiting(a: Request, b: Request): number {
  return a.orderKey - b.orderKey || a.arrivalS - b.arrivalS || a.id - b.id;
}

/**
 * One engine instance: a waiting queue, a running set, a KV block manager and a step cost model. It forms a
 * step (batching policy), prices it (cost model), and when the step ends applies it: tokens, first tokens,
 * completions, freed memory. The cluster drives it through `formStep` and `finishStep`.
 */
export class Replica implements StepContext {
  readonly index: number;
  readonly pool: number;
  readonly kv: KvBlockManager;
  readonly limits: StepLimits;
  private readonly cost: StepCostModel;
  private readonly batching: BatchPolicy;
  private readonly order: RequestOrder;
  private readonly victim: PreemptionVictim;
  private readonly waiting = new PriorityQueue<Request>(compareWaiting);
  private readonly runningList: Request[] = [];

  /** Time of the step being formed or run. */
  nowS = 0;
  /** True while a step is in flight. */
  busy = false;
  /** True while a wake event is scheduled. */
  wakePending = false;
  /** A wake-up time the batching policy asked for during the last empty formation, or NaN. */
  requestedWakeS = Number.NaN;
  /** Counter that names the current step, so stale step-end events can be spotted. */
  stepSeq = 0;
  /** When the current step started. */
  stepStartS = 0;
  /** Busy seconds so far (sum of step durations). */
  busyS = 0;
  stepsRun = 0;
  preemptions = 0;

  // The step being formed: parallel arrays, reused every step.
  private readonly prefillReqs: Request[] = [];
  private readonly prefillChunk: number[] = [];
  private readonly decodeReqs: Request[] = [];
  private readonly shape: StepShape = {
    prefillSeqs: 0,
    prefillTokens: 0,
    prefillAttentionPairs: 0,
    prefillContextTokens: 0,
    decodeSeqs: 0,
    decodeContextTokens: 0,
  };

  constructor(
    parts: ReplicaParts,
    private readonly listener: ReplicaListener,
  ) {
    this.index = parts.index;
    this.pool = parts.pool;
    this.kv = parts.kv;
    this.limits = parts.limits;
    this.cost = parts.cost;
    this.batching = parts.batching;
    this.order = parts.order;
    this.victim = parts.victim;
  }

  // ---- queue ----

  /** Add a request to the waiting queue. */
  enqueue(request: Request, nowS: number): void {
    request.state = "queued";
    request.replica = this.index;
    request.enqueuedS = nowS;
    request.orderKey = this.order.key(request);
    this.waiting.enqueue(request);
  }

  get waitingCount(): number {
    return this.waiting.size();
  }

  get running(): readonly Request[] {
    return this.runningList;
  }

  /** Requests on this replica, waiting or running. */
  get outstanding(): number {
    return this.waiting.size() + this.runningList.length;
  }

  /** Prompt tokens still to prefill across the waiting queue and running prefills (for token-aware routers). */
  queuedPrefillTokens(): number {
    let tokens = 0;
    for (const r of this.waiting.toArray()) tokens += r.prefillTargetTokens - r.contextTokens;
    for (const r of this.runningList) tokens += r.prefillTargetTokens - r.contextTokens;
    return tokens;
  }

  /** All requests on this replica (for end-of-run accounting). */
  requests(): Request[] {
    return [...this.waiting.toArray(), ...this.runningList];
  }

  // ---- StepContext, used by the batching policy ----

  peekWaiting(): Request | undefined {
    return this.waiting.front() ?? undefined;
  }

  admitHead(): boolean {
    const head = this.waiting.front();
    if (head === null || this.runningList.length >= this.limits.maxNumSeqs) return false;
    const blocks = this.kv.blocksFor(head.prefillTargetTokens);
    if (!this.kv.canAdmit(blocks) || !this.kv.allocate(blocks)) return false;
    this.waiting.dequeue();
    head.kvBlocks = blocks;
    head.state = "running";
    this.runningList.push(head);
    return true;
  }

  reserveDecodeSlot(request: Request): boolean {
    // The token decoded this step is the (contextTokens + 1)-th in the cache.
    const needed = this.kv.blocksFor(request.contextTokens + 1) - request.kvBlocks;
    if (needed <= 0) return true;
    while (!this.kv.allocate(needed)) {
      const victim = this.victim.choose(this.runningList.filter((r) => !this.isInStep(r)));
      this.preempt(victim);
      if (victim === request) return false;
    }
    request.kvBlocks += needed;
    return true;
  }

  addPrefill(request: Request, tokens: number): void {
    const before = request.contextTokens;
    const s = this.shape;
    s.prefillSeqs++;
    s.prefillTokens += tokens;
    s.prefillAttentionPairs += tokens * (before + (tokens + 1) / 2);
    s.prefillContextTokens += before;
    this.prefillReqs.push(request);
    this.prefillChunk.push(tokens);
    if (Number.isNaN(request.firstScheduledS)) request.firstScheduledS = this.nowS;
  }

  addDecode(request: Request): void {
    this.shape.decodeSeqs++;
    this.shape.decodeContextTokens += request.contextTokens;
    this.decodeReqs.push(request);
  }

  get stepTokens(): number {
    return this.shape.prefillTokens + this.shape.decodeSeqs;
  }

  get stepSeqs(): number {
    return this.shape.prefillSeqs + this.shape.decodeSeqs;
  }

  wakeAt(timeS: number): void {
    if (Number.isNaN(this.requestedWakeS) || timeS < this.requestedWakeS) this.requestedWakeS = timeS;
  }

  // ---- driven by the cluster ----

  /**
   * Form and price the next step at `nowS`. Returns its duration in seconds, or NaN when there is nothing to
   * run (then `requestedWakeS` may hold a time to try again).
   */
  formStep(nowS: number): number {
    this.nowS = nowS;
    this.requestedWakeS = Number.NaN;
    this.clearStep();
    this.batching.formStep(this);
    if (this.stepSeqs === 0) return Number.NaN;
    const cost = this.cost.stepCost(this.shape);
    this.busy = true;
    this.stepSeq++;
    this.stepStartS = nowS;
    this.busyS += cost.durationS;
    this.stepsRun++;
    this.listener.onStepStart(this, this.shape, cost);
    return cost.durationS;
  }

  /** Apply the step that ends at `nowS`: tokens, first tokens, completions. */
  finishStep(nowS: number): void {
    this.nowS = nowS;
    this.busy = false;
    const prefills = this.prefillReqs;
    for (let i = 0; i < prefills.length; i++) {
      const r = prefills[i]!;
      if (r.state !== "running") continue;
      r.contextTokens += this.prefillChunk[i]!;
      if (r.contextTokens >= r.prefillTargetTokens) this.emitToken(r, nowS);
    }
    for (const r of this.decodeReqs) {
      if (r.state !== "running") continue;
      r.contextTokens += 1;
      this.emitToken(r, nowS);
    }
    this.clearStep();
  }

  /** Take a request out of this replica (e.g. to move its KV to a decode replica); frees its blocks. */
  release(request: Request): void {
    this.kv.release(request.kvBlocks);
    request.kvBlocks = 0;
    const i = this.runningList.indexOf(request);
    if (i >= 0) this.runningList.splice(i, 1);
  }

  private emitToken(r: Request, nowS: number): void {
    r.generatedTokens++;
    if (Number.isNaN(r.firstTokenS)) {
      r.firstTokenS = nowS;
      r.lastTokenS = nowS;
      this.listener.onFirstToken(r, this);
    } else {
      const gap = nowS - r.lastTokenS;
      if (gap > r.maxInterTokenS) r.maxInterTokenS = gap;
      r.lastTokenS = nowS;
    }
    if (r.generatedTokens >= r.outputTokens && r.state === "running") {
      r.completionS = nowS;
      r.state = "done";
      this.release(r);
      this.listener.onCompleted(r, this);
    }
  }

  private preempt(victim: Request): void {
    this.release(victim);
    victim.preemptions++;
    this.preemptions++;
    // Recompute: its prompt and the tokens generated so far are prefilled again.
    victim.contextTokens = 0;
    victim.prefillTargetTokens = victim.promptTokens + victim.generatedTokens;
    this.enqueue(victim, this.nowS);
    this.listener.onPreempted(victim, this);
  }

  private isInStep(r: Request): boolean {
    return this.decodeReqs.includes(r) || this.prefillReqs.includes(r);
  }

  private clearStep(): void {
    this.prefillReqs.length = 0;
    this.prefillChunk.length = 0;
    this.decodeReqs.length = 0;
    const s = this.shape;
    s.prefillSeqs = 0;
    s.prefillTokens = 0;
    s.prefillAttentionPairs = 0;
    s.prefillContextTokens = 0;
    s.decodeSeqs = 0;
    s.decodeContextTokens = 0;
  }
}
