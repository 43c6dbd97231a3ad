import type { KvAllocation } from "./kvAllocation.ts";
import type { SwapSpec } from "./kvMemory.ts";
import type { SpeculativeSpec } from "./speculative.ts";

/** What a replica does when a sequence needs a KV block and none is free. */
export type PreemptionMode = "recompute" | "swap";

/**
 * Engine features of a replica beyond its policies, all optional (a replica without them is vLLM with
 * PagedAttention, recompute preemption and no speculation).
 */
export interface ReplicaEngine {
  /** Paged (default) or contiguous KV reservation. */
  readonly allocation?: KvAllocation;
  /** Share cached prefix blocks between requests with the same prefix id (default false). */
  readonly prefixCaching?: boolean;
  /** recompute (default): free the victim's blocks and prefill it again; swap: copy them to host memory. */
  readonly preemptionMode?: PreemptionMode;
  /** Host memory and link for swap preemption (required for `swap`). */
  readonly swap?: SwapSpec;
  readonly speculative?: SpeculativeSpec;
  /** Longest prompt + output the replica serves, for contiguous reservations (default: the whole cache). */
  readonly maxContextTokens?: number;
}

/** What a replica's steps did, for the summary. */
export class EngineCounters {
  /** Prompt tokens computed by prefill chunks (recomputed ones included; cached prefix tokens excluded). */
  prefillTokens = 0;
  /** Output tokens emitted by decode and verification steps (first tokens excluded). */
  decodeTokens = 0;
  recomputePreemptions = 0;
  swapPreemptions = 0;
  /** Seconds steps waited for swap copies. */
  swapS = 0;
  /** Draft tokens proposed and accepted (speculative decoding). */
  proposedTokens = 0;
  acceptedTokens = 0;
  /** Seconds of draft steps. */
  draftS = 0;
  /** Σ sequences per step and steps that ran, for the mean batch size. */
  batchSeqs = 0;
}
