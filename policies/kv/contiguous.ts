import type { KvAllocation } from "../../sim/kvAllocation.ts";

export interface ContiguousOptions {
  /**
   * Tokens (prompt + output) reserved per sequence at admission; default the model's context window as
   * placed (what a system that must be ready for the longest sequence reserves).
   */
  readonly reserveTokens?: number | undefined;
}

/**
 * The pre-vLLM baseline (FasterTransformer, Orca): each sequence reserves one contiguous region for its maximum
 * length at admission, so the KV of tokens it never generates is reserved but unused. The reservation is
 * capped at the replica's cache (less the watermark); a sequence longer than it holds its true length (the
 * simulator does not truncate). No prefix sharing.
 */
export function contiguous(options: ContiguousOptions): KvAllocation {
  return {
    sharesPrefixes: false,
    reservedTokens(_request, neededTokens, sizing) {
      const reserve = Math.min(options.reserveTokens ?? sizing.maxContextTokens, sizing.capacityTokens);
      return Math.max(neededTokens, reserve);
    },
  };
}
