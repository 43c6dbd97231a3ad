import { describe, expect, it } from "vitest";
import { timeSeriesChart } from "../../../viz/index.ts";
import { cumulative, intervalsS } from "../../../viz/charts/timeSeries.ts";
import { timeSeries } from "../fixtures.ts";
import { attr, tags, texts } from "../svgCheck.ts";

describe("timeSeriesChart", () => {
  it("stacks one titled panel per quantity over one time axis", () => {
    const t = texts(timeSeriesChart(timeSeries));
    for (const title of [
      "Arrivals (requests/s)",
      "Queue length (requests waiting)",
      "Running batch (sequences)",
      "KV cache (blocks)",
      "Preemptions (cumulative)",
      "Facility power (MW)",
    ])
      expect(t).toContain(title);
    expect(t.filter((s) => s === "Simulated time (s)")).toHaveLength(1);
  });

  it("draws KV use against capacity", () => {
    const names = tags(timeSeriesChart(timeSeries), "path", "series").map((p) => attr(p, "data-series"));
    expect(names).toEqual(["arrivals", "queue", "running", "KV used", "KV capacity", "preemptions", "facility MW"]);
  });

  it("leaves out the power panel when no row has facility power", () => {
    const rows = timeSeries.map(({ timeS, arrivals, queueLength, runningSeqs, kvUsedBlocks, kvTotalBlocks, preemptions }) => ({
      timeS,
      arrivals,
      queueLength,
      runningSeqs,
      kvUsedBlocks,
      kvTotalBlocks,
      preemptions,
    }));
    expect(texts(timeSeriesChart(rows))).not.toContain("Facility power (MW)");
  });

  it("turns interval counts into rates and running totals", () => {
    expect(intervalsS([2, 4, 7])).toEqual([2, 2, 3]);
    expect(intervalsS([5])).toEqual([5]);
    expect(cumulative([0, 3, 0, 2])).toEqual([0, 3, 3, 5]);
  });
});

describe("timeSeriesChart on long runs", () => {
  it("draws 20 000 samples through at most a few points per pixel", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      timeS: i,
      arrivals: i % 7,
      queueLength: i % 13,
      runningSeqs: 30,
      kvUsedBlocks: 1000 + (i % 100),
      kvTotalBlocks: 4096,
      preemptions: i % 50 === 0 ? 1 : 0,
    }));
    expect(timeSeriesChart(rows).length).toBeLessThan(400_000);
  });
});
