import type { RequestOrder } from "../../sim/batching.ts";

/** Shortest prompt first: the fewest prompt tokens runs first (ties by arrival), minimizing mean TTFT under load. */
export function shortestPromptFirst(): RequestOrder {
  return { key: (r) => r.promptTokens };
}
