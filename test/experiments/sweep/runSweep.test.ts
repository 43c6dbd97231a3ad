import { describe, expect, it } from "vitest";
import { NO_RESOURCES } from "../../../experiments/assemble.ts";
import { createRunner } from "../../../experiments/parallel/createRunner.ts";
import { parseAxes } from "../../../experiments/sweep/axis.ts";
import { mergeSweeps } from "../../../experiments/sweep/merge.ts";
import { runSweep } from "../../../experiments/sweep/runSweep.ts";
import type { SweepSpec } from "../../../experiments/sweep/runSweep.ts";
import { sweepCsv } from "../../../experiments/sweep/sweepCsv.ts";
import { INFERSIM_VERSION } from "../../../experiments/version.ts";
import { md1 } from "./fixtures.ts";

const spec = (axes: string[], extra: Partial<SweepSpec> = {}): SweepSpec => ({
  scenario: md1(),
  axes: parseAxes(axes),
  replications: 2,
  seed: 1,
  autoPoints: 4,
  slo: null,
  ...extra,
});

async function sweep(s: SweepSpec, workers = 1, shard: { index: number; count: number } | null = null) {
  const runner = createRunner(workers, NO_RESOURCES);
  try {
    return await runSweep(s, runner, shard);
  } finally {
    await runner.close();
  }
}

const RATES = ["workload.arrival.ratePerS=20,50,80", "cluster.pools[0].batching.maxNumSeqs=1,2"];

describe("runSweep", () => {
  it("runs every point under every seed and labels each run so it can be reproduced", async () => {
    const { file, interrupted } = await sweep(spec(RATES));
    expect(interrupted).toBe(false);
    expect(file.partial).toBe(false);
    expect(file.infersimVersion).toBe(INFERSIM_VERSION);
    expect(file.experiment.runCount).toBe(12);
    expect(file.runs.map((r) => r.run)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const run = file.runs[5]!;
    expect(run.labels).toEqual({ "workload.arrival.ratePerS": 50, "cluster.pools[0].batching.maxNumSeqs": 1 });
    expect(run.seed).toBe(2);
    expect(run.scenarioHash).toMatch(/^[0-9a-f]{16}$/);
    expect(file.experiment.cells[2]!.scenarioHash).toBe(run.scenarioHash);
    expect(file.rows).toHaveLength(6);
    expect(file.rows[0]!.n).toBe(2);
  });

  it("gives a latency curve that rises with load", async () => {
    const { file } = await sweep(spec(["workload.arrival.ratePerS=20,50,80"]));
    const p99 = file.rows.map((r) => r.metrics.ttftP99Ms.mean!);
    expect(p99[0]).toBeLessThan(p99[1]!);
    expect(p99[1]).toBeLessThan(p99[2]!);
    expect(file.rows[2]!.metrics.offeredRatePerS.mean).toBe(80);
  });

  it("gives identical results on one worker and on two worker threads", async () => {
    const one = await sweep(spec(RATES), 1);
    const two = await sweep(spec(RATES), 2);
    expect(JSON.stringify(two.file)).toBe(JSON.stringify(one.file));
  });

  it("gives, merged from three shards, the same result as one unsharded run", async () => {
    const whole = await sweep(spec(RATES));
    const parts = await Promise.all([0, 1, 2].map((index) => sweep(spec(RATES), 1, { index, count: 3 })));
    for (const p of parts) expect(p.file.partial).toBe(true);
    expect(parts.map((p) => p.file.runs.length)).toEqual([4, 4, 4]);
    const merged = mergeSweeps(parts.map((p, i) => ({ name: `part${i}`, file: p.file })));
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole.file));
    expect(sweepCsv(merged)).toBe(sweepCsv(whole.file));
  });

  it("refuses to merge when a shard is missing or comes from another experiment", async () => {
    const parts = await Promise.all([0, 1].map((index) => sweep(spec(RATES), 1, { index, count: 3 })));
    expect(() => mergeSweeps(parts.map((p, i) => ({ name: `part${i}`, file: p.file })))).toThrow(/4 of 12 runs are missing; missing shards: 2\/3/);
    const other = await sweep(spec(RATES, { seed: 5 }), 1, { index: 2, count: 3 });
    expect(() => mergeSweeps([...parts, other].map((p, i) => ({ name: `part${i}`, file: p.file })))).toThrow(/part2 is from a different experiment/);
  });

  it("finds the saturation rate of an auto axis and spaces the points up to it", async () => {
    const { file } = await sweep(spec(["workload.arrival.ratePerS=auto"], { scenario: md1(20, 2000) }));
    const sat = file.experiment.saturation[0]!.ratePerS;
    // One replica serving 100 req/s.
    expect(sat).toBeGreaterThan(85);
    expect(sat).toBeLessThan(115);
    const rates = file.rows.map((r) => r.labels["workload.arrival.ratePerS"] as number);
    expect(rates).toHaveLength(4);
    expect(rates[3]).toBeCloseTo(sat, 1);
    expect(rates[0]).toBeCloseTo(sat / 4, 1);
  });

  it("writes one CSV line per point with the mean and the interval of each metric", async () => {
    const { file } = await sweep(spec(["workload.arrival.ratePerS=20,50"]));
    const [header, ...lines] = sweepCsv(file).trim().split("\n");
    expect(header!.split(",").slice(0, 5)).toEqual(["workload.arrival.ratePerS", "replications", "offeredRatePerS", "offeredRatePerS_ciLow", "offeredRatePerS_ciHigh"]);
    expect(header).toContain("ttftP99Ms_ciHigh");
    expect(header).not.toContain("tpotP99Ms"); // single-token outputs have no TPOT
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith("20,2,20,")).toBe(true);
    expect(header!.endsWith(",scenarioHash,seeds,infersimVersion")).toBe(true);
    expect(lines[0]!.endsWith(`,${file.experiment.cells[0]!.scenarioHash},1 2,${INFERSIM_VERSION}`)).toBe(true);
  });
});
