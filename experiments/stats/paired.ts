import { estimate } from "./estimate.ts";
import type { Estimate } from "./estimate.ts";

/**
 * A variant against the baseline on the same seeds (common random numbers): the mean of the per-seed
 * differences with its t interval, in the metric's unit (`diff`) and in percent of the baseline (`pct`, the mean
 * of the per-seed ratios − 1; null when a baseline value is 0 or negative).
 */
export interface PairedDifference {
  readonly n: number;
  readonly diff: Estimate;
  readonly pct: Estimate | null;
}

/**
 * Paired differences `variant[i] − baseline[i]`; pairs where either value is missing are dropped. Because both
 * runs of a pair see the same requests, the traffic's own noise cancels and the interval is much narrower
 * than the two unpaired intervals suggest.
 */
export function pairedDifference(
  baseline: readonly (number | null)[],
  variant: readonly (number | null)[],
): PairedDifference {
  const diffs: number[] = [];
  const ratios: number[] = [];
  let ratiosValid = true;
  const n = Math.min(baseline.length, variant.length);
  for (let i = 0; i < n; i++) {
    const b = baseline[i];
    const v = variant[i];
    if (b === null || v === null || b === undefined || v === undefined || !Number.isFinite(b) || !Number.isFinite(v)) continue;
    diffs.push(v - b);
    if (b > 0) ratios.push((v / b - 1) * 100);
    else ratiosValid = false;
  }
  const pct = ratiosValid && ratios.length > 0 ? estimate(ratios) : null;
  return { n: diffs.length, diff: estimate(diffs), pct };
}
