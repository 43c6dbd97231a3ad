import type { BatchPolicy, StepContext } from "../../sim/batching.ts";
import { decodeRunning, prefillRunning } from "./continuous.ts";

/** When an idle replica starts a batch: now (true), or it waits until `wakeS` and asks again. */
export interface BatchTrigger {
  /** Most requests in a batch. */
  readonly maxBatch: number;
  /** Start a batch now, with what is waiting? Otherwise, when to look again (a time in seconds). */
  startAt(ctx: StepContext): true | number;
}

/**
 * Request-level batching: when the replica is empty, a batch of up to `maxBatch` waiting requests is admitted
 * (when the trigger says so); their prompts are prefilled (whole, within the token budget) and then they decode
 * together until the last one finishes. Nothing joins a running batch.
 */
export function requestLevel(trigger: BatchTrigger): BatchPolicy {
  return {
    // A running batch decodes to its end; nothing joins it.
    steadyDecode: "always",
    formStep(ctx) {
      if (ctx.runningCount === 0) {
        if (ctx.peekWaiting() === undefined) return;
        const start = trigger.startAt(ctx);
        if (start !== true) {
          ctx.wakeAt(start);
          return;
        }
        for (let i = 0; i < trigger.maxBatch && ctx.admitHead(); i++);
      }
      if (prefillRunning(ctx, ctx.limits.maxBatchedTokens) > 0) return;
      decodeRunning(ctx);
    },
  };
}
