import type { Router } from "../../sim/routing.ts";

/** Each request goes to the next replica in turn. */
export function roundRobin(): Router {
  let next = 0;
  return {
    route(_request, candidates) {
      const chosen = next % candidates.length;
      next = chosen + 1;
      return chosen;
    },
  };
}
