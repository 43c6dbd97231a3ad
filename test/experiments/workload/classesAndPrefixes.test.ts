import { describe, expect, it } from "vitest";
import { WorkloadSchema, type WorkloadInput } from "../../../experiments/workload/index.ts";
import { requestsOf } from "./helpers.ts";

const base: WorkloadInput = {
  maxRequests: 20_000,
  arrival: { kind: "poisson", ratePerS: 10 },
  promptTokens: { kind: "uniform", min: 10, max: 500 },
  outputTokens: { kind: "uniform", min: 1, max: 200 },
};

const classes: WorkloadInput["classes"] = [
  { name: "interactive", share: 3, priority: 0, slo: { ttftMs: 250, tpotMs: 40 } },
  { name: "batch", share: 1, priority: 2, outputTokens: { kind: "fixed", tokens: 1000 } },
];

describe("request classes", () => {
  it("draws each request's class in proportion to the shares, with its priority, objectives and lengths", () => {
    const requests = requestsOf({ ...base, classes });
    const interactive = requests.filter((r) => r.classIndex === 0);
    expect(interactive.length / requests.length).toBeCloseTo(0.75, 1);
    expect(interactive.every((r) => r.priority === 0 && r.ttftSloS === 0.25 && r.tpotSloS === 0.04)).toBe(true);
    const batch = requests.filter((r) => r.classIndex === 1);
    expect(batch.every((r) => r.priority === 2 && r.outputTokens === 1000 && r.ttftSloS === undefined)).toBe(true);
  });

  it("leaves the arrivals and the workload's own lengths unchanged (common random numbers)", () => {
    const plain = requestsOf(base, 5);
    const withClasses = requestsOf({ ...base, classes }, 5);
    expect(withClasses.map((r) => r.arrivalS)).toEqual(plain.map((r) => r.arrivalS));
    expect(withClasses.map((r) => r.promptTokens)).toEqual(plain.map((r) => r.promptTokens));
    const interactive = withClasses.map((r, i) => [r, plain[i]!] as const).filter(([r]) => r.classIndex === 0);
    expect(interactive.every(([r, p]) => r.outputTokens === p.outputTokens)).toBe(true);
  });

  it("rejects two classes with the same name", () => {
    const twice = { ...base, classes: [{ name: "a", share: 1 }, { name: "a", share: 2 }] };
    expect(WorkloadSchema.safeParse(twice).success).toBe(false);
  });
});

describe("shared prefixes", () => {
  it("prepends a prefix to the share of requests that carry one, chosen by Zipf popularity", () => {
    const requests = requestsOf({ ...base, prefixes: { count: 10, tokens: 1000, share: 0.5 } });
    const plain = requestsOf(base);
    const carrying = requests.filter((r) => r.prefixId !== undefined);
    expect(carrying.length / requests.length).toBeCloseTo(0.5, 1);
    for (const [i, r] of requests.entries()) {
      expect(r.promptTokens).toBe(plain[i]!.promptTokens + (r.prefixId === undefined ? 0 : 1000));
      if (r.prefixId !== undefined) expect(r.prefixTokens).toBe(1000);
    }
    const uses = new Array<number>(10).fill(0);
    for (const r of carrying) uses[r.prefixId!]!++;
    // Zipf with exponent 1: prefix 0 is used about twice as often as prefix 1, ten times as often as prefix 9.
    expect(uses[0]! / uses[1]!).toBeCloseTo(2, 0);
    expect(uses[0]! / uses[9]!).toBeGreaterThan(7);
  });

  it("draws the same prefixes whatever the class mix", () => {
    const a = requestsOf({ ...base, prefixes: { count: 5, tokens: 100 } }, 9);
    const b = requestsOf({ ...base, classes, prefixes: { count: 5, tokens: 100 } }, 9);
    expect(b.map((r) => r.prefixId)).toEqual(a.map((r) => r.prefixId));
  });
});
