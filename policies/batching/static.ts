import type { BatchPolicy } from "../../sim/batching.ts";
import { requestLevel } from "./requestLevel.ts";

export interface StaticOptions {
  /** Requests per batch. */
  readonly batchSize: number;
  /** Longest the oldest waiting request waits for a full batch before a partial one starts, seconds. */
  readonly maxWaitS: number;
}

/**
 * Static, request-level batching (FasterTransformer-style serving): a batch starts when `batchSize` requests
 * wait, or `maxWaitS` after the head of the queue arrived, and runs until all its requests finish.
 */
export function staticBatching(options: StaticOptions): BatchPolicy {
  return requestLevel({
    maxBatch: options.batchSize,
    startAt: (ctx) => {
      const deadlineS = ctx.peekWaiting()!.enqueuedS + options.maxWaitS;
      return ctx.waitingCount >= options.batchSize || ctx.nowS >= deadlineS ? true : deadlineS;
    },
  });
}
