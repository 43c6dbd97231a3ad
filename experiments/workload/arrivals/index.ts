import type { Uniform } from "../../../sim/ports.ts";
import type { OpenLoopArrivalSpec } from "../schema.ts";
import type { ArrivalTimes } from "./arrivalTimes.ts";
import { deterministicArrivals } from "./deterministic.ts";
import { gammaArrivals } from "./gamma.ts";
import { poissonArrivals } from "./poisson.ts";
import { diurnalArrivals } from "./diurnal.ts";

export type { ArrivalTimes } from "./arrivalTimes.ts";
export { renewalArrivals } from "./arrivalTimes.ts";
export { deterministicArrivals, diurnalArrivals, gammaArrivals, poissonArrivals };

type ArrivalFactories = {
  [K in OpenLoopArrivalSpec["kind"]]: (spec: Extract<OpenLoopArrivalSpec, { kind: K }>, uniform: Uniform) => ArrivalTimes;
};

/** The open-loop arrival processes, by kind. */
export const openLoopArrivals: ArrivalFactories = {
  poisson: poissonArrivals,
  gamma: gammaArrivals,
  deterministic: deterministicArrivals,
  diurnal: diurnalArrivals,
};

/** The arrival times of an open-loop process, drawing from `uniform` (the `arrivals` stream). */
export function createArrivalTimes(spec: OpenLoopArrivalSpec, uniform: Uniform): ArrivalTimes {
  const factory = openLoopArrivals[spec.kind] as (spec: OpenLoopArrivalSpec, uniform: Uniform) => ArrivalTimes;
  return factory(spec, uniform);
}
