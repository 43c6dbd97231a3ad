import type { PointMetrics } from "./measure.ts";

/** A scalar read off a measurement, with its unit in the name and whether less is better. */
export interface MetricDef {
  readonly label: string;
  readonly lowerIsBetter: boolean;
  readonly get: (m: PointMetrics) => number | null;
}

type LatencyKey = "ttftMs" | "tpotMs" | "e2eMs" | "queueMs";
type Stat = "mean" | "p50" | "p90" | "p99";

const latency = (key: LatencyKey, stat: Stat, label: string): MetricDef => ({
  label,
  lowerIsBetter: true,
  get: (m) => m.latency[key][stat],
});

/** Latency metrics, usable as SLO names (`--slo ttftP99Ms=1000`). */
export const LATENCY_METRICS = {
  ttftMeanMs: latency("ttftMs", "mean", "mean TTFT (ms)"),
  ttftP50Ms: latency("ttftMs", "p50", "p50 TTFT (ms)"),
  ttftP90Ms: latency("ttftMs", "p90", "p90 TTFT (ms)"),
  ttftP99Ms: latency("ttftMs", "p99", "p99 TTFT (ms)"),
  tpotMeanMs: latency("tpotMs", "mean", "mean TPOT (ms)"),
  tpotP50Ms: latency("tpotMs", "p50", "p50 TPOT (ms)"),
  tpotP90Ms: latency("tpotMs", "p90", "p90 TPOT (ms)"),
  tpotP99Ms: latency("tpotMs", "p99", "p99 TPOT (ms)"),
  e2eMeanMs: latency("e2eMs", "mean", "mean E2E (ms)"),
  e2eP50Ms: latency("e2eMs", "p50", "p50 E2E (ms)"),
  e2eP90Ms: latency("e2eMs", "p90", "p90 E2E (ms)"),
  e2eP99Ms: latency("e2eMs", "p99", "p99 E2E (ms)"),
  queueMeanMs: latency("queueMs", "mean", "mean queueing (ms)"),
  queueP99Ms: latency("queueMs", "p99", "p99 queueing (ms)"),
} as const satisfies Record<string, MetricDef>;

export type LatencyMetricName = keyof typeof LATENCY_METRICS;

/** Every metric reported for a measurement, in the order of result tables and CSV columns. */
export const METRICS = {
  offeredRatePerS: { label: "offered (req/s)", lowerIsBetter: false, get: (m) => m.offeredRatePerS },
  requestsPerS: { label: "throughput (req/s)", lowerIsBetter: false, get: (m) => m.throughput.requestsPerS },
  outputTokensPerS: { label: "output tok/s", lowerIsBetter: false, get: (m) => m.throughput.outputTokensPerS },
  ...LATENCY_METRICS,
  goodputPerS: { label: "goodput (req/s)", lowerIsBetter: false, get: (m) => m.goodput?.requestsPerS ?? null },
  sloAttainment: { label: "SLO attainment", lowerIsBetter: false, get: (m) => m.goodput?.attainment ?? null },
  rejectedFraction: {
    label: "rejected share",
    lowerIsBetter: true,
    get: (m) => (m.requests.arrived > 0 ? m.requests.rejected / m.requests.arrived : null),
  },
  joulesPerOutputToken: { label: "J / output token", lowerIsBetter: true, get: (m) => m.joulesPerOutputToken },
  avgMW: { label: "average MW", lowerIsBetter: true, get: (m) => m.avgMW },
  usdPerHour: { label: "$ / hour", lowerIsBetter: true, get: (m) => m.usdPerHour },
  usdPerMillionOutputTokens: { label: "$ / M output tokens", lowerIsBetter: true, get: (m) => m.usdPerMillionOutputTokens },
  devices: { label: "devices", lowerIsBetter: true, get: (m) => m.devices },
} as const satisfies Record<string, MetricDef>;

export type MetricName = keyof typeof METRICS;

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
