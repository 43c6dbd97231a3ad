import type { Distribution } from "./distribution.ts";
import { NO_VALUES } from "./distribution.ts";
import { DirectSketch } from "./directSketch.ts";
import { HeldSketch } from "./heldSketch.ts";
import { minFrom, selectInPlace, selectWeightedInPlace } from "./select.ts";
import { mergeSketch } from "./sketchMerge.ts";

/**
 * Values (or weighted runs) a recorder keeps exactly; beyond that it folds them into a sketch, so memory stays
 * bounded however long the run. 100,000 covers every test, example and notebook exactly.
 */
export const EXACT_VALUES_LIMIT = 100_000;

/**
 * Relative accuracy of the sketch (DDSketch, Masson, Rim & Lee, VLDB 2019): every quantile it returns is within
 * 0.5% of the true value at that rank. Summaries state "≤ 1%" to leave room for the difference between the
 * sketch's rank rule and the interpolated quantiles of exact mode.
 */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

/** Entries a recorder's buffers start with. */
const INITIAL_CAPACITY = 16;

/**
 * How values reach a recorder's sketch once it has one: `held` when a value mostly falls in the bucket of one of
 * the last two (a decode stretch's step gaps: heldSketch.ts), `direct` when values are scattered (per-request
 * latencies: directSketch.ts). With whole-number weights (counts, as every recorder is given) the sketch's
 * buckets, hence every percentile, are the same either way; fractional weights would be summed in another order.
 */
export type SketchFeed = "held" | "direct";

/**
 * A sample of non-negative numbers for percentiles: exact (type-7 quantiles, as `distributionOf`) while it holds
 * at most EXACT_VALUES_LIMIT entries, then a DDSketch fed as `feed` says (a matter of speed only). Mean, max and
 * count are always exact.
 */
export class QuantileRecorder {
  /** The exact values (the first `size` entries), in typed buffers that double as they fill. */
  private values: Float64Array = new Float64Array(INITIAL_CAPACITY);
  /** Their weights, once a weight other than 1 was added. */
  private weights: Float64Array | undefined;
  private size = 0;
  /** Once folded: the sketch, fed as `feed` says (read `sketch.sketch` after `flush`). */
  private sketch: HeldSketch | DirectSketch | undefined;
  count = 0;
  sum = 0;
  max = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly exactLimit = EXACT_VALUES_LIMIT,
    private readonly feed: SketchFeed = "direct",
  ) {}

  private newSketch(): HeldSketch | DirectSketch {
    return this.feed === "held" ? new HeldSketch(SKETCH_RELATIVE_ACCURACY) : new DirectSketch(SKETCH_RELATIVE_ACCURACY);
  }

  /** True once values went into the sketch (percentiles are then approximate). */
  get approximate(): boolean {
    return this.sketch !== undefined;
  }

  add(value: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.count += weight;
    this.sum += value * weight;
    if (value > this.max) this.max = value;
    if (this.sketch !== undefined) {
      this.sketch.add(value, weight);
      return;
    }
    const i = this.size;
    if (i === this.values.length) this.grow();
    if (weight !== 1 && this.weights === undefined) this.weights = new Float64Array(this.values.length).fill(1);
    this.values[i] = value;
    if (this.weights !== undefined) this.weights[i] = weight;
    this.size = i + 1;
    if (this.size > this.exactLimit) this.fold();
  }

  /** `add(values[i], weight)` for i = 0..n − 1, in order. */
  addRun(values: Float64Array, n: number, weight: number): void {
    const sketch = this.sketch;
    if (sketch === undefined || !(weight > 0)) {
      for (let i = 0; i < n; i++) this.add(values[i]!, weight);
      return;
    }
    let count = this.count;
    let sum = this.sum;
    let max = this.max;
    for (let i = 0; i < n; i++) {
      const value = values[i]!;
      count += weight;
      sum += value * weight;
      if (value > max) max = value;
      sketch.add(value, weight);
    }
    this.count = count;
    this.sum = sum;
    this.max = max;
  }

  private grow(): void {
    const values = new Float64Array(2 * this.values.length);
    values.set(this.values);
    this.values = values;
    if (this.weights !== undefined) {
      const weights = new Float64Array(values.length);
      weights.set(this.weights);
      this.weights = weights;
    }
  }

  /** A recorder holding what this one holds, which the two then add to apart. */
  copy(): QuantileRecorder {
    const c = new QuantileRecorder(this.exactLimit, this.feed);
    c.values = this.values.slice();
    c.weights = this.weights?.slice();
    c.size = this.size;
    if (this.sketch !== undefined) {
      this.sketch.flush();
      c.sketch = c.newSketch();
      mergeSketch(c.sketch.sketch, this.sketch.sketch);
    }
    c.count = this.count;
    c.sum = this.sum;
    c.max = this.max;
    return c;
  }

  /** Add everything `other` recorded. */
  merge(other: QuantileRecorder): void {
    if (other.sketch !== undefined) {
      other.sketch.flush();
      if (this.sketch === undefined) this.fold();
      this.sketch!.flush();
      mergeSketch(this.sketch!.sketch, other.sketch.sketch);
      this.count += other.count;
      this.sum += other.sum;
      if (other.max > this.max) this.max = other.max;
      return;
    }
    for (let i = 0; i < other.size; i++) this.add(other.values[i]!, other.weights?.[i] ?? 1);
  }

  private fold(): void {
    const sketch = this.newSketch();
    for (let i = 0; i < this.size; i++) sketch.add(this.values[i]!, this.weights?.[i] ?? 1);
    this.sketch = sketch;
    this.values = new Float64Array(0);
    this.weights = undefined;
    this.size = 0;
  }

  /** Mean, p50, p90, p95, p99 and max. */
  distribution(): Distribution {
    if (this.count === 0) return NO_VALUES;
    const mean = this.sum / this.count;
    if (this.sketch !== undefined) {
      this.sketch.flush();
      const s = this.sketch.sketch;
      const at = (q: number): number => Math.min(this.max, s.getValueAtQuantile(q));
      return { mean, p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: this.max };
    }
    if (this.weights !== undefined) {
      return weightedQuantiles(this.values.subarray(0, this.size), this.weights.subarray(0, this.size), mean, this.max);
    }
    const [p50, p90, p95, p99] = selectedQuantiles(this.values.subarray(0, this.size), [0.5, 0.9, 0.95, 0.99]);
    return { mean, p50: p50!, p90: p90!, p95: p95!, p99: p99!, max: this.max };
  }

  /** The k-th smallest value (0-based; the lower median is `at(floor(count / 2))`; −0 and +0 count as equal). */
  orderStatistic(k: number): number {
    if (this.count === 0) return Number.NaN;
    if (this.sketch !== undefined) {
      this.sketch.flush();
      return this.sketch.sketch.getValueAtQuantile(this.count > 1 ? k / (this.count - 1) : 0);
    }
    const values = this.values.slice(0, this.size);
    selectInPlace(values, k);
    return values[k]!;
  }
}

