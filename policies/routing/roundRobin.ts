import type { Router } from "../../sim/routing.ts";

/** Each request goes to the next candidate in turn. */
export function roundRobin(): Router {
  let next = 0;
  return {
    route(_request, candidates) {
      const chosen = candidates[next % candidates.length]!;
      next = (next % candidates.length) + 1;
      return chosen;
    },
  };
}
