import type { BatchPolicy } from "../../sim/batching.ts";
import { requestLevel } from "./requestLevel.ts";

export interface DynamicOptions {
  /** Most requests in a batch (Triton max_batch_size). */
  readonly maxBatchSize: number;
  /** A batch starts at once when this many wait (Triton preferred_batch_size); default maxBatchSize. */
  readonly preferredBatchSize?: number | undefined;
  /** Longest the head of the queue waits for a preferred batch, seconds (Triton max_queue_delay). */
  readonly maxQueueDelayS: number;
}

/**
 * Dynamic batching (Triton's dynamic batcher in front of a model without in-flight batching): when the
 * replica is free it takes what is waiting, up to `maxBatchSize`, as soon as a preferred batch is there or the
 * head has waited `maxQueueDelayS` (0: never wait), then runs that batch to completion.
 */
export function dynamicBatching(options: DynamicOptions): BatchPolicy {
  const preferred = Math.min(options.preferredBatchSize ?? options.maxBatchSize, options.maxBatchSize);
  return requestLevel({
    maxBatch: options.maxBatchSize,
    startAt: (ctx) => {
      const deadlineS = ctx.peekWaiting()!.enqueuedS + options.maxQueueDelayS;
      return ctx.waitingCount >= preferred || ctx.nowS >= deadlineS ? true : deadlineS;
    },
  });
}
