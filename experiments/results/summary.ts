import type { ClusterRun } from "../../sim/cluster.ts";
import { formatCount } from "../../hardware/format.ts";
import { gapsOf, toMs } from "../../sim/metrics/gaps.ts";
import { EXACT_VALUES_LIMIT } from "../../sim/metrics/quantiles.ts";
import type { QuantileRecorder } from "../../sim/metrics/quantiles.ts";
import { partMetrics } from "../../sim/metrics/summarize.ts";
import type { RunMetrics } from "../../sim/metrics/summarize.ts";
import type { ResolvedPool } from "../assemble.ts";
import type { CostSummary, EnergyReport, EnergySummary } from "./energySummary.ts";
import type { Scenario } from "../schema/scenario.ts";
import { SCHEMA_VERSION } from "../schema/scenario.ts";
import { INFERSIM_VERSION } from "../version.ts";
import { classSummaries } from "./classSummary.ts";
import type { ClassSummary } from "./classSummary.ts";
import { engineSummary, itlOf, kvEngineSummary } from "./engineSummary.ts";
import type { EngineSummary, KvEngineSummary } from "./engineSummary.ts";
import { runNotes, saturationOf } from "./saturation.ts";
import type { Saturation } from "./saturation.ts";

export interface KvSummary extends KvEngineSummary {
  readonly capacityBlocks: number;
  readonly blockSizeTokens: number;
  readonly peakUsedBlocks: number;
  /** Peak blocks in use over capacity, the most loaded replica. */
  readonly peakOccupancy: number;
  readonly preemptions: number;
}

export interface ReplicaSummary {
  readonly index: number;
  readonly pool: string;
  readonly steps: number;
  /** Share of the run the replica had a step in flight. */
  readonly busyFraction: number;
  readonly kvCapacityBlocks: number;
  readonly kvPeakUsedBlocks: number;
  readonly preemptions: number;
  readonly requestsRouted: number;
  /** Time-average waiting queue length over the samples taken while it was provisioned. */
  readonly meanQueueLength: number;
  /** Time-average KV occupancy (blocks used over capacity) over the same samples. */
  readonly meanKvOccupancy: number;
  /** Output tokens of the requests it completed, per simulated second. */
  readonly outputTokensPerS: number;
  /** Hours it was provisioned (serving or starting up). */
  readonly provisionedHours: number;
}

export interface PoolSummary extends RunMetrics {
  readonly name: string;
  readonly role: string;
  /** Replica-hours provisioned (autoscaled pools provision fewer than replicas × hours). */
  readonly replicaHours: number;
  readonly device: string;
  readonly model: string;
  readonly replicas: number;
  readonly devicesPerReplica: number;
  readonly kvCapacityBlocksPerReplica: number;
  readonly busyFraction: number;
  readonly energy: EnergySummary;
  readonly cost: CostSummary;
}

/** `summary.json`. Fields are stable once published; `schemaVersion` is bumped on a breaking change. */
export interface Summary extends RunMetrics {
  readonly schemaVersion: number;
  readonly infersimVersion: string;
  readonly seed: number;
  readonly scenario: Scenario;
  readonly simulatedSeconds: number;
  readonly kv: KvSummary;
  /** Steps, prefill and decode tokens, speculative decoding (engineSummary.ts). */
  readonly engine: EngineSummary;
  /** Metrics and SLO attainment per request class (classSummary.ts); one `default` class without classes. */
  readonly classes: readonly ClassSummary[];
  readonly pools: readonly PoolSummary[];
  readonly replicas: readonly ReplicaSummary[];
  /** Joules, MWh, average and peak facility MW, J per output token, energy by phase (energySummary.ts). */
  readonly energy: EnergySummary;
  /** Dollars: device-hours and energy, per million output tokens and per 1,000 requests (energySummary.ts). */
  readonly cost: CostSummary;
  readonly run: {
    readonly eventsProcessed: number;
    readonly stoppedByHorizon: boolean;
    /**
     * `exact`, or `sketch` when some sample had more than EXACT_VALUES_LIMIT values and its percentiles come
     * from a DDSketch (within 1% of the exact values; means, maxima and counts stay exact).
     */
    readonly percentiles: "exact" | "sketch";
  };
  /** Whether the cluster kept up: stable, backlogged or overloaded (saturation.ts). */
  readonly saturation: Saturation;
  /** Plain-language notes to read with the numbers (horizon reached, saturation, rejections). */
  readonly notes: readonly string[];
}

/** Throws (an internal error) unless every arrived request is completed, rejected or in flight. */
export function assertConservation(m: RunMetrics, where: string): void {
  const r = m.requests;
  if (r.arrived !== r.completed + r.rejected + r.inFlight || r.inFlight < 0) {
    throw new Error(
      `internal: conservation broken in ${where}: arrived ${r.arrived} != completed ${r.completed} + rejected ${r.rejected} + inFlight ${r.inFlight}`,
    );
  }
}

