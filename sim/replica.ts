import { PriorityQueue } from "@datastructures-js/priority-queue";
import type { BatchPolicy, PreemptionVictim, RequestOrder, StepContext, StepLimits } from "./batching.ts";
import type { DecodeRun } from "./decodeRun.ts";
import { DecodeStretch } from "./decodeStretch.ts";
import { Phase } from "./events.ts";
import type { PhaseNumber } from "./events.ts";
import { PAGED_ALLOCATION } from "./kvAllocation.ts";
import type { KvBlockManager } from "./kvCache.ts";
import { KvMemory } from "./kvMemory.ts";
import { GapRecorder } from "./metrics/gaps.ts";
import type { GapSamples } from "./metrics/gaps.ts";
import { emptyStepShape } from "./ports.ts";
import type { StepCost, StepCostModel, StepCostSlot, StepShape } from "./ports.ts";
import { EngineCounters } from "./replicaEngine.ts";
import type { PreemptionMode, ReplicaEngine } from "./replicaEngine.ts";
import type { Request } from "./request.ts";
import { ReusedStepCost } from "./reusedStepCost.ts";
import type { Clock } from "./simulation.ts";
import { acceptedDraftTokens } from "./speculative.ts";
import type { SpeculativeSpec } from "./speculative.ts";

/** What a replica tells its cluster. */
export interface ReplicaListener {
  onFirstToken(request: Request, replica: Replica): void;
  onCompleted(request: Request, replica: Replica): void;
  onPreempted(request: Request, replica: Replica): void;
  /** A step starts at `startS` (later than that for the steps of a decode stretch, reported as the clock passes them). */
  onStepStart(replica: Replica, shape: StepShape, cost: StepCost, startS: number): void;
  /** Steps of a decode stretch started (and ended), reported together: as `onStepStart` for each in turn. */
  onDecodeRun(replica: Replica, run: DecodeRun): void;
  /** A prefill-only replica finished a request's prefill; the request now waits for its KV transfer. */
  onHandOff(request: Request, replica: Replica): void;
  /** Requests waiting or running (`outstanding`) changed. */
  onLoadChange(replica: Replica): void;
  /**
   * When the next request may reach `replica`, if known (Infinity or absent otherwise): a decode stretch plans
   * no further than the step it falls in.
   */
  nextArrivalS?(replica: Replica): number;
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
  /** Prefill-only replica of a disaggregated cluster: requests leave after their first token. */
  readonly handsOffAfterPrefill?: boolean;
  /** KV allocation, prefix caching, swap preemption, speculative decoding (see `replicaEngine.ts`). */
  readonly engine?: ReplicaEngine;
  /** The simulation's clock: for KV time integrals when blocks change between steps, and the decode fast path. */
  readonly clock?: Clock;
  /**
   * Form every step (no decode fast path). Without it, and with a clock, stretches of decode steps are advanced
   * without an event per step where the batching policy allows (`decodeStretch.ts`).
   */
  readonly plainStepping?: boolean;
  /** Inter-token gap samples shared with other replicas (a pool's); its own when absent. */
  readonly gapSamples?: GapSamples;
}

const NONE: readonly Request[] = [];

function compareWaiting(a: Request, b: Request): number {
  // Compared, not subtracted: keys may be infinite (no deadline).
  const byKey = a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : 0;
  return byKey || a.arrivalS - b.arrivalS || a.id - b.id;
}

