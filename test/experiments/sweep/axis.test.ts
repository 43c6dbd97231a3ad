import { describe, expect, it } from "vitest";
import { InputError } from "../../../experiments/errors.ts";
import { parseAxes, parseAxis, splitTopLevel } from "../../../experiments/sweep/axis.ts";

describe("--axis", () => {
  it("reads a path and a list of values, each as YAML", () => {
    expect(parseAxis("workload.arrival.ratePerS=5,10.5,20")).toEqual({ path: "workload.arrival.ratePerS", values: [5, 10.5, 20] });
    expect(parseAxis("cluster.pools[0].batching.priority=prefill-first,decode-first")).toEqual({
      path: "cluster.pools[0].batching.priority",
      values: ["prefill-first", "decode-first"],
    });
  });

  it("keeps commas inside braces, brackets and quotes within one value", () => {
    expect(splitTopLevel("{a: 1, b: 2},[3,4],'x,y'")).toEqual(["{a: 1, b: 2}", "[3,4]", "'x,y'"]);
    expect(parseAxis("cluster.pools[0].kv={blockSizeTokens: 8, memoryUtilization: 0.8},{blockSizeTokens: 32}")).toEqual({
      path: "cluster.pools[0].kv",
      values: [{ blockSizeTokens: 8, memoryUtilization: 0.8 }, { blockSizeTokens: 32 }],
    });
  });

  it("reads path=auto as a saturation search", () => {
    expect(parseAxis("workload.arrival.ratePerS=auto")).toEqual({ path: "workload.arrival.ratePerS", auto: true });
  });

  it("rejects a flag without values, an empty value, a repeated path and two auto axes", () => {
    expect(() => parseAxis("workload.arrival.ratePerS")).toThrow(/expected path=v1,v2/);
    expect(() => parseAxis("workload.arrival.ratePerS=1,,2")).toThrow(/empty value/);
    expect(() => parseAxis("a..b=1")).toThrow(/cannot read the path/);
    expect(() => parseAxes(["seed=1,2", "seed=3"])).toThrow(/given twice/);
    expect(() => parseAxes(["a=auto", "b=auto"])).toThrow(InputError);
  });
});
