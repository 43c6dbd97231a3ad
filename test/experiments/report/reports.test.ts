import { describe, expect, it } from "vitest";
import { renderReport } from "../../../viz/index.ts";
import { NO_RESOURCES } from "../../../experiments/assemble.ts";
import { runCompare } from "../../../experiments/compare/runCompare.ts";
import { axisVariants } from "../../../experiments/compare/variants.ts";
import { createRunner } from "../../../experiments/parallel/createRunner.ts";
import { planOptions } from "../../../experiments/plan/options.ts";
import { runPlan } from "../../../experiments/plan/runPlan.ts";
import { compareReport } from "../../../experiments/report/compareReport.ts";
import { reportFiles } from "../../../experiments/report/files.ts";
import { planReport } from "../../../experiments/report/planReport.ts";
import { runReport, runReportData } from "../../../experiments/report/runReport.ts";
import { sweepPoints, sweepReport } from "../../../experiments/report/sweepReport.ts";
import { toCsv } from "../../../experiments/results/csv.ts";
import { REQUEST_COLUMNS } from "../../../experiments/results/requestRows.ts";
import { timeseriesCsv } from "../../../experiments/results/timeseriesCsv.ts";
import { runScenario } from "../../../experiments/run/runScenario.ts";
import { parseAxes } from "../../../experiments/sweep/axis.ts";
import { runSweep } from "../../../experiments/sweep/runSweep.ts";
import { batched } from "../sweep/fixtures.ts";

const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe("reports", () => {
  it("of a run: latency summary, three CDFs and the time series, drawn from the saved text", () => {
    const r = runScenario(batched());
    const data = runReportData(`${JSON.stringify(r.summary)}\n`, toCsv(r.requests, REQUEST_COLUMNS), timeseriesCsv(r.timeseries));
    expect(data.requests.filter((q) => q.state === "completed").map((q) => q.ttftMs)).toEqual(
      r.requests.filter((q) => q.state === "completed").map((q) => q.ttftMs),
    );
    const report = runReport(data);
    expect(report.charts.map((c) => c.id).slice(0, 5)).toEqual(["latency-summary", "ttft-cdf", "tpot-cdf", "e2e-cdf", "timeseries"]);
    const files = reportFiles(report);
    expect([...files.keys()]).toContain("report.html");
    expect(files.get("ttft-cdf.svg")).toMatch(/^<svg/);
  });

  it("of a sweep: one latency curve per value of the other axes, the same from memory and from sweep.json", async () => {
    const runner = createRunner(1, NO_RESOURCES);
    const { file } = await runSweep(
      { scenario: batched(), axes: parseAxes(["workload.arrival.ratePerS=10,30", "cluster.pools[0].replicas=1,2"]), replications: 2, seed: 1, autoPoints: 4, slo: { ttftP99Ms: 500 } },
      runner,
      null,
    );
    await runner.close();
    const points = sweepPoints(file);
    expect(new Set(points.map((p) => p.variant))).toEqual(new Set(["cluster.pools[0].replicas=1", "cluster.pools[0].replicas=2"]));
    expect(points[0]!.ci?.ttftP99Ms).toHaveLength(2);
    const report = sweepReport(file);
    expect(report.charts[0]!.svg).toContain("SLO");
    expect(renderReport(sweepReport(roundTrip(file)))).toBe(renderReport(report));
  });

  it("of a comparison and of a plan: the same from memory and from their JSON files", async () => {
    const runner = createRunner(1, NO_RESOURCES);
    const base = batched(30);
    const cmp = await runCompare(
      { scenario: base, variants: axisVariants(base, { path: "cluster.pools[0].batching.maxNumSeqs", values: [8, 2] }), baseline: 0, replications: 2, seed: 1, slo: null },
      runner,
    );
    const plan = await runPlan(
      {
        scenario: base,
        options: planOptions(base, []),
        targetRatePerS: 30,
        ratePath: "workload.arrival.ratePerS",
        slo: { ttftP99Ms: 1000 },
        maxRejectedFraction: 0.01,
        replications: 2,
        seed: 1,
        maxUnits: 16,
        capacityTolerance: 0.2,
      },
      runner,
    );
    await runner.close();
    const c = compareReport(cmp.file);
    expect(c.charts.map((x) => x.id)).toEqual(expect.arrayContaining(["ttft-cdf", "tpot-cdf", "e2e-cdf", "diff-ttftP99Ms"]));
    expect(renderReport(compareReport(roundTrip(cmp.file)))).toBe(renderReport(c));
    const p = planReport(plan.file);
    expect(p.tables[0]!.rows).toHaveLength(1);
    expect(renderReport(planReport(roundTrip(plan.file)))).toBe(renderReport(p));
  });
});
