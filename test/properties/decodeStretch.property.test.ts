import fc from "fast-check";
import { describe, it } from "vitest";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";
import { expectSameResults } from "../sim/fastAndPlain.ts";

/** Batching policies whose decode steps the fast path advances (and one it must leave alone: decode-first mixes). */
const batching = fc.oneof(
  fc.record({ policy: fc.constant("continuous"), priority: fc.constantFrom("prefill-first", "decode-first"), maxNumSeqs: fc.integer({ min: 2, max: 48 }) }),
  fc.record({ policy: fc.constant("chunkedPrefill"), tokenBudget: fc.integer({ min: 64, max: 4096 }), maxNumSeqs: fc.integer({ min: 2, max: 48 }) }),
  fc.record({ policy: fc.constant("static"), batchSize: fc.integer({ min: 1, max: 16 }), maxWaitS: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
);

/** A small random scenario: policies, memory tight enough to preempt, lengths, rates and pool layouts. */
const scenario = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    batching,
    replicas: fc.integer({ min: 1, max: 3 }),
    disaggregated: fc.boolean(),
    capacityBlocks: fc.integer({ min: 48, max: 600 }),
    blockSizeTokens: fc.constantFrom(1, 4, 16, 32),
    prefixCaching: fc.boolean(),
    mode: fc.constantFrom("recompute", "swap"),
    ratePerS: fc.double({ min: 1, max: 80, noNaN: true }),
    promptMedian: fc.integer({ min: 8, max: 600 }),
    outputMedian: fc.integer({ min: 1, max: 200 }),
    fixedSteps: fc.boolean(),
  })
  .map((p): ScenarioInput => {
    const kv = { capacityBlocks: p.capacityBlocks, blockSizeTokens: p.blockSizeTokens, prefixCaching: p.prefixCaching };
    const engine = {
      kv,
      batching: p.batching,
      preemption: { policy: "newestFirst", mode: p.mode, swapSpaceGiB: 0.02 },
      ...(p.fixedSteps ? { costModel: { kind: "fixed", stepS: 0.02 } } : {}),
    };
    const pools = p.disaggregated
      ? [
          { name: "p", role: "prefill", replicas: p.replicas, ...engine },
          { name: "d", role: "decode", replicas: p.replicas, ...engine },
        ]
      : [{ replicas: p.replicas, ...engine }];
    return {
      seed: p.seed,
      sampleIntervalS: 0.5,
      workload: {
        maxRequests: 60,
        arrival: { kind: "poisson", ratePerS: p.ratePerS },
        promptTokens: { kind: "lognormal", median: p.promptMedian, sigma: 0.7, max: 1500 },
        outputTokens: { kind: "lognormal", median: p.outputMedian, sigma: 0.8, max: 400 },
        classes: [
          { name: "a", share: 0.6, priority: 0 },
          { name: "b", share: 0.4, priority: 1 },
        ],
        prefixes: { count: 2, tokens: 64 },
      },
      cluster: { router: { policy: "leastOutstanding" }, pools },
    } as ScenarioInput;
  });

describe("the decode fast path on random scenarios", () => {
  it("gives the results of plain stepping (stretches parked, resumed and joined under any policy, memory and timing)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expectSameResults(input);
      }),
      { numRuns: 150 },
    );
  });
});
