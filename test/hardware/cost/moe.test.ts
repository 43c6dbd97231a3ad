import { describe, expect, it } from "vitest";
import { expectedDistinctExperts } from "../../../hardware/cost/moe.ts";

describe("experts touched by a step", () => {
  it("is the top-k for one token and every expert for a large batch", () => {
    expect(expectedDistinctExperts(8, 2, 1)).toBeCloseTo(2, 12);
    expect(expectedDistinctExperts(8, 2, 1000)).toBeCloseTo(8, 6);
    expect(expectedDistinctExperts(256, 8, 0)).toBe(0);
  });

  it("matches E(1 − (1 − k/E)^T) for DeepSeek's 256 experts, top-8, at 32 tokens", () => {
    expect(expectedDistinctExperts(256, 8, 32)).toBeCloseTo(256 * (1 - (1 - 8 / 256) ** 32), 12);
    expect(expectedDistinctExperts(256, 8, 32)).toBeLessThan(256);
  });
});
