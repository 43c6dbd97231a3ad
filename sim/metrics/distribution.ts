/** Summary statistics of a sample, as reported in `summary.json`. Null fields mean "no values". */
export interface Distribution {
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** The distribution of no values. */
export const NO_VALUES: Distribution = { mean: null, p50: null, p90: null, p95: null, p99: null, max: null };

/**
 * The q-quantile (0 ≤ q ≤ 1) of ascending-sorted values, interpolating linearly between order statistics
 * (Hyndman & Fan type 7: the default of NumPy, R and d3.quantileSorted).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  return a + (h - lo) * (sorted[lo + 1]! - a);
}

/** Mean, p50, p90, p95, p99 and max of the values (which are copied, not reordered). */
export function distributionOf(values: ArrayLike<number>): Distribution {
  const n = values.length;
  if (n === 0) return NO_VALUES;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / n,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: sorted[n - 1]!,
  };
}