function resetShape(s: StepShape): void {
  s.prefillSeqs = 0;
  s.prefillTokens = 0;
  s.prefillAttentionPairs = 0;
  s.prefillContextTokens = 0;
  s.decodeSeqs = 0;
  s.decodeContextTokens = 0;
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
  readonly handsOffAfterPrefill: boolean;
  /** KV reservation, prefix cache and swap space on top of `kv`. */
  readonly memory: KvMemory;
  /** What the steps did (prefill and decode tokens, preemptions by kind, speculation, swap time). */
  readonly counters = new EngineCounters();
  /**
   * Inter-token gaps, for the ITL distribution. Its samples are the pool's (shared with the pool's other
   * replicas, `ReplicaParts.gapSamples`): read them for whole pools (`gapsOf`).
   */
  readonly gaps: GapRecorder;
  private readonly preemptionMode: PreemptionMode;
  private readonly speculative: SpeculativeSpec | undefined;
  private readonly cost: StepCostModel;
  /** The step formed, priced in place, and reported from a reused object (`priceTarget`). */
  private readonly pricedSlot: StepCostSlot = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
  private readonly pricedCost = new ReusedStepCost();
  private readonly batching: BatchPolicy;
  private readonly order: RequestOrder;
  private readonly victim: PreemptionVictim;
  private readonly waiting = new PriorityQueue<Request>(compareWaiting);
  /**
   * The running sequences in order, and completed ones not yet taken out (`doneInList` of them, state "done"):
   * taking one out of the middle moves every later entry, so completions are taken out together, when the
   * list is read or when they are as many as the running ones (`dropDone`). Read it through `runningInOrder`.
   */
  private readonly runningList: Request[] = [];
  private doneInList = 0;
  /** The waiting queue's size, kept here: routers read it for every replica at every arrival. */
  private waitingSize = 0;

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

  // The step being formed: parallel arrays, reused every step (entries past the counts are stale: emptying an
  // array frees its storage, and refilling it allocates).
  private readonly prefillReqs: Request[] = [];
  private readonly prefillChunk: number[] = [];
  private prefillCount = 0;
  private readonly decodeReqs: Request[] = [];
  private decodeCount = 0;
  /** Speculating sequences: verified in a pass of lookahead + 1 tokens, priced as a prefill chunk. */
  private readonly verifyReqs: Request[] = [];
  private verifyCount = 0;
  private readonly shape: StepShape = emptyStepShape();
  /** The decode-only shape of the speculating sequences, which the draft steps process. */
  private readonly draftShape: StepShape = emptyStepShape();
  /** Stamp of the step being formed (requests in it carry it), unique per replica. */
  private formStamp = 0;
  /** The decode fast path; undefined when this replica forms every step (plain stepping). */
  private readonly stretch: DecodeStretch | undefined;
  /**
   * While the stretch holds members: the running sequences that are not members (in running order), the first
   * `outsiderCount`. They joined the running set since it started, and join it when it resumes.
   */
  private readonly outsiders: Request[] = [];
  private outsiderCount = 0;
  /** Blocks each outsider takes to join the stretch (`decodeAllAtOnce`). */
  private readonly joinBlocks: number[] = [];
  /** True while the batching policy forms a step. */
  private forming = false;
  private readonly clock: Clock | undefined;

  constructor(
    parts: ReplicaParts,
    private readonly listener: ReplicaListener,
  ) {
    this.index = parts.index;
    this.pool = parts.pool;
    this.gaps = new GapRecorder(parts.gapSamples);
    this.kv = parts.kv;
    this.limits = parts.limits;
    this.handsOffAfterPrefill = parts.handsOffAfterPrefill ?? false;
    const engine = parts.engine ?? {};
    // A reservation beyond the cache less its watermark could never be admitted.
    const capacityTokens = (parts.kv.totalBlocks - parts.kv.watermarkBlocks) * parts.kv.blockSizeTokens;
    this.memory = new KvMemory(parts.kv, {
      allocation: engine.allocation ?? PAGED_ALLOCATION,
      prefixCaching: engine.prefixCaching ?? false,
      ...(engine.swap === undefined ? {} : { swap: engine.swap }),
      sizing: { capacityTokens, maxContextTokens: engine.maxContextTokens ?? capacityTokens },
    });
    this.preemptionMode = engine.preemptionMode ?? "recompute";
    this.speculative = engine.speculative;
    this.cost = parts.cost;
    this.batching = parts.batching;
    this.order = parts.order;
    this.victim = parts.victim;
    this.clock = parts.clock;
    const plannable =
      parts.clock !== undefined &&
      parts.plainStepping !== true &&
      parts.batching.steadyDecode !== undefined &&
      this.speculative === undefined &&
      !this.handsOffAfterPrefill &&
      parts.cost.stochastic !== true;
    this.stretch = plannable
      ? new DecodeStretch(
          {
            kv: this.kv,
            memory: this.memory,
            counters: this.counters,
            gaps: this.gaps,
            stepStarted: (shape, cost, startS) => { this.stepStarted(shape, cost, startS); },
            decodeRunStarted: (run) => { this.decodeRunStarted(run); },
            nextArrivalS: () => this.listener.nextArrivalS?.(this) ?? Number.POSITIVE_INFINITY,
          },
          parts.cost,
        )
      : undefined;
  }

  // ---- queue ----

  /** Add a request to the waiting queue (during a decode stretch, `truncate` first). */
  enqueue(request: Request, nowS: number): void {
    this.assertNotPlanning("enqueue");
    request.state = "queued";
    request.replica = this.index;
    request.enqueuedS = nowS;
    request.stepStamp = -1;
    request.orderKey = this.order.key(request);
    this.waiting.enqueue(request);
    this.waitingSize++;
    this.listener.onLoadChange(this);
  }

  get waitingCount(): number {
    return this.waitingSize;
  }

  /** The running sequences, up to date (a parked decode stretch ends first: prefer `runningCount`). */
  get running(): readonly Request[] {
    this.settleStretch();
    return this.runningInOrder();
  }

  get runningCount(): number {
    return this.runningList.length - this.doneInList;
  }

  /** Requests on this replica, waiting or running. */
  get outstanding(): number {
    return this.waitingSize + this.runningList.length - this.doneInList;
  }

  /** The running sequences in order (completed ones taken out first). */
  private runningInOrder(): Request[] {
    if (this.doneInList > 0) this.dropDone();
    return this.runningList;
  }

  /** Take the completed sequences out of the running list, in one pass that keeps the order of the others. */
  private dropDone(): void {
    const list = this.runningList;
    let n = 0;
    for (let k = 0; k < list.length; k++) {
      const r = list[k]!;
      if (r.state === "done") continue;
      if (n !== k) list[n] = r;
      n++;
    }
    list.length = n;
    this.doneInList = 0;
  }

  /** Prompt tokens still to prefill across the waiting queue and running prefills (for token-aware routers). */
  queuedPrefillTokens(): number {
    let tokens = 0;
    for (const r of this.waiting.toArray()) tokens += Math.max(0, r.prefillTargetTokens - r.contextTokens);
    // Members of a parked stretch are not up to date, but past their prefill either way: they count 0.
    for (const r of this.runningInOrder()) tokens += Math.max(0, r.prefillTargetTokens - r.contextTokens);
    return tokens;
  }

  /** All requests on this replica (for end-of-run accounting). */
  requests(): Request[] {
    this.settleStretch();
    return [...this.waiting.toArray(), ...this.runningInOrder()];
  }

  prefillingSequences(): readonly Request[] {
    const tracked = this.stretch?.holdsMembers === true;
    const from = tracked ? this.outsiders : this.runningInOrder();
    const n = tracked ? this.outsiderCount : from.length;
    let found: Request[] | undefined;
    for (let i = 0; i < n; i++) {
      const r = from[i]!;
      if (r.inPrefill) (found ??= []).push(r);
    }
    return found ?? NONE;
  }

  // ---- StepContext, used by the batching policy ----

  peekWaiting(): Request | undefined {
    return this.waiting.front() ?? undefined;
  }

  admitHead(): boolean {
    const head = this.waiting.front();
    if (head === null || this.runningCount >= this.limits.maxNumSeqs) return false;
    if (!this.memory.admit(head)) return false;
    this.waiting.dequeue();
    this.waitingSize--;
    head.state = "running";
    this.addRunning(head);
    return true;
  }

  /** A sequence joins the running set (as an outsider while the stretch holds members). */
  private addRunning(r: Request): void {
    this.runningList.push(r);
    if (this.stretch?.holdsMembers === true) this.outsiders[this.outsiderCount++] = r;
  }

  reserveDecodeSlot(request: Request): boolean {
    // The token decoded this step is the (contextTokens + 1)-th in the cache; speculation verifies more.
    const needed = this.memory.extraBlocksFor(request, request.contextTokens + 1 + this.lookaheadFor(request));
    if (needed <= 0) return true;
    while (!this.kv.allocate(needed)) {
      this.settleStretch();
      const victim = this.victim.choose(this.runningInOrder().filter((r) => !this.inStep(r)));
      this.preempt(victim);
      if (victim === request) return false;
    }
    request.kvBlocks += needed;
    return true;
  }

  /**
   * The whole decode pass at once, when a decode stretch is parked: it resumes with this step, and the running
   * sequences that finished their prefill since join it (without a pass over the members). Declines, changing
   * nothing, unless the step is empty so far, all fit, and their KV is free without preempting: the policy
   * then decodes them one by one, as plain stepping does.
   */
  decodeAllAtOnce(budget: number): boolean {
    const stretch = this.stretch;
    if (stretch === undefined || !stretch.parked || this.stepSeqs !== 0) return false;
    let blocks = stretch.resumeBlocks();
    let joiners = 0;
    let prefillingSeen = false;
    for (let k = 0; k < this.outsiderCount; k++) {
      const r = this.outsiders[k]!;
      if (r.inPrefill) {
        prefillingSeen = true;
        continue;
      }
      // Joiners go after the members in running order: none may come after a sequence still in prefill.
      if (prefillingSeen || r.state !== "running") return false;
      const extra = this.memory.extraBlocksFor(r, r.contextTokens + 1);
      if (!stretch.canJoin(r, extra)) return false;
      this.joinBlocks[joiners++] = extra;
      blocks += extra;
    }
    // As decodeRunning's loop, which adds a sequence while the step holds fewer than the limits.
    const seqs = stretch.size + joiners;
    if (seqs - 1 >= this.limits.maxNumSeqs || seqs - 1 >= budget || blocks > this.kv.freeBlocks) return false;
    if (!this.kv.allocate(blocks)) throw new Error(`internal: replica ${this.index} lacks free KV blocks it counted`);
    stretch.beginResume(this.nowS);
    let kept = 0;
    let joined = 0;
    for (let k = 0; k < this.outsiderCount; k++) {
      const r = this.outsiders[k]!;
      if (r.inPrefill) {
        this.outsiders[kept++] = r;
        continue;
      }
      r.kvBlocks += this.joinBlocks[joined++]!;
      r.stepStamp = this.formStamp;
      r.lookaheadTokens = 0;
      stretch.join(r);
    }
    this.outsiderCount = kept;
    this.shape.decodeSeqs += seqs;
    this.shape.decodeContextTokens += stretch.resumeContextTokens;
    return true;
  }

  /**
   * Before anything reads or changes the members of a parked (or resuming) decode stretch: end it, its members
   * brought up to date (those of a resuming one into the step being formed, as ordinary decodes).
   */
  private settleStretch(): void {
    const stretch = this.stretch;
    if (stretch === undefined) return;
    if (stretch.resuming) {
      this.decodeSettled(stretch.stopResuming());
    } else if (stretch.parked) {
      stretch.unpark();
      this.outsiderCount = 0;
      if (this.forming) stretch.beginGather(this.nowS);
    }
  }

  addPrefill(request: Request, tokens: number): void {
    const before = request.contextTokens;
    if (!(tokens > 0 && before + tokens <= request.prefillTargetTokens)) {
      throw new Error(`internal: prefill of ${tokens} tokens for request ${request.id} at ${before} of ${request.prefillTargetTokens}`);
    }
    const s = this.shape;
    s.prefillSeqs++;
    s.prefillTokens += tokens;
    s.prefillAttentionPairs += tokens * (before + (tokens + 1) / 2);
    s.prefillContextTokens += before;
    this.prefillReqs[this.prefillCount] = request;
    this.prefillChunk[this.prefillCount++] = tokens;
    request.stepStamp = this.formStamp;
    if (Number.isNaN(request.firstScheduledS)) request.firstScheduledS = this.nowS;
  }

  addDecode(request: Request): void {
    request.stepStamp = this.formStamp;
    const lookahead = this.lookaheadFor(request);
    request.lookaheadTokens = lookahead;
    const context = request.contextTokens;
    if (lookahead === 0) {
      this.shape.decodeSeqs++;
      this.shape.decodeContextTokens += context;
      this.decodeReqs[this.decodeCount++] = request;
      this.stretch?.gather(request);
      return;
    }
    // Verification: lookahead + 1 tokens over the context, in one pass (a prefill chunk in cost terms).
    const tokens = lookahead + 1;
    const s = this.shape;
    s.prefillSeqs++;
    s.prefillTokens += tokens;
    s.prefillAttentionPairs += tokens * (context + (tokens + 1) / 2);
    s.prefillContextTokens += context;
    this.draftShape.decodeSeqs++;
    this.draftShape.decodeContextTokens += context;
    this.verifyReqs[this.verifyCount++] = request;
  }

  inStep(request: Request): boolean {
    return request.stepStamp === this.formStamp;
  }

  /** Draft tokens to propose for `request` this step: k, but never past its output length. */
  private lookaheadFor(request: Request): number {
    const spec = this.speculative;
    if (spec === undefined) return 0;
    return Math.max(0, Math.min(spec.k, request.outputTokens - request.generatedTokens - 1));
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
   * Form and price the next step at `nowS`. Returns when the step ends (for a decode stretch: when its first
   * chunk ends), or NaN when there is nothing to run (then `requestedWakeS` may hold a time to try again).
   */
  formStep(nowS: number): number {
    this.nowS = nowS;
    this.memory.observe(nowS);
    this.requestedWakeS = Number.NaN;
    this.clearStep();
    this.formStamp++;
    this.stretch?.beginGather(nowS);
    this.forming = true;
    this.batching.formStep(this);
    this.forming = false;
    if (this.stepSeqs === 0) return Number.NaN;
    const cost = this.priceStep();
    this.counters.batchSeqs += this.stepSeqs;
    this.busy = true;
    this.stepSeq++;
    this.stepStartS = nowS;
    this.busyS += cost.durationS;
    this.stepsRun++;
    this.listener.onStepStart(this, this.shape, cost, nowS);
    const stretchS = this.tryStretch(nowS, cost);
    return Number.isNaN(stretchS) ? nowS + cost.durationS : stretchS;
  }

  // ---- the decode fast path (decodeStretch.ts) ----

  /** True while a decode stretch runs: state is brought up to date lazily, and changes need `truncate`. */
  get inStretch(): boolean {
    return this.stretch?.active === true;
  }

  /** Bring blocks in use, counters and observers up to the clock (reads need nothing else during a stretch). */
  sync(): void {
    const clock = this.clock;
    if (clock !== undefined) this.stretch?.advance(clock.nowS, clock.nowPhase);
  }

  /**
   * End a decode stretch at the clock's time (a run's end), running or parked: the sequences are brought up to
   * date and the step running now, if any, becomes an ordinary step. Returns when that step ends (the caller
   * schedules its step end; the stretch's own event is stale), or NaN when no step is running (the caller
   * wakes the replica, as an ordinary step end would have).
   */
  interrupt(): number {
    this.settleStretch();
    const clock = this.clock;
    if (clock === undefined || !this.inStretch) return Number.NaN;
    this.stepSeq++;
    return this.endStretch(clock.nowS, clock.nowPhase);
  }

  /**
   * Cut a decode stretch short at the clock's time, more cheaply than `interrupt`, so the waiting queue or the KV
   * blocks can change, or a request join the running set (adopted: it is not in the step running now); none may
   * leave. The step running now becomes the stretch's last. Returns when it ends (the caller schedules its step
   * end), NaN when no step is running (the stretch parks; the caller wakes the replica), or Infinity when the
   * stretch already forms no more steps, or its event is at the end of the step running now (nothing to do: that
   * step end is already due).
   */
  truncate(): number {
    const clock = this.clock;
    if (clock === undefined || !this.inStretch) return Number.NaN;
    // formsNoMore also holds while the last step's end is being handled (its completions may adopt requests),
    // when endsAtEvent, which looks for a step still running, does not.
    if (this.stretch!.formsNoMore || this.stretch!.endsAtEvent(clock.nowS, clock.nowPhase)) {
      this.sync();
      return Number.POSITIVE_INFINITY;
    }
    this.stepSeq++;
    const endS = this.stretch!.truncate(clock.nowS, clock.nowPhase);
    if (Number.isNaN(endS)) {
      this.clearStep();
      this.busy = false;
    }
    return endS;
  }

  /** Integrate KV use up to now before blocks change between steps (transfers in and out). */
  private observeNow(): void {
    if (this.clock !== undefined) this.memory.observe(this.clock.nowS);
  }

  /** A stretch still planning steps ahead must be truncated before the queue or the blocks change. */
  private assertNotPlanning(what: string): void {
    if (this.stretch?.active === true && !this.stretch.formsNoMore) {
      throw new Error(`internal: ${what} on replica ${this.index} during a decode stretch`);
    }
  }

  /**
   * After a step was formed at `startS`: start a stretch with it, or go on with the parked one it resumes, if
   * the step and the policy allow; otherwise a resuming stretch ends, its members ordinary decodes of the step.
   */
  private tryStretch(startS: number, cost: StepCost): number {
    const stretch = this.stretch;
    const shape = this.shape;
    if (stretch === undefined) return Number.NaN;
    const decodesAll = shape.prefillSeqs === 0 && shape.decodeSeqs === this.runningCount && this.decodesAllNext();
    if (stretch.resuming) {
      if (decodesAll) return stretch.resume(cost);
      this.settleStretch();
      return Number.NaN;
    }
    if (!decodesAll) return Number.NaN;
    const endS = stretch.start(this.runningCount, startS, cost, shape.decodeContextTokens);
    if (!Number.isNaN(endS)) this.outsiderCount = 0;
    return endS;
  }

  /** The `n` members of the stretch just ended decode in the step being formed or running, as ordinary decodes. */
  private decodeSettled(n: number): void {
    const stretch = this.stretch!;
    for (let k = 0; k < n; k++) {
      const r = stretch.member(k);
      r.stepStamp = this.formStamp;
      r.lookaheadTokens = 0;
      this.decodeReqs[this.decodeCount++] = r;
    }
    this.outsiderCount = 0;
  }

  /** The head of the waiting queue cannot be admitted (or there is none), and will not be while blocks only fill. */
  private headBlocked(): boolean {
    const head = this.waiting.front();
    return head === null || this.runningCount >= this.limits.maxNumSeqs || !this.memory.couldAdmit(head);
  }

  private stepStarted(shape: StepShape, cost: StepCost, startS: number): void {
    this.busyS += cost.durationS;
    this.stepsRun++;
    this.listener.onStepStart(this, shape, cost, startS);
  }

  private decodeRunStarted(run: DecodeRun): void {
    this.busyS += run.sums.durationS;
    this.stepsRun += run.count;
    this.listener.onDecodeRun(this, run);
  }

  /** End the stretch; the step still running, if any, becomes the ordinary step in flight. */
  private endStretch(nowS: number, phase: PhaseNumber): number {
    const running = this.stretch!.stop(nowS, phase);
    this.clearStep();
    if (running === null) {
      this.busy = false;
      return Number.NaN;
    }
    this.formStamp++;
    const members = this.stretch!.settledCount;
    this.decodeSettled(members);
    this.shape.decodeSeqs = members;
    this.shape.decodeContextTokens = running.contextTokens;
    this.nowS = running.startS;
    this.stepStartS = running.startS;
    this.busy = true;
    return running.endS;
  }

  /**
   * The step's cost: the target model's pass, plus k draft steps over the speculating sequences, plus the
   * time to copy swapped blocks over the host link (the step waits for them, as vLLM's does).
   */
  private priceStep(): StepCost {
    const target = this.priceTarget();
    const spec = this.speculative;
    const draftS = spec !== undefined && this.draftShape.decodeSeqs > 0 ? spec.k * spec.draftCost.stepCost(this.draftShape).durationS : 0;
    const swapS = this.memory.takeSwapSeconds();
    if (draftS === 0 && swapS === 0) return target;
    this.counters.draftS += draftS;
    this.counters.swapS += swapS;
    const durationS = target.durationS + draftS + swapS;
    // Draft steps are decode-like (memory-bound); copies keep the device's compute idle.
    return { durationS, computeBoundFraction: (target.computeBoundFraction * target.durationS) / durationS };
  }

  /** The target model's pass over the step formed, in a reused object when the model can price in place. */
  private priceTarget(): StepCost {
    const model = this.cost;
    if (model.priceInto === undefined) return model.stepCost(this.shape);
    model.priceInto(this.shape, this.pricedSlot);
    return this.pricedCost.ofSlot(this.pricedSlot);
  }

  /**
   * Apply the step that ends at `nowS`: tokens, first tokens, completions. Returns NaN; during a decode stretch,
   * the time its next chunk ends when it goes on (the caller schedules the step end then).
   */
  finishStep(nowS: number): number {
    const stretch = this.stretch;
    if (stretch?.active === true) {
      stretch.advance(nowS, Phase.stepEnd);
      const nextS = stretch.continueAt();
      if (!Number.isNaN(nextS)) return nextS;
      if (stretch.lastStepIsQuiet) {
        stretch.finishLast();
      } else {
        // The last step ends like the others; the sequences it finished complete, in the order it decoded them.
        // When the batching policy would then decode all the others, and none joined (adopted from a prefill
        // replica), the stretch goes on with them.
        const finished = stretch.takeFinishers();
        for (let k = 0; k < finished; k++) this.complete(stretch.finisher(k), nowS);
        if (stretch.active && stretch.size === this.runningCount && this.decodesAllNext()) {
          const goesOnS = stretch.goOn();
          if (!Number.isNaN(goesOnS)) return goesOnS;
        }
        // Otherwise it parks, its members not brought up to date, until the policy decodes them all again.
        if (stretch.active) stretch.park();
      }
      // With no member left there is nothing to join, and no outsider either.
      if (!stretch.holdsMembers) this.outsiderCount = 0;
      this.nowS = nowS;
      this.busy = false;
      this.clearStep();
      return Number.NaN;
    }
    this.nowS = nowS;
    this.memory.observe(nowS);
    this.gaps.beginStep();
    this.busy = false;
    const memory = this.memory;
    const prefills = this.prefillReqs;
    for (let i = 0; i < this.prefillCount; i++) {
      const r = prefills[i]!;
      if (r.state !== "running") continue;
      const chunk = this.prefillChunk[i]!;
      r.contextTokens += chunk;
      memory.addTokens(chunk);
      this.counters.prefillTokens += chunk;
      if (r.prefixId >= 0) memory.afterPrefill(r);
      if (r.contextTokens >= r.prefillTargetTokens) this.emitTokens(r, nowS, 1);
    }
    for (let i = 0; i < this.decodeCount; i++) {
      const r = this.decodeReqs[i]!;
      if (r.state !== "running") continue;
      r.contextTokens += 1;
      memory.addTokens(1);
      this.counters.decodeTokens++;
      this.emitTokens(r, nowS, 1);
    }
    const spec = this.speculative;
    if (spec !== undefined) {
      for (let i = 0; i < this.verifyCount; i++) {
        const r = this.verifyReqs[i]!;
        if (r.state !== "running") continue;
        const accepted = acceptedDraftTokens(r.lookaheadTokens, spec.acceptanceRate, spec.uniform());
        this.counters.proposedTokens += r.lookaheadTokens;
        this.counters.acceptedTokens += accepted;
        this.counters.decodeTokens += accepted + 1;
        r.contextTokens += accepted + 1;
        memory.addTokens(accepted + 1);
        this.emitTokens(r, nowS, accepted + 1);
      }
    }
    this.clearStep();
    return Number.NaN;
  }

  /** A running sequence emitted its last token at `nowS`: it is done and leaves the replica. */
  private complete(r: Request, nowS: number): void {
    r.completionS = nowS;
    r.state = "done";
    this.release(r);
    this.listener.onCompleted(r, this);
  }

  /**
   * Would the batching policy form the next step of every running sequence's decode, as the stretch plans it?
   * So it declares (`steadyDecode`) while no prefill is left and the head of the queue cannot be admitted.
   */
  private decodesAllNext(): boolean {
    return this.runningCount > 0 && (this.batching.steadyDecode === "always" || this.headBlocked());
  }

  /** Take a completed request out of this replica; frees its blocks and its prefix reference. */
  private release(request: Request): void {
    this.memory.release(request);
    // Its entry stays in the list until `dropDone` (its state is "done"); it counts as gone at once.
    this.doneInList++;
    if (this.doneInList >= this.runningList.length - this.doneInList) this.dropDone();
    this.dropOutsider(request);
    this.listener.onLoadChange(this);
  }

  /** Take a request that is not done out of the running set at once (preempted, or handed off). */
  private dropRunning(request: Request): void {
    const list = this.runningList;
    const i = list.indexOf(request);
    if (i < 0) return;
    // Shifted by hand and popped: splice allocates an array of the removed element on every call, and
    // copyWithin on a plain array is about ten times slower than this loop in V8.
    for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k]!;
    list.pop();
    this.dropOutsider(request);
    this.listener.onLoadChange(this);
  }

  private dropOutsider(request: Request): void {
    for (let k = 0; k < this.outsiderCount; k++) {
      if (this.outsiders[k] !== request) continue;
      this.outsiders.copyWithin(k, k + 1, this.outsiderCount);
      this.outsiderCount--;
      break;
    }
  }

  /** `count` tokens of `r` arrive at `nowS` (more than one with speculative decoding). */
  private emitTokens(r: Request, nowS: number, count: number): void {
    r.generatedTokens += count;
    if (Number.isNaN(r.firstTokenS)) {
      r.firstTokenS = nowS;
      r.lastTokenS = nowS;
      this.gaps.recordZeros(count - 1, r.classIndex);
      this.listener.onFirstToken(r, this);
    } else {
      const gap = nowS - r.lastTokenS;
      if (gap > r.maxInterTokenS) r.maxInterTokenS = gap;
      r.lastTokenS = nowS;
      this.gaps.record(gap, r.classIndex);
      this.gaps.recordZeros(count - 1, r.classIndex);
    }
    if (r.generatedTokens >= r.outputTokens && r.state === "running") {
      this.complete(r, nowS);
    } else if (this.handsOffAfterPrefill && r.generatedTokens === 1 && r.state === "running") {
      this.handOff(r);
    }
  }

  /**
   * A prefill-only replica (disaggregated serving) passes a request on once its prefill has produced the first
   * token: it leaves the running set but keeps its KV blocks until the cluster has moved them.
   */
  private handOff(r: Request): void {
    this.dropRunning(r);
    this.memory.detach(r);
    r.state = "transferring";
    this.listener.onHandOff(r, this);
  }

  /** Take `blocks` KV blocks for a transfer into this replica, if admission allows (keeping the watermark). */
  reserveTransferBlocks(blocks: number): boolean {
    this.assertNotPlanning("reserveTransferBlocks");
    if (!this.kv.canAdmit(blocks)) return false;
    this.observeNow();
    return this.kv.allocate(blocks);
  }

  /** Give back the KV blocks of a request that has left (after its KV was transferred). */
  releaseBlocks(blocks: number): void {
    this.assertNotPlanning("releaseBlocks");
    this.observeNow();
    this.kv.release(blocks);
  }

  /**
   * Take in a request whose KV cache has arrived from a prefill replica (its blocks already reserved here): it
   * joins the running set and decodes from the next step.
   */
  adopt(r: Request, kvBlocks: number): void {
    // It joins the running set, not the step in flight: a stretch must have its last step formed.
    this.assertNotPlanning("adopt");
    this.observeNow();
    r.kvBlocks = kvBlocks;
    r.stepStamp = -1;
    this.memory.attach(r);
    r.state = "running";
    r.replica = this.index;
    this.addRunning(r);
    this.listener.onLoadChange(this);
  }

  /**
   * Take a victim's KV away. Swap: its own blocks are copied to host memory (the step pays the copy) and come
   * back when it is admitted again, context intact. Recompute (also when host memory is full): its blocks are
   * freed, and its prompt and the tokens generated so far are prefilled again.
   */
  private preempt(victim: Request): void {
    victim.preemptions++;
    this.preemptions++;
    this.dropRunning(victim);
    if (this.preemptionMode === "swap" && this.memory.swapOut(victim)) {
      this.counters.swapPreemptions++;
    } else {
      this.memory.release(victim);
      this.counters.recomputePreemptions++;
      victim.contextTokens = 0;
      victim.prefillTargetTokens = victim.promptTokens + victim.generatedTokens;
    }
    this.enqueue(victim, this.nowS);
    this.listener.onPreempted(victim, this);
  }

  private clearStep(): void {
    this.prefillCount = 0;
    this.decodeCount = 0;
    this.verifyCount = 0;
    resetShape(this.shape);
    resetShape(this.draftShape);
  }
}
