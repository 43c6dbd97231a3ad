import type {
  CapacityPlanData,
  CdfData,
  EnergyData,
  EnergyPhaseRow,
  LatencySummary,
  PolicyComparisonData,
  ReplicaTimelineData,
  SweepPoint,
  TimeSeriesRow,
} from "../../viz/index.ts";

/** Small, fixed result data for every chart. Values are hand-made to look like a real sweep. */

export const latencySummary: LatencySummary = {
  ttftMs: { mean: 180, p50: 120, p90: 340, p95: 420, p99: 810, max: 1450 },
  tpotMs: { mean: 22, p50: 20, p90: 28, p95: 31, p99: 39, max: 55 },
  e2eMs: { mean: 5200, p50: 4100, p90: 9300, p95: 11200, p99: 15800, max: 21000 },
  queueMs: { mean: 60, p50: 12, p90: 150, p95: 230, p99: 610, max: 1300 },
};

function sweep(variant: string, capacityPerS: number, tpotBaseMs: number): SweepPoint[] {
  return [2, 4, 6, 8, 10, 12].map((rate) => {
    const rho = Math.min(rate / capacityPerS, 0.985);
    const ttft50 = 90 / (1 - rho);
    const ttft99 = 260 / (1 - rho) ** 1.3;
    const achieved = Math.min(rate, capacityPerS * 0.985);
    return {
      variant,
      offeredRatePerS: rate,
      achievedRequestsPerS: Math.round(achieved * 100) / 100,
      outputTokensPerS: Math.round(achieved * 250),
      ttftMs: { p50: Math.round(ttft50), p99: Math.round(ttft99) },
      tpotMs: { p50: Math.round(tpotBaseMs * (1 + rho)), p99: Math.round(tpotBaseMs * 1.6 * (1 + rho)) },
      joulesPerOutputToken: Math.round((2.4 / (0.3 + rho)) * 100) / 100,
    };
  });
}

export const sweepPoints: SweepPoint[] = [...sweep("fcfs", 10, 18), ...sweep("chunked-prefill", 12.5, 21)];

export const cdf: CdfData = {
  metric: "TTFT",
  series: [
    { label: "fcfs", valuesMs: [80, 95, 110, 120, 130, 150, 180, 220, 300, 450, 700, 1200] },
    { label: "chunked-prefill", valuesMs: [70, 75, 90, 96, 100, 104, 120, 140, 160, 210, 260, 390] },
  ],
};

export const timeSeries: TimeSeriesRow[] = Array.from({ length: 30 }, (_, i) => {
  const t = (i + 1) * 2;
  const burst = i >= 10 && i < 18;
  return {
    timeS: t,
    arrivals: burst ? 30 : 12 + (i % 3),
    queueLength: burst ? (i - 9) * 6 : Math.max(0, 8 - (i - 18) * 2) * (i >= 18 ? 1 : 0),
    runningSeqs: burst ? 64 : 28 + (i % 4),
    kvUsedBlocks: burst ? 3900 + (i % 2) * 80 : 1800 + (i % 5) * 60,
    kvTotalBlocks: 4096,
    preemptions: burst && i % 2 === 0 ? 3 : 0,
    facilityMW: burst ? 1.9 : 1.3 + (i % 3) * 0.05,
  };
});

export const replicaTimeline: ReplicaTimelineData = {
  replicas: ["h100-0", "h100-1", "h100-2"],
  steps: [
    { replica: 0, startS: 0.0, endS: 0.12, kind: "prefill", batchSize: 4 },
    { replica: 0, startS: 0.12, endS: 0.15, kind: "decode", batchSize: 4 },
    { replica: 0, startS: 0.15, endS: 0.18, kind: "decode", batchSize: 4 },
    { replica: 0, startS: 0.18, endS: 0.3, kind: "mixed", batchSize: 9 },
    { replica: 0, startS: 0.3, endS: 0.34, kind: "decode", batchSize: 9 },
    { replica: 1, startS: 0.05, endS: 0.2, kind: "prefill", batchSize: 2 },
    { replica: 1, startS: 0.2, endS: 0.23, kind: "decode", batchSize: 2 },
    { replica: 1, startS: 0.31, endS: 0.45, kind: "prefill", batchSize: 6 },
    { replica: 2, startS: 0.1, endS: 0.16, kind: "mixed", batchSize: 16 },
    { replica: 2, startS: 0.16, endS: 0.2, kind: "decode", batchSize: 16 },
    { replica: 2, startS: 0.2, endS: 0.24, kind: "decode", batchSize: 15 },
    { replica: 2, startS: 0.24, endS: 0.28, kind: "decode", batchSize: 14 },
    { replica: 2, startS: 0.36, endS: 0.5, kind: "prefill", batchSize: 1 },
  ],
};

export const energy: EnergyData = {
  points: sweepPoints.map((p) => ({
    variant: p.variant,
    outputTokensPerS: p.outputTokensPerS,
    joulesPerOutputToken: p.joulesPerOutputToken!,
  })),
};

export const energyPhases: EnergyPhaseRow[] = [
  { label: "8× H100, fcfs", prefillJ: 4.2e6, decodeJ: 9.1e6, idleJ: 1.3e6 },
  { label: "8× H100, chunked", prefillJ: 4.0e6, decodeJ: 8.2e6, idleJ: 0.9e6 },
  { label: "LPU rack", prefillJ: 1.1e6, decodeJ: 3.9e6, idleJ: 2.6e6 },
];

export const capacityPlan: CapacityPlanData = {
  y: "facilityMW",
  plans: [
    { label: "24× H100", usdPerHour: 96, facilityMW: 0.034, devices: 24, feasible: true },
    { label: "16× H200", usdPerHour: 88, facilityMW: 0.026, devices: 16, feasible: true },
    { label: "12× B200", usdPerHour: 110, facilityMW: 0.021, devices: 12, feasible: true },
    { label: "576× LPU", usdPerHour: 150, facilityMW: 0.19, devices: 576, feasible: true },
    { label: "2× WSE-3", usdPerHour: 130, facilityMW: 0.05, devices: 2, feasible: true },
    { label: "8× H100", usdPerHour: 32, facilityMW: 0.012, devices: 8, feasible: false },
    { label: "32× A100", usdPerHour: 70, facilityMW: 0.03, devices: 32, feasible: true },
  ],
};

export const policyComparison: PolicyComparisonData = {
  metric: "p99 TTFT",
  baseline: "fcfs",
  rows: [
    { variant: "chunked-prefill", meanDiffPct: -31.5, ciLowPct: -38.2, ciHighPct: -24.9 },
    { variant: "decode-first", meanDiffPct: 12.1, ciLowPct: 4.3, ciHighPct: 19.8 },
    { variant: "shortest-prompt-first", meanDiffPct: -2.4, ciLowPct: -9.9, ciHighPct: 5.2 },
  ],
};
