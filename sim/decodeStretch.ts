import { Phase } from "./events.ts";
import type { PhaseNumber } from "./events.ts";
import { DecodeRun } from "./decodeRun.ts";
import type { KvBlockManager } from "./kvCache.ts";
import type { KvMemory } from "./kvMemory.ts";
import type { GapRecorder } from "./metrics/gaps.ts";
import { emptyStepShape } from "./ports.ts";
import type { StepCost, StepCostModel, StepCostSlot, StepShape } from "./ports.ts";
import type { EngineCounters } from "./replicaEngine.ts";
import type { Request } from "./request.ts";
import { FinishQueue } from "./finishQueue.ts";
import { RunSums } from "./runSums.ts";
import { StepGapMax } from "./stepGapMax.ts";
import { MAX_LEAD_STEPS, StepRing } from "./stepRing.ts";
import type { StepCounts } from "./stepRing.ts";

/**
 * Steps a stretch plans when it starts; each extension plans twice as many as the last, up to MAX_CHUNK_STEPS.
 * Small first chunks waste little when an arrival cuts a stretch short; doubling keeps long stretches to a few
 * events.
 */
const FIRST_CHUNK_STEPS = 8;
/** At most half a step ring (stepRing.ts), so that the steps planned fit in it with the counts kept ahead. */
const MAX_CHUNK_STEPS = 256;

/**
 * The sums of the run a stretch reports, shared by every stretch: a run's sums are set and read within one call
 * (`runSteps`), before any other run is set, so one object serves all. With one per stretch, `fleet` (576
 * replicas) missed the last-level cache about 17 more times a request (cachegrind, 1 MB simulated, 100,000
 * requests: 56.6 M against 55.0 M misses).
 */
const SHARED_RUN_SUMS = new RunSums();
/** Members are compacted (the finished ones dropped) when more than this many, and twice those left, are kept. */
const COMPACT_MIN_MEMBERS = 64;

/** What a stretch is doing: nothing (no members), running steps, parked, or resuming with the step being formed. */
type StretchMode = "none" | "running" | "parked" | "resuming";

/** What a stretch reads and updates of its replica. */
export interface StretchHost {
  readonly kv: KvBlockManager;
  readonly memory: KvMemory;
  readonly counters: EngineCounters;
  readonly gaps: GapRecorder;
  /** A step of the stretch starts at `startS`: busy time, step count, observers. */
  stepStarted(shape: StepShape, cost: StepCost, startS: number): void;
  /** Steps of the stretch started (and ended), reported together: as `stepStarted` for each in turn. */
  decodeRunStarted(run: DecodeRun): void;
  /** When the next request may reach the replica (Infinity when unknown). */
  nextArrivalS(): number;
}

/**
 * The fast path of a replica: a stretch of decode steps in which every member sequence decodes one token per
 * step and nothing else runs. Such a stretch is fully determined when it starts (context grows by one token per
 * sequence per step, blocks are taken at known steps, each sequence finishes at a known step), so it is planned
 * ahead and advanced lazily: its steps start and end as the clock passes them, updating only O(1) aggregates
 * (blocks in use, counters, KV integrals, gap runs, observers), and the sequences themselves are brought up to
 * date once, when they finish or the stretch ends. One event is scheduled per planned chunk, not per step.
 *
 * Its first step is formed by the batching policy as usual (`start`, after `beginGather`/`gather`); later steps
 * are planned here, up to the step in which the next sequences finish (or the last one before a block would be
 * missing). At that step's end the finished sequences leave (`takeFinishers`), and when the policy would decode
 * all the others next, the stretch goes on with them (`goOn`).
 *
 * When it cannot go on (a request waits that the policy would admit), the stretch is parked: its members stay
 * as they were planned, not brought up to date, while the replica runs other steps (a prefill). When the policy
 * next decodes every running sequence, the replica resumes it (`beginResume`): sequences that finished their
 * prefill meanwhile join it (`join`), and it goes on from that step (`resume`). Steps are numbered across
 * resumes; a member that joined at step s has decoded the steps s.. since. Anything that needs the members
 * as they are ends the stretch first (`stop`, or `stopResuming` while the step it resumes with is formed).
 *
 * It must give exactly what plain stepping gives: same step times (each end is the previous end plus the step's
 * cost, as the event queue computes it), same blocks, same sums (up to order) per replica.
 *
 * Times and phases: step j ends at its planned end (phase stepEnd) and step j + 1 is formed at the same instant
 * in the replicaWake phase, after the arrivals of that instant; `advance` follows the same rule.
 */
