import type { StepCost, StepCostSlot } from "./ports.ts";

/**
 * Step costs reported in objects reused from call to call (read one before the next call), as `stepCost` would
 * give them: without `memoryBoundFraction` where the model gave none (NaN in a slot). Pricing a step then
 * allocates nothing; observers of a step copy what they keep (see `StepObserver`).
 */
export class ReusedStepCost {
  private readonly plain = { durationS: 0, computeBoundFraction: 0 };
  private readonly withMemory = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };

  of(durationS: number, computeBoundFraction: number, memoryBoundFraction: number): StepCost {
    if (Number.isNaN(memoryBoundFraction)) {
      this.plain.durationS = durationS;
      this.plain.computeBoundFraction = computeBoundFraction;
      return this.plain;
    }
    this.withMemory.durationS = durationS;
    this.withMemory.computeBoundFraction = computeBoundFraction;
    this.withMemory.memoryBoundFraction = memoryBoundFraction;
    return this.withMemory;
  }

  /** The cost in `slot`. */
  ofSlot(slot: StepCostSlot): StepCost {
    return this.of(slot.durationS, slot.computeBoundFraction, slot.memoryBoundFraction);
  }
}
