import { describe, expect, it } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";
import { earliestDeadlineFirst } from "../../policies/ordering/earliestDeadlineFirst.ts";
import { shortestOutputFirst } from "../../policies/ordering/shortestOutputFirst.ts";
import { lowestPriority } from "../../policies/preemption/lowestPriority.ts";
import { Request } from "../../sim/request.ts";
import type { NewRequest } from "../../sim/request.ts";
import { RandomStreams } from "../../sim/rng.ts";

const make = (id: number, spec: Partial<NewRequest>) => {
  const s: NewRequest = { arrivalS: 0, promptTokens: 100, outputTokens: 100, ...spec };
  return new Request(id, s.arrivalS, s.promptTokens, s.outputTokens, s);
};
const env = { stream: (name: string) => new RandomStreams(1).stream(name) };

describe("orders", () => {
  it("shortest-output-first with an oracle orders by tokens still to generate", () => {
    const order = shortestOutputFirst({ predictionErrorSigma: 0 }, env);
    const r = make(0, { outputTokens: 300 });
    expect(order.key(r)).toBe(300);
    r.generatedTokens = 250;
    expect(order.key(r)).toBe(50);
  });

  it("shortest-output-first draws one noisy prediction per request and keeps it", () => {
    const order = shortestOutputFirst({ predictionErrorSigma: 1 }, env);
    const r = make(0, { outputTokens: 300 });
    const first = order.key(r);
    expect(first).not.toBe(300);
    expect(order.key(r)).toBe(first);
  });

  it("earliest-deadline-first is due at arrival + TTFT objective, and last after any objective", () => {
    const order = earliestDeadlineFirst();
    expect(order.key(make(0, { arrivalS: 2, ttftSloS: 0.5 }))).toBe(2.5);
    expect(order.key(make(1, { arrivalS: 0 }))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("lowest-priority preemption", () => {
  it("preempts the least urgent class, the newest within it", () => {
    const running = [make(0, { priority: 1, arrivalS: 1 }), make(1, { priority: 2, arrivalS: 0 }), make(2, { priority: 2, arrivalS: 3 }), make(3, { priority: 0, arrivalS: 9 })];
    expect(lowestPriority().choose(running).id).toBe(2);
  });
});

describe("token-bucket admission", () => {
  it("admits about the bucket's rate and rejects the rest, each with its reason", () => {
    const result = runScenario({
      seed: 2,
      sampleIntervalS: 0,
      workload: {
        durationS: 60,
        arrival: { kind: "poisson", ratePerS: 10 },
        promptTokens: { kind: "fixed", tokens: 100 },
        outputTokens: { kind: "fixed", tokens: 10 },
      },
      cluster: { pools: [{ admission: { policy: "tokenBucket", ratePerS: 2, burst: 5 } }] },
    });
    const s = result.summary.requests;
    expect(s.completed + s.rejected).toBe(s.arrived);
    expect(s.completed).toBeGreaterThanOrEqual(110);
    expect(s.completed).toBeLessThanOrEqual(2 * 60 + 5);
    const rejected = result.requests.filter((r) => r.state === "rejected");
    expect(rejected.length).toBe(s.rejected);
    expect(rejected.every((r) => r.rejectReason.startsWith("rate limited: token bucket empty"))).toBe(true);
  });
});
