import { describe, expect, it } from "vitest";
import { detectKnee, latencyThroughputChart } from "../../../viz/index.ts";
import type { SweepPoint } from "../../../viz/index.ts";
import { sweepPoints } from "../fixtures.ts";
import { assertStandaloneSvg, attr, tags, texts } from "../svgCheck.ts";

const fcfs = sweepPoints.filter((p) => p.variant === "fcfs");

describe("latencyThroughputChart", () => {
  it("labels both latency axes and the shared throughput axis with units", () => {
    const t = texts(latencyThroughputChart(sweepPoints));
    expect(t).toContain("TTFT (s)");
    expect(t).toContain("TPOT (ms)");
    expect(t).toContain("Achieved throughput (requests/s)");
    expect(t.filter((s) => s === "Achieved throughput (requests/s)")).toHaveLength(1);
  });

  it("draws one path per variant, panel and percentile, p99 dashed and p50 solid", () => {
    const series = tags(latencyThroughputChart(sweepPoints), "path", "series");
    expect(series).toHaveLength(2 * 2 * 2);
    const names = series.map((s) => attr(s, "data-series"));
    expect(names).toContain("fcfs TTFT p50");
    expect(names).toContain("chunked-prefill TPOT p99");
    for (const s of series) expect(attr(s, "stroke-dasharray") !== undefined).toBe(attr(s, "data-series")!.endsWith("p99"));
  });

  it("names each variant, p50, p99 and the knee in the legend", () => {
    const t = texts(latencyThroughputChart(sweepPoints));
    for (const label of ["fcfs", "chunked-prefill", "p50", "p99", "knee"]) expect(t).toContain(label);
  });

  it("marks the detected knee of each variant", () => {
    const knees = tags(latencyThroughputChart(sweepPoints), "g", "knee");
    expect(knees).toHaveLength(2);
    const expected = Math.round(detectKnee(fcfs)! * 100) / 100;
    expect(Number(attr(knees[0]!, "data-rate-per-s"))).toBe(expected);
  });

  it("marks a given knee rate instead of detecting one", () => {
    const svg = latencyThroughputChart(fcfs, { kneeRatePerS: 5 });
    const knees = tags(svg, "g", "knee");
    expect(knees).toHaveLength(1);
    expect(attr(knees[0]!, "data-rate-per-s")).toBe("5");
    expect(texts(svg)).toContain("knee ≈ 5 req/s offered");
  });

  it("draws no knee when latency never rises past the threshold", () => {
    const flat = fcfs.map((p) => ({ ...p, ttftMs: { p50: 100, p99: 200 } }));
    expect(tags(latencyThroughputChart(flat), "g", "knee")).toHaveLength(0);
  });

  it("draws labelled SLO lines in both panels", () => {
    const svg = latencyThroughputChart(sweepPoints, { slo: { ttftP99Ms: 1000, tpotP99Ms: 50 } });
    expect(tags(svg, "g", "slo")).toHaveLength(2);
    expect(texts(svg)).toContain("SLO: p99 TTFT ≤ 1 s");
    expect(texts(svg)).toContain("SLO: p99 TPOT ≤ 50 ms");
  });

  it("can put output tokens/s on the shared axis", () => {
    expect(texts(latencyThroughputChart(sweepPoints, { x: "outputTokensPerS" }))).toContain("Output throughput (tokens/s)");
  });

  it("skips missing percentiles and draws confidence whiskers", () => {
    const pts: SweepPoint[] = fcfs.map((p, i) => ({
      ...p,
      ttftMs: { p50: p.ttftMs.p50, p99: i === 5 ? null : p.ttftMs.p99 },
      ci: { ttftP99Ms: [(p.ttftMs.p99 ?? 1) * 0.9, (p.ttftMs.p99 ?? 1) * 1.1] },
    }));
    const svg = latencyThroughputChart(pts, { yScale: "linear" });
    assertStandaloneSvg(svg);
    expect(tags(svg, "line", "ci")).toHaveLength(5);
  });
});
