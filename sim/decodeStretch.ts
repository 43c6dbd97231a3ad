import { Phase } from "./events.ts";
import type { PhaseNumber } from "./events.ts";
import type { KvBlockManager } from "./kvCache.ts";
import type { KvMemory } from "./kvMemory.ts";
import type { GapRecorder } from "./metrics/gaps.ts";
import { emptyStepShape } from "./ports.ts";
import type { StepCost, StepCostModel, StepShape } from "./ports.ts";
import type { EngineCounters } from "./replicaEngine.ts";
import type { Request } from "./request.ts";

/**
 * Steps a stretch plans when it starts; each extension plans twice as many as the last, up to MAX_CHUNK_STEPS.
 * Small first chunks waste little when an arrival cuts a stretch short; doubling keeps long stretches to a few
 * events.
 */
const FIRST_CHUNK_STEPS = 8;
const MAX_CHUNK_STEPS = 1024;

/** What a stretch reads and updates of its replica. */
export interface StretchHost {
  readonly kv: KvBlockManager;
  readonly memory: KvMemory;
  readonly counters: EngineCounters;
  readonly gaps: GapRecorder;
  /** A step of the stretch starts at `startS`: busy time, step count, observers. */
  stepStarted(shape: StepShape, cost: StepCost, startS: number): void;
}

/**
 * The fast path of a replica: a stretch of decode steps in which every running sequence decodes one token per
 * step and nothing joins or needs a KV block that is not free. Such a stretch is fully determined when it
 * starts (context grows by one token per sequence per step, blocks are taken at known steps, each sequence
 * finishes at a known step), so it is planned ahead and advanced lazily: its steps start and end as the clock
 * passes them, updating only O(1) aggregates (blocks in use, counters, KV integrals, gap runs, observers), and
 * the sequences themselves are brought up to date once, when they finish or the stretch ends or is cut short.
 * One event is scheduled per planned chunk, not per step.
 *
 * Step 1 is formed by the batching policy as usual; later steps are planned here, up to the step in which the
 * first sequences finish (or the last one before a block would be missing). At that step's end the finished
 * sequences leave (`takeFinishers`), and when the policy would decode all the others next, the stretch goes on
 * with them (`goOn`); otherwise it stops and the replica forms its next step as usual. It must give exactly
 * what plain stepping gives: same step times (each end is the previous end plus the step's cost, as the event
 * queue computes it), same blocks, same sums in the same order per replica.
 *
 * Times and phases: step j ends at endS[j] (phase stepEnd) and step j + 1 is formed at the same instant in the
 * replicaWake phase, after the arrivals of that instant; `advance` follows the same rule.
 */
export class DecodeStretch {
  /** True while a stretch is planned and not yet ended or cut short. */
  active = false;
  /** The sequences of the step being formed, then of the stretch (the first `gathered`, then `batch`). */
  private readonly members: Request[] = [];
  private gathered = 0;
  private gatherStartS = Number.NaN;
  /** Fewest output tokens any gathered sequence has left. */
  private minLeft = Number.POSITIVE_INFINITY;
  /** False when a gathered sequence cannot be planned (no token yet, or irregular KV growth). */
  private gatherable = false;
  /** Per sequence: the step of the stretch at which it first takes a new block (Infinity: never). */
  private readonly firstBlockStep: number[] = [];
  /** Per sequence: its context when the stretch started. */
  private readonly contextAtStart: number[] = [];
  /** Per sequence: the step of the stretch in which it emits its last token. */
  private readonly finishStep: number[] = [];
  /** Per sequence: 1 while it is in the stretch, 0 once it finished (and completed) in it. */
  private readonly alive: number[] = [];
  /** Sequences gathered when the stretch started (`batch` of them are still in it). */
  private memberCount = 0;
  /** The sequences that finished in the last step, in member order (the first `finisherCount`). */
  private readonly finishers: Request[] = [];
  private finisherCount = 0;
  /**
   * Per residue of the step modulo the block size: sequences in the stretch that took their first new block at
   * a planned step of that residue, so take one more every block size (paged KV).
   */
  private readonly periodicBlocks: number[] = [];

