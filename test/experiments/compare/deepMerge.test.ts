import { describe, expect, it } from "vitest";
import { deepMerge } from "../../../experiments/compare/deepMerge.ts";

describe("deepMerge", () => {
  it("merges objects key by key and arrays element by element", () => {
    const base = { a: 1, b: { c: 2, d: 3 }, pools: [{ replicas: 2, device: "h100-sxm" }] };
    const patch = { b: { d: 4 }, pools: [{ device: "mi300x" }] };
    expect(deepMerge(base, patch)).toEqual({ a: 1, b: { c: 2, d: 4 }, pools: [{ replicas: 2, device: "mi300x" }] });
  });

  it("adds array elements beyond the base's and removes keys set to null", () => {
    const base = { pools: [{ n: 1 }], x: { y: 1, z: 2 } };
    expect(deepMerge(base, { pools: [{}, { n: 2 }], x: { z: null } })).toEqual({ pools: [{ n: 1 }, { n: 2 }], x: { y: 1 } });
  });

  it("changes neither input", () => {
    const base = { a: { b: 1 } };
    const patch = { a: { b: 2 } };
    deepMerge(base, patch);
    expect(base).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { b: 2 } });
  });
});
