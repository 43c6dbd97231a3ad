import type { PreemptionVictim } from "../../sim/batching.ts";

/** Preempt the most recently arrived running sequence (vLLM's default: the lowest FCFS priority). */
export function newestFirst(): PreemptionVictim {
  return {
    choose(running) {
      let victim = running[0]!;
      for (const r of running) if (r.arrivalS > victim.arrivalS || (r.arrivalS === victim.arrivalS && r.id > victim.id)) victim = r;
      return victim;
    },
  };
}
