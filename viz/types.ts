/**
 * Input data of the charts and the report: plain result data, never simulator objects.
 * Units are in the names: `Ms` milliseconds, `S` seconds, `PerS` per second, `J` joules, `MW` megawatts.
 * A `null` number means "not measured" (e.g. no request completed); charts skip it.
 */

/** Summary statistics of one latency sample, in milliseconds. */
export interface LatencyDistribution {
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** The latency summary of one run (the shape of `summary.json`'s latency block). */
export interface LatencySummary {
  readonly ttftMs: LatencyDistribution;
  readonly tpotMs: LatencyDistribution;
  readonly e2eMs: LatencyDistribution;
  readonly queueMs: LatencyDistribution;
}

/** p50 and p99 of a latency, in milliseconds. */
export interface PercentilePair {
  readonly p50: number | null;
  readonly p99: number | null;
}

/** A confidence interval `[low, high]` across replications. */
export type Interval = readonly [number, number];

/** Optional confidence intervals of a sweep point's percentiles (milliseconds), drawn as whiskers. */
export interface SweepPointCi {
  readonly ttftP50Ms?: Interval;
  readonly ttftP99Ms?: Interval;
  readonly tpotP50Ms?: Interval;
  readonly tpotP99Ms?: Interval;
}

/** One point of a latency-versus-throughput sweep: one variant at one offered arrival rate. */
export interface SweepPoint {
  readonly variant: string;
  readonly offeredRatePerS: number;
  readonly achievedRequestsPerS: number;
  readonly outputTokensPerS: number;
  readonly ttftMs: PercentilePair;
  readonly tpotMs: PercentilePair;
  readonly joulesPerOutputToken?: number;
  readonly ci?: SweepPointCi;
}

/** Service-level objectives drawn as labelled horizontal lines. */
export interface LatencySlo {
  readonly ttftP99Ms?: number;
  readonly tpotP99Ms?: number;
}

/** Latency distributions of one or more runs, compared as empirical CDFs. */
export interface CdfData {
  readonly series: readonly { readonly label: string; readonly valuesMs: readonly number[] }[];
  readonly metric: "TTFT" | "TPOT" | "E2E";
}

/**
 * One sample of the cluster's state. `arrivals` and `preemptions` are counts over the interval that
 * ends at `timeS` (the chart divides arrivals by the interval and accumulates preemptions); the other
 * fields are levels at `timeS`.
 */
export interface TimeSeriesRow {
  readonly timeS: number;
  readonly arrivals: number;
  readonly queueLength: number;
  readonly runningSeqs: number;
  readonly kvUsedBlocks: number;
  readonly kvTotalBlocks: number;
  readonly preemptions: number;
  readonly facilityMW?: number;
}

export type StepKind = "prefill" | "decode" | "mixed";

/** One engine step of one replica. `replica` indexes `ReplicaTimelineData.replicas`. */
export interface ReplicaStep {
  readonly replica: number;
  readonly startS: number;
  readonly endS: number;
  readonly kind: StepKind;
  readonly batchSize: number;
}

/** Steps of every replica; gaps are idle time. `windowS` limits the time shown. */
export interface ReplicaTimelineData {
  readonly replicas: readonly string[];
  readonly steps: readonly ReplicaStep[];
  readonly windowS?: readonly [number, number];
}

/** Energy per output token of one variant at one throughput. */
export interface EnergyPoint {
  readonly variant: string;
  readonly outputTokensPerS: number;
  readonly joulesPerOutputToken: number;
}

export interface EnergyData {
  readonly points: readonly EnergyPoint[];
}

/** Where the energy of one run went, in joules. */
export interface EnergyPhaseRow {
  readonly label: string;
  readonly prefillJ: number;
  readonly decodeJ: number;
  readonly idleJ: number;
}

/** One candidate cluster of a capacity plan. */
export interface CapacityPlanOption {
  readonly label: string;
  readonly usdPerHour: number;
  readonly facilityMW: number;
  readonly devices: number;
  readonly feasible: boolean;
}

export type CapacityPlanY = "facilityMW" | "devices";

export interface CapacityPlanData {
  readonly plans: readonly CapacityPlanOption[];
  /** The vertical axis: facility power or device count; both it and cost are minimised. */
  readonly y: CapacityPlanY;
}

/** Paired difference of one variant against the baseline, in percent of the baseline's value. */
export interface PolicyComparisonRow {
  readonly variant: string;
  readonly meanDiffPct: number;
  readonly ciLowPct: number;
  readonly ciHighPct: number;
}

export interface PolicyComparisonData {
  /** What was compared, e.g. "p99 TTFT". */
  readonly metric: string;
  readonly baseline: string;
  readonly rows: readonly PolicyComparisonRow[];
}

/** Options every chart accepts. */
export interface ChartOptions {
  readonly title?: string;
  /** Width of the SVG in pixels (the height follows from the chart's layout). */
  readonly widthPx?: number;
}
