import { z } from "zod";
import { PRECISIONS } from "../../hardware/precision.ts";
import {
  admissionPolicies,
  autoscalingPolicies,
  batchingPolicies,
  orderPolicies,
  routerPolicies,
  victimPolicies,
} from "../../policies/registry.ts";
import { WorkloadSchema } from "../workload/schema.ts";
import { COST_DEFAULTS, CostSchema, ENERGY_DEFAULTS, EnergySchema } from "./energyCost.ts";
import { DeviceSpecSchema, ModelSpecSchema } from "./hardwareSpec.ts";
import { kvEngineFields, preemptionModeFields, SpeculativeSchema } from "./engineSchema.ts";
import { policyUnion } from "./policyUnion.ts";

/** The schema version of scenarios and of `summary.json`; bumped on any breaking change. */
export const SCHEMA_VERSION = 1;

const precision = z.enum(PRECISIONS);

export const CostModelSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("roofline").describe("Roofline over operator groups, with the engine profile's efficiencies."),
      profile: z.string().default("vllm-2023").describe("Engine profile: vllm-2023 (calibrated) or optimized."),
      overrides: z
        .record(z.string(), z.number())
        .default({})
        .describe("Override any numeric factor of the engine profile, e.g. { computeEfficiency: 0.6 }."),
    }),
    z.strictObject({
      kind: z.literal("fixed").describe("Every step takes the same time: for teaching and queueing theory."),
      stepS: z.number().positive().describe("Duration of every step, seconds."),
    }),
    z.strictObject({
      kind: z.literal("exponential").describe("Exponentially distributed step times (M/M/1 service)."),
      meanStepS: z.number().positive().describe("Mean step duration, seconds."),
    }),
    z.strictObject({
      kind: z.literal("table").describe("Step times interpolated from a measured CSV table."),
      path: z.string().describe("CSV file of measured step times (see hardware/cost/table.ts)."),
    }),
  ])
  .describe("How long a step takes.");

export const KvSchema = z
  .strictObject({
    blockSizeTokens: z.int().min(1).default(16).describe("Tokens per PagedAttention block (vLLM: 16)."),
    memoryUtilization: z
      .number()
      .gt(0)
      .max(1)
      .default(0.9)
      .describe("Share of device memory the engine may use for weights, activations and KV (vLLM gpu_memory_utilization)."),
    watermarkFraction: z
      .number()
      .min(0)
      .lt(1)
      .default(0.01)
      .describe("Share of KV blocks kept free when admitting a new sequence (vLLM: 0.01)."),
    capacityBlocks: z
      .int()
      .min(1)
      .optional()
      .describe("Force the KV capacity in blocks instead of deriving it from memory (for experiments)."),
    ...kvEngineFields,
  })
  .describe("KV cache (PagedAttention) of each replica.");

export const BatchingSchema = policyUnion(batchingPolicies, "batching", {
  maxNumSeqs: z.int().min(1).default(256).describe("Most sequences in one step (vLLM max_num_seqs)."),
  maxBatchedTokens: z
    .int()
    .min(1)
    .default(8192)
    .describe("Most tokens in one step (vLLM max_num_batched_tokens)."),
}).describe("How each replica forms its steps.");

export const AutoscalingSchema = policyUnion(autoscalingPolicies, "autoscaling", {
  minReplicas: z
    .int()
    .min(1)
    .default(1)
    .describe("Fewest replicas provisioned (at least 1: a pool scaled to zero would see no load to scale up on)."),
  maxReplicas: z.int().min(1).describe("Most replicas provisioned (the pool's `replicas` is where it starts)."),
  evaluationIntervalS: z.number().positive().default(30).describe("How often the autoscaler decides."),
  provisioningDelayS: z.number().min(0).default(120).describe("Time to obtain a machine once scale-up is decided."),
  modelLoadS: z.number().min(0).default(60).describe("Time to load the weights before serving."),
  scaleDownDelayS: z
    .number()
    .min(0)
    .default(300)
    .describe("Once the signal has asked for fewer replicas this long, the extras stop taking requests and are released when idle (drained)."),
}).describe("Scale the replica count between a minimum and a maximum on a load signal.");

export const KvTransferSchema = z
  .strictObject({
    link: z
      .enum(["scaleUp", "scaleOut"])
      .default("scaleOut")
      .describe("Which link of the devices carries KV from prefill pools into this decode pool: scaleUp (NVLink, same node) or scaleOut (InfiniBand/Ethernet, across nodes)."),
    bandwidthBytesPerS: z
      .number()
      .positive()
      .optional()
      .describe("Override: one-direction bandwidth for the whole transfer, bytes/s."),
    latencyS: z.number().min(0).optional().describe("Override: latency per transfer, seconds."),
  })
  .describe("The link that carries KV caches from the prefill pools to this decode pool.");

