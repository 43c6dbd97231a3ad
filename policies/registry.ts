import { z } from "zod";
import { unlimited } from "./admission/unlimited.ts";
import { maxQueue } from "./admission/maxQueue.ts";
import { tokenBucket } from "./admission/tokenBucket.ts";
import { chunkedPrefill } from "./batching/chunkedPrefill.ts";
import { continuous } from "./batching/continuous.ts";
import { dynamicBatching } from "./batching/dynamic.ts";
import { staticBatching } from "./batching/static.ts";
import { contiguous } from "./kv/contiguous.ts";
import { paged } from "./kv/paged.ts";
import { earliestDeadlineFirst } from "./ordering/earliestDeadlineFirst.ts";
import { fcfs } from "./ordering/fcfs.ts";
import { priority } from "./ordering/priority.ts";
import { shortestOutputFirst } from "./ordering/shortestOutputFirst.ts";
import { shortestPromptFirst } from "./ordering/shortestPromptFirst.ts";
import { lowestPriority } from "./preemption/lowestPriority.ts";
import { newestFirst } from "./preemption/newestFirst.ts";
import { leastOutstanding } from "./routing/leastOutstanding.ts";
import { roundRobin } from "./routing/roundRobin.ts";
import { queueLength } from "./autoscaling/queueLength.ts";
import { kvUtilization } from "./autoscaling/kvUtilization.ts";
import { rate } from "./autoscaling/rate.ts";
import { random } from "./routing/random.ts";
import { joinShortestQueue } from "./routing/joinShortestQueue.ts";
import { powerOfTwo } from "./routing/powerOfTwo.ts";
import { kvAware } from "./routing/kvAware.ts";
import { prefixAffinity } from "./routing/prefixAffinity.ts";
import { classRule } from "./routing/classRule.ts";

/**
 * Every policy, registered by name in one literal map per kind. Each entry has the zod schema of its options
 * (which the scenario schema is built from) and a factory. To add a policy: write one file, add one line here.
 */
export const batchingPolicies = {
  continuous: {
    description: "Iteration-level batching (Orca, vLLM): admit and retire sequences every step.",
    options: z.strictObject({
      priority: z
        .enum(["prefill-first", "decode-first"])
        .default("prefill-first")
        .describe("prefill-first: prefill-only steps when a request can be admitted (vLLM); decode-first: decodes every step, whole prompts fill the rest of the token budget."),
    }),
    create: continuous,
  },
  chunkedPrefill: {
    description: "Chunked prefill (Sarathi-Serve): every step decodes all running sequences and fills a token budget with prompt chunks.",
    options: z.strictObject({
      tokenBudget: z
        .int()
        .min(1)
        .default(512)
        .describe("Tokens per step, decodes and prefill chunks together (Sarathi-Serve's strict-SLO budget: 512); capped by maxBatchedTokens."),
    }),
    create: chunkedPrefill,
  },
  static: {
    description: "Static request-level batching (FasterTransformer-style): a batch starts full or after a wait, and runs until all its requests finish.",
    options: z.strictObject({
      batchSize: z.int().min(1).default(16).describe("Requests per batch."),
      maxWaitS: z
        .number()
        .min(0)
        .default(1)
        .describe("Longest the head of the queue waits for a full batch before a partial one starts, seconds."),
    }),
    create: staticBatching,
  },
  dynamic: {
    description: "Dynamic batching (Triton): take what waits, up to a maximum, once a preferred batch is there or a delay passes; run it to completion.",
    options: z.strictObject({
      maxBatchSize: z.int().min(1).default(16).describe("Most requests in a batch (Triton max_batch_size)."),
      preferredBatchSize: z
        .int()
        .min(1)
        .optional()
        .describe("A batch starts at once when this many wait (Triton preferred_batch_size); default maxBatchSize."),
      maxQueueDelayS: z
        .number()
        .min(0)
        .default(0)
        .describe("Longest the head of the queue waits for a preferred batch, seconds (Triton max_queue_delay; 0: never wait)."),
    }),
    create: dynamicBatching,
  },
} as const;

export const orderPolicies = {
  fcfs: {
    description: "First come, first served by arrival time.",
    options: z.strictObject({}),
    create: fcfs,
  },
  shortestPromptFirst: {
    description: "Fewest prompt tokens first (ties by arrival).",
    options: z.strictObject({}),
    create: shortestPromptFirst,
  },
  shortestOutputFirst: {
    description: "Fewest predicted output tokens still to generate first; the prediction has a configurable error.",
    options: z.strictObject({
      predictionErrorSigma: z
        .number()
        .min(0)
        .default(0)
        .describe("σ of the predictor's log-normal error: prediction = true length × e^(σ·Z); 0 is an oracle. Drawn from the policy's own stream."),
    }),
    create: shortestOutputFirst,
  },
  priority: {
    description: "Strict class priority (smaller workload.classes[].priority first), FCFS within a class.",
    options: z.strictObject({}),
    create: priority,
  },
  earliestDeadlineFirst: {
    description: "Earliest deadline against the class SLOs: arrival + TTFT objective (last token + TPOT objective once started).",
    options: z.strictObject({}),
    create: earliestDeadlineFirst,
  },
} as const;

