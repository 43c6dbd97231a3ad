import type { ArrivalTimes } from "./arrivalTimes.ts";

/** Arrivals at 1/rate, 2/rate, ...: computed as k/rate, not summed, so spacing is exact and never drifts. */
export function deterministicArrivals(spec: { readonly ratePerS: number }): ArrivalTimes {
  let count = 0;
  return () => ++count / spec.ratePerS;
}
