import { randomExponential } from "d3";
import type { Uniform } from "../../../sim/ports.ts";
import { renewalArrivals, type ArrivalTimes } from "./arrivalTimes.ts";

/** Poisson arrivals: exponential inter-arrival times with mean 1/rate. */
export function poissonArrivals(spec: { readonly ratePerS: number }, uniform: Uniform): ArrivalTimes {
  return renewalArrivals(randomExponential.source(uniform)(spec.ratePerS));
}
