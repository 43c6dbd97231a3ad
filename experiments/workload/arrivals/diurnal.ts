import type { Uniform } from "../../../sim/ports.ts";
import type { ArrivalTimes } from "./arrivalTimes.ts";

/** A day-shaped rate: sinusoidal between a trough and a peak `peakToTroughRatio` times higher. */
export interface DiurnalSpec {
  readonly meanRatePerS: number;
  readonly peakToTroughRatio: number;
  readonly periodS: number;
  /** Time of the peak within the period. */
  readonly peakAtS: number;
}

/** The arrival rate at `timeS`: mean × (1 + a·cos(2π(t − peak)/period)), with a = (r − 1)/(r + 1). */
export function diurnalRatePerS(spec: DiurnalSpec, timeS: number): number {
  const a = (spec.peakToTroughRatio - 1) / (spec.peakToTroughRatio + 1);
  return spec.meanRatePerS * (1 + a * Math.cos((2 * Math.PI * (timeS - spec.peakAtS)) / spec.periodS));
}

/**
 * Non-homogeneous Poisson arrivals with a diurnal rate, by thinning (Lewis & Shedler 1979): candidates come at
 * the peak rate and each is kept with probability rate(t) / peak rate.
 */
export function diurnalArrivals(spec: DiurnalSpec, uniform: Uniform): ArrivalTimes {
  const a = (spec.peakToTroughRatio - 1) / (spec.peakToTroughRatio + 1);
  const peakRatePerS = spec.meanRatePerS * (1 + a);
  let timeS = 0;
  return () => {
    for (;;) {
      timeS += -Math.log(1 - uniform()) / peakRatePerS;
      if (uniform() * peakRatePerS <= diurnalRatePerS(spec, timeS)) return timeS;
    }
  };
}
