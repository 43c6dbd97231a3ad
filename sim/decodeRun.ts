import { emptyStepShape } from "./ports.ts";
import type { StepCost, StepShape } from "./ports.ts";
import { RunSums } from "./runSums.ts";
import type { StepRing } from "./stepRing.ts";

/**
 * Consecutive steps `first..last` of a decode stretch, reported together once the clock has passed them all:
 * each decodes the same `decodeSeqs` sequences (no prefill), step j over `contextBase + j × decodeSeqs` context
 * tokens, starting when step j − 1 ends. One object per stretch, rewritten for each run (`set`); what it returns
 * is valid until the next call (read it, do not keep it).
 */
export class DecodeRun {
  first = 0;
  last = 0;
  decodeSeqs = 0;
  contextBase = 0;
  private readonly stepShape: StepShape = emptyStepShape();

  /** `sums`: where `set` puts what the run's steps add up to (its own unless given one to share). */
  constructor(
    private readonly ring: StepRing,
    readonly sums: RunSums = new RunSums(),
  ) {}

  /** Make this the run of steps `first..last` of the ring, and take its sums. */
  set(first: number, last: number, decodeSeqs: number, contextBase: number): void {
    this.first = first;
    this.last = last;
    this.decodeSeqs = decodeSeqs;
    this.contextBase = contextBase;
    this.ring.sum(first, last, this.sums);
  }

  /** Steps in the run. */
  get count(): number {
    return this.last - this.first + 1;
  }

  startS(j: number): number {
    return this.ring.endOf(j - 1);
  }

  endS(j: number): number {
    return this.ring.endOf(j);
  }

  /** KV blocks step j takes as it starts. */
  blocks(j: number): number {
    return this.ring.blocksAt(j);
  }

  /** Step j's cost, in an object reused from call to call. */
  cost(j: number): StepCost {
    return this.ring.costAt(j);
  }

  /** Step j's shape, in an object reused from call to call. */
  shape(j: number): StepShape {
    const s = this.stepShape;
    s.decodeSeqs = this.decodeSeqs;
    s.decodeContextTokens = this.contextBase + j * this.decodeSeqs;
    return s;
  }
}
