import { describe, expect, it } from "vitest";
import { PRECISIONS, bytesPerParam, isPrecision } from "../../hardware/precision.ts";

describe("precisions", () => {
  it("store 2, 1 or half a byte per value", () => {
    expect(PRECISIONS.map(bytesPerParam)).toEqual([2, 2, 1, 1, 0.5, 0.5]);
  });

  it("recognise their own names only", () => {
    expect(isPrecision("fp8")).toBe(true);
    expect(isPrecision("fp32")).toBe(false);
  });
});
