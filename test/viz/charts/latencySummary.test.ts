import { describe, expect, it } from "vitest";
import { latencySummaryChart } from "../../../viz/index.ts";
import { latencySummary } from "../fixtures.ts";
import { tags, texts } from "../svgCheck.ts";

describe("latencySummaryChart", () => {
  it("draws a row of six statistics for each of the four latencies", () => {
    const svg = latencySummaryChart(latencySummary);
    expect(tags(svg, "g", "metric")).toHaveLength(4);
    expect(tags(svg, "path").filter((p) => p.includes("data-stat="))).toHaveLength(24);
    const t = texts(svg);
    for (const l of ["TTFT", "TPOT", "E2E", "Queueing", "mean", "p50", "p99", "max"]) expect(t).toContain(l);
    expect(t).toContain("p50 120 ms · p99 810 ms");
    expect(t).toContain("Latency (s, log scale)");
  });

  it("skips missing statistics", () => {
    const svg = latencySummaryChart({ ...latencySummary, tpotMs: { mean: null, p50: null, p90: null, p95: null, p99: null, max: null } });
    expect(tags(svg, "path").filter((p) => p.includes("data-stat="))).toHaveLength(18);
    expect(texts(svg)).toContain("p50 – · p99 –");
  });
});
