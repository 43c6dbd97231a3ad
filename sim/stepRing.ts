import type { StepCost, StepCostSlot } from "./ports.ts";
import { ReusedStepCost } from "./reusedStepCost.ts";

/**
 * Steps a ring holds (a power of two). A decode stretch reads and writes the steps from the last one ended to
 * the last one planned, at most a plan's length (257: MAX_CHUNK_STEPS in decodeStretch.ts, plus one) apart, and
 * counts first blocks at most LEAD_STEPS ahead: twice that fits, so live entries never share a slot, however
 * long the stretch goes on. No larger: a fleet has a ring per replica, and with 2,048 steps (114 KB each, 66 MB
 * for 576 replicas) `fleet` missed a 32 MB last-level cache more often than with 512 (cachegrind: 9.4 M against
 * 7.1 M misses at 50,000 requests, 13.6 M against 12.5 M at 100,000).
 */
const SIZE = 512;
const MASK = SIZE - 1;

/** How far ahead of the steps planned a count may be kept (`StepCounts`). */
export const MAX_LEAD_STEPS = SIZE / 2;

// A step's values sit side by side (one or two cache lines a step, not one per value: a fleet of replicas
// otherwise misses the cache on every value of every step).
const END = 0;
const DURATION = 1;
const COMPUTE = 2;
/** NaN where the cost model gave none. */
const MEMORY = 3;
const BLOCKS = 4;
/** The `counts` of the step in the slot (StepCounts): its step number, then its count. */
const COUNT_STAMP = 5;
const STRIDE = 7;

/**
 * Per-step values of a decode stretch, for the steps around the clock (step j in slot j & MASK): when each
 * ends, and what each planned step costs and takes in KV blocks. Costs are kept as numbers, so the cost model's
 * objects die young; `costAt` reports one in an object reused from call to call.
 */
export class StepRing {
  private readonly values = new Float64Array(SIZE * STRIDE);
  /** Counts by step, kept in the ring's slots (a step's count sits by its other values). */
  readonly counts = new StepCounts(this.values, STRIDE, COUNT_STAMP);
  private readonly cost = new ReusedStepCost();

  /** When step j ends (for the step before a stretch's first, when that starts). */
  endOf(j: number): number {
    return this.values[(j & MASK) * STRIDE + END]!;
  }

  setEnd(j: number, endS: number): void {
    this.values[(j & MASK) * STRIDE + END] = endS;
  }

  /** Plan step j: it costs `cost`, takes `blocks` blocks when it starts, and ends `cost.durationS` after j − 1. */
  plan(j: number, cost: StepCostSlot, blocks: number): void {
    const v = this.values;
    const k = (j & MASK) * STRIDE;
    v[k + BLOCKS] = blocks;
    v[k + DURATION] = cost.durationS;
    v[k + COMPUTE] = cost.computeBoundFraction;
    v[k + MEMORY] = cost.memoryBoundFraction;
    v[k + END] = v[((j - 1) & MASK) * STRIDE + END]! + cost.durationS;
  }

  durationOf(j: number): number {
    return this.values[(j & MASK) * STRIDE + DURATION]!;
  }

  blocksAt(j: number): number {
    return this.values[(j & MASK) * STRIDE + BLOCKS]!;
  }

  /** The cost of planned step j, in a reused object (read it before the next call). */
  costAt(j: number): StepCost {
    const v = this.values;
    const k = (j & MASK) * STRIDE;
    return this.cost.of(v[k + DURATION]!, v[k + COMPUTE]!, v[k + MEMORY]!);
  }
}

/**
 * Counts by step, for steps up to MAX_LEAD_STEPS ahead of those planned (step j in slot j & MASK, stamped with
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
    this.entries = entries ?? new Float64Array(SIZE * stride);
    for (let k = 0; k < SIZE; k++) this.entries[k * stride + offset] = -1;
  }

  add(step: number, n: number): void {
    if (step === Number.POSITIVE_INFINITY) return;
    const e = this.entries;
    const k = (step & MASK) * this.stride + this.offset;
    if (e[k] !== step) {
      e[k] = step;
      e[k + 1] = 0;
    }
    e[k + 1]! += n;
  }

  at(step: number): number {
    const e = this.entries;
    const k = (step & MASK) * this.stride + this.offset;
    return e[k] === step ? e[k + 1]! : 0;
  }
}
