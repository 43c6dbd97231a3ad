import { describe, expect, it } from "vitest";
import { WorkloadSchema } from "../../../experiments/workload/index.ts";

const LENGTHS = { promptTokens: { kind: "fixed", tokens: 100 }, outputTokens: { kind: "fixed", tokens: 10 } };

/** The validation issues as "path: message" lines (empty when valid). */
function issues(input: unknown): string[] {
  const result = WorkloadSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("the workload schema", () => {
  it("accepts each arrival kind and fills in the defaults", () => {
    expect(WorkloadSchema.parse({ durationS: 60, arrival: { kind: "closedLoop", clients: 8 }, ...LENGTHS }).arrival).toEqual({
      kind: "closedLoop",
      clients: 8,
      thinkTimeS: 0,
    });
    expect(WorkloadSchema.parse({ arrival: { kind: "trace", path: "t.csv" } }).arrival).toEqual({
      kind: "trace",
      path: "t.csv",
      rateScale: 1,
      skipBadRows: false,
    });
    expect(
      WorkloadSchema.parse({
        maxRequests: 10,
        arrival: { kind: "gamma", ratePerS: 1, cv: 2 },
        promptTokens: { kind: "lognormal", median: 500, sigma: 1 },
        outputTokens: { kind: "empirical", values: [1, 2] },
      }).promptTokens,
    ).toEqual({ kind: "lognormal", median: 500, sigma: 1, min: 1 });
  });

  it("rejects an unknown key, at the top and inside", () => {
    expect(issues({ durationS: 1, arrivals: {}, arrival: { kind: "poisson", ratePerS: 1 }, ...LENGTHS })).toEqual([
      ': Unrecognized key: "arrivals"',
    ]);
    expect(issues({ durationS: 1, arrival: { kind: "poisson", ratePerS: 1, rate: 2 }, ...LENGTHS })).toEqual([
      'arrival: Unrecognized key: "rate"',
    ]);
  });

  it("rejects a negative or zero rate", () => {
    expect(issues({ durationS: 1, arrival: { kind: "poisson", ratePerS: -2 }, ...LENGTHS })).toEqual([
      "arrival.ratePerS: Too small: expected number to be >0",
    ]);
    expect(issues({ durationS: 1, arrival: { kind: "deterministic", ratePerS: 0 }, ...LENGTHS })).toHaveLength(1);
  });

  it.each([
    [{ kind: "poisson", ratePerS: 1 }, "poisson"],
    [{ kind: "gamma", ratePerS: 1, cv: 2 }, "gamma"],
    [{ kind: "deterministic", ratePerS: 1 }, "deterministic"],
    [{ kind: "closedLoop", clients: 4 }, "closedLoop"],
  ])("rejects a %o workload that never ends", (arrival, kind) => {
    expect(issues({ arrival, ...LENGTHS })).toEqual([
      `durationS: the workload never ends: a ${kind} arrival needs durationS or maxRequests`,
    ]);
  });

  it("requires length distributions unless the arrival is a trace", () => {
    expect(issues({ maxRequests: 5, arrival: { kind: "poisson", ratePerS: 1 }, promptTokens: LENGTHS.promptTokens })).toEqual([
      "outputTokens: outputTokens is required with a poisson arrival (only a trace arrival takes lengths from its rows)",
    ]);
    expect(issues({ arrival: { kind: "trace", path: "t.csv", rateScale: 2 } })).toEqual([]);
  });

  it("rejects bad length distributions", () => {
    const withPrompt = (promptTokens: unknown) => issues({ maxRequests: 5, arrival: { kind: "poisson", ratePerS: 1 }, ...LENGTHS, promptTokens });
    expect(withPrompt({ kind: "uniform", min: 10, max: 5 })).toEqual(["promptTokens.max: max must be ≥ min"]);
    expect(withPrompt({ kind: "fixed", tokens: 0 })).toHaveLength(1);
    expect(withPrompt({ kind: "fixed", tokens: 2.5 })).toHaveLength(1);
    expect(withPrompt({ kind: "lognormal", median: 100, sigma: 1, min: 50, max: 20 })).toEqual(["promptTokens.max: max must be ≥ min"]);
    expect(withPrompt({ kind: "empirical", values: [] })).toHaveLength(1);
    expect(withPrompt({ kind: "empirical" })).toEqual(["promptTokens: an empirical distribution needs exactly one of values or path"]);
    expect(withPrompt({ kind: "empirical", values: [1], path: "t.csv" })).toEqual([
      "promptTokens: an empirical distribution needs exactly one of values or path",
    ]);
    expect(withPrompt({ kind: "empirical", path: "t.csv" })).toEqual(['promptTokens.column: column is required with path: "prompt" or "output"']);
    expect(withPrompt({ kind: "empirical", values: [1], column: "prompt" })).toEqual([
      "promptTokens.column: column applies only with path, not with values",
    ]);
  });

  it("rejects one trace file given two formats", () => {
    expect(
      issues({
        arrival: { kind: "trace", path: "t.csv", format: "azure" },
        promptTokens: { kind: "empirical", path: "t.csv", format: "csv", column: "prompt" },
      }),
    ).toEqual([": trace t.csv is given two formats: azure and csv"]);
  });

  it("describes every field, since the docs are generated from the schema", () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof child.description !== "string" && child.$ref === undefined) undocumented.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      for (const key of ["anyOf", "oneOf", "allOf"]) {
        const options = record[key];
        if (Array.isArray(options)) options.forEach((option, i) => { visit(option, `${path}[${i}]`); });
      }
    };
    visit(WorkloadSchema.toJSONSchema({ io: "input" }), "workload");
    expect(undocumented).toEqual([]);
  });
});
