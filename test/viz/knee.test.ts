import { describe, expect, it } from "vitest";
import { KNEE_FACTOR, detectKnee } from "../../viz/index.ts";
import type { SweepPoint } from "../../viz/index.ts";

function pt(rate: number, ttftP99: number | null): SweepPoint {
  return {
    variant: "v",
    offeredRatePerS: rate,
    achievedRequestsPerS: rate,
    outputTokensPerS: rate * 100,
    ttftMs: { p50: ttftP99, p99: ttftP99 },
    tpotMs: { p50: 20, p99: 30 },
  };
}

describe("detectKnee", () => {
  it("uses a threshold of 3× the low-load p99 TTFT by default", () => {
    expect(KNEE_FACTOR).toBe(3);
  });

  it("interpolates the offered rate where p99 TTFT crosses the threshold", () => {
    // low-load 100 ms → threshold 300 ms, crossed between rate 4 (200 ms) and rate 6 (400 ms): halfway, 5 req/s.
    expect(detectKnee([pt(2, 100), pt(4, 200), pt(6, 400), pt(8, 3000)])).toBeCloseTo(5, 10);
  });

  it("sorts the points by offered rate first", () => {
    expect(detectKnee([pt(8, 3000), pt(4, 200), pt(2, 100), pt(6, 400)])).toBeCloseTo(5, 10);
  });

  it("returns null when the curve never crosses the threshold", () => {
    expect(detectKnee([pt(1, 100), pt(2, 150), pt(3, 290)])).toBeNull();
  });

  it("returns null for fewer than two usable points", () => {
    expect(detectKnee([])).toBeNull();
    expect(detectKnee([pt(1, 100)])).toBeNull();
    expect(detectKnee([pt(1, null), pt(2, 500)])).toBeNull();
  });

  it("ignores points without a p99 TTFT", () => {
    expect(detectKnee([pt(2, 100), pt(3, null), pt(4, 200), pt(6, 400)])).toBeCloseTo(5, 10);
  });

  it("honours a custom factor", () => {
    expect(detectKnee([pt(2, 100), pt(4, 200), pt(6, 400)], 2)).toBeCloseTo(4, 10);
  });
});
