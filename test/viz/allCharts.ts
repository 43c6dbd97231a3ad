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
import * as fx from "./fixtures.ts";

/** Every chart on its fixture, on empty data, and on data whose labels try to inject markup. */
export interface ChartCase {
  readonly name: string;
  readonly title: string;
  readonly render: () => string;
  readonly empty: () => string;
  readonly hostile: (label: string) => string;
}

export const CHART_CASES: readonly ChartCase[] = [
  {
    name: "latencySummary",
    title: "Latency summary",
    render: () => latencySummaryChart(fx.latencySummary),
    empty: () =>
      latencySummaryChart({
        ttftMs: { mean: null, p50: null, p90: null, p95: null, p99: null, max: null },
        tpotMs: { mean: null, p50: null, p90: null, p95: null, p99: null, max: null },
        e2eMs: { mean: null, p50: null, p90: null, p95: null, p99: null, max: null },
        queueMs: { mean: null, p50: null, p90: null, p95: null, p99: null, max: null },
      }),
    hostile: (label) => latencySummaryChart(fx.latencySummary, { title: label }),
  },
  {
    name: "latencyThroughput",
    title: "Latency vs throughput",
    render: () => latencyThroughputChart(fx.sweepPoints, { slo: { ttftP99Ms: 1000, tpotP99Ms: 50 } }),
    empty: () => latencyThroughputChart([]),
    hostile: (label) => latencyThroughputChart(fx.sweepPoints.map((p) => ({ ...p, variant: label }))),
  },
  {
    name: "cdf",
    title: "TTFT distribution (CDF)",
    render: () => cdfChart(fx.cdf),
    empty: () => cdfChart({ metric: "TTFT", series: [] }),
    hostile: (label) => cdfChart({ ...fx.cdf, series: fx.cdf.series.map((s) => ({ ...s, label })) }),
  },
  {
    name: "timeSeries",
    title: "Cluster state over time",
    render: () => timeSeriesChart(fx.timeSeries),
    empty: () => timeSeriesChart([]),
    hostile: (label) => timeSeriesChart(fx.timeSeries, { title: label }),
  },
  {
    name: "replicaTimeline",
    title: "Replica timeline",
    render: () => replicaTimelineChart(fx.replicaTimeline),
    empty: () => replicaTimelineChart({ replicas: [], steps: [] }),
    hostile: (label) => replicaTimelineChart({ ...fx.replicaTimeline, replicas: fx.replicaTimeline.replicas.map(() => label) }),
  },
  {
    name: "energy",
    title: "Energy per output token vs throughput",
    render: () => energyChart(fx.energy),
    empty: () => energyChart({ points: [] }),
    hostile: (label) => energyChart({ points: fx.energy.points.map((p) => ({ ...p, variant: label })) }),
  },
  {
    name: "energyPhases",
    title: "Energy by phase",
    render: () => energyPhasesChart(fx.energyPhases),
    empty: () => energyPhasesChart([]),
    hostile: (label) => energyPhasesChart(fx.energyPhases.map((r) => ({ ...r, label }))),
  },
  {
    name: "capacityPlan",
    title: "Capacity plan: cost vs power",
    render: () => capacityPlanChart(fx.capacityPlan),
    empty: () => capacityPlanChart({ y: "facilityMW", plans: [] }),
    hostile: (label) => capacityPlanChart({ ...fx.capacityPlan, plans: fx.capacityPlan.plans.map((p) => ({ ...p, label })) }),
  },
  {
    name: "policyComparison",
    title: "p99 TTFT: paired difference vs fcfs",
    render: () => policyComparisonChart(fx.policyComparison),
    empty: () => policyComparisonChart({ ...fx.policyComparison, rows: [] }),
    hostile: (label) => policyComparisonChart({ ...fx.policyComparison, rows: fx.policyComparison.rows.map((r) => ({ ...r, variant: label })) }),
  },
];