export class DecodeStretch {
  private mode: StretchMode = "none";

  // Per member (in the order they joined, which is the replica's running order), by index.
  private readonly members: Request[] = [];
  /** The step at which it first takes a new block (Infinity: never). */
  private readonly firstBlockStep: number[] = [];
  /** Its context before step j is contextOffset + j. */
  private readonly contextOffset: number[] = [];
  /** The step in which it emits its last token. */
  private readonly finishStep: number[] = [];
  /** Its first step in the stretch. */
  private readonly joinStep: number[] = [];
  /** Its last token's time before it joined, then its gap in its first step. */
  private readonly firstGapS: number[] = [];
  /** 1 while it is in the stretch, 0 once it finished (and completed) in it. */
  private readonly alive: number[] = [];
  private memberCount = 0;
  /** Members still in the stretch. */
  private batch = 0;
  /** Sum of the members' context offsets: step j decodes over contextBase + j × batch tokens. */
  private contextBase = 0;

  // Gathering the first step's sequences while the policy forms it.
  private gathered = 0;
  /** Fewest output tokens any gathered sequence has left. */
  private minLeft = Number.POSITIVE_INFINITY;
  /** False when a gathered sequence cannot be planned (no token yet, or irregular KV growth). */
  private gatherable = false;

  /** The members alive, by the step in which they finish. */
  private readonly finishing = new FinishQueue();
  /** The sequences that finished in the last step, in member order (the first `finisherCount`). */
  private readonly finishers: Request[] = [];
  private finisherCount = 0;
  /**
   * Per residue of the step modulo the block size: members that took their first new block at a planned step of
   * that residue, so take one more every block size (paged KV).
   */
  private readonly periodicBlocks: number[] = [];
  /** Members per class (gap runs are per class). */
  private readonly classCounts: number[] = [];
  /**
   * The gaps of the first step (when the stretch started or resumed) in two runs per class plus the rest. Per
   * class, the members whose last token came when that step started: their gap is its duration.
   */
  private readonly firstGapCounts: number[] = [];
  /**
   * Per class, the members whose last token came at `pausedSinceS`: when resuming, the end of the stretch's last
   * step before it parked; when starting, the time of the first other gathered sequence's last token (those that
   * sat out a prefill-only step, typically, all had their last token then).
   */
  private readonly pausedCounts: number[] = [];
  private pausedSinceS = Number.NaN;
  /** Members whose last token came at neither time (their gaps are recorded one by one). */
  private readonly oddFirstGaps: number[] = [];
  private oddCount = 0;
  /**
   * The step the stretch started or last resumed with, and when it started (set as its sequences are gathered
   * or join: their last tokens are compared with it).
   */
  private firstStep = 0;
  private firstStartS = Number.NaN;
  /** Members from this index on joined at `firstStep`. */
  private firstJoiner = 0;
  /** When each step ends, and what each planned step costs and takes in blocks. */
  private readonly steps = new StepRing();
  /** Members that take their first new block at a step. */
  private readonly firstBlocksAt: StepCounts = this.steps.counts;
  /** Largest step-to-step gap over the steps ended, for each member's largest gap. */
  private readonly gapMax = new StepGapMax();
  private readonly shape: StepShape = emptyStepShape();
  private readonly blockSize: number;
  /** The next step in which members finish, or the last step before a block would be missing. */
  private lastStep = 0;
  private planned = 0;
  /** The step whose end has an event (the end of the last planned chunk). */
  private eventStep = 0;
  private formed = 0;
  private finished = 0;
  private freeAtStart = 0;
  private blocksPlanned = 0;
  private chunk = FIRST_CHUNK_STEPS;
  /** Members brought up to date when the stretch last ended (the first `settled`). */
  private readonly settledMembers: Request[] = [];
  private settled = 0;

