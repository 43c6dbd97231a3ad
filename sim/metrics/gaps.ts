import type { Distribution } from "./distribution.ts";
import { EXACT_VALUES_LIMIT, QuantileRecorder } from "./quantiles.ts";
import { MS_PER_S } from "../time.ts";

/**
 * Runs of the current step, of the same class, a new gap is compared with. A step has few distinct gaps per
 * class (sequences that last emitted at the same time share one), so 64 merges them all, however many classes
 * there are: sequence-by-sequence recording and the fast path's per-class runs store the same runs.
 */
const MAX_RUNS_SCANNED = 64;

/**
 * Inter-token gap samples per class, which the GapRecorders of several replicas (a pool's) may share: a fleet
 * then keeps one sample per pool and class, not one per replica, and merges none of them at the end.
 */
export class GapSamples {
  private readonly byClass: QuantileRecorder[] = [];

  /** The sample of class `c` (created empty when it has none). */
  ofClass(c: number): QuantileRecorder {
    while (this.byClass.length <= c) this.byClass.push(new QuantileRecorder(EXACT_VALUES_LIMIT, "held"));
    return this.byClass[c]!;
  }

  get classCount(): number {
    return this.byClass.length;
  }
}

/**
 * Inter-token gaps of one replica, per class. The gaps of one step are merged into (gap, count) runs (the
 * sequences of a step that last emitted at the same time share one), which go into one weighted sample per
 * class when the next step begins: memory grows with steps, not tokens, and is bounded by the sample's sketch
 * (quantiles.ts) in long runs. Tokens emitted together (speculative decoding) have zero gaps. The samples are
 * its own, or shared with other replicas' recorders (`GapSamples`).
 */
export class GapRecorder {
  constructor(readonly samples: GapSamples = new GapSamples()) {}
  private readonly stepGapsS: number[] = [];
  private readonly stepCounts: number[] = [];
  private readonly stepClasses: number[] = [];
  /** Per run of the current step: the previous run of its class in this step, or -1. */
  private readonly previousOfClass: number[] = [];
  /** Per class: its last run in the current step, valid where `lastOfClassStep` is the current step's number. */
  private readonly lastOfClass: number[] = [];
  private readonly lastOfClassStep: number[] = [];
  private step = 0;
  /** Runs of the current step (the arrays are reused, never shortened: shortening an array costs). */
  private stepRuns = 0;

  /** A new step's gaps start (runs of earlier steps are never merged into). */
  beginStep(): void {
    this.flush();
  }

  /** Record one gap of `gapS` seconds for class `classIndex`. */
  record(gapS: number, classIndex: number): void {
    this.recordMany(gapS, classIndex, 1);
  }

  /** Record `count` gaps of `gapS` seconds for class `classIndex` (a decode step of `count` sequences of it). */
  recordMany(gapS: number, classIndex: number, count: number): void {
    if (count <= 0) return;
    // Look at the class's last runs of this step only, so a record stays O(1).
    const last = this.lastOfClassStep[classIndex] === this.step ? this.lastOfClass[classIndex]! : -1;
    for (let i = last, scanned = 0; i >= 0 && scanned < MAX_RUNS_SCANNED; i = this.previousOfClass[i]!, scanned++) {
      if (this.stepGapsS[i] === gapS) {
        this.stepCounts[i]! += count;
        return;
      }
    }
    const end = this.stepRuns;
    this.stepGapsS[end] = gapS;
    this.stepCounts[end] = count;
    this.stepClasses[end] = classIndex;
    this.previousOfClass[end] = last;
    while (this.lastOfClass.length <= classIndex) {
      this.lastOfClass.push(-1);
      this.lastOfClassStep.push(-1);
    }
    this.lastOfClass[classIndex] = end;
    this.lastOfClassStep[classIndex] = this.step;
    this.stepRuns = end + 1;
  }

  /**
   * A whole step in which every sequence of class c (`counts[c]` of them) has a gap of `gapS` seconds: as
   * `beginStep` and `recordMany` per class, without the runs' bookkeeping (a decode stretch's step).
   */
  recordStep(gapS: number, counts: readonly number[]): void {
    this.flush();
    for (let c = 0; c < counts.length; c++) {
      const count = counts[c]!;
      if (count > 0) this.samples.ofClass(c).add(gapS, count);
    }
  }

  /**
   * `n` whole steps, as `recordStep(gapsS[i], counts)` for i = 0..n − 1: every sequence of class c has gap
   * `gapsS[i]` in step i (each class's sample gets the steps in order).
   */
  recordSteps(gapsS: Float64Array, n: number, counts: readonly number[]): void {
    if (n <= 0) return;
    this.flush();
    this.step += n - 1;
    for (let c = 0; c < counts.length; c++) {
      const count = counts[c]!;
      if (count <= 0) continue;
      this.samples.ofClass(c).addRun(gapsS, n, count);
    }
  }

  /** Record `count` zero gaps (tokens emitted in the same step as the previous one). */
  recordZeros(count: number, classIndex: number): void {
    this.recordMany(0, classIndex, count);
  }

  /**
   * The gaps of one class, in seconds (an empty sample when it has none): this recorder's, and those of the
   * recorders it shares its samples with, as far as they have flushed.
   */
  ofClass(classIndex: number): QuantileRecorder {
    this.flush();
    if (classIndex < this.samples.classCount) return this.samples.ofClass(classIndex);
    return new QuantileRecorder(EXACT_VALUES_LIMIT, "held");
  }

  /** Put the current step's runs into the samples (before the samples are read). */
  flush(): void {
    const samples = this.samples;
    for (let i = 0; i < this.stepRuns; i++) samples.ofClass(this.stepClasses[i]!).add(this.stepGapsS[i]!, this.stepCounts[i]);
    this.stepRuns = 0;
    this.step++;
  }
}

/** A distribution in seconds, in milliseconds. */
export function toMs(d: Distribution): Distribution {
  const ms = (v: number | null): number | null => (v === null ? null : v * MS_PER_S);
  return { mean: ms(d.mean), p50: ms(d.p50), p90: ms(d.p90), p95: ms(d.p95), p99: ms(d.p99), max: ms(d.max) };
}

/**
 * The gaps of some replicas' recorders, for one class or all, in one sample (seconds). Samples shared by several
 * of them count once: pass every recorder that shares them (a whole pool).
 */
export function gapsOf(recorders: readonly GapRecorder[], classIndex?: number): QuantileRecorder {
  for (const r of recorders) r.flush();
  const all = new QuantileRecorder(EXACT_VALUES_LIMIT, "held");
  const seen = new Set<GapSamples>();
  for (const { samples } of recorders) {
    if (seen.has(samples)) continue;
    seen.add(samples);
    if (classIndex !== undefined) {
      if (classIndex < samples.classCount) all.merge(samples.ofClass(classIndex));
    } else {
      for (let c = 0; c < samples.classCount; c++) all.merge(samples.ofClass(c));
    }
  }
  return all;
}

/** Inter-token latency in milliseconds over some replicas' recorders, for one class or all. */
export function interTokenMs(recorders: readonly GapRecorder[], classIndex?: number): Distribution {
  return toMs(gapsOf(recorders, classIndex).distribution());
}
