import type { AutoscalingSpec, ReplicaPhase } from "./autoscaling.ts";
import type { BatchPolicy, PreemptionVictim, RequestOrder, StepLimits } from "./batching.ts";
import type { DecodeRun } from "./decodeRun.ts";
import { Phase } from "./events.ts";
import type { EventOf, Handlers, QueuedEvent } from "./events.ts";
import { KvBlockManager } from "./kvCache.ts";
import { SharedLink } from "./kvTransfer.ts";
import { LiveLoadView, StaleLoadView } from "./loadView.ts";
import { GapSamples } from "./metrics/gaps.ts";
import { RequestLedger } from "./metrics/requestLedger.ts";
import type { TimeSample } from "./metrics/timeseries.ts";
import type { RequestSource, StepCost, StepCostModel, StepShape } from "./ports.ts";
import { Replica } from "./replica.ts";
import type { ReplicaListener } from "./replica.ts";
import type { ReplicaEngine } from "./replicaEngine.ts";
import { Request } from "./request.ts";
import type { NewRequest } from "./request.ts";
import type { Admission, LoadView, Router } from "./routing.ts";
import type { Simulation } from "./simulation.ts";

/** What a pool's replicas do: both phases, or one side of disaggregated (Splitwise/DistServe) serving. */
export type PoolRole = "mixed" | "prefill" | "decode";

/** A pool of identical replicas, as assembled from a scenario. */
export interface PoolSpec {
  readonly name: string;
  readonly role: PoolRole;
  /** Replicas that exist (the autoscaling maximum when the pool autoscales). */
  readonly replicas: number;
  /** Replicas serving at time 0 (the rest are off until an autoscaler provisions them). */
  readonly initialReplicas: number;
  readonly autoscaling?: AutoscalingSpec;
  readonly kvTotalBlocks: number;
  readonly kvBlockSizeTokens: number;
  readonly kvWatermarkBlocks: number;
  /** KV bytes of one token for the whole model (all layers, all shards): what a KV transfer moves. */
  readonly kvBytesPerToken: number;
  readonly limits: StepLimits;
  /** Largest prompt + output the model accepts (its context window). */
  readonly maxContextTokens: number;
  /** Each factory is called once per replica with its cluster-wide index, so a policy may keep per-replica state. */
  readonly cost: (replica: number) => StepCostModel;
  readonly batching: (replica: number) => BatchPolicy;
  readonly order: (replica: number) => RequestOrder;
  readonly victim: (replica: number) => PreemptionVictim;
  readonly admission: (replica: number) => Admission;
  /** Engine features of each replica: KV allocation, prefix caching, swap, speculative decoding (P3). */
  readonly engine?: (replica: number) => ReplicaEngine;
}

/** A KV-transfer link between two pools: one-direction bandwidth available to transfers, and latency. */
export interface KvLinkSpec {
  readonly bandwidthBytesPerS: number;
  readonly latencyS: number;
}

export interface ClusterSpec {
  readonly pools: readonly PoolSpec[];
  /** Chooses the replica of a new request among mixed and prefill pools. */
  readonly router: Router;
  /** Chooses the decode replica of a prefilled request (disaggregated clusters). */
  readonly decodeRouter: Router;
  /** Load information the routers see is refreshed this often (0: always current). */
  readonly routerRefreshIntervalS: number;
  /** Router-to-replica network latency. */
  readonly networkLatencyS: number;
  /** The link that carries KV from a prefill pool to a decode pool. */
  readonly kvLink: (fromPool: number, toPool: number) => KvLinkSpec;
  /** How often autoscalers are evaluated. */
  readonly autoscaleIntervalS: number;
  readonly source: RequestSource;
  /** Hard stop in simulated seconds; requests still in the system then are reported in flight. */
  readonly horizonS?: number;
  /** Time-series sampling period in seconds (0 = none). */
  readonly sampleIntervalS: number;
  /**
   * Form every step with an event of its own, never advancing stretches of decode steps at once (the fast path,
   * `decodeStretch.ts`). Results are the same up to float rounding; this is the reference the fast path is
   * tested against. Default false.
   */
  readonly plainStepping?: boolean;
  /**
   * Keep every request for `ClusterRun.requests` (default true). False for long runs: requests are forgotten
   * when they end, after the ledger and the request-end listeners have seen them, so memory stays bounded.
   */
  readonly keepRequests?: boolean;
}

