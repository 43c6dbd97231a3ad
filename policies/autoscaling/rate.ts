import type { Autoscaler } from "../../sim/autoscaling.ts";

/** One replica per `ratePerReplicaPerS` of recent arrivals (a capacity figure measured beforehand, e.g. by a sweep). */
export function rate(options: { readonly ratePerReplicaPerS: number }): Autoscaler {
  return { desiredReplicas: (s) => Math.ceil(s.arrivalRatePerS / options.ratePerReplicaPerS) };
}
