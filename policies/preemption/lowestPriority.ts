import type { PreemptionVictim } from "../../sim/batching.ts";

/** Preempt the least urgent running sequence (largest class priority), the newest among equals (vLLM's priority scheduling). */
export function lowestPriority(): PreemptionVictim {
  return {
    choose(running) {
      let victim = running[0]!;
      for (const r of running) {
        if (r.priority > victim.priority) victim = r;
        else if (r.priority === victim.priority && (r.arrivalS > victim.arrivalS || (r.arrivalS === victim.arrivalS && r.id > victim.id))) victim = r;
      }
      return victim;
    },
  };
}
