import type { Autoscaler } from "../../sim/autoscaling.ts";

/** Scale the active replicas so their mean KV-cache utilization moves toward `targetUtilization`. */
export function kvUtilization(options: { readonly targetUtilization: number }): Autoscaler {
  return {
    desiredReplicas: (s) => Math.ceil((s.activeReplicas * s.kvUtilization) / options.targetUtilization),
  };
}
