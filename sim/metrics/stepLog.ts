import type { StepObserver } from "../cluster.ts";
import type { DecodeRun } from "../decodeRun.ts";
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

/** Start time, then replica: the order of the timeline (and of steps.csv). */
function byStart(a: StepRecord, b: StepRecord): number {
  return a.startS - b.startS || a.replica - b.replica;
}

/**
 * Records the steps that start in the first `windowS` simulated seconds, the earliest `maxSteps` of them, so
 * the replica timeline can be drawn without keeping every step of a long run. Steps may be reported out of
 * order across replicas (decode stretches report theirs late), so the log keeps up to twice `maxSteps` and
 * trims to the earliest whenever it fills.
 */
export class StepLog implements StepObserver {
  private readonly kept: StepRecord[] = [];
  /** Once trimmed to `maxSteps`, a step starting after the last one kept can never be among the earliest. */
  private cutoffS = Number.POSITIVE_INFINITY;

  constructor(
    private readonly windowS: number,
    private readonly maxSteps: number,
  ) {}

  onStep(replica: Replica, shape: StepShape, cost: StepCost, startS: number): void {
    if (startS > this.windowS || startS > this.cutoffS || this.maxSteps <= 0) return;
    const kind = shape.decodeSeqs === 0 ? "prefill" : shape.prefillTokens === 0 ? "decode" : "mixed";
    this.kept.push({
      replica: replica.index,
      startS,
      endS: startS + cost.durationS,
      kind,
      batchSize: shape.prefillSeqs + shape.decodeSeqs,
    });
    if (this.kept.length >= 2 * this.maxSteps) this.trim();
  }

  onDecodeRun(replica: Replica, run: DecodeRun): void {
    // Its steps start in order: when the first is too late to keep, so are the others.
    if (run.startS(run.first) > this.windowS || run.startS(run.first) > this.cutoffS || this.maxSteps <= 0) return;
    for (let j = run.first; j <= run.last; j++) this.onStep(replica, run.shape(j), run.cost(j), run.startS(j));
  }

  /** The earliest steps, by start time then replica. */
  get steps(): readonly StepRecord[] {
    this.trim();
    return this.kept;
  }

  private trim(): void {
    this.kept.sort(byStart);
    if (this.kept.length >= this.maxSteps) {
      this.kept.length = this.maxSteps;
      this.cutoffS = this.kept[this.maxSteps - 1]!.startS;
    }
  }
}
