import { PAGED_ALLOCATION } from "../../sim/kvAllocation.ts";
import type { KvAllocation } from "../../sim/kvAllocation.ts";

/** PagedAttention (vLLM): a sequence holds the blocks its context fills, growing one block at a time. */
export function paged(): KvAllocation {
  return PAGED_ALLOCATION;
}
