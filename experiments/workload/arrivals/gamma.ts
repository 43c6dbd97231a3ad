import { randomGamma } from "d3";
import type { Uniform } from "../../../sim/ports.ts";
import { renewalArrivals, type ArrivalTimes } from "./arrivalTimes.ts";

/**
 * Gamma-renewal arrivals with mean inter-arrival 1/rate and coefficient of variation cv: shape k = 1/cv²,
 * scale θ = 1/(rate·k), so mean kθ = 1/rate and CV 1/√k = cv. d3's sampler is Marsaglia–Tsang (with the
 * U^(1/k) boost for k < 1); at cv = 1 it draws exactly as the exponential does.
 */
export function gammaArrivals(spec: { readonly ratePerS: number; readonly cv: number }, uniform: Uniform): ArrivalTimes {
  const shape = 1 / (spec.cv * spec.cv);
  const scaleS = 1 / (spec.ratePerS * shape);
  return renewalArrivals(randomGamma.source(uniform)(shape, scaleS));
}
