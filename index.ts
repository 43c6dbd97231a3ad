/**
 * infersim's public API: run scenarios, read their results, draw them. Everything a notebook or another program
 * needs is exported here, with its types.
 */
export { runScenario, parseScenario } from "./experiments/run/runScenario.ts";
export type { RunOptions, RunResult } from "./experiments/run/runScenario.ts";
export { ScenarioSchema, SCHEMA_VERSION } from "./experiments/schema/scenario.ts";
export type { Scenario, ScenarioInput, PoolConfig } from "./experiments/schema/scenario.ts";
export { DEFAULT_SCENARIO } from "./experiments/scenarios/default.ts";
export type { Summary, PoolSummary, ReplicaSummary, KvSummary } from "./experiments/results/summary.ts";
export type { RequestRow } from "./experiments/results/requestRows.ts";
export type { TimeSample } from "./sim/metrics/timeseries.ts";
export type { Distribution } from "./sim/metrics/distribution.ts";
export { InputError } from "./experiments/errors.ts";
export { loadResources } from "./experiments/io/loadResources.ts";
export { DEVICES } from "./hardware/devices/catalog.ts";
export { MODELS } from "./hardware/models/catalog.ts";
export { INFERSIM_VERSION } from "./experiments/version.ts";

// Experiments: the library behind `infersim sweep | compare | plan`. Build a spec, run it on a Runner
// (`inProcessRunner(resources)` in this thread, as in a notebook; `createRunner(n, resources)` on worker threads
// under Node), and read or draw the result file it returns.
export { inProcessRunner } from "./experiments/parallel/inProcess.ts";
export { createRunner } from "./experiments/parallel/createRunner.ts";
export type { Runner } from "./experiments/parallel/runner.ts";
export { NO_RESOURCES } from "./experiments/assemble.ts";
export type { Resources } from "./experiments/assemble.ts";
export { runSweep } from "./experiments/sweep/runSweep.ts";
export type { SweepSpec, SweepOutcome } from "./experiments/sweep/runSweep.ts";
export type { SweepFile, SweepRow, SweepRun, SweepExperiment, Saturation } from "./experiments/sweep/sweepFile.ts";
export type { Axis, AxisSpec } from "./experiments/sweep/axis.ts";
export { parseSlo } from "./experiments/sweep/slo.ts";
export type { Slo } from "./experiments/sweep/slo.ts";
export { METRICS } from "./experiments/sweep/metrics.ts";
export type { MetricName, LatencyMetricName } from "./experiments/sweep/metrics.ts";
export type { PointMetrics } from "./experiments/sweep/measure.ts";
export type { MetricEstimates } from "./experiments/sweep/aggregate.ts";
export { estimate } from "./experiments/stats/estimate.ts";
export type { Estimate } from "./experiments/stats/estimate.ts";
export { sweepText } from "./experiments/sweep/sweepText.ts";
export { runCompare } from "./experiments/compare/runCompare.ts";
export type { CompareSpec } from "./experiments/compare/runCompare.ts";
export type { CompareFile, DifferenceRow, VariantRow } from "./experiments/compare/compareFile.ts";
export { axisVariants, fileVariants } from "./experiments/compare/variants.ts";
export type { Variant } from "./experiments/compare/variants.ts";
export { differenceStatement } from "./experiments/compare/statement.ts";
export { compareText } from "./experiments/compare/compareText.ts";
export { runPlan } from "./experiments/plan/runPlan.ts";
export type { PlanSpec } from "./experiments/plan/runPlan.ts";
export type { PlanFile, PlanOptionResult, Evaluation } from "./experiments/plan/planFile.ts";
export { planOptions } from "./experiments/plan/options.ts";
export type { PlanOptionSpec } from "./experiments/plan/options.ts";
export { planText } from "./experiments/plan/planText.ts";
export { sweepPoints, sweepReport } from "./experiments/report/sweepReport.ts";
export { compareReport } from "./experiments/report/compareReport.ts";
export { planReport } from "./experiments/report/planReport.ts";

// Charts: pure functions from result data to SVG strings, and the HTML report (viz/README.md).
export * from "./viz/index.ts";