/**
 * Observers see every step, replicas being provisioned or released, and add sample columns. Steps of one
 * replica are seen in order, each with its start time; the steps of a decode stretch are reported as the
 * clock passes them (when the replica is next looked at), so steps of different replicas may come out of order.
 */
export interface StepObserver {
  /** A step starts (`shape` and `cost` may be objects reused for the next step: read them, do not keep them). */
  onStep(replica: Replica, shape: StepShape, cost: StepCost, startS: number): void;
  /**
   * Steps of a decode stretch, reported together once the clock has passed them: as `onStep` for each in turn
   * (which is what an observer without this gets). The replica is as it is after the run, as it is after any
   * late-reported step of a stretch: read a step's values from `run`, not the replica's state.
   */
  onDecodeRun?(replica: Replica, run: DecodeRun): void;
  /** A replica changed phase (active, provisioning, off); every replica is reported once at time 0. */
  onReplicaPhase?(replica: Replica, phase: ReplicaPhase, nowS: number): void;
  /** Extra numeric columns for the sample taken at `nowS` (e.g. facility power). */
  sampleColumns?(nowS: number): Readonly<Record<string, number>>;
}

/** Per-replica observations gathered at each sample, for time averages. */
export interface ReplicaSampleTotals {
  readonly samples: number;
  readonly queueLengthSum: number;
  readonly kvOccupancySum: number;
}

/** What a run leaves behind for metrics and outputs. */
export interface ClusterRun {
  /** Every request in arrival order (empty when the cluster was told not to keep them). */
  readonly requests: readonly Request[];
  /** Requests that arrived (kept or not). */
  readonly arrived: number;
  /** Every request tallied as it ended, and those in flight at the end: what summaries are built from. */
  readonly ledger: RequestLedger;
  readonly replicas: readonly Replica[];
  readonly poolNames: readonly string[];
  readonly samples: readonly TimeSample[];
  readonly replicaSamples: readonly ReplicaSampleTotals[];
  /** Seconds each replica was provisioned (active or provisioning). */
  readonly replicaProvisionedS: readonly number[];
  /** Output tokens of the requests each replica completed. */
  readonly replicaOutputTokens: readonly number[];
  /** Requests routed to each replica (new requests, and prefilled requests sent to decode replicas). */
  readonly replicaRequestsRouted: readonly number[];
  readonly endS: number;
  readonly eventsProcessed: number;
  readonly stoppedByHorizon: boolean;
}

/** A KV transfer from a prefill replica to a decode replica. */
interface Transfer {
  readonly request: Request;
  readonly from: Replica;
  readonly to: Replica;
  readonly link: number;
  readonly bytes: number;
  /** Blocks reserved on the decode replica. */
  readonly toBlocks: number;
}

/**
 * A cluster of pools of replicas behind a router, driven by one Simulation. It owns the event handler table:
 * arrivals are admitted and routed, replicas wake to form steps, steps end, prefilled requests move to decode
 * replicas over shared links, autoscalers add and release replicas, samples are taken.
 */
