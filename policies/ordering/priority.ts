import type { RequestOrder } from "../../sim/batching.ts";

/** Strict priority classes: the smallest class priority runs first (vLLM's convention), FCFS within a class. */
export function priority(): RequestOrder {
  return { key: (r) => r.priority };
}
