import type { Router } from "../../sim/routing.ts";
import { leastLoaded } from "./leastLoaded.ts";

/** Join the shortest queue measured in tokens: the replica with the fewest prompt tokens still to prefill. */
export function joinShortestQueue(): Router {
  return { route: (_request, candidates, load) => leastLoaded(candidates, (r) => load.queuedTokens(r)) };
}
