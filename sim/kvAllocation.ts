import type { Request } from "./request.ts";

/** What an allocator may know of its replica when sizing a reservation, in tokens. */
export interface KvSizing {
  /** The whole KV cache of the replica. */
  readonly capacityTokens: number;
  /** The longest prompt + output the replica serves (its model's context window as placed). */
  readonly maxContextTokens: number;
}

/**
 * How much KV a sequence holds: PagedAttention grows it block by block as tokens are generated; a contiguous
 * allocator (pre-vLLM systems) reserves the maximum length at admission.
 */
export interface KvAllocation {
  /** Tokens of KV `request` must hold for `neededTokens` of its context to fit (≥ neededTokens). */
  reservedTokens(request: Request, neededTokens: number, sizing: KvSizing): number;
  /** Whether sequences may share cached prefix blocks (a block table makes that possible; contiguous cannot). */
  readonly sharesPrefixes: boolean;
}

/** PagedAttention: hold exactly the blocks the context needs. The default of every replica. */
export const PAGED_ALLOCATION: KvAllocation = { reservedTokens: (_r, needed) => needed, sharesPrefixes: true };
