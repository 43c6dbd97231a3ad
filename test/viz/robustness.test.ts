import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  capacityPlanChart,
  cdfChart,
  energyChart,
  energyPhasesChart,
  latencySummaryChart,
  latencyThroughputChart,
  policyComparisonChart,
  replicaTimelineChart,
  timeSeriesChart,
} from "../../viz/index.ts";
import { assertStandaloneSvg } from "./svgCheck.ts";

/** Any double, including NaN, ±Infinity, negatives and zero, plus small "ordinary" numbers. */
const num = fc.oneof(fc.double(), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constantFrom(0, -1, Number.NaN, Infinity));
const maybe = fc.option(num, { nil: null });
const label = fc.string({ maxLength: 12 }).filter((s) => !/NaN|Infinity|undefined/.test(s));
const dist = fc.record({ mean: maybe, p50: maybe, p90: maybe, p95: maybe, p99: maybe, max: maybe });

/** A valid standalone SVG with no stray non-numbers in it (true, so it can end a property). */
function check(svg: string): true {
  assertStandaloneSvg(svg);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  return true;
}

const RUNS = { numRuns: 60 };

describe("charts on arbitrary data", () => {
  it("latency summary", () => {
    fc.assert(fc.property(fc.record({ ttftMs: dist, tpotMs: dist, e2eMs: dist, queueMs: dist }), (d) => check(latencySummaryChart(d))), RUNS);
  });

  it("latency vs throughput", () => {
    const point = fc.record({
      variant: label,
      offeredRatePerS: num,
      achievedRequestsPerS: num,
      outputTokensPerS: num,
      ttftMs: fc.record({ p50: maybe, p99: maybe }),
      tpotMs: fc.record({ p50: maybe, p99: maybe }),
    });
    const opts = fc.record({ yScale: fc.constantFrom("log" as const, "linear" as const), kneeRatePerS: num }, { requiredKeys: ["yScale"] });
    fc.assert(fc.property(fc.array(point, { maxLength: 12 }), opts, (pts, o) => check(latencyThroughputChart(pts, o))), RUNS);
  });

  it("CDF", () => {
    const series = fc.array(fc.record({ label, valuesMs: fc.array(num, { maxLength: 30 }) }), { maxLength: 4 });
    fc.assert(fc.property(series, (s) => check(cdfChart({ metric: "E2E", series: s }))), RUNS);
  });

  it("time series", () => {
    const row = fc.record({
      timeS: num,
      arrivals: num,
      queueLength: num,
      runningSeqs: num,
      kvUsedBlocks: num,
      kvTotalBlocks: num,
      preemptions: num,
    });
    fc.assert(fc.property(fc.array(row, { maxLength: 20 }), (rows) => check(timeSeriesChart(rows))), RUNS);
  });

  it("replica timeline", () => {
    const step = fc.record({
      replica: fc.integer({ min: -1, max: 4 }),
      startS: num,
      endS: num,
      kind: fc.constantFrom("prefill" as const, "decode" as const, "mixed" as const),
      batchSize: num,
    });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 4 }), fc.array(step, { maxLength: 20 }), (replicas, steps) =>
        check(replicaTimelineChart({ replicas, steps })),
      ),
      RUNS,
    );
  });

  it("energy and energy phases", () => {
    const point = fc.record({ variant: label, outputTokensPerS: num, joulesPerOutputToken: num });
    const phase = fc.record({ label, prefillJ: num, decodeJ: num, idleJ: num });
    fc.assert(fc.property(fc.array(point, { maxLength: 10 }), (points) => check(energyChart({ points }))), RUNS);
    fc.assert(fc.property(fc.array(phase, { maxLength: 5 }), (rows) => check(energyPhasesChart(rows))), RUNS);
  });

  it("capacity plan", () => {
    const plan = fc.record({ label, usdPerHour: num, facilityMW: num, devices: num, feasible: fc.boolean() });
    fc.assert(
      fc.property(fc.array(plan, { maxLength: 10 }), fc.constantFrom("facilityMW" as const, "devices" as const), (plans, y) =>
        check(capacityPlanChart({ plans, y })),
      ),
      RUNS,
    );
  });

  it("policy comparison", () => {
    const row = fc.record({ variant: label, meanDiffPct: num, ciLowPct: num, ciHighPct: num });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => check(policyComparisonChart({ metric: "m", baseline: "b", rows }))),
      RUNS,
    );
  });
});
