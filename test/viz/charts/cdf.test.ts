import { describe, expect, it } from "vitest";
import { cdfChart, ecdfPoints } from "../../../viz/index.ts";
import { cdf } from "../fixtures.ts";
import { attr, tags, texts } from "../svgCheck.ts";

describe("ecdfPoints", () => {
  it("steps up by 1/n at each value of a small sample", () => {
    expect(ecdfPoints([10, 20])).toEqual([
      [10, 0],
      [10, 0],
      [10, 0.5],
      [20, 0.5],
      [20, 1],
    ]);
  });

  it("draws a large sample through m + 1 quantiles", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const pts = ecdfPoints(values, 100);
    expect(pts).toHaveLength(101);
    expect(pts[0]).toEqual([0, 0]);
    expect(pts[100]).toEqual([9999, 1]);
  });
});

describe("cdfChart", () => {
  it("draws one path per series with a legend entry naming it", () => {
    const svg = cdfChart(cdf);
    expect(tags(svg, "path", "series").map((p) => attr(p, "data-series"))).toEqual(["fcfs", "chunked-prefill"]);
    expect(texts(svg)).toContain("fcfs (n = 12)");
  });

  it("labels the axes and the p50/p90/p99 guides", () => {
    const t = texts(cdfChart(cdf));
    expect(t).toContain("Fraction of requests");
    expect(t).toContain("Time to first token, TTFT (s)");
    for (const g of ["p50", "p90", "p99"]) expect(t).toContain(g);
  });

  it("switches to a log axis for long-tailed samples, and back on request", () => {
    const wide = { metric: "E2E" as const, series: [{ label: "a", valuesMs: [1, 10, 100, 10_000] }] };
    expect(texts(cdfChart(wide)).some((s) => s.includes("log scale"))).toBe(true);
    expect(texts(cdfChart(wide, { xScale: "linear" })).some((s) => s.includes("log scale"))).toBe(false);
  });

  it("ignores non-finite values", () => {
    const svg = cdfChart({ metric: "TPOT", series: [{ label: "a", valuesMs: [Number.NaN, 5, Infinity, 7] }] });
    expect(texts(svg)).toContain("a (n = 2)");
  });
});
