import { describe, expect, it } from "vitest";
import { replicaTimelineChart } from "../../../viz/index.ts";
import { replicaTimeline } from "../fixtures.ts";
import { attr, tags, texts } from "../svgCheck.ts";

const stepRects = (svg: string): string[] => tags(svg, "rect").filter((r) => attr(r, "data-kind") !== undefined);

describe("replicaTimelineChart", () => {
  it("names every replica and explains kinds, idle and batch size in the legend", () => {
    const t = texts(replicaTimelineChart(replicaTimeline));
    for (const r of replicaTimeline.replicas) expect(t).toContain(r);
    for (const l of ["prefill", "decode", "mixed", "idle", "batch 1", "batch 16"]) expect(t).toContain(l);
    expect(t).toContain("Simulated time (ms)");
  });

  it("merges contiguous identical steps and keeps the others", () => {
    // Replica 0's two decode steps of batch 4 touch; replica 2's decode steps differ in batch size.
    expect(stepRects(replicaTimelineChart(replicaTimeline))).toHaveLength(replicaTimeline.steps.length - 1);
  });

  it("shows larger batches more opaque", () => {
    const rects = stepRects(replicaTimelineChart(replicaTimeline));
    const opacities = rects.map((r) => Number(attr(r, "fill-opacity")));
    expect(Math.max(...opacities)).toBe(1);
    expect(Math.min(...opacities)).toBeCloseTo(0.35, 2);
  });

  it("clips steps to the time window", () => {
    const svg = replicaTimelineChart({ ...replicaTimeline, windowS: [0.1, 0.2] });
    const rects = stepRects(svg);
    expect(rects.length).toBeLessThan(replicaTimeline.steps.length);
    const lanes = tags(svg, "rect").filter((r) => attr(r, "fill") === "#f2f2f2" && Number(attr(r, "width")) > 100);
    const lane = lanes[0]!;
    const [x0, x1] = [Number(attr(lane, "x")), Number(attr(lane, "x")) + Number(attr(lane, "width"))];
    for (const r of rects) {
      expect(Number(attr(r, "x"))).toBeGreaterThanOrEqual(x0);
      expect(Number(attr(r, "x")) + Number(attr(r, "width"))).toBeLessThanOrEqual(x1 + 0.01);
    }
  });

  it("ignores steps of replicas that are not listed", () => {
    const svg = replicaTimelineChart({ replicas: ["a"], steps: [{ replica: 3, startS: 0, endS: 1, kind: "decode", batchSize: 1 }, { replica: 0, startS: 0, endS: 1, kind: "decode", batchSize: 2 }] });
    expect(stepRects(svg)).toHaveLength(1);
  });
});

describe("replicaTimelineChart on long runs", () => {
  it("merges sub-pixel steps so 100 000 steps stay a small SVG", () => {
    const steps = Array.from({ length: 100_000 }, (_, i) => ({
      replica: i % 4,
      startS: Math.floor(i / 4) * 0.01,
      endS: Math.floor(i / 4) * 0.01 + 0.009,
      kind: i % 40 < 4 ? ("prefill" as const) : ("decode" as const),
      batchSize: 30 + (i % 5),
    }));
    const svg = replicaTimelineChart({ replicas: ["a", "b", "c", "d"], steps });
    expect(svg.length).toBeLessThan(100_000);
    const rects = stepRects(svg);
    expect(rects.length).toBeGreaterThan(0);
    expect(rects.every((r) => attr(r, "data-kind") === "decode")).toBe(true);
    expect(texts(svg).some((t) => t.startsWith("Steps and gaps under a pixel are merged"))).toBe(true);
  });

  it("says nothing about merging when every step is drawn", () => {
    expect(texts(replicaTimelineChart(replicaTimeline)).some((t) => t.startsWith("Steps and gaps"))).toBe(false);
  });
});