  /** Sequences that take their first new block at a given step; valid where `firstBlocksStamp` is this stretch's. */
  private readonly firstBlocksAt: number[] = [];
  private readonly firstBlocksStamp: number[] = [];
  /** Counts the stretches started, to tell this stretch's entries of `firstBlocksAt` from stale ones. */
  private generation = 0;
  /** Sequences per class (gap runs are per class). */
  private readonly classCounts: number[] = [];
  /**
   * The gaps of step 1 in two runs per class plus the rest. Per class, the sequences whose last token came at
   * the start of step 1 (all of them when steps run back to back): their first gap is step 1's duration.
   */
  private readonly firstGapCounts: number[] = [];
  /**
   * Per class, the sequences whose last token came at `pausedSinceS`, the time of the first other sequence's
   * last token (those that sat out a prefill-only step, typically, all had their last token then).
   */
  private readonly pausedCounts: number[] = [];
  private pausedSinceS = Number.NaN;
  /** Indices (in `members`) of the sequences whose last token came at neither time. */
  private readonly oddFirstGaps: number[] = [];
  private oddCount = 0;
  /** endS[0] is the start of step 1; endS[j] the end of step j. */
  private readonly endS: number[] = [];
  /** The cost of step j (j ≥ 2; step 1 was priced by the replica). */
  private readonly costs: StepCost[] = [];
  /** Blocks taken when step j is formed (j ≥ 2). */
  private readonly blocksAt: number[] = [];
  private readonly shape: StepShape = emptyStepShape();
  /** Sequences in the stretch now. */
  private batch = 0;
  /** Their context before step 1: step j decodes over contextAtFirst + (j - 1) × batch tokens. */
  private contextAtFirst = 0;
  private readonly blockSize: number;
  /** The next step in which sequences finish, or the last step before a block would be missing. */
  private lastStep = 0;
  /** The next step in which sequences finish. */
  private completionStep = 0;
  private planned = 0;
  /** The step whose end has an event (the end of the last planned chunk). */
  private eventStep = 0;
  private formed = 0;
  private finished = 0;
  private freeAtStart = 0;
  private blocksPlanned = 0;
  private chunk = FIRST_CHUNK_STEPS;
  /** Largest step duration of steps 1..finished (every sequence has a gap at least that long). */
  private laterGapMaxS = 0;

  constructor(
    private readonly host: StretchHost,
    private readonly cost: StepCostModel,
  ) {
    this.blockSize = host.kv.blockSizeTokens;
  }

  /**
   * A step is being formed at `startS`: the sequences it decodes are passed to `gather` one by one, as the
   * batching policy adds them, so that `start` needs no pass of its own over them.
   */
  beginGather(startS: number): void {
    const classCounts = this.classCounts;
    for (let c = 0; c < classCounts.length; c++) {
      classCounts[c] = 0;
      this.firstGapCounts[c] = 0;
      this.pausedCounts[c] = 0;
    }
    this.gatherStartS = startS;
    this.gathered = 0;
    this.oddCount = 0;
    this.pausedSinceS = Number.NaN;
    this.minLeft = Number.POSITIVE_INFINITY;
    this.gatherable = true;
  }

  /** The step being formed decodes `r` (its KV for this step already reserved). */
  gather(r: Request): void {
    const i = this.gathered++;
    this.members[i] = r;
    const left = r.outputTokens - r.generatedTokens;
    if (left < this.minLeft) this.minLeft = left;
    // Step j reserves the KV of context + j tokens (context as before step 1); a sequence decodes at most
    // `left` more steps.
    const nextAt = this.host.memory.nextBlockAtTokens(r, r.contextTokens + left);
    const lastS = r.lastTokenS;
    if (Number.isNaN(nextAt) || Number.isNaN(lastS)) this.gatherable = false;
    this.firstBlockStep[i] = nextAt - r.contextTokens;
    this.contextAtStart[i] = r.contextTokens;
    this.finishStep[i] = left;
    const classCounts = this.classCounts;
    while (classCounts.length <= r.classIndex) {
      classCounts.push(0);
      this.firstGapCounts.push(0);
      this.pausedCounts.push(0);
    }
    classCounts[r.classIndex]!++;
    if (lastS === this.gatherStartS) this.firstGapCounts[r.classIndex]!++;
    else {
      if (Number.isNaN(this.pausedSinceS)) this.pausedSinceS = lastS;
      if (lastS === this.pausedSinceS) this.pausedCounts[r.classIndex]!++;
      else this.oddFirstGaps[this.oddCount++] = i;
    }
  }