  /** Steps reported together (`runSteps`), and their gaps. */
  private readonly run = new DecodeRun(this.steps, SHARED_RUN_SUMS);

  /** A planned step's cost, priced in place. */
  private readonly priced: StepCostSlot = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };

  constructor(
    private readonly host: StretchHost,
    private readonly cost: StepCostModel,
  ) {
    this.blockSize = host.kv.blockSizeTokens;
  }

  /** Price a planned step into `priced`, without an object per step when the cost model can. */
  private price(shape: StepShape): void {
    const into = this.priced;
    if (this.cost.priceInto !== undefined) {
      this.cost.priceInto(shape, into);
      return;
    }
    const c = this.cost.stepCost(shape);
    into.durationS = c.durationS;
    into.computeBoundFraction = c.computeBoundFraction;
    into.memoryBoundFraction = c.memoryBoundFraction ?? Number.NaN;
  }

  /** Members still in the stretch. */
  get size(): number {
    return this.batch;
  }

  /** True while steps are planned or running (not yet ended, cut short or parked). */
  get active(): boolean {
    return this.mode === "running";
  }

  /** True while parked: no step of it runs, and its members are not up to date. */
  get parked(): boolean {
    return this.mode === "parked";
  }

  /** True between `beginResume` and `resume` (or `stopResuming`): the policy is forming the step it resumes with. */
  get resuming(): boolean {
    return this.mode === "resuming";
  }

  /** True while the stretch has members (running, parked or resuming). */
  get holdsMembers(): boolean {
    return this.mode !== "none";
  }

  // ---- starting: step 1 formed by the policy ----

  /**
   * A step is being formed at `startS`: the sequences it decodes are passed to `gather` one by one, as the
   * batching policy adds them, so that `start` needs no pass of its own over them. Ignored while the stretch
   * holds members.
   */
  beginGather(startS: number): void {
    if (this.holdsMembers) {
      this.gatherable = false;
      return;
    }
    const classCounts = this.classCounts;
    for (let c = 0; c < classCounts.length; c++) {
      classCounts[c] = 0;
      this.firstGapCounts[c] = 0;
      this.pausedCounts[c] = 0;
    }
    this.firstStartS = startS;
    this.gathered = 0;
    this.oddCount = 0;
    this.pausedSinceS = Number.NaN;
    this.minLeft = Number.POSITIVE_INFINITY;
    this.gatherable = true;
  }

  /** The step being formed decodes `r` (its KV for this step already reserved). */
  gather(r: Request): void {
    if (!this.gatherable) return;
    const i = this.gathered++;
    const left = r.outputTokens - r.generatedTokens;
    if (left < this.minLeft) this.minLeft = left;
    // As if the step being formed were step 1; `start` rebases.
    const firstBlock = this.firstBlockStepOf(r, 1, 0);
    if (Number.isNaN(firstBlock)) {
      this.gatherable = false;
      return;
    }
    this.members[i] = r;
    this.firstBlockStep[i] = firstBlock;
    this.contextOffset[i] = r.contextTokens;
    this.finishStep[i] = left;
    this.classify(r, i);
  }

  /** Count member `i` (`r`) in its class and in the run of its first gap. */
  private classify(r: Request, i: number): void {
    const classCounts = this.classCounts;
    const c = r.classIndex;
    while (classCounts.length <= c) {
      classCounts.push(0);
      this.firstGapCounts.push(0);
      this.pausedCounts.push(0);
    }
    classCounts[c]!++;
    const lastS = r.lastTokenS;
    this.firstGapS[i] = lastS;
    if (lastS === this.firstStartS) this.firstGapCounts[c]!++;
    else {
      if (Number.isNaN(this.pausedSinceS)) this.pausedSinceS = lastS;
      if (lastS === this.pausedSinceS) this.pausedCounts[c]!++;
      else this.oddFirstGaps[this.oddCount++] = i;
    }
  }

  /**
   * Try to start a stretch from the step just formed at `startS` with `firstCost`, decoding the `batch`
   * sequences gathered (whose context lengths sum to `contextTokens`): all the replica's running sequences.
   * Returns the end of the first planned chunk (when the replica's step-end event is due), or NaN when no
   * stretch is possible or worth it (a single step in which no sequence finishes).
   */
  start(batch: number, startS: number, firstCost: StepCost, contextTokens: number): number {
    if (!this.gatherable || this.holdsMembers || this.gathered !== batch || startS !== this.firstStartS || !(this.minLeft >= 1)) {
      return Number.NaN;
    }
    // Steps are numbered on from the last stretch's, so the rings' entries of earlier stretches never match.
    const j = this.formed + 1;
    for (let i = 0; i < batch; i++) {
      this.alive[i] = 1;
      this.joinStep[i] = j;
      this.finishStep[i]! += j - 1;
      this.contextOffset[i]! -= j;
      this.firstBlockStep[i]! += j - 1;
      this.firstBlocksAt.add(this.firstBlockStep[i]!, 1);
      this.finishing.push(this.finishStep[i]!, i);
    }
    for (let k = 0; k < this.blockSize; k++) this.periodicBlocks[k] = 0;
    this.memberCount = batch;
    this.batch = batch;
    this.contextBase = contextTokens - j * batch;
    this.gapMax.clear();
    this.firstStep = j;
    this.firstJoiner = 0;
    this.steps.setEnd(j - 1, startS);
    this.finished = j - 1;
    this.lastStep = j - 1 + this.minLeft;
    if (!this.runFrom(j, firstCost, true)) {
      // A lone quiet step is not worth a stretch (a first step in which sequences finish is: it goes on past them).
      for (let i = 0; i < batch; i++) this.firstBlocksAt.add(this.firstBlockStep[i]!, -1);
      this.finishing.clear();
      this.memberCount = 0;
      this.batch = 0;
      return Number.NaN;
    }
    return this.steps.endOf(this.planned);
  }

  /**
   * Step `j`, formed by the policy and priced at `cost`, runs: plan the first chunk after it. False (nothing
   * set going) when the step would be a lone quiet one and `mayDecline`.
   */
  private runFrom(j: number, cost: StepCost, mayDecline: boolean): boolean {
    this.steps.setEnd(j, this.firstStartS + cost.durationS);
    for (let i = this.firstJoiner; i < this.memberCount; i++) this.firstGapS[i] = this.steps.endOf(j) - this.firstGapS[i]!;
    this.formed = j;
    this.planned = j;
    this.freeAtStart = this.host.kv.freeBlocks;
    this.blocksPlanned = 0;
    this.chunk = FIRST_CHUNK_STEPS;
    this.plan();
    if (mayDecline && this.planned === j && this.completionStep > j) return false;
    this.mode = "running";
    this.eventStep = this.planned;
    return true;
  }

  /** Plan the next chunk of steps (up to the last step, or until blocks would run out). */
  private plan(): void {
    const target = Math.min(this.lastStep, this.planned + this.chunk);
    this.chunk = Math.min(2 * this.chunk, MAX_CHUNK_STEPS);
    const shape = this.shape;
    shape.decodeSeqs = this.batch;
    const pricer = this.cost.decodePricer?.(this.batch);
    const periodic = this.periodicBlocks;
    // The next arrival will cut the stretch in the step it falls in: steps planned after that would be wasted.
    const arrivalS = this.host.nextArrivalS();
    for (let j = this.planned + 1; j <= target; j++) {
      // Members that first cross a block boundary now, plus those that did a multiple of block size ago.
      const first = this.firstBlocksAt.at(j);
      const residue = j % this.blockSize;
      const blocks = first + periodic[residue]!;
      if (this.blocksPlanned + blocks > this.freeAtStart) {
        this.lastStep = this.planned;
        return;
      }
      periodic[residue] = periodic[residue]! + first;
      this.blocksPlanned += blocks;
      const cost = this.priced;
      if (pricer === undefined) {
        shape.decodeContextTokens = this.contextBase + j * this.batch;
        this.price(shape);
      } else pricer.price(this.contextBase + j * this.batch, cost);
      this.steps.plan(j, cost, blocks);
      this.planned = j;
      if (this.steps.endOf(j) >= arrivalS) return;
    }
  }

  // ---- running ----

  /**
   * At the stretch's step-end event: plan the next chunk and return when its event is due, or NaN when the
   * stretch ends with this step (the replica then finishes it as an ordinary step, after `stop`).
   */
  continueAt(): number {
    if (this.planned < this.lastStep) this.plan();
    if (this.planned === this.eventStep) return Number.NaN;
    this.eventStep = this.planned;
    return this.steps.endOf(this.planned);
  }

  /**
   * Make the step running at (`nowS`, `phase`) the last of the stretch, so the waiting queue or the KV blocks
   * may change, or sequences join the running set (not the stretch). Returns when that step ends (its step end
   * is then due; the earlier event is stale), or NaN when no step runs now (the stretch is then parked).
   */
  truncate(nowS: number, phase: PhaseNumber): number {
    this.advance(nowS, phase);
    if (this.finished === this.formed) {
      this.park();
      return Number.NaN;
    }
    this.unplanAfter(this.formed);
    this.lastStep = this.formed;
    this.eventStep = this.formed;
    return this.steps.endOf(this.formed);
  }

  /**
   * When the step running at (`nowS`, `phase`) is the one whose end has the event (planning stopped there, at
   * the next arrival), make it the last and return true: that event stands. Otherwise false, with nothing
   * changed but the steps passed.
   */
  endsAtEvent(nowS: number, phase: PhaseNumber): boolean {
    this.advance(nowS, phase);
    if (!this.active || this.finished === this.formed || this.formed !== this.eventStep) return false;
    this.lastStep = this.formed;
    return true;
  }

  /** The next step in which members finish (Infinity when none is left). */
  private get completionStep(): number {
    return this.finishing.nextStep;
  }

  /** Forget the steps planned after `step`: the members' first blocks in them are not periodic yet. */
  private unplanAfter(step: number): void {
    for (let j = this.planned; j > step; j--) this.periodicBlocks[j % this.blockSize]! -= this.firstBlocksAt.at(j);
    this.planned = step;
  }

  /** True while active with its last step formed: the queue and the blocks may change without cutting it. */
  get formsNoMore(): boolean {
    return this.active && this.formed === this.lastStep;
  }

  /** At the last step's end: true when no sequence finishes in it, so it can end without being formed anew. */
  get lastStepIsQuiet(): boolean {
    return this.eventStep < this.completionStep;
  }

  /** End the last step here (after `advance`, when `lastStepIsQuiet`) and park: the replica is then idle. */
  finishLast(): void {
    this.finish(this.eventStep);
    this.park();
  }

  /** Stop running steps without bringing the members up to date (the last step has ended). */
  park(): void {
    this.unplanAfter(this.formed);
    this.mode = this.batch > 0 ? "parked" : "none";
  }

  /**
   * End the last step here (after `advance`, when it is not quiet), and take out the sequences that finished in
   * it, brought up to date: `finisher(0..n-1)`, in the order the step decoded them. Returns n. The stretch
   * stays active, its last step ended, until `goOn` or `park`.
   */
  takeFinishers(): number {
    const k = this.eventStep;
    this.finish(k);
    const bs = this.blockSize;
    const finishing = this.finishing;
    let n = 0;
    while (finishing.nextStep === k) {
      const i = finishing.pop();
      const r = this.members[i]!;
      this.bringUpToDate(r, i, k, k);
      this.alive[i] = 0;
      this.finishers[n++] = r;
      // The stretch goes on without it: its share of the batch, context and future blocks goes.
      this.batch--;
      this.classCounts[r.classIndex]!--;
      this.contextBase -= this.contextOffset[i]!;
      const first = this.firstBlockStep[i]!;
      if (first <= k) this.periodicBlocks[first % bs]!--;
      else this.firstBlocksAt.add(first, -1);
    }
    this.finisherCount = n;
    return n;
  }

  finisher(k: number): Request {
    if (k >= this.finisherCount) throw new Error(`internal: decode stretch finisher ${k} of ${this.finisherCount}`);
    return this.finishers[k]!;
  }

  /**
   * After `takeFinishers` (and the finished sequences completed): plan on from the next step with the sequences
   * left, as the batching policy would form it (the replica checks that it would). Returns when the next
   * chunk's event is due, or NaN when the stretch cannot go on (the caller then parks it).
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
    return this.steps.endOf(this.planned);
  }

  /**
   * Start and end the steps whose times have come by (`nowS`, `phase`), in order, without touching the
   * sequences. Never ends the event step: its step-end event does.
   */
  advance(nowS: number, phase: PhaseNumber): void {
    if (!this.active) return;
    if (this.finished < this.formed) {
      const j = this.formed;
      if (j >= this.eventStep || this.steps.endOf(j) > nowS) return;
      this.finish(j);
    }
    // The steps that both start and end by now run as one run; the one after may start.
    const steps = this.steps;
    let last = this.finished;
    let startsNext = false;
    for (;;) {
      const t = steps.endOf(last);
      if (t > nowS || (t === nowS && phase < Phase.replicaWake)) break;
      if (last + 1 >= this.eventStep || steps.endOf(last + 1) > nowS) {
        startsNext = true;
        break;
      }
      last++;
    }
    if (last > this.finished) this.runSteps(this.finished + 1, last);
    if (startsNext) this.form(last + 1);
  }

  /**
   * Steps `first..last`, after the first step, start and end (all by now): as `form(j)` and `finish(j)` for each
   * in turn, each part of the replica given the whole run at once.
   */
  private runSteps(first: number, last: number): void {
    const host = this.host;
    const run = this.run;
    const batch = this.batch;
    const n = last - first + 1;
    run.set(first, last, batch, this.contextBase);
    if (!host.memory.decodeRun(run)) throw new Error(`internal: decode stretch steps ${first}..${last} lack KV blocks`);
    host.counters.batchSeqs += n * batch;
    host.counters.decodeTokens += n * batch;
    host.decodeRunStarted(run);
    // The run's largest gap stands for all of them: members join only at steps the policy formed, never inside
    // a run, so `gapMax.after` is never asked about part of one.
    this.gapMax.push(last, run.sums.maxGapS);
    host.gaps.recordSteps(run.sums.gapsS, n, this.classCounts);
    this.formed = last;
    this.finished = last;
  }

  private form(j: number): void {
    const host = this.host;
    const startS = this.steps.endOf(j - 1);
    host.memory.observe(startS);
    if (!host.kv.allocate(this.steps.blocksAt(j))) throw new Error(`internal: decode stretch step ${j} lacks KV blocks`);
    this.formed = j;
    const shape = this.shape;
    shape.decodeSeqs = this.batch;
    shape.decodeContextTokens = this.contextBase + j * this.batch;
    host.counters.batchSeqs += this.batch;
    host.stepStarted(shape, this.steps.costAt(j), startS);
  }

  private finish(j: number): void {
    const host = this.host;
    const endS = this.steps.endOf(j);
    host.memory.observe(endS);
    host.memory.addTokens(this.batch);
    host.counters.decodeTokens += this.batch;
    // A member's gap is the time since the previous step's end, except in its first step.
    const gap = endS - this.steps.endOf(j - 1);
    this.gapMax.push(j, gap);
    if (j === this.firstStep) {
      host.gaps.beginStep();
      const counts = this.firstGapCounts;
      const firstGap = endS - this.firstStartS;
      const pausedGap = endS - this.pausedSinceS;
      for (let c = 0; c < counts.length; c++) {
        host.gaps.recordMany(firstGap, c, counts[c]!);
        host.gaps.recordMany(pausedGap, c, this.pausedCounts[c]!);
      }
      for (let k = 0; k < this.oddCount; k++) {
        const i = this.oddFirstGaps[k]!;
        host.gaps.record(this.firstGapS[i]!, this.members[i]!.classIndex);
      }
    } else {
      // Every member has the same gap: one run per class, the step recorded whole.
      host.gaps.recordStep(gap, this.classCounts);
    }
    this.finished = j;
  }

  // ---- resuming a parked stretch ----

  /** Blocks the members take in the step a resume would form (the parked stretch's next). */
  resumeBlocks(): number {
    const j = this.formed + 1;
    return this.firstBlocksAt.at(j) + this.periodicBlocks[j % this.blockSize]!;
  }

  /**
   * Can `r`, a running sequence that is not a member and finished its prefill, join at the step a resume would
   * form, once `extraBlocks` more blocks are reserved for it?
   */
  canJoin(r: Request, extraBlocks: number): boolean {
    return !Number.isNaN(this.firstBlockStepOf(r, this.formed + 1, extraBlocks));
  }

  /**
   * The step at which `r`, decoding from step `j` on (its KV for step j reserved, or `extraBlocks` short of
   * that), first takes a new block: Infinity for never, NaN when it cannot be planned (no token yet, irregular
   * KV growth, or a block further ahead than the rings reach). Step j reserves the KV of its context + 1 tokens.
   */
  private firstBlockStepOf(r: Request, j: number, extraBlocks: number): number {
    const nextAt = this.host.memory.nextBlockAtTokens(r, r.contextTokens + r.outputTokens - r.generatedTokens);
    if (Number.isNaN(nextAt) || Number.isNaN(r.lastTokenS)) return Number.NaN;
    if (nextAt === Number.POSITIVE_INFINITY) return nextAt;
    const lead = nextAt + extraBlocks * this.blockSize - r.contextTokens;
    return lead <= MAX_LEAD_STEPS ? j - 1 + lead : Number.NaN;
  }

  /**
   * The policy decodes every running sequence in the step being formed at `startS`: the parked stretch resumes
   * with it (its members' blocks for it, `resumeBlocks`, already taken). Sequences that join are passed to `join`.
   */
  beginResume(startS: number): void {
    if (!this.parked) throw new Error("internal: a decode stretch resumed without being parked");
    if (this.memberCount > COMPACT_MIN_MEMBERS && this.memberCount > 2 * this.batch) this.compact();
    const j = this.formed + 1;
    const residue = j % this.blockSize;
    this.periodicBlocks[residue]! += this.firstBlocksAt.at(j);
    this.mode = "resuming";
    this.formed = j;
    this.firstStep = j;
    // Joiners are classified by their last token as gathered ones are.
    this.firstStartS = startS;
    this.firstJoiner = this.memberCount;
    this.oddCount = 0;
    // The members last emitted at the end of the step before.
    this.pausedSinceS = this.steps.endOf(j - 1);
    for (let c = 0; c < this.classCounts.length; c++) {
      this.firstGapCounts[c] = 0;
      this.pausedCounts[c] = this.classCounts[c]!;
    }
  }

  /** `r` joins at the step being formed (its KV for it already reserved; `canJoin` said it may). */
  join(r: Request): void {
    const i = this.memberCount++;
    const j = this.formed;
    const left = r.outputTokens - r.generatedTokens;
    this.members[i] = r;
    this.alive[i] = 1;
    this.joinStep[i] = j;
    this.finishStep[i] = j - 1 + left;
    this.finishing.push(j - 1 + left, i);
    this.contextOffset[i] = r.contextTokens - j;
    this.contextBase += r.contextTokens - j;
    const firstBlock = this.firstBlockStepOf(r, j, 0);
    this.firstBlockStep[i] = firstBlock;
    this.firstBlocksAt.add(firstBlock, 1);
    this.batch++;
    this.classify(r, i);
  }

  /** Context tokens the step being resumed with decodes over. */
  get resumeContextTokens(): number {
    return this.contextBase + this.formed * this.batch;
  }

  /**
   * The step being resumed with, priced at `cost`, decodes every running sequence and the policy would go on
   * decoding them all: run it and plan on. Returns when the first chunk's event is due.
   */
  resume(cost: StepCost): number {
    this.lastStep = this.completionStep;
    this.runFrom(this.formed, cost, false);
    return this.steps.endOf(this.planned);
  }

  /**
   * The step being resumed with is not a stretch step after all (it prefills too, or the policy would not go on
   * decoding them all): end the stretch, its members brought up to date and in that step. Returns how many;
   * `member(0..n-1)` are they, in order.
   */
  stopResuming(): number {
    return this.settle(this.formed - 1, this.formed);
  }

  /** The stretch is over: its members brought up to date (they are `member(0..n-1)`; returns n). */
  unpark(): number {
    if (!this.parked) return 0;
    return this.settle(this.finished, this.formed);
  }

  /** The members the stretch had when it ended (by `stop`, `unpark` or `stopResuming`), in order. */
  member(k: number): Request {
    if (k >= this.settled) throw new Error(`internal: decode stretch member ${k} of ${this.settled}`);
    return this.settledMembers[k]!;
  }

  get settledCount(): number {
    return this.settled;
  }

  /** Bring the members left up to `done` steps ended and `formed` started; they are `member(0..n-1)`. */
  private settle(done: number, formed: number): number {
    let n = 0;
    for (let i = 0; i < this.memberCount; i++) {
      if (this.alive[i] === 0) continue;
      const r = this.members[i]!;
      this.bringUpToDate(r, i, done, formed);
      // Its first block still to come must not count for a later stretch (steps are numbered on).
      if (this.firstBlockStep[i]! > formed) this.firstBlocksAt.add(this.firstBlockStep[i]!, -1);
      this.settledMembers[n++] = r;
    }
    this.mode = "none";
    this.memberCount = 0;
    this.batch = 0;
    this.finishing.clear();
    this.settled = n;
    return n;
  }

  /** Drop the finished members (keeping the order), and the step gaps no member left needs. */
  private compact(): void {
    let n = 0;
    this.finishing.clear();
    for (let i = 0; i < this.memberCount; i++) {
      if (this.alive[i] === 0) continue;
      this.finishing.push(this.finishStep[i]!, n);
      if (n !== i) {
        this.members[n] = this.members[i]!;
        this.firstBlockStep[n] = this.firstBlockStep[i]!;
        this.contextOffset[n] = this.contextOffset[i]!;
        this.finishStep[n] = this.finishStep[i]!;
        this.joinStep[n] = this.joinStep[i]!;
        this.firstGapS[n] = this.firstGapS[i]!;
        this.alive[n] = 1;
      }
      n++;
    }
    this.memberCount = n;
    if (n > 0) this.gapMax.dropThrough(this.joinStep[0]!);
  }

  // ---- ending ----

  /**
   * End the stretch at (`nowS`, `phase`): bring every member up to the steps that have ended, give it the blocks
   * of the steps that have started. Returns the step still running (its start, end and context), or null when
   * the last started step has ended too (the replica is idle).
   */
  stop(nowS: number, phase: PhaseNumber): { startS: number; endS: number; contextTokens: number } | null {
    this.advance(nowS, phase);
    const done = this.finished;
    const formed = this.formed;
    const contextTokens = this.contextBase + formed * this.batch;
    this.settle(done, formed);
    if (done === formed) return null;
    return { startS: this.steps.endOf(formed - 1), endS: this.steps.endOf(formed), contextTokens };
  }

  /** Bring member `i` (`r`) up to `done` steps ended and `formed` steps started (its blocks taken). */
  private bringUpToDate(r: Request, i: number, done: number, formed: number): void {
    const s = this.joinStep[i]!;
    if (done >= s) {
      const gapMaxS = Math.max(this.firstGapS[i]!, this.gapMax.after(s));
      if (gapMaxS > r.maxInterTokenS) r.maxInterTokenS = gapMaxS;
      r.generatedTokens = r.outputTokens - (this.finishStep[i]! - done);
      r.contextTokens = this.contextOffset[i]! + done + 1;
      r.lastTokenS = this.steps.endOf(done);
    }
    const first = this.firstBlockStep[i]!;
    if (first <= formed) r.kvBlocks += 1 + Math.floor((formed - first) / this.blockSize);
  }
}
