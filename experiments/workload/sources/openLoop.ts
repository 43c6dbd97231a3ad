import type { RequestSource } from "../../../sim/ports.ts";
import type { ArrivalTimes } from "../arrivals/index.ts";
import type { Lengths, Limits } from "./limits.ts";

/** Open-loop requests: arrival times from a process, lengths from the samplers, until a limit is reached. */
export function openLoopSource(arrivals: ArrivalTimes, lengths: Lengths, limits: Limits): RequestSource {
  let generated = 0;
  let done = false;
  return {
    next() {
      if (done || generated >= limits.maxRequests) return null;
      const arrivalS = arrivals();
      if (arrivalS > limits.durationS) {
        done = true;
        return null;
      }
      generated++;
      return { arrivalS, promptTokens: lengths.prompt(), outputTokens: lengths.output() };
    },
  };
}