  /**
   * Try to start a stretch from step 1, just formed at `startS` with `firstCost`, decoding the `batch`
   * sequences gathered (whose context lengths sum to `contextTokens`): all the replica's running sequences.
   * Returns the end of the first planned chunk (when the replica's step-end event is due), or NaN when no
   * stretch is possible or worth it (a single step in which no sequence finishes).
   */
  start(batch: number, startS: number, firstCost: StepCost, contextTokens: number): number {
    const lastStep = this.minLeft;
    if (!this.gatherable || this.gathered !== batch || startS !== this.gatherStartS || !(lastStep >= 1)) return Number.NaN;
    const generation = ++this.generation;
    for (let i = 0; i < batch; i++) {
      this.alive[i] = 1;
      const step = this.firstBlockStep[i]!;
      if (step !== Number.POSITIVE_INFINITY) {
        const fresh = this.firstBlocksStamp[step] !== generation;
        this.firstBlocksAt[step] = fresh ? 1 : this.firstBlocksAt[step]! + 1;
        this.firstBlocksStamp[step] = generation;
      }
    }
    for (let k = 0; k < this.blockSize; k++) this.periodicBlocks[k] = 0;
    this.memberCount = batch;
    this.batch = batch;
    this.contextAtFirst = contextTokens;
    this.lastStep = lastStep;
    this.completionStep = lastStep;
    this.endS[0] = startS;
    this.endS[1] = startS + firstCost.durationS;
    this.planned = 1;
    this.formed = 1;
    this.finished = 0;
    this.freeAtStart = this.host.kv.freeBlocks;
    this.blocksPlanned = 0;
    this.chunk = FIRST_CHUNK_STEPS;
    this.laterGapMaxS = 0;
    this.plan();
    // A first step in which sequences finish is worth a stretch (it goes on past them); a lone quiet step is not.
    if (this.planned < 2 && this.completionStep > 1) return Number.NaN;
    this.active = true;
    this.eventStep = this.planned;
    return this.endS[this.planned]!;
  }

  /** Plan the next chunk of steps (up to the last step, or until blocks would run out). */
  private plan(): void {
    const target = Math.min(this.lastStep, this.planned + this.chunk);
    this.chunk = Math.min(2 * this.chunk, MAX_CHUNK_STEPS);
    const shape = this.shape;
    shape.decodeSeqs = this.batch;
    const periodic = this.periodicBlocks;
    for (let j = this.planned + 1; j <= target; j++) {
      // Sequences that first cross a block boundary now, plus those that did a multiple of block size ago.
      const first = this.firstBlocksStamp[j] === this.generation ? this.firstBlocksAt[j]! : 0;
      const residue = j % this.blockSize;
      const blocks = first + periodic[residue]!;
      if (this.blocksPlanned + blocks > this.freeAtStart) {
        this.lastStep = this.planned;
        return;
      }
      periodic[residue] = periodic[residue]! + first;
      this.blocksPlanned += blocks;
      shape.decodeContextTokens = this.contextAtFirst + (j - 1) * this.batch;
      const cost = this.cost.stepCost(shape);
      this.blocksAt[j] = blocks;
      this.costs[j] = cost;
      this.endS[j] = this.endS[j - 1]! + cost.durationS;
      this.planned = j;
    }
  }

