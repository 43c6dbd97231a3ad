import type { Autoscaler } from "../../sim/autoscaling.ts";

/** Enough replicas that each has about `targetOutstandingPerReplica` requests waiting or running. */
export function queueLength(options: { readonly targetOutstandingPerReplica: number }): Autoscaler {
  return { desiredReplicas: (s) => Math.ceil(s.outstanding / options.targetOutstandingPerReplica) };
}
