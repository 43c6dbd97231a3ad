import type { StepObserver } from "../cluster.ts";
import type { StepCost, StepShape } from "../ports.ts";
import type { Replica } from "../replica.ts";

/** One engine step, for the replica timeline. */
export interface StepRecord {
  readonly replica: number;
  readonly startS: number;
  readonly endS: number;
  readonly kind: "prefill" | "decode" | "mixed";
  /** Sequences in the step. */
  readonly batchSize: number;
}

/**
 * Records the steps that start in the first `windowS` simulated seconds, at most `maxSteps` of them, so the
 * replica timeline can be drawn without keeping every step of a long run.
 */
export class StepLog implements StepObserver {
  readonly steps: StepRecord[] = [];

  constructor(
    private readonly windowS: number,
    private readonly maxSteps: number,
  ) {}

  onStep(replica: Replica, shape: StepShape, cost: StepCost, nowS: number): void {
    if (nowS > this.windowS || this.steps.length >= this.maxSteps) return;
    const kind = shape.decodeSeqs === 0 ? "prefill" : shape.prefillTokens === 0 ? "decode" : "mixed";
    this.steps.push({
      replica: replica.index,
      startS: nowS,
      endS: nowS + cost.durationS,
      kind,
      batchSize: shape.prefillSeqs + shape.decodeSeqs,
    });
  }
}
