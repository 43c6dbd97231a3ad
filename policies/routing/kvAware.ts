import type { Router } from "../../sim/routing.ts";
import { leastLoaded } from "./leastLoaded.ts";

/**
 * KV-utilization aware: the replica with the most free KV cache, counting queued prompt tokens as KV that is
 * already promised (utilization + queued tokens / capacity is not known here, so queued tokens break ties).
 */
export function kvAware(): Router {
  return {
    route: (_request, candidates, load) =>
      leastLoaded(candidates, (r) => load.kvUtilization(r) * 1e9 + load.queuedTokens(r)),
  };
}
