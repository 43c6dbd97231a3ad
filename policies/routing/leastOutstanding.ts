import type { Router } from "../../sim/routing.ts";

/** The replica with the fewest requests waiting or running; ties go to the lowest index. */
export function leastOutstanding(): Router {
  return {
    route(_request, candidates) {
      let best = 0;
      let bestLoad = Number.POSITIVE_INFINITY;
      for (let i = 0; i < candidates.length; i++) {
        const load = candidates[i]!.outstanding;
        if (load < bestLoad) {
          best = i;
          bestLoad = load;
        }
      }
      return best;
    },
  };
}
