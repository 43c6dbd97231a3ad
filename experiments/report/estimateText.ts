import type { Estimate } from "../stats/estimate.ts";
import type { Interval } from "../../viz/index.ts";

/** An estimate's interval as viz wants it, or undefined without one. */
export function intervalOf(e: Estimate): Interval | undefined {
  return e.ciLow === null || e.ciHigh === null ? undefined : [e.ciLow, e.ciHigh];
}

/** `123.4 ± 5.6` (4 significant digits), `123.4` without an interval, `–` without a value. */
export function estimateText(e: Estimate): string {
  if (e.mean === null) return "–";
  const m = Number(e.mean.toPrecision(4)).toString();
  if (e.ciHigh === null) return m;
  const half = e.ciHigh - e.mean;
  // Replications that agree to the last bit still leave rounding noise in the interval.
  if (half <= 1e-9 * Math.abs(e.mean)) return `${m} ± 0`;
  return `${m} ± ${Number(half.toPrecision(2)).toString()}`;
}
