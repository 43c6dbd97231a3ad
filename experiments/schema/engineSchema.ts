import { z } from "zod";
import { kvAllocationPolicies } from "../../policies/registry.ts";
import { ModelSpecSchema } from "./hardwareSpec.ts";
import { policyUnion } from "./policyUnion.ts";

/** KV fields of P3 (allocation, prefix caching), merged into the pool's `kv` object. */
export const kvEngineFields = {
  allocator: policyUnion(kvAllocationPolicies, "KV allocator")
    .default({ policy: "paged" })
    .describe("How a sequence reserves KV: paged (PagedAttention, default) or contiguous (the pre-vLLM baseline that reserves the maximum length)."),
  prefixCaching: z
    .boolean()
    .default(true)
    .describe("Share the cached full blocks of a request's prefix (workload.prefixes) with later requests on the replica (vLLM automatic prefix caching); paged only."),
};

/** Fields every preemption policy accepts: how the victim gives up its KV. */
export const preemptionModeFields = {
  mode: z
    .enum(["recompute", "swap"])
    .default("recompute")
    .describe("recompute: free the victim's blocks and prefill it again later (vLLM's default); swap: copy its blocks to host memory over the device's host link and back when it resumes (recompute when host memory is full)."),
  swapSpaceGiB: z
    .number()
    .min(0)
    .default(4)
    .describe("Host memory for swapped KV per device, GiB (vLLM swap_space: 4)."),
};

export const SpeculativeSchema = z
  .strictObject({
    k: z.int().min(1).max(32).describe("Draft tokens proposed per sequence per step."),
    acceptanceRate: z
      .number()
      .min(0)
      .max(1)
      .describe("Probability that each draft token is accepted (until the first rejection); drawn per replica from its own stream."),
    draftModel: z
      .union([z.string(), ModelSpecSchema])
      .optional()
      .describe("Draft model (catalog name or inline spec), priced by the roofline on the pool's devices; its weights come out of the KV cache."),
    draftCostFraction: z
      .number()
      .min(0)
      .optional()
      .describe("Without draftModel: one draft step costs this share of a plain decode step of the same batch on the target. Default 0: n-gram (prompt lookup) drafting, free on the device."),
  })
  .refine((s) => s.draftModel === undefined || s.draftCostFraction === undefined, {
    message: "give draftModel or draftCostFraction, not both",
  })
  .describe("Speculative decoding for every iteration-level step of the pool: a step costs k draft steps plus one verification pass of k + 1 tokens, and emits the accepted draft tokens plus one.");

export type SpeculativeConfig = z.output<typeof SpeculativeSchema>;
