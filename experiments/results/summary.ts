import type { ClusterRun } from "../../sim/cluster.ts";
import type { RunMetrics } from "../../sim/metrics/summarize.ts";
import { metricsOf } from "../../sim/metrics/summarize.ts";
import type { ResolvedPool } from "../assemble.ts";
import type { Scenario } from "../schema/scenario.ts";
import { SCHEMA_VERSION } from "../schema/scenario.ts";
import { INFERSIM_VERSION } from "../version.ts";

export interface KvSummary {
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
}

export interface PoolSummary extends RunMetrics {
  readonly name: string;
  readonly device: string;
  readonly model: string;
  readonly replicas: number;
  readonly devicesPerReplica: number;
  readonly kvCapacityBlocksPerReplica: number;
  readonly busyFraction: number;
}

/** `summary.json`. Fields are stable once published; `schemaVersion` is bumped on a breaking change. */
export interface Summary extends RunMetrics {
  readonly schemaVersion: number;
  readonly infersimVersion: string;
  readonly seed: number;
  readonly scenario: Scenario;
  readonly simulatedSeconds: number;
  readonly kv: KvSummary;
  readonly pools: readonly PoolSummary[];
  readonly replicas: readonly ReplicaSummary[];
  readonly run: { readonly eventsProcessed: number; readonly stoppedByHorizon: boolean };
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

export function buildSummary(scenario: Scenario, seed: number, run: ClusterRun, pools: readonly ResolvedPool[]): Summary {
  const durationS = run.endS;
  const metrics = metricsOf(run.requests, durationS);
  assertConservation(metrics, "the cluster");
  const routed = new Array<number>(run.replicas.length).fill(0);
  for (const r of run.requests) if (r.replica >= 0) routed[r.replica] = (routed[r.replica] ?? 0) + 1;
  const replicas: ReplicaSummary[] = run.replicas.map((r) => ({
    index: r.index,
    pool: pools[r.pool]!.name,
    steps: r.stepsRun,
    busyFraction: durationS > 0 ? Math.min(1, r.busyS / durationS) : 0,
    kvCapacityBlocks: r.kv.totalBlocks,
    kvPeakUsedBlocks: r.kv.peakUsedBlocks,
    preemptions: r.preemptions,
    requestsRouted: routed[r.index]!,
  }));
  const poolSummaries: PoolSummary[] = pools.map((p, i) => {
    const poolReplicas = run.replicas.filter((r) => r.pool === i);
    const members = new Set(poolReplicas.map((r) => r.index));
    const m = metricsOf(
      run.requests.filter((r) => members.has(r.replica)),
      durationS,
    );
    assertConservation(m, `pool ${p.name}`);
    const busy = poolReplicas.reduce((s, r) => s + r.busyS, 0);
    return {
      name: p.name,
      device: p.device.name,
      model: p.model.name,
      replicas: poolReplicas.length,
      devicesPerReplica: p.placement.devicesPerReplica,
      kvCapacityBlocksPerReplica: p.kvTotalBlocks,
      busyFraction: durationS > 0 && poolReplicas.length > 0 ? Math.min(1, busy / (durationS * poolReplicas.length)) : 0,
      ...m,
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
    },
    pools: poolSummaries,
    replicas,
    run: { eventsProcessed: run.eventsProcessed, stoppedByHorizon: run.stoppedByHorizon },
  };
}
