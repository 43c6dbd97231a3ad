import { DecodeRun } from "../../sim/decodeRun.ts";
import type { StepCostSlot } from "../../sim/ports.ts";
import { StepRing } from "../../sim/stepRing.ts";

/** A planned decode step, for building a run by hand. */
export interface PlannedStep {
  readonly cost: StepCostSlot;
  readonly blocks: number;
}

/**
 * A run of `steps` numbered from `first` (across the ring's wrap when large), the first starting at `startS`,
 * each decoding `decodeSeqs` sequences over `contextBase + j × decodeSeqs` tokens.
 */
export function decodeRunOf(startS: number, steps: readonly PlannedStep[], decodeSeqs: number, contextBase = 0, first = 7): DecodeRun {
  const ring = new StepRing();
  ring.setEnd(first - 1, startS);
  steps.forEach((s, i) => {
    ring.plan(first + i, s.cost, s.blocks);
  });
  const run = new DecodeRun(ring);
  run.set(first, first + steps.length - 1, decodeSeqs, contextBase);
  return run;
}

/** Steps of slowly growing durations and varying cost shares, taking two blocks every third step. */
export function growingSteps(n: number): PlannedStep[] {
  return Array.from({ length: n }, (_, i) => ({
    cost: { durationS: 0.0213 + i * 1.7e-5, computeBoundFraction: 0.11 + 0.013 * (i % 5), memoryBoundFraction: 0.62 - 0.007 * (i % 4) },
    blocks: i % 3 === 0 ? 2 : 0,
  }));
}