/** Whether any percentile of the summary came from a sketch. */
function percentileMethod(run: ClusterRun, clusterGaps: QuantileRecorder): "exact" | "sketch" {
  const l = run.ledger;
  const s = l.saturation;
  const sketched =
    clusterGaps.approximate ||
    [l.cluster, ...l.pools, ...l.classes].some((t) => t.approximate) ||
    s.serviceS.approximate;
  return sketched ? "sketch" : "exact";
}

export function buildSummary(
  scenario: Scenario,
  seed: number,
  run: ClusterRun,
  pools: readonly ResolvedPool[],
  energy: EnergyReport,
): Summary {
  const durationS = run.endS;
  const ledger = run.ledger;
  const gaps = gapsOf(run.replicas.map((r) => r.gaps));
  const metrics = ledger.cluster.metrics(durationS, toMs(gaps.distribution()));
  assertConservation(metrics, "the cluster");
  if (metrics.requests.arrived !== run.arrived) {
    throw new Error(`internal: ${run.arrived} requests arrived but ${metrics.requests.arrived} were accounted for`);
  }
  const saturation = saturationOf(run);
  const percentiles = percentileMethod(run, gaps);
  const replicas: ReplicaSummary[] = run.replicas.map((r) => {
    const samples = run.replicaSamples[r.index]!;
    return {
    index: r.index,
    pool: pools[r.pool]!.name,
    steps: r.stepsRun,
    busyFraction: durationS > 0 ? Math.min(1, r.busyS / durationS) : 0,
    kvCapacityBlocks: r.kv.totalBlocks,
    kvPeakUsedBlocks: r.kv.peakUsedBlocks,
    preemptions: r.preemptions,
    requestsRouted: run.replicaRequestsRouted[r.index]!,
    meanQueueLength: samples.samples > 0 ? samples.queueLengthSum / samples.samples : 0,
    meanKvOccupancy: samples.samples > 0 ? samples.kvOccupancySum / samples.samples : 0,
    outputTokensPerS: durationS > 0 ? run.replicaOutputTokens[r.index]! / durationS : 0,
    provisionedHours: run.replicaProvisionedS[r.index]! / 3600,
    };
  });
  const poolSummaries: PoolSummary[] = pools.map((p, i) => {
    const poolReplicas = run.replicas.filter((r) => r.pool === i);
    const everyReplica = poolReplicas.length === run.replicas.length;
    const m = partMetrics(ledger.poolTally(i), ledger.cluster, metrics, durationS, () =>
      everyReplica ? metrics.latency.itlMs : itlOf(poolReplicas),
    );
    assertConservation(m, `pool ${p.name}`);
    const busy = poolReplicas.reduce((s, r) => s + r.busyS, 0);
    const provisionedS = poolReplicas.reduce((s, r) => s + run.replicaProvisionedS[r.index]!, 0);
    return {
      name: p.name,
      role: p.config.role,
      replicaHours: poolReplicas.reduce((h, r) => h + run.replicaProvisionedS[r.index]! / 3600, 0),
      device: p.device.name,
      model: p.model.name,
      replicas: poolReplicas.length,
      devicesPerReplica: p.placement.devicesPerReplica,
      kvCapacityBlocksPerReplica: p.kvTotalBlocks,
      busyFraction: provisionedS > 0 ? Math.min(1, busy / provisionedS) : 0,
      ...m,
      ...energy.pools[i]!,
    };
  });
  let capacityBlocks = 0;
  let peakUsedBlocks = 0;
  let peakOccupancy = 0;
  let preemptions = 0;
  for (const r of run.replicas) {
    capacityBlocks += r.kv.totalBlocks;
    peakUsedBlocks += r.kv.peakUsedBlocks;
    preemptions += r.preemptions;
    if (r.kv.totalBlocks > 0) peakOccupancy = Math.max(peakOccupancy, r.kv.peakUsedBlocks / r.kv.totalBlocks);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    infersimVersion: INFERSIM_VERSION,
    seed,
    scenario,
    simulatedSeconds: durationS,
    ...metrics,
    kv: {
      capacityBlocks,
      blockSizeTokens: pools[0]?.config.kv.blockSizeTokens ?? 0,
      peakUsedBlocks,
      peakOccupancy,
      preemptions,
      ...kvEngineSummary(run.replicas),
    },
    engine: engineSummary(run.replicas),
    classes: classSummaries(scenario.workload, ledger, run.replicas, durationS, metrics),
    pools: poolSummaries,
    replicas,
    energy: energy.energy,
    cost: energy.cost,
    run: { eventsProcessed: run.eventsProcessed, stoppedByHorizon: run.stoppedByHorizon, percentiles },
    saturation,
    notes: [
      ...runNotes(run, saturation, scenario.horizonS),
      ...(percentiles === "sketch"
        ? [`percentiles come from a sketch (more than ${formatCount(EXACT_VALUES_LIMIT)} values in a sample): within 1% of the exact values; means, maxima and counts are exact`]
        : []),
    ],
  };
}
