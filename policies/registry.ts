import { z } from "zod";
import { unlimited } from "./admission/unlimited.ts";
import { maxQueue } from "./admission/maxQueue.ts";
import { continuous } from "./batching/continuous.ts";
import { fcfs } from "./ordering/fcfs.ts";
import { newestFirst } from "./preemption/newestFirst.ts";
import { leastOutstanding } from "./routing/leastOutstanding.ts";
import { roundRobin } from "./routing/roundRobin.ts";

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
} as const;

export const orderPolicies = {
  fcfs: {
    description: "First come, first served by arrival time.",
    options: z.strictObject({}),
    create: fcfs,
  },
} as const;

export const victimPolicies = {
  newestFirst: {
    description: "Preempt the most recently arrived running sequence (vLLM's default).",
    options: z.strictObject({}),
    create: newestFirst,
  },
} as const;

export const routerPolicies = {
  roundRobin: {
    description: "Each request to the next replica in turn.",
    options: z.strictObject({}),
    create: roundRobin,
  },
  leastOutstanding: {
    description: "The replica with the fewest requests waiting or running.",
    options: z.strictObject({}),
    create: leastOutstanding,
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
} as const;
