import type { Distribution } from "../../sim/metrics/distribution.ts";
import { quantileSorted } from "../../sim/metrics/distribution.ts";
import type { RequestRow } from "../results/requestRows.ts";
import type { RunResult } from "../run/runScenario.ts";
import type { Scenario } from "../schema/scenario.ts";
import { requestThresholds } from "./slo.ts";
import type { Slo } from "./slo.ts";

/** What a measurement keeps of one run: a few hundred bytes instead of every request. */
export interface PointMetrics {
  readonly simulatedSeconds: number;
  readonly requests: { readonly arrived: number; readonly completed: number; readonly rejected: number; readonly inFlight: number };
  /** The arrival rate asked for (the scenario's `ratePerS`), else arrivals over the span of arrivals. */
  readonly offeredRatePerS: number;
  readonly throughput: { readonly requestsPerS: number; readonly inputTokensPerS: number; readonly outputTokensPerS: number };
  readonly latency: {
    readonly ttftMs: Distribution;
    readonly tpotMs: Distribution;
    readonly e2eMs: Distribution;
    readonly queueMs: Distribution;
  };
  /** Completed requests within every SLO threshold, per simulated second, and their share of arrivals (null without an SLO). */
  readonly goodput: { readonly requestsPerS: number; readonly attainment: number } | null;
  /** Requests that had arrived but not yet started at the last arrival: a growing backlog marks an overloaded cluster. */
  readonly backlogAtLastArrival: number;
  /** Devices in the cluster: replicas × devices per replica, over every pool. */
  readonly devices: number;
  /** From `summary.energy` and `summary.cost` when the simulator reports them; null otherwise. */
  readonly joulesPerOutputToken: number | null;
  readonly avgMW: number | null;
  readonly usdPerHour: number | null;
  readonly usdPerMillionOutputTokens: number | null;
  /** 201 quantiles (0, 0.5 %, ..., 100 %) of each latency of completed requests, for CDF charts (when asked for). */
  readonly quantiles?: { readonly ttftMs: number[]; readonly tpotMs: number[]; readonly e2eMs: number[] };
}

export interface MeasureOptions {
  readonly slo?: Slo;
  readonly quantiles?: boolean;
}

/** A number at a path of an object that may not have it (the energy and cost sections land in `summary` later). */
export function numberAt(value: unknown, path: readonly string[]): number | null {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

const QUANTILE_STEPS = 200;

function quantilesOf(values: number[]): number[] {
  const sorted = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (sorted.length === 0) return [];
  return Array.from({ length: QUANTILE_STEPS + 1 }, (_, k) => quantileSorted(sorted, k / QUANTILE_STEPS));
}

function offeredRate(scenario: Scenario, requests: readonly RequestRow[]): number {
  const arrival = scenario.workload.arrival as { readonly ratePerS?: unknown };
  if (typeof arrival.ratePerS === "number") return arrival.ratePerS;
  let last = 0;
  for (const r of requests) last = Math.max(last, r.arrivalS);
  return last > 0 ? requests.length / last : 0;
}

function backlogAtLastArrival(requests: readonly RequestRow[]): number {
  let last = 0;
  for (const r of requests) last = Math.max(last, r.arrivalS);
  let waiting = 0;
  for (const r of requests) {
    if (r.state === "rejected") continue;
    if (!(r.firstScheduledS <= last)) waiting++;
  }
  return waiting;
}

function goodputOf(requests: readonly RequestRow[], slo: Slo, simulatedSeconds: number): PointMetrics["goodput"] {
  const t = requestThresholds(slo);
  let good = 0;
  for (const r of requests) {
    if (r.state !== "completed") continue;
    const tpotOk = Number.isNaN(r.tpotMs) || r.tpotMs <= t.tpotMs;
    if (r.ttftMs <= t.ttftMs && tpotOk && r.e2eMs <= t.e2eMs) good++;
  }
  return {
    requestsPerS: simulatedSeconds > 0 ? good / simulatedSeconds : 0,
    attainment: requests.length > 0 ? good / requests.length : 0,
  };
}

/** The measurement of one run. Pure: a function of the run's result. */
export function measure(result: RunResult, options: MeasureOptions = {}): PointMetrics {
  const s = result.summary;
  const devices = s.pools.reduce((sum, p) => sum + p.replicas * p.devicesPerReplica, 0);
  const usd = numberAt(s, ["cost", "usd"]);
  const usdPerHour =
    numberAt(s, ["cost", "usdPerHour"]) ?? (usd !== null && s.simulatedSeconds > 0 ? (usd / s.simulatedSeconds) * 3600 : null);
  const completed = result.requests.filter((r) => r.state === "completed");
  return {
    simulatedSeconds: s.simulatedSeconds,
    requests: { ...s.requests },
    offeredRatePerS: offeredRate(s.scenario, result.requests),
    throughput: { ...s.throughput },
    latency: s.latency,
    goodput: options.slo === undefined ? null : goodputOf(result.requests, options.slo, s.simulatedSeconds),
    backlogAtLastArrival: backlogAtLastArrival(result.requests),
    devices,
    joulesPerOutputToken: numberAt(s, ["energy", "joulesPerOutputToken"]),
    avgMW: numberAt(s, ["energy", "avgMW"]),
    usdPerHour,
    usdPerMillionOutputTokens: numberAt(s, ["cost", "usdPerMillionOutputTokens"]),
    ...(options.quantiles === true
      ? {
          quantiles: {
            ttftMs: quantilesOf(completed.map((r) => r.ttftMs)),
            tpotMs: quantilesOf(completed.map((r) => r.tpotMs)),
            e2eMs: quantilesOf(completed.map((r) => r.e2eMs)),
          },
        }
      : {}),
  };
}
