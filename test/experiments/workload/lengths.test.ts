import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../sim/rng.ts";
import {
  LengthDistributionSchema,
  createLengthSampler,
  parseTrace,
  type LengthSampler,
  type Trace,
} from "../../../experiments/workload/index.ts";

function sampler(spec: unknown, traces: ReadonlyMap<string, Trace> = new Map(), seed = 5): LengthSampler {
  return createLengthSampler(LengthDistributionSchema.parse(spec), new RandomStreams(seed).stream("promptTokens"), traces);
}

const draws = (sample: LengthSampler, n: number): number[] => Array.from({ length: n }, () => sample());

describe("length distributions", () => {
  it("fixed always gives its length", () => {
    expect(new Set(draws(sampler({ kind: "fixed", tokens: 512 }), 1000))).toEqual(new Set([512]));
  });

  it("uniform gives every whole number in [min, max] and nothing outside", () => {
    const values = draws(sampler({ kind: "uniform", min: 3, max: 7 }), 5000);
    expect(new Set(values)).toEqual(new Set([3, 4, 5, 6, 7]));
    // Mean 5, standard deviation √2 per draw: five standard errors is 5·√2/√5000 ≈ 0.1.
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 5)).toBeLessThan(0.1);
  });

  it("uniform with min = max always gives that length", () => {
    expect(new Set(draws(sampler({ kind: "uniform", min: 9, max: 9 }), 100))).toEqual(new Set([9]));
  });

  it("lognormal has the given median within five standard errors", () => {
    const n = 20_001;
    const median = 1000;
    const sigma = 1;
    const values = draws(sampler({ kind: "lognormal", median, sigma }), n).sort((a, b) => a - b);
    // The sample median's standard error is 1/(2 f(m) √n) with density f(m) = 1/(m σ √(2π)) at the median.
    const standardError = (median * sigma * Math.sqrt(Math.PI / 2)) / Math.sqrt(n);
    expect(Math.abs(values[(n - 1) / 2]! - median)).toBeLessThan(5 * standardError);
  });

  it("lognormal lengths are whole numbers clipped to [min, max]", () => {
    const values = draws(sampler({ kind: "lognormal", median: 200, sigma: 2, min: 16, max: 4096 }), 10_000);
    expect(values.every((v) => Number.isInteger(v) && v >= 16 && v <= 4096)).toBe(true);
    expect(values).toContain(16);
    expect(values).toContain(4096);
  });

  it("lognormal lengths are at least 1 token without a min", () => {
    const values = draws(sampler({ kind: "lognormal", median: 2, sigma: 3 }), 10_000);
    expect(Math.min(...values)).toBe(1);
    expect(values.every((v) => Number.isInteger(v))).toBe(true);
  });

  it("empirical only yields values from its list, and each of them", () => {
    const values = draws(sampler({ kind: "empirical", values: [3, 17, 42, 17] }), 2000);
    expect(new Set(values)).toEqual(new Set([3, 17, 42]));
    // 17 is listed twice, so it is drawn about half the time.
    const share = values.filter((v) => v === 17).length / values.length;
    expect(Math.abs(share - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / values.length));
  });

  it("empirical from a trace draws that trace's prompt or output lengths", () => {
    const trace = parseTrace("arrival_s,prompt_tokens,output_tokens\n0,11,1\n1,22,2\n2,33,3\n", "t.csv", "csv", { skipBadRows: false });
    const traces = new Map([["t.csv", trace]]);
    expect(new Set(draws(sampler({ kind: "empirical", path: "t.csv", column: "prompt" }, traces), 500))).toEqual(new Set([11, 22, 33]));
    expect(new Set(draws(sampler({ kind: "empirical", path: "t.csv", column: "output" }, traces), 500))).toEqual(new Set([1, 2, 3]));
  });

  it("empirical from a trace that was not loaded is an error naming the path", () => {
    expect(() => sampler({ kind: "empirical", path: "missing.csv", column: "prompt" })).toThrow(
      "trace missing.csv was not loaded: load the files listed by traceRefs(workload) before creating the source",
    );
  });

  it("the same seed gives the same lengths, another seed different ones", () => {
    const spec = { kind: "lognormal", median: 300, sigma: 1 };
    expect(draws(sampler(spec, new Map(), 1), 100)).toEqual(draws(sampler(spec, new Map(), 1), 100));
    expect(draws(sampler(spec, new Map(), 1), 100)).not.toEqual(draws(sampler(spec, new Map(), 2), 100));
  });
});
