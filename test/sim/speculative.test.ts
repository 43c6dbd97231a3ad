import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../sim/rng.ts";
import { acceptedDraftTokens, expectedTokensPerStep } from "../../sim/speculative.ts";

describe("speculative decoding acceptance", () => {
  it("accepts between 0 and k draft tokens, all at rate 1 and none at rate 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (k, rate, u) => {
        const n = acceptedDraftTokens(k, rate, u);
        return Number.isInteger(n) && n >= 0 && n <= k;
      }),
    );
    expect(acceptedDraftTokens(4, 1, 0.99)).toBe(4);
    expect(acceptedDraftTokens(4, 0, 0.01)).toBe(0);
  });

  it("emits (1 − α^(k+1)) / (1 − α) tokens per step on average", () => {
    const uniform = new RandomStreams(3).stream("speculative/0");
    const n = 200_000;
    let tokens = 0;
    for (let i = 0; i < n; i++) tokens += acceptedDraftTokens(4, 0.7, uniform()) + 1;
    expect(tokens / n).toBeCloseTo(expectedTokensPerStep(4, 0.7), 2);
    expect(expectedTokensPerStep(4, 0.7)).toBeCloseTo(2.7731, 4);
  });
});
