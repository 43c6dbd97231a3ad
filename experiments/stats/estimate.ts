import { mean, sampleStdDev } from "./mean.ts";
import { studentTQuantile } from "./studentT.ts";

/** Confidence level of every interval infersim reports. */
export const CONFIDENCE = 0.95;

/**
 * A mean across replications with its Student-t confidence interval. `mean` is null with no values; the
 * interval is null below two values (one replication says nothing about the spread).
 */
export interface Estimate {
  readonly n: number;
  readonly mean: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/** Half-width of the two-sided `level` interval of a mean: t(1 − α/2, n − 1) · s / √n; NaN below two values. */
export function halfWidth(values: readonly number[], level = CONFIDENCE): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  return (studentTQuantile(1 - (1 - level) / 2, n - 1) * sampleStdDev(values)) / Math.sqrt(n);
}

/** Mean and confidence interval of the finite values (others, e.g. a p99 with no completed request, are skipped). */
export function estimate(values: readonly (number | null | undefined)[], level = CONFIDENCE): Estimate {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (xs.length === 0) return { n: 0, mean: null, ciLow: null, ciHigh: null };
  const m = mean(xs);
  const h = halfWidth(xs, level);
  return Number.isFinite(h)
    ? { n: xs.length, mean: m, ciLow: m - h, ciHigh: m + h }
    : { n: xs.length, mean: m, ciLow: null, ciHigh: null };
}
