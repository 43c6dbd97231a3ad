import type { Request } from "../request.ts";
import { QuantileRecorder } from "./quantiles.ts";
import { RequestTally } from "./summarize.ts";

/**
 * What the saturation verdict needs of the requests (see experiments/results/saturation.ts), gathered as they
 * end: the arrival window, completion times, and when each completed request was "due" (its arrival plus its own
 * service time, first scheduled to completion).
 */
export class SaturationTally {
  firstArrivalS = Number.POSITIVE_INFINITY;
  lastArrivalS = Number.NEGATIVE_INFINITY;
  arrived = 0;
  readonly completionS = new QuantileRecorder();
  readonly dueS = new QuantileRecorder();
  readonly serviceS = new QuantileRecorder();
  /** Arrival times of the requests still in flight at the end (few: they are in the system). */
  readonly unfinishedArrivalsS: number[] = [];

  add(r: Request): void {
    this.arrived++;
    if (r.arrivalS < this.firstArrivalS) this.firstArrivalS = r.arrivalS;
    if (r.arrivalS > this.lastArrivalS) this.lastArrivalS = r.arrivalS;
    if (r.state === "rejected") return;
    if (r.state !== "done") {
      this.unfinishedArrivalsS.push(r.arrivalS);
      return;
    }
    const serviceS = r.completionS - r.firstScheduledS;
    this.completionS.add(r.completionS);
    this.serviceS.add(serviceS);
    this.dueS.add(r.arrivalS + serviceS);
  }
}

/**
 * Every request of a run, tallied once when it ends (completed or rejected) or, still in flight, when the run
 * ends: for the cluster, per pool (the pool of the replica that held it last; none when rejected before
 * routing), per class, and for the saturation verdict. Memory does not grow with the number of requests.
 */
export class RequestLedger {
  readonly cluster = new RequestTally();
  readonly pools: RequestTally[];
  readonly classes: RequestTally[] = [];
  readonly saturation = new SaturationTally();

  constructor(
    private readonly poolOfReplica: (replica: number) => number,
    poolCount: number,
  ) {
    this.pools = Array.from({ length: poolCount }, () => new RequestTally());
  }

  record(r: Request): void {
    this.cluster.add(r);
    if (r.replica >= 0) this.pools[this.poolOfReplica(r.replica)]?.add(r);
    while (this.classes.length <= r.classIndex) this.classes.push(new RequestTally());
    this.classes[r.classIndex]!.add(r);
    this.saturation.add(r);
  }

  /** The tally of one class (empty when none of its requests arrived). */
  classTally(classIndex: number): RequestTally {
    return this.classes[classIndex] ?? new RequestTally();
  }
}
