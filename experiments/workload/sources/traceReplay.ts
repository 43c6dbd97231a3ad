import type { RequestSource } from "../../../sim/ports.ts";
import type { Trace } from "../trace.ts";
import type { Lengths, Limits } from "./limits.ts";

/**
 * Replays a trace's rows in order at `rateScale` times the recorded rate (arrival = arrivalS / rateScale).
 * Lengths come from the rows, unless a sampler replaces them.
 */
export function traceReplaySource(trace: Trace, rateScale: number, lengths: Partial<Lengths>, limits: Limits): RequestSource {
  let index = 0;
  return {
    next() {
      const row = trace.rows[index];
      if (row === undefined || index >= limits.maxRequests) return null;
      const arrivalS = row.arrivalS / rateScale;
      if (arrivalS > limits.durationS) return null;
      index++;
      return {
        arrivalS,
        promptTokens: lengths.prompt === undefined ? row.promptTokens : lengths.prompt(),
        outputTokens: lengths.output === undefined ? row.outputTokens : lengths.output(),
      };
    },
  };
}
