import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../sim/rng.ts";
import {
  WorkloadSchema,
  createRequestSource,
  parseTrace,
  traceRefs,
  type WorkloadInput,
} from "../../../experiments/workload/index.ts";
import { requestsOf } from "./helpers.ts";

const LENGTHS = {
  promptTokens: { kind: "lognormal", median: 800, sigma: 1, max: 8000 },
  outputTokens: { kind: "uniform", min: 1, max: 400 },
} as const;

const poisson: WorkloadInput = { maxRequests: 2000, arrival: { kind: "poisson", ratePerS: 10 }, ...LENGTHS };

const TRACE_TEXT = "arrival_s,prompt_tokens,output_tokens\n0,100,10\n1,200,20\n2,300,30\n3,400,40\n";
const traces = new Map([["t.csv", parseTrace(TRACE_TEXT, "t.csv", "csv", { skipBadRows: false })]]);

describe("common random numbers", () => {
  it("the same seed gives the same requests", () => {
    expect(requestsOf(poisson, 42)).toEqual(requestsOf(poisson, 42));
  });

  it("a different seed gives different arrivals and lengths", () => {
    const a = requestsOf(poisson, 1);
    const b = requestsOf(poisson, 2);
    expect(b.map((r) => r.arrivalS)).not.toEqual(a.map((r) => r.arrivalS));
    expect(b.map((r) => r.promptTokens)).not.toEqual(a.map((r) => r.promptTokens));
  });

  it("the k-th request's lengths do not depend on the arrival process", () => {
    const lengths = (arrival: WorkloadInput["arrival"]) =>
      requestsOf({ maxRequests: 1000, arrival, ...LENGTHS }, 7).map((r) => [r.promptTokens, r.outputTokens]);
    const reference = lengths({ kind: "poisson", ratePerS: 10 });
    expect(lengths({ kind: "deterministic", ratePerS: 3 })).toEqual(reference);
    expect(lengths({ kind: "gamma", ratePerS: 50, cv: 4 })).toEqual(reference);
  });

  it("the arrivals do not depend on the length distributions", () => {
    const arrivals = (lengths: Pick<WorkloadInput, "promptTokens" | "outputTokens">) =>
      requestsOf({ maxRequests: 500, arrival: { kind: "gamma", ratePerS: 5, cv: 2 }, ...lengths }, 7).map((r) => r.arrivalS);
    expect(arrivals({ promptTokens: { kind: "fixed", tokens: 5 }, outputTokens: { kind: "fixed", tokens: 5 } })).toEqual(arrivals(LENGTHS));
  });

  it("draws from other streams (a policy's) do not shift the traffic", () => {
    const random = new RandomStreams(11);
    const source = createRequestSource(WorkloadSchema.parse(poisson), random, new Map());
    const shifted = [];
    for (let r = source.next(); r !== null; r = source.next()) {
      random.stream("routing")();
      shifted.push(r);
    }
    expect(shifted).toEqual(requestsOf(poisson, 11));
  });
});

describe("trace replay", () => {
  const replay = (extra: Partial<WorkloadInput> = {}, arrival: { rateScale?: number } = {}) =>
    requestsOf({ arrival: { kind: "trace", path: "t.csv", ...arrival }, ...extra }, 1, traces);

  it("gives the rows in order with their lengths", () => {
    expect(replay()).toEqual([
      { arrivalS: 0, promptTokens: 100, outputTokens: 10 },
      { arrivalS: 1, promptTokens: 200, outputTokens: 20 },
      { arrivalS: 2, promptTokens: 300, outputTokens: 30 },
      { arrivalS: 3, promptTokens: 400, outputTokens: 40 },
    ]);
  });

  it("stops at durationS and at maxRequests", () => {
    expect(replay({ durationS: 2 }).map((r) => r.arrivalS)).toEqual([0, 1, 2]);
    expect(replay({ durationS: 2 }, { rateScale: 2 }).map((r) => r.arrivalS)).toEqual([0, 0.5, 1, 1.5]);
    expect(replay({ maxRequests: 2 })).toHaveLength(2);
  });

  it("takes lengths from distributions when given, the same as any other arrival process draws", () => {
    const replayed = replay({ promptTokens: { kind: "fixed", tokens: 7 }, outputTokens: LENGTHS.outputTokens });
    const drawn = requestsOf({ maxRequests: 4, arrival: { kind: "deterministic", ratePerS: 1 }, ...LENGTHS });
    expect(replayed.map((r) => r.promptTokens)).toEqual([7, 7, 7, 7]);
    expect(replayed.map((r) => r.outputTokens)).toEqual(drawn.map((r) => r.outputTokens));
    expect(replayed.map((r) => r.arrivalS)).toEqual([0, 1, 2, 3]);
  });

  it("a trace that was not loaded is an error naming its path", () => {
    const workload = WorkloadSchema.parse({ arrival: { kind: "trace", path: "other.csv" } });
    expect(() => createRequestSource(workload, new RandomStreams(1), traces)).toThrow("trace other.csv was not loaded");
  });
});

describe("traceRefs", () => {
  it("lists the arrival trace and empirical paths once each, with their formats and skipBadRows", () => {
    const workload = WorkloadSchema.parse({
      arrival: { kind: "trace", path: "a.csv", skipBadRows: true },
      promptTokens: { kind: "empirical", path: "b.jsonl", format: "jsonl", column: "prompt" },
      outputTokens: { kind: "empirical", path: "a.csv", format: "azure", column: "output" },
    });
    expect(traceRefs(workload)).toEqual([
      { path: "a.csv", format: "azure", skipBadRows: true },
      { path: "b.jsonl", format: "jsonl", skipBadRows: false },
    ]);
  });

  it("is empty for a synthetic workload", () => {
    expect(traceRefs(WorkloadSchema.parse(poisson))).toEqual([]);
  });
});
