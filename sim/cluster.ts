import type { BatchPolicy, PreemptionVictim, RequestOrder, StepLimits } from "./batching.ts";
import { Phase } from "./events.ts";
import type { Handlers } from "./events.ts";
import { KvBlockManager } from "./kvCache.ts";
import type { TimeSample } from "./metrics/timeseries.ts";
import type { RequestSource, StepCost, StepCostModel, StepShape } from "./ports.ts";
import { Replica } from "./replica.ts";
import type { ReplicaListener } from "./replica.ts";
import { Request } from "./request.ts";
import type { NewRequest } from "./request.ts";
import type { Admission, Router } from "./routing.ts";
import type { Simulation } from "./simulation.ts";

/** A pool of identical replicas, as assembled from a scenario. */
export interface PoolSpec {
  readonly name: string;
  readonly replicas: number;
  readonly kvTotalBlocks: number;
  readonly kvBlockSizeTokens: number;
  readonly kvWatermarkBlocks: number;
  readonly limits: StepLimits;
  /** Largest prompt + output the model accepts (its context window). */
  readonly maxContextTokens: number;
  /** Each factory is called once per replica with its cluster-wide index, so a policy may keep per-replica state. */
  readonly cost: (replica: number) => StepCostModel;
  readonly batching: (replica: number) => BatchPolicy;
  readonly order: (replica: number) => RequestOrder;
  readonly victim: (replica: number) => PreemptionVictim;
  readonly admission: (replica: number) => Admission;
}

export interface ClusterSpec {
  readonly pools: readonly PoolSpec[];
  readonly router: Router;
  readonly source: RequestSource;
  /** Hard stop in simulated seconds; requests still in the system then are reported in flight. */
  readonly horizonS?: number;
  /** Time-series sampling period in seconds (0 = none). */
  readonly sampleIntervalS: number;
}

/** Observers see every step as it starts (power, utilization) and may add columns to each time-series sample. */
export interface StepObserver {
  onStep(replica: Replica, shape: StepShape, cost: StepCost, nowS: number): void;
  /** Extra numeric columns for the sample taken at `nowS` (e.g. facility power). */
  sampleColumns?(nowS: number): Readonly<Record<string, number>>;
}

/** What a run leaves behind for metrics and outputs. */
export interface ClusterRun {
  readonly requests: readonly Request[];
  readonly replicas: readonly Replica[];
  readonly poolNames: readonly string[];
  readonly samples: readonly TimeSample[];
  readonly endS: number;
  readonly eventsProcessed: number;
  readonly stoppedByHorizon: boolean;
}

/**
 * A cluster of pools of replicas behind one router, driven by one Simulation. It owns the event handler
 * table: arrivals are admitted and routed, replicas wake to form steps, steps end, samples are taken.
 */
