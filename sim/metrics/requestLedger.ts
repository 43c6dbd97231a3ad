import type { Request } from "../request.ts";
import { QuantileRecorder } from "./quantiles.ts";
import { PartTallies } from "./partTallies.ts";
import { RequestTally } from "./summarize.ts";

/**
 * What the saturation verdict needs of the requests (see experiments/results/saturation.ts), gathered exactly
 * as they arrive and end: the arrival window, how many had completed when the last request arrived (every
 * completion up to that instant is handled before it: events run in time order, step ends first), and, for the
 * requests completed after the last arrival, when each was "due" (its arrival plus its own service time, first
 * scheduled to completion). Those are requests that were in the system at the last arrival, so the list stays
 * as small as the system.
 */
export class SaturationTally {
  firstArrivalS = Number.POSITIVE_INFINITY;
  lastArrivalS = Number.NEGATIVE_INFINITY;
  arrived = 0;
  completed = 0;
  /** Completions handled before the latest arrival. */
  completedAtLastArrival = 0;
  /** Service times (first scheduled to completion) of completed requests, for the median. */
  readonly serviceS = new QuantileRecorder();
  /** Arrival + service time of the requests completed since the latest arrival (`lateCount` of them). */
  private readonly lateDueS: number[] = [];
  private lateCount = 0;
  /** Arrival times of the requests still in flight at the end (few: they are in the system). */
  readonly unfinishedArrivalsS: number[] = [];

  /** A request arrives (in time order). */
  onArrival(r: Request): void {
    if (r.arrivalS < this.firstArrivalS) this.firstArrivalS = r.arrivalS;
    if (r.arrivalS > this.lastArrivalS) this.lastArrivalS = r.arrivalS;
    this.completedAtLastArrival = this.completed;
    this.lateCount = 0;
  }

  /** A request ended, or is in flight at the end. */
  add(r: Request): void {
    this.arrived++;
    if (r.state === "rejected") return;
    if (r.state !== "done") {
      this.unfinishedArrivalsS.push(r.arrivalS);
      return;
    }
    this.completed++;
    const serviceS = r.completionS - r.firstScheduledS;
    this.serviceS.add(serviceS);
    this.lateDueS[this.lateCount++] = r.arrivalS + serviceS;
  }

  /** Requests completed after the last arrival that were due by then. */
  lateDueByLastArrival(): number {
    let n = 0;
    for (let i = 0; i < this.lateCount; i++) if (this.lateDueS[i]! <= this.lastArrivalS) n++;
    return n;
  }
}

/**
 * Every request of a run, tallied once when it ends (completed or rejected) or, still in flight, when the run
 * ends: for the cluster, per pool (the pool of the replica that held it last; none when rejected before
 * routing), per class, and for the saturation verdict. Memory does not grow with the number of requests.
 */
export class RequestLedger {
  readonly cluster = new RequestTally();
  readonly saturation = new SaturationTally();
  private readonly poolParts = new PartTallies(this.cluster);
  private readonly classParts = new PartTallies(this.cluster);

  constructor(
    private readonly poolOfReplica: (replica: number) => number,
    private readonly poolCount: number,
  ) {}

  /** A request arrives (before it is routed). */
  onArrival(r: Request): void {
    this.saturation.onArrival(r);
  }

  record(r: Request): void {
    const pool = r.replica >= 0 ? this.poolOfReplica(r.replica) : -1;
    this.poolParts.beforeWhole(pool < this.poolCount ? pool : -1);
    this.classParts.beforeWhole(r.classIndex);
    this.cluster.add(r);
    if (pool < this.poolCount) this.poolParts.own(pool)?.add(r);
    this.classParts.own(r.classIndex)?.add(r);
    this.saturation.add(r);
  }

  /** The tally of one pool (empty when none of its requests was tallied). */
  poolTally(pool: number): RequestTally {
    return this.poolParts.of(pool);
  }

  /** Each pool's tally. */
  get pools(): RequestTally[] {
    return Array.from({ length: this.poolCount }, (_, i) => this.poolParts.of(i));
  }

  /** Each class's tally, up to the highest class that had a request. */
  get classes(): RequestTally[] {
    return Array.from({ length: this.classParts.count }, (_, i) => this.classParts.of(i));
  }

  /** The tally of one class (empty when none of its requests arrived). */
  classTally(classIndex: number): RequestTally {
    return this.classParts.of(classIndex);
  }
}
