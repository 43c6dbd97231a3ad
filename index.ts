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