export const PoolSchema = z.strictObject({
  name: z.string().min(1).optional().describe("Pool name (default: pool0, pool1, ...)."),
  role: z
    .enum(["mixed", "prefill", "decode"])
    .default("mixed")
    .describe("mixed: replicas run prefill and decode; prefill/decode: one side of disaggregated serving (Splitwise, DistServe)."),
  replicas: z.int().min(1).default(1).describe("Number of identical replicas."),
  device: z
    .union([z.string(), DeviceSpecSchema])
    .default("h100-sxm")
    .describe("A device name from `infersim catalog devices`, or an inline device spec."),
  model: z
    .union([z.string(), ModelSpecSchema])
    .default("llama-3.1-8b")
    .describe("A model name from `infersim catalog models`, or an inline model spec."),
  tensorParallel: z.int().min(1).default(1).describe("Tensor-parallel degree (devices per stage)."),
  pipelineParallel: z.int().min(1).default(1).describe("Pipeline-parallel degree (stages)."),
  maxContextTokens: z
    .int()
    .min(1)
    .optional()
    .describe("Longest prompt + output served (vLLM --max-model-len); default: the model's context window."),
  autoscaling: AutoscalingSchema.optional(),
  kvTransfer: KvTransferSchema.optional(),
  weightPrecision: precision.default("fp16").describe("Precision of the weights."),
  kvPrecision: precision.default("fp16").describe("Precision of the KV cache."),
  powerCapW: z
    .number()
    .positive()
    .optional()
    .describe("Board power cap of each device, watts: no state draws more, and compute-bound work slows in proportion (nvidia-smi -pl)."),
  costModel: CostModelSchema.default({ kind: "roofline", profile: "vllm-2023", overrides: {} }),
  kv: KvSchema.default({
    blockSizeTokens: 16,
    memoryUtilization: 0.9,
    watermarkFraction: 0.01,
    allocator: { policy: "paged" },
    prefixCaching: true,
  }),
  batching: BatchingSchema.default({
    policy: "continuous",
    priority: "prefill-first",
    maxNumSeqs: 256,
    maxBatchedTokens: 8192,
  }),
  order: policyUnion(orderPolicies, "order").default({ policy: "fcfs" }).describe("Order of the waiting queue."),
  preemption: policyUnion(victimPolicies, "preemption", preemptionModeFields)
    .default({ policy: "newestFirst", mode: "recompute", swapSpaceGiB: 4 })
    .describe("Which running sequence gives up its KV blocks when none is free, and how (recompute or swap)."),
  speculative: SpeculativeSchema.optional(),
  admission: policyUnion(admissionPolicies, "admission")
    .default({ policy: "unlimited" })
    .describe("Whether a replica takes a request at arrival."),
});

const routerRefresh = {
  refreshIntervalS: z
    .number()
    .min(0)
    .default(0)
    .describe("How stale the router's load information may be: refreshed this often, seconds (0: always current)."),
};

export const ClusterSchema = z.strictObject({
  pools: z.array(PoolSchema).min(1).describe("Pools of identical replicas."),
  router: policyUnion(routerPolicies, "router", routerRefresh)
    .default({ policy: "roundRobin", refreshIntervalS: 0 })
    .describe("How new requests are spread across the replicas of mixed and prefill pools."),
  decodeRouter: policyUnion(routerPolicies, "router")
    .default({ policy: "leastOutstanding" })
    .describe("How prefilled requests are spread across decode replicas (disaggregated clusters)."),
  networkLatencyS: z.number().min(0).default(0).describe("Router-to-replica network hop, seconds."),
});

export const ScenarioSchema = z.strictObject({
  name: z.string().default("scenario").describe("A label for the results."),
  seed: z.int().min(0).default(1).describe("Seed of every random stream (overridden by --seed)."),
  horizonS: z
    .number()
    .positive()
    .optional()
    .describe("Hard stop in simulated seconds; requests still in the system are reported in flight. Default: run until every request ends."),
  sampleIntervalS: z.number().min(0).default(1).describe("Period of the time series, simulated seconds (0: none)."),
  timelineWindowS: z
    .number()
    .min(0)
    .default(30)
    .describe("Record every replica's steps in the first this many simulated seconds, for the replica timeline (0: none)."),
  workload: WorkloadSchema,
  cluster: ClusterSchema,
  energy: EnergySchema.default(ENERGY_DEFAULTS),
  cost: CostSchema.default(COST_DEFAULTS),
});

/** A scenario as written by a user (defaults not yet applied). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
export type PoolConfig = z.output<typeof PoolSchema>;
export type CostModelConfig = z.output<typeof CostModelSchema>;
