import type { ScenarioInput } from "../../experiments/schema/scenario.ts";
import {
  admissionPolicies,
  batchingPolicies,
  kvAllocationPolicies,
  orderPolicies,
  routerPolicies,
  victimPolicies,
} from "../../policies/registry.ts";

/**
 * The conformance scenarios: every registered policy, of every kind, on a small scenario, with two engines.
 * The registries are iterated, so a new policy is covered as soon as it is registered; a policy whose options
 * have required fields needs an entry in EXAMPLE_OPTIONS. Used by the conformance test and by the test that the
 * decode fast path equals plain stepping.
 */
export const REGISTRIES = {
  batching: batchingPolicies,
  order: orderPolicies,
  preemption: victimPolicies,
  admission: admissionPolicies,
  kvAllocator: kvAllocationPolicies,
  router: routerPolicies,
} as const;
export type Kind = keyof typeof REGISTRIES;

/** Options for policies that cannot run on defaults alone, keyed `kind/name`. */
const EXAMPLE_OPTIONS: Readonly<Record<string, object>> = {
  "admission/maxQueue": { maxQueueLength: 8 },
  "admission/tokenBucket": { ratePerS: 10, burst: 4 },
  "router/classRule": { rules: [{ pool: "pool0", classIndex: 0 }] },
};

function exampleOptions(kind: Kind, name: string): object {
  const given = EXAMPLE_OPTIONS[`${kind}/${name}`];
  if (given !== undefined) return given;
  const options = (REGISTRIES[kind] as Record<string, { options: { safeParse(x: unknown): { success: boolean } } }>)[name]!.options;
  if (!options.safeParse({}).success) {
    throw new Error(`policy ${kind}/${name} has required options: add an example to EXAMPLE_OPTIONS in this test`);
  }
  return {};
}

/** The two engines every policy runs on: plain vLLM, and swap preemption with speculative decoding. */
export const VARIANTS = {
  recompute: { preemption: { mode: "recompute" }, speculative: undefined },
  "swap + speculative": {
    preemption: { mode: "swap", swapSpaceGiB: 0.05 },
    speculative: { k: 3, acceptanceRate: 0.6, draftCostFraction: 0.05 },
  },
} as const;

export function conformanceScenario(kind: Kind, name: string, variant: keyof typeof VARIANTS): ScenarioInput {
  const v = VARIANTS[variant];
  const config = { policy: name, ...exampleOptions(kind, name) };
  const pool: Record<string, unknown> = {
    replicas: 2,
    kv: { capacityBlocks: 256, ...(kind === "kvAllocator" ? { allocator: config } : {}) },
    batching: { policy: "continuous", maxNumSeqs: 32, ...(kind === "batching" ? config : {}) },
    preemption: { policy: "newestFirst", ...(kind === "preemption" ? config : {}), ...v.preemption },
    ...(kind === "order" ? { order: config } : {}),
    ...(kind === "admission" ? { admission: config } : {}),
    ...(v.speculative === undefined ? {} : { speculative: v.speculative }),
  };
  return {
    seed: 7,
    sampleIntervalS: 0.5,
    workload: {
      maxRequests: 120,
      arrival: { kind: "poisson", ratePerS: 40 },
      promptTokens: { kind: "lognormal", median: 300, sigma: 0.8, max: 2000 },
      outputTokens: { kind: "lognormal", median: 60, sigma: 0.8, max: 400 },
      classes: [
        { name: "interactive", share: 0.7, priority: 0, slo: { ttftMs: 500, tpotMs: 50 } },
        { name: "batch", share: 0.3, priority: 1 },
      ],
      prefixes: { count: 3, tokens: 200 },
    },
    cluster: {
      pools: [pool],
      ...(kind === "router" ? { router: config } : {}),
    },
  };
}