export class Cluster implements ReplicaListener {
  readonly replicas: Replica[] = [];
  readonly requests: Request[] = [];
  private readonly samples: TimeSample[] = [];
  private readonly admissions: Admission[] = [];
  private readonly maxContext: number[] = [];
  private readonly observers: StepObserver[] = [];
  private inSystem = 0;
  private sourceDone = false;
  private pendingArrivals = 0;
  private stoppedByHorizon = false;
  private interval = { arrivals: 0, completions: 0, outputTokens: 0 };

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
  ) {
    spec.pools.forEach((pool, poolIndex) => {
      for (let i = 0; i < pool.replicas; i++) {
        const index = this.replicas.length;
        const replica = new Replica(
          {
            index,
            pool: poolIndex,
            cost: pool.cost(index),
            kv: new KvBlockManager(pool.kvTotalBlocks, pool.kvBlockSizeTokens, pool.kvWatermarkBlocks),
            batching: pool.batching(index),
            order: pool.order(index),
            victim: pool.victim(index),
            limits: pool.limits,
          },
          this,
        );
        this.replicas.push(replica);
        this.admissions.push(pool.admission(index));
        this.maxContext.push(pool.maxContextTokens);
      }
    });
  }

  observe(observer: StepObserver): void {
    this.observers.push(observer);
  }

  /** Run to the end: every request completed, or the horizon reached. */
  run(): ClusterRun {
    const sim = this.sim;
    this.pullNextArrival();
    if (this.spec.horizonS !== undefined) sim.at(this.spec.horizonS, Phase.horizon, { kind: "horizon" });
    if (this.spec.sampleIntervalS > 0) sim.at(this.spec.sampleIntervalS, Phase.sample, { kind: "sample" });
    sim.run(this.handlers);
    return {
      requests: this.requests,
      replicas: this.replicas,
      poolNames: this.spec.pools.map((p) => p.name),
      samples: this.samples,
      endS: sim.nowS,
      eventsProcessed: sim.eventsProcessed,
      stoppedByHorizon: this.stoppedByHorizon,
    };
  }

  private readonly handlers: Handlers = {
    arrival: (e) => {
      this.pendingArrivals--;
      if (e.fromSource) this.pullNextArrival();
      this.arrive(e.request);
    },
    replicaWake: (e) => {
      const replica = this.replicas[e.replica]!;
      replica.wakePending = false;
      if (!replica.busy) this.startStep(replica);
    },
    stepEnd: (e) => {
      const replica = this.replicas[e.replica]!;
      if (e.stepSeq !== replica.stepSeq || !replica.busy) return;
      replica.finishStep(this.sim.nowS);
      this.wake(replica);
    },
    transferDone: () => {
      throw new Error("internal: KV transfers need a disaggregated cluster");
    },
    sample: () => {
      this.takeSample();
      if (!this.finished()) this.sim.after(this.spec.sampleIntervalS, Phase.sample, { kind: "sample" });
    },
    horizon: () => {
      this.stoppedByHorizon = true;
      this.sim.stop();
    },
  };

  private finished(): boolean {
    return this.sourceDone && this.inSystem === 0 && this.pendingArrivals === 0;
  }

  private pullNextArrival(): void {
    const next = this.spec.source.next();
    if (next === null) {
      this.sourceDone = true;
      return;
    }
    this.scheduleArrival(next, true);
  }

  private scheduleArrival(spec: NewRequest, fromSource: boolean): void {
    const arrivalS = Math.max(spec.arrivalS, this.sim.nowS);
    const request = new Request(this.sim.ids.next(), arrivalS, spec.promptTokens, spec.outputTokens, spec);
    this.pendingArrivals++;
    this.sim.at(arrivalS, Phase.arrival, { kind: "arrival", request, fromSource });
  }

  private arrive(request: Request): void {
    this.requests.push(request);
    this.interval.arrivals++;
    this.inSystem++;
    const nowS = this.sim.nowS;
    const index = this.spec.router.route(request, this.replicas, nowS);
    const replica = this.replicas[index];
    if (replica === undefined) throw new Error(`internal: router chose replica ${index} of ${this.replicas.length}`);
    request.replica = index;
    const reason = this.rejectionReason(request, replica);
    if (reason !== null) {
      this.reject(request, reason);
      return;
    }
    replica.enqueue(request, nowS);
    this.wake(replica);
  }

  private rejectionReason(request: Request, replica: Replica): string | null {
    const total = request.promptTokens + request.outputTokens;
    const maxContext = this.maxContext[replica.index]!;
    if (total > maxContext) return `prompt + output = ${total} tokens exceeds the model's context of ${maxContext}`;
    const blocks = replica.kv.blocksFor(total);
    if (blocks > replica.kv.totalBlocks) {
      return `needs ${blocks} KV blocks; the replica has ${replica.kv.totalBlocks}`;
    }
    return this.admissions[replica.index]!.check(request, replica, this.sim.nowS);
  }

  private reject(request: Request, reason: string): void {
    request.state = "rejected";
    request.rejectReason = reason;
    request.completionS = this.sim.nowS;
    this.inSystem--;
    this.followUp(request);
  }

  /** Schedule a wake at the current instant, after the arrivals that share it. */
  private wake(replica: Replica): void {
    if (replica.busy || replica.wakePending) return;
    replica.wakePending = true;
    this.sim.at(this.sim.nowS, Phase.replicaWake, { kind: "replicaWake", replica: replica.index });
  }

  private startStep(replica: Replica): void {
    const nowS = this.sim.nowS;
    const durationS = replica.formStep(nowS);
    if (Number.isNaN(durationS)) {
      const wakeS = replica.requestedWakeS;
      if (!Number.isNaN(wakeS) && wakeS > nowS) {
        replica.wakePending = true;
        this.sim.at(wakeS, Phase.replicaWake, { kind: "replicaWake", replica: replica.index });
      }
      return;
    }
    this.sim.at(nowS + durationS, Phase.stepEnd, { kind: "stepEnd", replica: replica.index, stepSeq: replica.stepSeq });
  }

  // ---- ReplicaListener ----

  onStepStart(replica: Replica, shape: StepShape, cost: StepCost): void {
    for (const o of this.observers) o.onStep(replica, shape, cost, this.sim.nowS);
  }

  onFirstToken(): void {
    this.interval.outputTokens++;
  }

  onCompleted(request: Request): void {
    this.inSystem--;
    this.interval.completions++;
    this.interval.outputTokens += request.outputTokens - 1;
    this.followUp(request);
  }

  onPreempted(): void {
    // Counted on the replica and the request.
  }

  private followUp(request: Request): void {
    const source = this.spec.source;
    if (source.onRequestEnded === undefined) return;
    const next = source.onRequestEnded(request, this.sim.nowS);
    if (next !== null) this.scheduleArrival(next, false);
  }

  private takeSample(): void {
    let queueLength = 0;
    let runningSeqs = 0;
    let kvUsedBlocks = 0;
    let kvTotalBlocks = 0;
    let preemptions = 0;
    let busyReplicas = 0;
    for (const r of this.replicas) {
      queueLength += r.waitingCount;
      runningSeqs += r.running.length;
      kvUsedBlocks += r.kv.usedBlocks;
      kvTotalBlocks += r.kv.totalBlocks;
      preemptions += r.preemptions;
      if (r.busy) busyReplicas++;
    }
    let extra: Record<string, number> = {};
    for (const o of this.observers) if (o.sampleColumns) extra = { ...extra, ...o.sampleColumns(this.sim.nowS) };
    this.samples.push({
      timeS: this.sim.nowS,
      ...this.interval,
      extra,
      queueLength,
      runningSeqs,
      kvUsedBlocks,
      kvTotalBlocks,
      preemptions,
      busyReplicas,
    });
    this.interval = { arrivals: 0, completions: 0, outputTokens: 0 };
  }
}
