import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";
import { routerPolicies } from "../../policies/registry.ts";

const lengths = fc.oneof(
  fc.record({ kind: fc.constant("fixed"), tokens: fc.integer({ min: 1, max: 600 }) }),
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 600 }))
    .map(([min, extra]) => ({ kind: "uniform", min, max: min + extra })),
);

const arrival = fc.oneof(
  fc.record({ kind: fc.constant("poisson"), ratePerS: fc.double({ min: 0.5, max: 80, noNaN: true }) }),
  fc.record({
    kind: fc.constant("gamma"),
    ratePerS: fc.double({ min: 0.5, max: 80, noNaN: true }),
    cv: fc.double({ min: 0.3, max: 5, noNaN: true }),
  }),
  fc.record({ kind: fc.constant("deterministic"), ratePerS: fc.double({ min: 0.5, max: 80, noNaN: true }) }),
  fc.record({
    kind: fc.constant("closedLoop"),
    clients: fc.integer({ min: 1, max: 12 }),
    thinkTimeS: fc.double({ min: 0, max: 2, noNaN: true }),
  }),
);

const costModel = fc.oneof(
  fc.constant({ kind: "roofline" }),
  fc.record({ kind: fc.constant("fixed"), stepS: fc.double({ min: 0.001, max: 0.2, noNaN: true }) }),
);

const routers = Object.keys(routerPolicies).filter((p) => p !== "classRule");

/** Small random valid scenarios: up to 80 requests, tight KV caches that force preemption, any router. */
const scenario: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    maxRequests: fc.integer({ min: 1, max: 80 }),
    arrival,
    promptTokens: lengths,
    outputTokens: lengths,
    replicas: fc.integer({ min: 1, max: 3 }),
    costModel,
    maxNumSeqs: fc.integer({ min: 1, max: 64 }),
    maxBatchedTokens: fc.integer({ min: 1, max: 4096 }),
    blockSizeTokens: fc.integer({ min: 1, max: 32 }),
    capacityBlocks: fc.integer({ min: 8, max: 600 }),
    router: fc.constantFrom(...routers),
    horizonS: fc.option(fc.double({ min: 0.5, max: 60, noNaN: true }), { nil: undefined }),
  })
  .map((p) => ({
    seed: p.seed,
    sampleIntervalS: 0.25,
    ...(p.horizonS === undefined ? {} : { horizonS: p.horizonS }),
    workload: {
      maxRequests: p.maxRequests,
      durationS: 30,
      arrival: p.arrival,
      promptTokens: p.promptTokens,
      outputTokens: p.outputTokens,
    },
    cluster: {
      router: { policy: p.router },
      pools: [
        {
          replicas: p.replicas,
          costModel: p.costModel,
          batching: { policy: "continuous", maxNumSeqs: p.maxNumSeqs, maxBatchedTokens: p.maxBatchedTokens },
          kv: { blockSizeTokens: p.blockSizeTokens, capacityBlocks: p.capacityBlocks },
        },
      ],
    },
  })) as fc.Arbitrary<ScenarioInput>;

describe("any small valid scenario", () => {
  it("terminates, conserves requests, keeps KV within capacity, orders timestamps and is deterministic", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { summary, requests, timeseries } = runScenario(input);
        const r = summary.requests;
        expect(r.arrived).toBe(r.completed + r.rejected + r.inFlight);
        expect(requests.length).toBe(r.arrived);
        for (const s of timeseries) {
          expect(s.kvUsedBlocks).toBeGreaterThanOrEqual(0);
          expect(s.kvUsedBlocks).toBeLessThanOrEqual(s.kvTotalBlocks);
        }
        for (const rep of summary.replicas) expect(rep.kvPeakUsedBlocks).toBeLessThanOrEqual(rep.kvCapacityBlocks);
        for (const q of requests) {
          expect(q.generatedTokens).toBeLessThanOrEqual(q.outputTokens);
          if (q.state !== "completed") continue;
          expect(q.firstScheduledS).toBeGreaterThanOrEqual(q.arrivalS);
          expect(q.firstTokenS).toBeGreaterThanOrEqual(q.firstScheduledS);
          expect(q.completionS).toBeGreaterThanOrEqual(q.firstTokenS);
          expect(q.generatedTokens).toBe(q.outputTokens);
        }
        expect(JSON.stringify(runScenario(input).summary)).toBe(JSON.stringify(summary));
      }),
      { numRuns: 60 },
    );
  });
});
