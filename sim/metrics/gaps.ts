import type { Distribution } from "./distribution.ts";
import { MS_PER_S } from "../time.ts";

/** Runs of the current step a new gap is compared with. */
const MAX_RUNS_SCANNED = 8;

/**
 * Inter-token gaps of one replica, kept as (gap, count, class) runs: the sequences of one step that last
 * emitted at the same time and belong to the same class share one run, so memory grows with steps, not tokens. Tokens emitted together
 * (speculative decoding) have zero gaps, counted per class.
 */
export class GapRecorder {
  private readonly gapsS: number[] = [];
  private readonly counts: number[] = [];
  private readonly classes: number[] = [];
  private readonly zeroGaps = new Map<number, number>();
  /** First run of the current step: a gap joins one of the step's runs if it matches. */
  private stepStart = 0;

  /** A new step's gaps start (runs of earlier steps are never merged into). */
  beginStep(): void {
    this.stepStart = this.gapsS.length;
  }

  /** Record one gap of `gapS` seconds for class `classIndex`. */
  record(gapS: number, classIndex: number): void {
    this.recordMany(gapS, classIndex, 1);
  }

  /** Record `count` gaps of `gapS` seconds for class `classIndex` (a decode step of `count` sequences of it). */
  recordMany(gapS: number, classIndex: number, count: number): void {
    if (count <= 0) return;
    // A step has few distinct (gap, class) pairs; look at its last few runs only, so a record stays O(1).
    const end = this.gapsS.length;
    for (let i = Math.max(this.stepStart, end - MAX_RUNS_SCANNED); i < end; i++) {
      if (this.gapsS[i] === gapS && this.classes[i] === classIndex) {
        this.counts[i]! += count;
        return;
      }
    }
    this.gapsS.push(gapS);
    this.counts.push(count);
    this.classes.push(classIndex);
  }

  /** Record `count` zero gaps (tokens emitted in the same step as the previous one). */
  recordZeros(count: number, classIndex: number): void {
    if (count > 0) this.zeroGaps.set(classIndex, (this.zeroGaps.get(classIndex) ?? 0) + count);
  }

  /** Call `fn` for every run of the class (or of every class when `classIndex` is undefined). */
  forEach(classIndex: number | undefined, fn: (gapS: number, count: number) => void): void {
    for (let i = 0; i < this.gapsS.length; i++) {
      if (classIndex === undefined || this.classes[i] === classIndex) fn(this.gapsS[i]!, this.counts[i]!);
    }
    for (const [c, n] of this.zeroGaps) if (classIndex === undefined || c === classIndex) fn(0, n);
  }
}

/**
 * The distribution of a sample given as (value, count) pairs, with the same definitions as `distributionOf`
 * on the expanded sample (quantiles of type 7), in O(pairs log pairs).
 */
export function weightedDistribution(values: readonly number[], counts: readonly number[]): Distribution {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let n = 0;
  let sum = 0;
  for (const i of order) {
    n += counts[i]!;
    sum += values[i]! * counts[i]!;
  }
  if (n === 0) return { mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const cumulative: number[] = [];
  let c = 0;
  for (const i of order) {
    c += counts[i]!;
    cumulative.push(c);
  }
  /** The k-th smallest (0-based) of the expanded sample. */
  const at = (k: number): number => {
    let lo = 0;
    let hi = order.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > k) hi = mid;
      else lo = mid + 1;
    }
    return values[order[lo]!]!;
  };
  const quantile = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const a = at(lo);
    return lo + 1 >= n ? a : a + (h - lo) * (at(lo + 1) - a);
  };
  return {
    mean: sum / n,
    p50: quantile(0.5),
    p90: quantile(0.9),
    p95: quantile(0.95),
    p99: quantile(0.99),
    max: values[order[order.length - 1]!]!,
  };
}

/** Inter-token latency in milliseconds over some replicas' recorders, for one class or all. */
export function interTokenMs(recorders: readonly GapRecorder[], classIndex?: number): Distribution {
  const values: number[] = [];
  const counts: number[] = [];
  for (const r of recorders) {
    r.forEach(classIndex, (gapS, count) => {
      values.push(gapS * MS_PER_S);
      counts.push(count);
    });
  }
  return weightedDistribution(values, counts);
}
