import type { Admission } from "../../sim/routing.ts";

/** Rejects a request when its replica already has `maxQueueLength` requests waiting. */
export function maxQueue(options: { readonly maxQueueLength: number }): Admission {
  return {
    check(_request, replica) {
      return replica.waitingCount >= options.maxQueueLength
        ? `queue full: ${replica.waitingCount} requests waiting (maxQueueLength ${options.maxQueueLength})`
        : null;
    },
  };
}