/**
 * Type-7 quantiles (as `quantileSorted`) at ascending `levels` of the values, which are copied, not reordered:
 * each order statistic is selected in the part of the copy above the last one, not found by sorting the lot.
 */
function selectedQuantiles(values: Float64Array, levels: readonly number[]): number[] {
  const a = values.slice();
  const n = a.length;
  let left = 0;
  return levels.map((q) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    selectInPlace(a, lo, left, n - 1);
    left = lo;
    const v = a[lo]!;
    return lo + 1 >= n ? v : v + (h - lo) * (minFrom(a, lo + 1) - v);
  });
}

/**
 * Type-7 quantiles of a sample given as (value, weight) pairs, as if each value were repeated weight times. With
 * whole-number weights (counts, as every recorder is given) adding up to at most 2^53 − 1, each order statistic
 * is selected from copies of the pairs, in expected O(n); otherwise, where sums of the weights in another order
 * could round apart, from the pairs sorted by value. Where both apply they give the same values.
 */
function weightedQuantiles(values: Float64Array, weights: Float64Array, mean: number, max: number): Distribution {
  let n = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!Number.isInteger(w)) return sortedWeightedQuantiles(values, weights, mean, max);
    n += w;
  }
  if (n > Number.MAX_SAFE_INTEGER) return sortedWeightedQuantiles(values, weights, mean, max);
  const v = values.slice();
  const w = weights.slice();
  // Where the selection of each quantile's lower rank left off: the next quantile's ranks are no lower.
  const at = { value: 0, from: 0, weightBefore: 0 };
  const quantile = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    selectWeightedInPlace(v, w, lo, at);
    const a = at.value;
    if (lo + 1 >= n) return a;
    const above = { ...at };
    selectWeightedInPlace(v, w, lo + 1, above);
    return a + (h - lo) * (above.value - a);
  };
  return { mean, p50: quantile(0.5), p90: quantile(0.9), p95: quantile(0.95), p99: quantile(0.99), max };
}

/** `weightedQuantiles` by sorting the pairs: for weights that are not whole numbers, or add up past 2^53 − 1. */
function sortedWeightedQuantiles(values: Float64Array, weights: Float64Array, mean: number, max: number): Distribution {
  // The comparator returns small integers: a double returned from it would be allocated on every comparison.
  const order = Uint32Array.from(values.keys()).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
  const cumulative = new Float64Array(order.length);
  let c = 0;
  for (let i = 0; i < order.length; i++) {
    c += weights[order[i]!]!;
    cumulative[i] = c;
  }
  const n = c;
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
  return { mean, p50: quantile(0.5), p90: quantile(0.9), p95: quantile(0.95), p99: quantile(0.99), max };
}