export const victimPolicies = {
  newestFirst: {
    description: "Preempt the most recently arrived running sequence (vLLM's default).",
    options: z.strictObject({}),
    create: newestFirst,
  },
  lowestPriority: {
    description: "Preempt the running sequence of the least urgent class (largest priority), newest among equals.",
    options: z.strictObject({}),
    create: lowestPriority,
  },
} as const;

export const kvAllocationPolicies = {
  paged: {
    description: "PagedAttention (vLLM): blocks are taken as the context grows; prefixes can be shared.",
    options: z.strictObject({}),
    create: paged,
  },
  contiguous: {
    description: "Pre-vLLM baseline: each sequence reserves its maximum length at admission (FasterTransformer, Orca).",
    options: z.strictObject({
      reserveTokens: z
        .int()
        .min(1)
        .optional()
        .describe("Tokens (prompt + output) reserved per sequence; default the model's context window (maxContextTokens). Capped at the cache size."),
    }),
    create: contiguous,
  },
} as const;

export const routerPolicies = {
  roundRobin: {
    description: "Each request to the next replica in turn.",
    options: z.strictObject({}),
    create: roundRobin,
  },
  random: {
    description: "A uniformly random replica.",
    options: z.strictObject({}),
    create: random,
  },
  leastOutstanding: {
    description: "The replica with the fewest requests waiting or running.",
    options: z.strictObject({}),
    create: leastOutstanding,
  },
  joinShortestQueue: {
    description: "The replica with the fewest prompt tokens queued or still to prefill.",
    options: z.strictObject({}),
    create: joinShortestQueue,
  },
  powerOfTwo: {
    description: "Two random replicas; the one with fewer outstanding requests.",
    options: z.strictObject({}),
    create: powerOfTwo,
  },
  kvAware: {
    description: "The replica with the lowest KV-cache utilization (queued tokens break ties).",
    options: z.strictObject({}),
    create: kvAware,
  },
  prefixAffinity: {
    description: "Requests with the same prefix to the replica that last served it, unless it is overloaded.",
    options: z.strictObject({
      maxImbalance: z
        .int()
        .min(0)
        .default(8)
        .describe("Outstanding requests the affine replica may have beyond the least-loaded one."),
    }),
    create: prefixAffinity,
  },
  classRule: {
    description: "Rules send requests to pools by prompt length or class; least outstanding within the pool.",
    options: z.strictObject({
      rules: z
        .array(
          z.strictObject({
            pool: z.string().describe("Name of the pool that takes matching requests."),
            minPromptTokens: z.int().min(0).optional().describe("Match prompts at least this long."),
            maxPromptTokens: z.int().min(0).optional().describe("Match prompts at most this long."),
            classIndex: z.int().min(0).optional().describe("Match this request class (index in workload.classes)."),
          }),
        )
        .min(1)
        .describe("Checked in order; the first match wins; no match: any pool."),
    }),
    create: classRule,
  },
} as const;

export const admissionPolicies = {
  unlimited: {
    description: "Admit every request.",
    options: z.strictObject({}),
    create: unlimited,
  },
  maxQueue: {
    description: "Reject a request when its replica's waiting queue is full.",
    options: z.strictObject({ maxQueueLength: z.int().min(0).describe("Waiting requests at which new ones are rejected.") }),
    create: maxQueue,
  },
  tokenBucket: {
    description: "Rate limit: a token bucket per replica; a request that finds it empty is rejected.",
    options: z.strictObject({
      ratePerS: z.number().positive().describe("Requests per second the bucket refills."),
      burst: z.int().min(1).default(1).describe("Bucket size: the most requests admitted at once."),
    }),
    create: tokenBucket,
  },
} as const;

export const autoscalingPolicies = {
  queueLength: {
    description: "Replicas for a target number of outstanding requests per replica.",
    options: z.strictObject({
      targetOutstandingPerReplica: z.number().positive().describe("Requests waiting or running per replica to aim for."),
    }),
    create: queueLength,
  },
  kvUtilization: {
    description: "Replicas for a target mean KV-cache utilization.",
    options: z.strictObject({
      targetUtilization: z.number().gt(0).max(1).describe("Mean KV utilization of active replicas to aim for."),
    }),
    create: kvUtilization,
  },
  rate: {
    description: "One replica per given arrival rate (a measured per-replica capacity).",
    options: z.strictObject({
      ratePerReplicaPerS: z.number().positive().describe("Requests per second one replica serves within the SLO."),
    }),
    create: rate,
  },
} as const;