  /**
   * At the stretch's step-end event: plan the next chunk and return when its event is due, or NaN when the
   * stretch ends with this step (the replica then finishes it as an ordinary step, after `stop`).
   */
  continueAt(): number {
    if (this.planned < this.lastStep) this.plan();
    if (this.planned === this.eventStep) return Number.NaN;
    this.eventStep = this.planned;
    return this.endS[this.planned]!;
  }

  /**
   * Make the step running at (`nowS`, `phase`) the last of the stretch, so the waiting queue or the KV blocks
   * may change (the running set may not: that needs `stop`). Returns when that step ends (its step end is then
   * due; the earlier event is stale), or NaN when no step runs now (the stretch has then stopped).
   */
  truncate(nowS: number, phase: PhaseNumber): number {
    this.advance(nowS, phase);
    if (this.finished === this.formed) {
      this.stop(nowS, phase);
      return Number.NaN;
    }
    this.lastStep = this.formed;
    this.planned = this.formed;
    this.eventStep = this.formed;
    return this.endS[this.formed]!;
  }

  /** Sequences in the stretch now. */
  get size(): number {
    return this.batch;
  }

  /** True while active with its last step formed: the queue and the blocks may change without cutting it. */
  get formsNoMore(): boolean {
    return this.active && this.formed === this.lastStep;
  }

  /** At the last step's end: true when no sequence finishes in it, so it can end without being formed anew. */
  get lastStepIsQuiet(): boolean {
    return this.eventStep < this.completionStep;
  }

  /** End the last step here (after `advance`, when `lastStepIsQuiet`) and stop: the replica is then idle. */
  finishLast(nowS: number): void {
    this.finish(this.eventStep);
    if (this.stop(nowS, Phase.stepEnd) !== null) throw new Error("internal: a decode stretch ended with a step running");
  }

