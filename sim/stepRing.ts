import type { StepCost, StepCostSlot } from "./ports.ts";
import { ReusedStepCost } from "./reusedStepCost.ts";
import type { RunSums } from "./runSums.ts";

/**
 * The ring's size and each step's slots. A `const enum`, like the other layouts on the hot paths: its values are
 * written into the code that uses them, where a module's `const` is a variable V8 loads and checks at every use
 * (Node 20's V8 does not fold them): 4–7% of the benchmarks' instructions went to that.
 */
const enum Ring {
  /**
   * Steps a ring holds (a power of two). A decode stretch reads and writes the steps from the last one ended to
   * the last one planned, at most a plan's length (257: MAX_CHUNK_STEPS in decodeStretch.ts, plus one) apart, and
   * counts first blocks at most LEAD_STEPS ahead: twice that fits, so live entries never share a slot, however
   * long the stretch goes on. No larger: a fleet has a ring per replica, and with 2,048 steps (114 KB each, 66 MB
   * for 576 replicas) `fleet` missed a 32 MB last-level cache more often than with 512 (cachegrind: 9.4 M against
   * 7.1 M misses at 50,000 requests, 13.6 M against 12.5 M at 100,000).
   */
  Size = 512,
  /** Size − 1. */
  Mask = 511,
  // A step's values sit side by side (one or two cache lines a step, not one per value: a fleet of replicas
  // otherwise misses the cache on every value of every step).
  End = 0,
  Duration = 1,
  Compute = 2,
  /** NaN where the cost model gave none. */
  Memory = 3,
  Blocks = 4,
  /** The `counts` of the step in the slot (StepCounts): its step number, then its count. */
  CountStamp = 5,
  Stride = 7,
}

/** How far ahead of the steps planned a count may be kept (`StepCounts`). */
export const MAX_LEAD_STEPS = Ring.Size / 2;

/**
 * Per-step values of a decode stretch, for the steps around the clock (step j in slot j & Ring.Mask): when each
 * ends, and what each planned step costs and takes in KV blocks. Costs are kept as numbers, so the cost model's
 * objects die young; `costAt` reports one in an object reused from call to call.
 */
export class StepRing {
  private readonly values = new Float64Array(Ring.Size * Ring.Stride);
  /** Counts by step, kept in the ring's slots (a step's count sits by its other values). */
  readonly counts = new StepCounts(this.values, Ring.Stride, Ring.CountStamp);
  private readonly cost = new ReusedStepCost();

  /** When step j ends (for the step before a stretch's first, when that starts). */
  endOf(j: number): number {
    return this.values[(j & Ring.Mask) * Ring.Stride + Ring.End]!;
  }

  setEnd(j: number, endS: number): void {
    this.values[(j & Ring.Mask) * Ring.Stride + Ring.End] = endS;
  }

  /** Plan step j: it costs `cost`, takes `blocks` blocks when it starts, and ends `cost.durationS` after j − 1. */
  plan(j: number, cost: StepCostSlot, blocks: number): void {
    const v = this.values;
    const k = (j & Ring.Mask) * Ring.Stride;
    v[k + Ring.Blocks] = blocks;
    v[k + Ring.Duration] = cost.durationS;
    v[k + Ring.Compute] = cost.computeBoundFraction;
    v[k + Ring.Memory] = cost.memoryBoundFraction;
    v[k + Ring.End] = v[((j - 1) & Ring.Mask) * Ring.Stride + Ring.End]! + cost.durationS;
  }

  blocksAt(j: number): number {
    return this.values[(j & Ring.Mask) * Ring.Stride + Ring.Blocks]!;
  }

  /**
   * Steps `first..last`, run back to back, summed into `into` in one pass (see RunSums): each step's gap from
   * the end of the one before, the blocks taken, and the time-weighted sums the replica's integrals need.
   */
  sum(first: number, last: number, into: RunSums): void {
    const n = last - first + 1;
    const gapsS = into.reserve(n);
    const v = this.values;
    let previousS = v[((first - 1) & Ring.Mask) * Ring.Stride + Ring.End]!;
    let maxGapS = Number.NEGATIVE_INFINITY;
    let spanS = 0;
    let durationS = 0;
    let blocks = 0;
    let newBlockS = 0;
    let stepIndexS = 0;
    let computeBoundS = 0;
    let memoryBoundS = 0;
    let lowestShare = Number.POSITIVE_INFINITY;
    let highestShareSum = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const s = ((first + k) & Ring.Mask) * Ring.Stride;
      const endS = v[s + Ring.End]!;
      const gapS = endS - previousS;
      previousS = endS;
      gapsS[k] = gapS;
      if (gapS > maxGapS) maxGapS = gapS;
      spanS += gapS;
      durationS += v[s + Ring.Duration]!;
      blocks += v[s + Ring.Blocks]!;
      newBlockS += gapS * blocks;
      stepIndexS += gapS * k;
      const compute = v[s + Ring.Compute]!;
      const memory = v[s + Ring.Memory]!;
      computeBoundS += gapS * compute;
      memoryBoundS += gapS * memory;
      if (compute < lowestShare) lowestShare = compute;
      if (memory < lowestShare) lowestShare = memory;
      if (compute + memory > highestShareSum) highestShareSum = compute + memory;
    }
    into.count = n;
    into.maxGapS = maxGapS;
    into.spanS = spanS;
    into.durationS = durationS;
    into.blocks = blocks;
    into.newBlockS = newBlockS;
    into.stepIndexS = stepIndexS;
    into.computeBoundS = computeBoundS;
    into.memoryBoundS = memoryBoundS;
    into.lowestShare = lowestShare;
    into.highestShareSum = highestShareSum;
  }

  /** The cost of planned step j, in a reused object (read it before the next call). */
  costAt(j: number): StepCost {
    const v = this.values;
    const k = (j & Ring.Mask) * Ring.Stride;
    return this.cost.of(v[k + Ring.Duration]!, v[k + Ring.Compute]!, v[k + Ring.Memory]!);
  }
}

/**
 * Counts by step, for steps up to MAX_LEAD_STEPS ahead of those planned (step j in slot j & Ring.Mask, stamped with
 * j, so a slot left by an earlier step reads as 0). Slot k's stamp is at `entries[k × stride + offset]`, its count
 * just after: its own array by default, or a StepRing's.
 */
export class StepCounts {
  private readonly entries: Float64Array;

  constructor(
    entries?: Float64Array,
    private readonly stride = 2,
    private readonly offset = 0,
  ) {
    this.entries = entries ?? new Float64Array(Ring.Size * stride);
    const size: number = Ring.Size;
    for (let k = 0; k < size; k++) this.entries[k * stride + offset] = -1;
  }

  add(step: number, n: number): void {
    if (step === Number.POSITIVE_INFINITY) return;
    const e = this.entries;
    const k = (step & Ring.Mask) * this.stride + this.offset;
    if (e[k] !== step) {
      e[k] = step;
      e[k + 1] = 0;
    }
    e[k + 1]! += n;
  }

  at(step: number): number {
    const e = this.entries;
    const k = (step & Ring.Mask) * this.stride + this.offset;
    return e[k] === step ? e[k + 1]! : 0;
  }
}
