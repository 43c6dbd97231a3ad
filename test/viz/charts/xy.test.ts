import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { xyChart } from "../../../viz/index.ts";
import type { XyData } from "../../../viz/index.ts";
import { assertStandaloneSvg, attr, maxDecimals, tags, texts } from "../svgCheck.ts";

const data: XyData = {
  xLabel: "Utilization ρ",
  yLabel: "Mean wait (ms)",
  series: [
    {
      label: "simulated",
      mode: "markers",
      points: [
        { x: 0.5, y: 5.2, yLow: 4.8, yHigh: 5.6 },
        { x: 0.2, y: 1.3, yLow: 1.1, yHigh: 1.5 },
        { x: 0.8, y: 19.1, yLow: 17.5, yHigh: 20.7 },
      ],
    },
    { label: "M/D/1", mode: "lines", points: [0.1, 0.3, 0.5, 0.7, 0.9].map((r) => ({ x: r, y: (r / (2 * 100 * (1 - r))) * 1000 })) },
    { label: "both", points: [{ x: 0.3, y: 3 }, { x: 0.6, y: 8 }] },
  ],
};

describe("xyChart", () => {
  it("is a standalone SVG titled from its axis labels, with 2-decimal coordinates", () => {
    const svg = xyChart(data);
    assertStandaloneSvg(svg);
    expect(svg).toContain("<title>Mean wait (ms) vs Utilization ρ</title>");
    expect(maxDecimals(svg)).toBeLessThanOrEqual(2);
    expect(svg).toBe(xyChart(data));
  });

  it("draws lines only for line series, markers only for marker series, and whiskers where given", () => {
    const svg = xyChart(data);
    expect(tags(svg, "path", "series").map((p) => attr(p, "data-series"))).toEqual(["M/D/1", "both"]);
    expect(tags(svg, "line", "ci")).toHaveLength(3);
    for (const l of ["simulated", "M/D/1", "both", "Utilization ρ", "Mean wait (ms)"]) expect(texts(svg)).toContain(l);
  });

  it("matches its snapshot", async () => {
    await expect(xyChart(data, { yScale: "log" })).toMatchFileSnapshot("../__snapshots__/xy.svg");
  });

  it("drops points a log axis cannot show, and says 'no data' when nothing is left", () => {
    const svg = xyChart({ xLabel: "x", yLabel: "y", series: [{ label: "s", points: [{ x: 1, y: 0 }, { x: 2, y: -1 }] }] }, { yScale: "log" });
    assertStandaloneSvg(svg);
    expect(texts(svg)).toContain("no data");
  });

  it("escapes markup in labels", () => {
    const hostile = `<script>alert("x")</script> & 'quotes'`;
    const svg = xyChart({ xLabel: hostile, yLabel: "y", series: [{ label: hostile, points: [{ x: 1, y: 1 }] }] }, { title: hostile });
    assertStandaloneSvg(svg);
    expect(svg).not.toContain("<script");
    expect(texts(svg).some((t) => t.includes(hostile))).toBe(true);
  });

  it("stays a valid SVG on arbitrary numbers", () => {
    const num = fc.oneof(fc.double(), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constantFrom(0, -1, Number.NaN, Infinity));
    const maybe = fc.option(num, { nil: null });
    const point = fc.record({ x: num, y: maybe, yLow: maybe, yHigh: maybe });
    const series = fc.record({ label: fc.string({ maxLength: 8 }), points: fc.array(point, { maxLength: 10 }), mode: fc.constantFrom("lines" as const, "markers" as const, "lines+markers" as const) });
    const scale = fc.constantFrom("log" as const, "linear" as const);
    fc.assert(
      fc.property(fc.array(series, { maxLength: 4 }), scale, scale, (s, xScale, yScale) => {
        const svg = xyChart({ xLabel: "x", yLabel: "y", series: s }, { xScale, yScale });
        assertStandaloneSvg(svg);
        expect(svg).not.toMatch(/NaN|Infinity|undefined/);
      }),
      { numRuns: 80 },
    );
  });
});