  /**
   * End the last step here (after `advance`, when it is not quiet), and take out the sequences that finished in
   * it, brought up to date: `finisher(0..n-1)`, in the order the step decoded them. Returns n. The stretch
   * stays active, its last step ended, until `goOn` or `stop`.
   */
  takeFinishers(): number {
    const k = this.eventStep;
    this.finish(k);
    const bs = this.blockSize;
    let n = 0;
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.memberCount; i++) {
      if (this.alive[i] === 0) continue;
      const at = this.finishStep[i]!;
      if (at !== k) {
        if (at < next) next = at;
        continue;
      }
      const r = this.members[i]!;
      this.bringUpToDate(r, i, k, k);
      this.alive[i] = 0;
      this.finishers[n++] = r;
      // The stretch goes on without it: its share of the batch, context and future blocks goes.
      this.batch--;
      this.classCounts[r.classIndex]!--;
      this.contextAtFirst -= this.contextAtStart[i]!;
      const first = this.firstBlockStep[i]!;
      if (first <= k) this.periodicBlocks[first % bs]!--;
      else if (first !== Number.POSITIVE_INFINITY) this.firstBlocksAt[first]!--;
    }
    this.finisherCount = n;
    this.completionStep = next;
    return n;
  }

  finisher(k: number): Request {
    if (k >= this.finisherCount) throw new Error(`internal: decode stretch finisher ${k} of ${this.finisherCount}`);
    return this.finishers[k]!;
  }

  /**
   * After `takeFinishers` (and the finished sequences completed): plan on from the next step with the sequences
   * left, as the batching policy would form it (the replica checks that it would). Returns when the next
   * chunk's event is due, or NaN when the stretch cannot go on (the caller then stops it).
   */
  goOn(): number {
    const k = this.eventStep;
    if (!this.active || this.batch === 0 || this.finished !== k || this.planned !== k) return Number.NaN;
    this.lastStep = this.completionStep;
    this.freeAtStart = this.host.kv.freeBlocks;
    this.blocksPlanned = 0;
    this.plan();
    if (this.planned === k) return Number.NaN;
    this.eventStep = this.planned;
    return this.endS[this.planned]!;
  }

  /**
   * Start and end the steps whose times have come by (`nowS`, `phase`), in order, without touching the
   * sequences. Never ends the event step: its step-end event does.
   */
  advance(nowS: number, phase: PhaseNumber): void {
    if (!this.active) return;
    for (;;) {
      if (this.finished < this.formed) {
        const j = this.formed;
        if (j >= this.eventStep || this.endS[j]! > nowS) return;
        this.finish(j);
      } else {
        const t = this.endS[this.finished]!;
        if (t > nowS || (t === nowS && phase < Phase.replicaWake)) return;
        this.form(this.finished + 1);
      }
    }
  }

  private form(j: number): void {
    const host = this.host;
    const startS = this.endS[j - 1]!;
    host.memory.observe(startS);
    if (!host.kv.allocate(this.blocksAt[j]!)) throw new Error(`internal: decode stretch step ${j} lacks KV blocks`);
    this.formed = j;
    const shape = this.shape;
    shape.decodeSeqs = this.batch;
    shape.decodeContextTokens = this.contextAtFirst + (j - 1) * this.batch;
    host.counters.batchSeqs += this.batch;
    host.stepStarted(shape, this.costs[j]!, startS);
  }

  private finish(j: number): void {
    const host = this.host;
    const endS = this.endS[j]!;
    host.memory.observe(endS);
    host.gaps.beginStep();
    host.memory.addTokens(this.batch);
    host.counters.decodeTokens += this.batch;
    // Every sequence's gap is this step's duration, except in step 1 for those whose last token came earlier.
    // Sequences take the largest gap of the stretch when it stops (an odd sequence's own first gap is larger).
    const gap = endS - this.endS[j - 1]!;
    if (gap > this.laterGapMaxS) this.laterGapMaxS = gap;
    const counts = j === 1 ? this.firstGapCounts : this.classCounts;
    for (let c = 0; c < counts.length; c++) host.gaps.recordMany(gap, c, counts[c]!);
    if (j === 1) {
      const pausedGap = endS - this.pausedSinceS;
      for (let c = 0; c < counts.length; c++) host.gaps.recordMany(pausedGap, c, this.pausedCounts[c]!);
      for (let k = 0; k < this.oddCount; k++) {
        const r = this.members[this.oddFirstGaps[k]!]!;
        const own = endS - r.lastTokenS;
        if (own > r.maxInterTokenS) r.maxInterTokenS = own;
        host.gaps.record(own, r.classIndex);
      }
    }
    this.finished = j;
  }

  /**
   * End the stretch at (`nowS`, `phase`): bring every sequence up to the steps that have ended, give it the
   * blocks of the steps that have started. Returns the step still running (its number, start and end), or
   * null when the last started step has ended too (the replica is idle).
   */
  stop(nowS: number, phase: PhaseNumber): { step: number; startS: number; endS: number; contextTokens: number } | null {
    this.advance(nowS, phase);
    this.active = false;
    const done = this.finished;
    const formed = this.formed;
    for (let i = 0; i < this.memberCount; i++) {
      if (this.alive[i] !== 0) this.bringUpToDate(this.members[i]!, i, done, formed);
    }
    if (done === formed) return null;
    return {
      step: formed,
      startS: this.endS[formed - 1]!,
      endS: this.endS[formed]!,
      contextTokens: this.contextAtFirst + (formed - 1) * this.batch,
    };
  }

  /** Bring sequence `i` (`r`) up to `done` steps ended and `formed` steps started (its blocks taken). */
  private bringUpToDate(r: Request, i: number, done: number, formed: number): void {
    if (done > 0) {
      const pausedSinceS = this.pausedSinceS;
      const gapMaxS = r.lastTokenS === pausedSinceS ? Math.max(this.laterGapMaxS, this.endS[1]! - pausedSinceS) : this.laterGapMaxS;
      if (gapMaxS > r.maxInterTokenS) r.maxInterTokenS = gapMaxS;
      r.generatedTokens += done;
      r.contextTokens += done;
      r.lastTokenS = this.endS[done]!;
    }
    const first = this.firstBlockStep[i]!;
    if (first <= formed) r.kvBlocks += 1 + Math.floor((formed - first) / this.blockSize);
  }
}