export class Cluster implements ReplicaListener, Handlers {
  readonly replicas: Replica[] = [];
  readonly requests: Request[] = [];
  private readonly samples: TimeSample[] = [];
  private readonly admissions: Admission[] = [];
  private readonly maxContext: number[] = [];
  private readonly observers: StepObserver[] = [];
  private readonly load: LoadView;
  private readonly phase: ReplicaPhase[] = [];
  private readonly phaseSinceS: number[] = [];
  private readonly provisionedS: number[] = [];
  /** Per pool: since when its autoscaler has wanted fewer replicas (NaN when it has not). */
  private readonly belowSinceS: number[];
  private readonly outputTokens: number[] = [];
  private readonly routed: number[] = [];
  private readonly sampleTotals: { samples: number; queueLengthSum: number; kvOccupancySum: number }[] = [];
  private readonly poolArrivals: number[];
  /** Cluster-wide indices of active replicas that take new requests (mixed and prefill pools). */
  private entryCandidates: number[] = [];
  /** Per decode pool: its active replicas. */
  private decodeCandidates: number[] = [];
  private readonly links: SharedLink<number>[] = [];
  private readonly linkIndex = new Map<string, number>();
  private readonly linkCheckSeq: number[] = [];
  private readonly transfers: (Transfer | undefined)[] = [];
  /** Per decode replica: requests waiting for KV blocks there before their transfer can start. */
  private readonly pendingTransfers: { request: Request; from: Replica }[][] = [];
  /**
   * The requests arrived and not yet ended, in no particular order (a request keeps its slot in `systemSlot`, so
   * leaving is O(1) without a hash set).
   */
  private readonly inSystem: Request[] = [];
  private arrived = 0;
  private readonly ledger: RequestLedger;
  private readonly requestEndListeners: ((request: Request) => void)[] = [];
  private sourceDone = false;
  private pendingArrivals = 0;
  /** When the arrival pulled from the source is due (NaN when none is pending). */
  private sourceArrivalS = Number.NaN;
  /** One replica of each decode pool, to check that a request fits where it will decode. */
  private readonly decodeRepresentatives: Replica[];
  private readonly timers: { horizon?: QueuedEvent; sample?: QueuedEvent; autoscale?: QueuedEvent } = {};
  /** Per replica: its pending step-end event, cancelled when a decode stretch is cut short. */
  private readonly stepEnds: (QueuedEvent | undefined)[] = [];
  /** Per replica: requests on their way to it (network hop, KV transfer queued or in flight). */
  private readonly incoming: number[] = [];
  private stoppedByHorizon = false;
  private interval = { arrivals: 0, completions: 0, outputTokens: 0 };
  /** Preemptions of every replica up to the previous sample: a sample reports those in its own interval. */
  private preemptionsSampled = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
  ) {
    spec.pools.forEach((pool, poolIndex) => {
      // A pool's ITL is reported whole: its replicas record gaps into one sample per class.
      const gapSamples = new GapSamples();
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
            handsOffAfterPrefill: pool.role === "prefill",
            ...(pool.engine === undefined ? {} : { engine: pool.engine(index) }),
            clock: sim,
            plainStepping: spec.plainStepping === true,
            gapSamples,
          },
          this,
        );
        this.replicas.push(replica);
        this.admissions.push(pool.admission(index));
        this.maxContext.push(pool.maxContextTokens);
        this.phase.push(i < pool.initialReplicas ? "active" : "off");
        this.phaseSinceS.push(0);
        this.provisionedS.push(0);
        this.outputTokens.push(0);
        this.incoming.push(0);
        this.routed.push(0);
        this.sampleTotals.push({ samples: 0, queueLengthSum: 0, kvOccupancySum: 0 });
        this.pendingTransfers.push([]);
      }
    });
    this.poolArrivals = spec.pools.map(() => 0);
    this.decodeRepresentatives = spec.pools.flatMap((p, i) =>
      p.role === "decode" ? this.replicas.filter((r) => r.pool === i).slice(0, 1) : [],
    );
    this.belowSinceS = spec.pools.map(() => Number.NaN);
    this.ledger = new RequestLedger((replica) => this.replicas[replica]!.pool, spec.pools.length);
    this.load =
      spec.routerRefreshIntervalS > 0
        ? new StaleLoadView(this.replicas, spec.routerRefreshIntervalS, this.incoming)
        : new LiveLoadView(this.replicas, this.incoming);
    this.updateCandidates();
    // A replica's step end waits in the simulation's keyed lane, one slot per replica, not in the heap.
    sim.openKeyedLane(this.replicas.length, Phase.stepEnd);
  }

  observe(observer: StepObserver): void {
    this.observers.push(observer);
  }

  /** Call `listener` with each request when it ends (completed or rejected), and with those in flight at the end. */
  onRequestEnd(listener: (request: Request) => void): void {
    this.requestEndListeners.push(listener);
  }

  /** Run to the end: every request completed, or the horizon reached. */
  run(): ClusterRun {
    const sim = this.sim;
    for (const r of this.replicas) for (const o of this.observers) o.onReplicaPhase?.(r, this.phase[r.index]!, 0);
    this.pullNextArrival();
    if (this.spec.horizonS !== undefined) this.timers.horizon = sim.at(this.spec.horizonS, Phase.horizon, { kind: "horizon" });
    if (this.spec.sampleIntervalS > 0) this.timers.sample = sim.at(this.spec.sampleIntervalS, Phase.sample, { kind: "sample" });
    if (this.spec.pools.some((p) => p.autoscaling !== undefined)) {
      this.timers.autoscale = sim.at(this.spec.autoscaleIntervalS, Phase.transferDone, { kind: "autoscale" });
    }
    sim.run(this);
    const endS = sim.nowS;
    // A run stopped by the horizon may leave decode stretches running: bring them up to the end.
    for (const r of this.replicas) r.interrupt();
    // Those still in flight are reported in the order they arrived.
    for (const r of this.inSystem.sort((a, b) => a.arrivalOrder - b.arrivalOrder)) this.recordEnd(r);
    for (const r of this.replicas) this.closePhase(r.index, endS);
    return {
      requests: this.requests,
      arrived: this.arrived,
      ledger: this.ledger,
      replicas: this.replicas,
      poolNames: this.spec.pools.map((p) => p.name),
      samples: this.samples,
      replicaSamples: this.sampleTotals,
      replicaProvisionedS: this.provisionedS,
      replicaOutputTokens: this.outputTokens,
      replicaRequestsRouted: this.routed,
      endS,
      eventsProcessed: sim.eventsProcessed,
      stoppedByHorizon: this.stoppedByHorizon,
    };
  }

  // ---- event handlers (Handlers: the simulation's loop calls them, `sim.run(this)`) ----
  //
  // Methods, not closures made per cluster: every run's cluster then hands the loop the same functions, so code
  // V8 compiled for one run's events (the loop inlines them) still serves the next run in the process (sweep and
  // plan workers, notebooks). With closures, each new run's were other functions and dropped that code.

  arrival(e: EventOf<"arrival">): void {
    this.pendingArrivals--;
    if (e.fromSource) {
      this.sourceArrivalS = Number.NaN;
      this.pullNextArrival();
    }
    this.arrive(e.request);
  }

  dispatch(e: EventOf<"dispatch">): void {
    this.changeIncoming(e.replica, -1);
    this.deliver(e.request, this.replicas[e.replica]!);
  }

  replicaWake(e: EventOf<"replicaWake">): void {
    const replica = this.replicas[e.replica]!;
    replica.wakePending = false;
    if (!replica.busy) this.startStep(replica);
  }

  stepEnd(e: EventOf<"stepEnd">): void {
    const replica = this.replicas[e.replica]!;
    if (e.stepSeq !== replica.stepSeq || !replica.busy) return;
    const goesOnS = replica.finishStep(this.sim.nowS);
    if (!Number.isNaN(goesOnS)) {
      this.stepEnds[replica.index] = this.sim.atKeyed(replica.index, goesOnS, Phase.stepEnd, e);
      return;
    }
    this.wake(replica);
    this.releaseIfDrained(replica);
  }

  linkCheck(e: EventOf<"linkCheck">): void {
    if (e.checkSeq !== this.linkCheckSeq[e.link]) return;
    const link = this.links[e.link]!;
    for (const id of link.finish(this.sim.nowS)) {
      this.sim.at(this.sim.nowS + link.latencyS, Phase.transferDone, { kind: "transferDone", transfer: id });
    }
    this.scheduleLinkCheck(e.link);
  }

  transferDone(e: EventOf<"transferDone">): void {
    this.completeTransfer(e.transfer);
  }

  autoscale(): void {
    this.rescale();
    if (this.timersShouldGoOn()) {
      this.timers.autoscale = this.sim.after(this.spec.autoscaleIntervalS, Phase.transferDone, { kind: "autoscale" });
    }
  }

  replicaReady(e: EventOf<"replicaReady">): void {
    this.setPhase(e.replica, "active");
  }

  sample(): void {
    this.takeSample();
    if (this.timersShouldGoOn()) this.timers.sample = this.sim.after(this.spec.sampleIntervalS, Phase.sample, { kind: "sample" });
  }

  horizon(): void {
    this.stoppedByHorizon = true;
    this.sim.stop();
  }

  private finished(): boolean {
    return this.sourceDone && this.inSystem.length === 0 && this.pendingArrivals === 0;
  }

  /**
   * Periodic timers (samples, autoscaling) go on while requests are due or in the system and something other
   * than the timers themselves is still scheduled; otherwise nothing can change any more (done, or requests stuck
   * that will be reported in flight) and the run ends.
   */
  private timersShouldGoOn(): boolean {
    if (this.finished()) return false;
    const timers = (this.timers.horizon === undefined ? 0 : 1) + (this.timers.sample === undefined ? 0 : 1) + (this.timers.autoscale === undefined ? 0 : 1);
    return this.sim.pending > timers - 1;
  }

  /** Once every request has ended, the horizon and the periodic timers no longer move the clock. */
  private endIfFinished(): void {
    if (!this.finished()) return;
    for (const handle of [this.timers.horizon, this.timers.sample, this.timers.autoscale]) {
      if (handle !== undefined) this.sim.cancel(handle);
    }
  }

  // ---- arrivals and routing ----

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
    const event = { kind: "arrival", request, fromSource } as const;
    if (fromSource) {
      // One source arrival is pending at a time: it waits in the simulation's lane, not in the heap.
      this.sourceArrivalS = arrivalS;
      this.sim.atInLane(arrivalS, Phase.arrival, event);
    } else this.sim.at(arrivalS, Phase.arrival, event);
  }

  private refreshLoad(): void {
    if (this.load instanceof StaleLoadView) this.load.refresh(this.sim.nowS);
  }

  private arrive(request: Request): void {
    if (this.spec.keepRequests !== false) this.requests.push(request);
    request.arrivalOrder = this.arrived++;
    this.ledger.onArrival(request);
    this.interval.arrivals++;
    request.systemSlot = this.inSystem.length;
    this.inSystem.push(request);
    const nowS = this.sim.nowS;
    const candidates = this.entryCandidates;
    if (candidates.length === 0) {
      this.reject(request, "no replica is serving (every replica of the entry pools is off or provisioning)");
      return;
    }
    this.refreshLoad();
    const index = this.spec.router.route(request, candidates, this.load, nowS);
    const replica = this.replicas[index];
    if (replica === undefined || this.phase[index] !== "active") {
      throw new Error(`internal: router chose replica ${index}, which is not a serving candidate`);
    }
    request.replica = index;
    this.routed[index]!++;
    this.poolArrivals[replica.pool] = (this.poolArrivals[replica.pool] ?? 0) + 1;
    if (this.spec.networkLatencyS > 0) {
      this.changeIncoming(index, 1);
      this.sim.at(nowS + this.spec.networkLatencyS, Phase.arrival, { kind: "dispatch", request, replica: index });
    } else {
      this.deliver(request, replica);
    }
  }

  private deliver(request: Request, replica: Replica): void {
    const reason = this.rejectionReason(request, replica);
    if (reason !== null) {
      this.reject(request, reason);
      return;
    }
    this.touch(replica);
    replica.enqueue(request, this.sim.nowS);
    this.wake(replica);
  }

  private rejectionReason(request: Request, replica: Replica): string | null {
    const total = request.promptTokens + request.outputTokens;
    const maxContext = this.maxContext[replica.index]!;
    if (total > maxContext) return `prompt + output = ${total} tokens exceeds the model's context of ${maxContext}`;
    // A request must fit below the admission watermark, or after a recompute preemption (which re-prefills
    // prompt + generated tokens) it could never be admitted again.
    const blocks = replica.kv.blocksFor(total);
    const admissible = replica.kv.totalBlocks - replica.kv.watermarkBlocks;
    if (blocks > admissible) {
      return `needs ${blocks} KV blocks; the replica admits at most ${admissible} (capacity ${replica.kv.totalBlocks} less the watermark)`;
    }
    // In a disaggregated cluster the request must also fit every decode pool it may be handed to.
    if (this.spec.pools[replica.pool]!.role === "prefill") {
      for (const d of this.decodeRepresentatives) {
        const dBlocks = d.kv.blocksFor(total);
        const dAdmissible = d.kv.totalBlocks - d.kv.watermarkBlocks;
        if (total > this.maxContext[d.index]!) {
          return `prompt + output = ${total} tokens exceeds the decode pool's context of ${this.maxContext[d.index]!}`;
        }
        if (dBlocks > dAdmissible) return `needs ${dBlocks} KV blocks; a decode replica admits at most ${dAdmissible}`;
      }
    }
    return this.admissions[replica.index]!.check(request, replica, this.sim.nowS);
  }

  private reject(request: Request, reason: string): void {
    request.state = "rejected";
    request.rejectReason = reason;
    request.completionS = this.sim.nowS;
    this.ended(request);
    this.followUp(request);
    this.endIfFinished();
  }

  // ---- steps ----

  /**
   * Schedule a wake at the current instant, after the arrivals that share it. When nothing else is queued for
   * this instant, that wake would be the next event: the replica forms its step at once, saving the event.
   */
  private wake(replica: Replica): void {
    if (replica.busy || replica.wakePending) return;
    if (this.sim.nextEventS() > this.sim.nowS && this.sim.nowPhase <= Phase.replicaWake) {
      this.startStep(replica);
      return;
    }
    this.scheduleWake(replica);
  }

  /** Schedule a wake at the current instant (always an event: the caller changes the replica first). */
  private scheduleWake(replica: Replica): void {
    if (replica.busy || replica.wakePending) return;
    replica.wakePending = true;
    this.sim.at(this.sim.nowS, Phase.replicaWake, { kind: "replicaWake", replica: replica.index });
  }

  private startStep(replica: Replica): void {
    const nowS = this.sim.nowS;
    const endS = replica.formStep(nowS);
    if (Number.isNaN(endS)) {
      const wakeS = replica.requestedWakeS;
      if (!Number.isNaN(wakeS) && wakeS > nowS) {
        replica.wakePending = true;
        this.sim.at(wakeS, Phase.replicaWake, { kind: "replicaWake", replica: replica.index });
      }
      return;
    }
    this.scheduleStepEnd(replica, endS);
  }

  private scheduleStepEnd(replica: Replica, endS: number): void {
    const event = { kind: "stepEnd", replica: replica.index, stepSeq: replica.stepSeq } as const;
    this.stepEnds[replica.index] = this.sim.atKeyed(replica.index, endS, Phase.stepEnd, event);
  }

  /**
   * Before a replica is changed (a request queued or adopted, blocks taken or given back): make the step its
   * decode stretch runs now the stretch's last, and schedule its end, or wake the replica when none runs.
   */
  private touch(replica: Replica): void {
    if (!replica.inStretch) return;
    const endS = replica.truncate();
    if (endS === Number.POSITIVE_INFINITY) return;
    // The stretch's own step end is stale now: cancelled, so the clock never moves to it.
    const stale = this.stepEnds[replica.index];
    if (stale !== undefined) this.sim.cancel(stale);
    if (Number.isNaN(endS)) this.scheduleWake(replica);
    else this.scheduleStepEnd(replica, endS);
  }

  // ---- disaggregation: KV transfers from prefill to decode replicas ----

  onHandOff(request: Request, from: Replica): void {
    const candidates = this.decodeCandidates;
    if (candidates.length === 0) throw new Error("internal: a prefill pool has no serving decode replica");
    this.refreshLoad();
    const to = this.replicas[this.spec.decodeRouter.route(request, candidates, this.load, this.sim.nowS)]!;
    this.routed[to.index]!++;
    this.changeIncoming(to.index, 1);
    this.pendingTransfers[to.index]!.push({ request, from });
    this.startTransfers(to);
  }

  /** Start the transfers waiting for `to`, in order, while it has KV blocks for them. */
  private startTransfers(to: Replica): void {
    const queue = this.pendingTransfers[to.index]!;
    if (queue.length > 0) this.touch(to);
    while (queue.length > 0) {
      const { request, from } = queue[0]!;
      const blocks = to.kv.blocksFor(request.contextTokens);
      if (!to.reserveTransferBlocks(blocks)) break;
      queue.shift();
      const link = this.linkInto(from, to);
      const id = this.transfers.length;
      const bytes = request.contextTokens * this.spec.pools[from.pool]!.kvBytesPerToken;
      this.transfers.push({ request, from, to, link, bytes, toBlocks: blocks });
      this.links[link]!.start(this.sim.nowS, bytes, id);
      this.scheduleLinkCheck(link);
    }
  }

  /**
   * The link that carries KV into a decode replica: one per decode replica and prefill pool, so transfers into
   * the same replica share its network links while different replicas transfer in parallel.
   */
  private linkInto(from: Replica, to: Replica): number {
    const key = `${from.pool}>${to.index}`;
    let index = this.linkIndex.get(key);
    if (index === undefined) {
      const spec = this.spec.kvLink(from.pool, to.pool);
      index = this.links.length;
      this.links.push(new SharedLink<number>(spec.bandwidthBytesPerS, spec.latencyS));
      this.linkCheckSeq.push(0);
      this.linkIndex.set(key, index);
    }
    return index;
  }

  private scheduleLinkCheck(link: number): void {
    const seq = ++this.linkCheckSeq[link]!;
    const atS = this.links[link]!.nextFinishS();
    if (!Number.isNaN(atS)) {
      this.sim.at(Math.max(atS, this.sim.nowS), Phase.transferDone, { kind: "linkCheck", link, checkSeq: seq });
    }
  }

  /**
   * The KV has arrived: the prefill replica frees its blocks and the decode replica adopts the request. The
   * first token reaches the user now (TTFT includes the transfer), as when a disaggregated proxy streams every
   * token from the decode replica.
   */
  private completeTransfer(id: number): void {
    const t = this.transfers[id]!;
    this.transfers[id] = undefined;
    const r = t.request;
    this.touch(t.from);
    // The adopted request joins the running set, but not the step in flight: the stretch only stops planning.
    this.touch(t.to);
    t.from.releaseBlocks(r.kvBlocks);
    this.changeIncoming(t.to.index, -1);
    r.firstTokenS = this.sim.nowS;
    r.lastTokenS = this.sim.nowS;
    t.to.adopt(r, t.toBlocks);
    this.wake(t.from);
    this.wake(t.to);
  }

  // ---- autoscaling ----

  private rescale(): void {
    const nowS = this.sim.nowS;
    this.spec.pools.forEach((pool, p) => {
      const scaling = pool.autoscaling;
      if (scaling === undefined) return;
      const members = this.replicas.filter((r) => r.pool === p);
      for (const r of members) r.sync();
      const active = members.filter((r) => this.phase[r.index] === "active");
      const provisioning = members.filter((r) => this.phase[r.index] === "provisioning");
      let queueLength = 0;
      let outstanding = 0;
      let kv = 0;
      for (const r of active) {
        queueLength += r.waitingCount;
        outstanding += r.outstanding + this.incoming[r.index]!;
        kv += r.kv.totalBlocks > 0 ? r.kv.usedBlocks / r.kv.totalBlocks : 0;
      }
      const desired = Math.min(
        scaling.maxReplicas,
        Math.max(
          scaling.minReplicas,
          Math.round(
            scaling.policy.desiredReplicas({
              nowS,
              activeReplicas: active.length,
              provisioningReplicas: provisioning.length,
              queueLength,
              outstanding,
              kvUtilization: active.length > 0 ? kv / active.length : 0,
              arrivalRatePerS: (this.poolArrivals[p] ?? 0) / this.spec.autoscaleIntervalS,
            }),
          ),
        ),
      );
      this.poolArrivals[p] = 0;
      const have = active.length + provisioning.length;
      if (desired > have) {
        this.belowSinceS[p] = Number.NaN;
        // Take back draining replicas first (they are still loaded), then provision released ones.
        const draining = members.filter((r) => this.phase[r.index] === "draining").slice(0, desired - have);
        for (const r of draining) this.setPhase(r.index, "active");
        const off = members.filter((r) => this.phase[r.index] === "off").slice(0, desired - have - draining.length);
        for (const r of off) {
          this.setPhase(r.index, "provisioning");
          this.sim.at(nowS + scaling.provisioningDelayS + scaling.modelLoadS, Phase.transferDone, {
            kind: "replicaReady",
            replica: r.index,
          });
        }
      } else if (desired < active.length) {
        if (Number.isNaN(this.belowSinceS[p]!)) this.belowSinceS[p] = nowS;
        if (nowS - this.belowSinceS[p]! >= scaling.scaleDownDelayS) {
          // Drain the least-loaded replicas down to the desired count.
          const victims = [...active]
            .sort((a, b) => a.outstanding - b.outstanding || b.index - a.index)
            .slice(0, active.length - desired);
          for (const r of victims) {
            this.setPhase(r.index, "draining");
            this.releaseIfDrained(r);
          }
          this.belowSinceS[p] = Number.NaN;
        }
      } else {
        this.belowSinceS[p] = Number.NaN;
      }
    });
  }

  /** A draining replica whose last request has ended is released. */
  private releaseIfDrained(r: Replica): void {
    if (this.phase[r.index] === "draining" && r.outstanding === 0 && !r.busy && this.incoming[r.index] === 0) {
      this.setPhase(r.index, "off");
    }
  }

  private setPhase(replica: number, phase: ReplicaPhase): void {
    this.replicas[replica]!.sync();
    this.closePhase(replica, this.sim.nowS);
    this.phase[replica] = phase;
    this.updateCandidates();
    for (const o of this.observers) o.onReplicaPhase?.(this.replicas[replica]!, phase, this.sim.nowS);
  }

  /** Add the time since the last phase change to the replica's provisioned seconds. */
  private closePhase(replica: number, nowS: number): void {
    if (this.phase[replica] !== "off") this.provisionedS[replica]! += nowS - this.phaseSinceS[replica]!;
    this.phaseSinceS[replica] = nowS;
  }

  private updateCandidates(): void {
    const pools = this.spec.pools;
    const active = this.replicas.filter((r) => this.phase[r.index] === "active");
    this.entryCandidates = active.filter((r) => pools[r.pool]!.role !== "decode").map((r) => r.index);
    this.decodeCandidates = active.filter((r) => pools[r.pool]!.role === "decode").map((r) => r.index);
    if (this.load instanceof LiveLoadView) this.load.indexOutstanding([this.entryCandidates, this.decodeCandidates]);
  }

  // ---- ReplicaListener ----

  onStepStart(replica: Replica, shape: StepShape, cost: StepCost, startS: number): void {
    for (const o of this.observers) o.onStep(replica, shape, cost, startS);
  }

  onDecodeRun(replica: Replica, run: DecodeRun): void {
    for (const o of this.observers) {
      if (o.onDecodeRun !== undefined) o.onDecodeRun(replica, run);
      else for (let j = run.first; j <= run.last; j++) o.onStep(replica, run.shape(j), run.cost(j), run.startS(j));
    }
  }

  onFirstToken(): void {
    this.interval.outputTokens++;
  }

  onCompleted(request: Request, replica: Replica): void {
    this.ended(request);
    this.interval.completions++;
    this.interval.outputTokens += request.outputTokens - 1;
    this.outputTokens[replica.index]! += request.outputTokens;
    if (this.pendingTransfers[replica.index]!.length > 0) this.startTransfers(replica);
    this.followUp(request);
    this.endIfFinished();
  }

  onLoadChange(replica: Replica): void {
    this.loadChanged(replica.index);
  }

  /**
   * When the next request reaches `replica`, as far as is known: when it is the only replica new requests go
   * to and the one arrival pending is the source's, that arrival's time (plus the network hop); else Infinity.
   */
  nextArrivalS(replica: Replica): number {
    const candidates = this.entryCandidates;
    if (candidates.length !== 1 || candidates[0] !== replica.index) return Number.POSITIVE_INFINITY;
    if (this.pendingArrivals !== 1 || Number.isNaN(this.sourceArrivalS)) return Number.POSITIVE_INFINITY;
    return this.sourceArrivalS + this.spec.networkLatencyS;
  }

  /** Requests on their way to `replica` (network hop, KV transfer) change by `delta`. */
  private changeIncoming(replica: number, delta: number): void {
    this.incoming[replica]! += delta;
    this.loadChanged(replica);
  }

  /** A replica's outstanding requests or those coming to it changed: the live load view's index follows. */
  private loadChanged(replica: number): void {
    if (this.load instanceof LiveLoadView) this.load.loadChanged(replica);
  }

  onPreempted(): void {
    // Blocks a preemption frees go to the running sequences first; queued transfers start when a request ends.
  }

  /** A request completed or was rejected: tally it, tell the listeners, and forget it. */
  private ended(request: Request): void {
    const slot = request.systemSlot;
    if (slot >= 0) {
      const last = this.inSystem.pop()!;
      if (last !== request) {
        this.inSystem[slot] = last;
        last.systemSlot = slot;
      }
      request.systemSlot = -1;
    }
    this.recordEnd(request);
  }

  private recordEnd(request: Request): void {
    this.ledger.record(request);
    for (const listener of this.requestEndListeners) listener(request);
  }

  private followUp(request: Request): void {
    const source = this.spec.source;
    if (source.onRequestEnded === undefined) return;
    const next = source.onRequestEnded(request, this.sim.nowS);
    if (next !== null) this.scheduleArrival(next, false);
  }

  // ---- samples ----

  private takeSample(): void {
    for (const r of this.replicas) r.sync();
    let queueLength = 0;
    let runningSeqs = 0;
    let kvUsedBlocks = 0;
    let kvTotalBlocks = 0;
    let preemptions = 0;
    let busyReplicas = 0;
    for (const r of this.replicas) {
      queueLength += r.waitingCount;
      runningSeqs += r.runningCount;
      kvUsedBlocks += r.kv.usedBlocks;
      preemptions += r.preemptions;
      if (r.busy) busyReplicas++;
      if (this.phase[r.index] === "off") continue;
      kvTotalBlocks += r.kv.totalBlocks;
      const totals = this.sampleTotals[r.index]!;
      totals.samples++;
      totals.queueLengthSum += r.waitingCount;
      totals.kvOccupancySum += r.kv.totalBlocks > 0 ? r.kv.usedBlocks / r.kv.totalBlocks : 0;
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
      preemptions: preemptions - this.preemptionsSampled,
      busyReplicas,
    });
    this.preemptionsSampled = preemptions;
    this.interval = { arrivals: 0, completions: 0, outputTokens: 0 };
  }
}
