import type { Router } from "../../sim/routing.ts";
import { leastLoaded } from "./leastLoaded.ts";

/**
 * Prefix affinity: a request with a shared prefix goes to the replica that last served that prefix (whose
 * prefix cache most likely holds it), unless that replica has `maxImbalance` more outstanding requests than the
 * least-loaded candidate; requests without a prefix, and first sightings, go to the least-loaded replica.
 */
export function prefixAffinity(options: { readonly maxImbalance: number }): Router {
  const home = new Map<number, number>();
  return {
    route(request, candidates, load) {
      const least = leastLoaded(candidates, (r) => load.outstanding(r));
      if (request.prefixId < 0) return least;
      const previous = home.get(request.prefixId);
      if (
        previous !== undefined &&
        candidates.includes(previous) &&
        load.outstanding(previous) - load.outstanding(least) <= options.maxImbalance
      ) {
        return previous;
      }
      home.set(request.prefixId, least);
      return least;
    },
  };
}
