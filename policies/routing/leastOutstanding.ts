import type { Router } from "../../sim/routing.ts";
import { leastLoaded } from "./leastLoaded.ts";

/** The replica with the fewest requests waiting or running. */
export function leastOutstanding(): Router {
  return {
    route: (_request, candidates, load) =>
      load.leastOutstanding?.(candidates) ?? leastLoaded(candidates, (r) => load.outstanding(r)),
  };
}
