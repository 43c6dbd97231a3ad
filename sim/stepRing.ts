import type { StepCost, StepCostSlot } from "./ports.ts";

/**
 * Steps a ring holds (a power of two). A decode stretch reads and writes the steps from the last one ended to
 * the last one planned, at most a plan's length (1,025) apart, and counts first blocks at most LEAD_STEPS
 * ahead: twice that fits, so live entries never share a slot, however long the stretch goes on.
 */
const SIZE = 2048;
const MASK = SIZE - 1;

/** How far ahead of the steps planned a count may be kept (`StepCounts`). */
export const MAX_LEAD_STEPS = SIZE / 2;

/**
 * Per-step values of a decode stretch, for the steps around the clock (step j in slot j & MASK): when each
 * ends, and what each planned step costs and takes in KV blocks. Costs are kept as numbers, so the cost model's
 * objects die young; `costAt` reports one in an object reused from call to call.
 */
export class StepRing {
  private readonly endsS: number[] = [];
  private readonly durationsS: number[] = [];
  private readonly computeBoundFractions: number[] = [];
  /** NaN where the cost model gave none. */
  private readonly memoryBoundFractions: number[] = [];
  private readonly blocks: number[] = [];
  private readonly cost = { durationS: 0, computeBoundFraction: 0 };
  private readonly costWithMemory = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };

  /** When step j ends (for the step before a stretch's first, when that starts). */
  endOf(j: number): number {
    return this.endsS[j & MASK]!;
  }

  setEnd(j: number, endS: number): void {
    this.endsS[j & MASK] = endS;
  }

  /** Plan step j: it costs `cost`, takes `blocks` blocks when it starts, and ends `cost.durationS` after j − 1. */
  plan(j: number, cost: StepCostSlot, blocks: number): void {
    const k = j & MASK;
    this.blocks[k] = blocks;
    this.durationsS[k] = cost.durationS;
    this.computeBoundFractions[k] = cost.computeBoundFraction;
    this.memoryBoundFractions[k] = cost.memoryBoundFraction;
    this.endsS[k] = this.endsS[(j - 1) & MASK]! + cost.durationS;
  }

  blocksAt(j: number): number {
    return this.blocks[j & MASK]!;
  }

  /** The cost of planned step j, in a reused object (read it before the next call). */
  costAt(j: number): StepCost {
    const k = j & MASK;
    const memoryBound = this.memoryBoundFractions[k]!;
    if (Number.isNaN(memoryBound)) {
      this.cost.durationS = this.durationsS[k]!;
      this.cost.computeBoundFraction = this.computeBoundFractions[k]!;
      return this.cost;
    }
    this.costWithMemory.durationS = this.durationsS[k]!;
    this.costWithMemory.computeBoundFraction = this.computeBoundFractions[k]!;
    this.costWithMemory.memoryBoundFraction = memoryBound;
    return this.costWithMemory;
  }
}

/**
 * Counts by step, for steps up to MAX_LEAD_STEPS ahead of those planned (step j in slot j & MASK, stamped with
 * j, so a slot left by an earlier step reads as 0).
 */
export class StepCounts {
  private readonly counts: number[] = [];
  private readonly steps: number[] = [];

  add(step: number, n: number): void {
    if (step === Number.POSITIVE_INFINITY) return;
    const k = step & MASK;
    if (this.steps[k] !== step) {
      this.steps[k] = step;
      this.counts[k] = 0;
    }
    this.counts[k]! += n;
  }

  at(step: number): number {
    const k = step & MASK;
    return this.steps[k] === step ? this.counts[k]! : 0;
  }
}
