import type { RequestOrder } from "../../sim/batching.ts";

/** First come, first served: by arrival time (ties by id). Preempted requests keep their place. */
export function fcfs(): RequestOrder {
  return { key: (r) => r.arrivalS };
}
