import { PriorityQueue } from "@datastructures-js/priority-queue";
import type { Handlers, PhaseNumber, QueuedEvent, SimEvent } from "./events.ts";
import { IdAllocator } from "./ids.ts";
import { LeastLoadedIndex } from "./leastLoadedIndex.ts";
import { RandomStreams } from "./rng.ts";

/**
 * The one total order of events: time, then phase, then the tie key (a replica's index for its step ends and
 * wakes, so replicas that share an instant go in index order however their events came to be scheduled), then
 * the sequence number given when scheduled.
 */
export function compareEvents(a: QueuedEvent, b: QueuedEvent): number {
  // Small integers only: a double returned from a comparator the queue does not inline is boxed (allocated).
  if (a.timeS !== b.timeS) return a.timeS < b.timeS ? -1 : 1;
  return a.phase - b.phase || a.tieKey - b.tieKey || a.seq - b.seq;
}

/** The tie key of an event: its replica's index for step ends and wakes, 0 for the rest. */
function tieKeyOf(event: SimEvent): number {
  return event.kind === "stepEnd" || event.kind === "replicaWake" ? event.replica : 0;
}

/** What a component may read of the simulation's clock: the time and the phase of the event being handled. */
export interface Clock {
  readonly nowS: number;
  readonly nowPhase: PhaseNumber;
}

/**
 * One simulation: clock, event queue, sequence counter, id allocator and random streams. Two simulations
 * in one process share nothing. Time is in seconds (see `time.ts`).
 */
export class Simulation implements Clock {
  /** Current simulated time in seconds. */
  nowS = 0;
  /** Phase of the event being handled (events.ts); 0 before the run. */
  nowPhase: PhaseNumber = 0;
  readonly ids = new IdAllocator();
  readonly random: RandomStreams;
  private readonly queue = new PriorityQueue<QueuedEvent>(compareEvents);
  /**
   * The lane: one event kept beside the queue (the workload's next arrival: a stream scheduled one event at a
   * time, in time order). It is ordered with the queue's events as if it were in the queue, but costs no heap
   * push and pop, which grow with the queue (a thousand replicas' step ends).
   */
  private lane: QueuedEvent | null = null;
  /**
   * The keyed lane: at most one event per key (a replica's step end), beside the queue, for events of one phase
   * whose tie key is their key. Among themselves they are then ordered by (time, key), as the queue would order
   * them, and a tournament tree over the keys' times finds the earliest without touching the events: a heap of a
   * thousand replicas' step ends compares event objects scattered in memory at every push and pop.
   */
  private keyed: KeyedLane | null = null;
  private nextSeq = 0;
  private processed = 0;
  private stopped = false;
  /** Cancelled events still in the queue. */
  private cancelledQueued = 0;

  constructor(seed: number) {
    this.random = new RandomStreams(seed);
  }

  /** Schedule an event at an absolute time (never in the past). Returns a handle that can be cancelled. */
  at(timeS: number, phase: PhaseNumber, event: SimEvent): QueuedEvent {
    const queued = this.queued(timeS, phase, event);
    this.queue.enqueue(queued);
    return queued;
  }

  /**
   * Schedule an event into the lane (see `lane`), which must be empty: at most one event of the stream it
   * carries is scheduled at a time. Ordered exactly as `at` would order it.
   */
  atInLane(timeS: number, phase: PhaseNumber, event: SimEvent): QueuedEvent {
    if (this.lane !== null) throw new Error(`internal: event '${event.kind}' scheduled into a lane that holds one`);
    const queued = this.queued(timeS, phase, event);
    this.lane = queued;
    return queued;
  }

  /**
   * Open the keyed lane for keys 0 .. `keys` − 1 and events of `phase` (once). `atKeyed` then schedules into it.
   */
  openKeyedLane(keys: number, phase: PhaseNumber): void {
    if (this.keyed !== null) throw new Error("internal: the keyed lane is already open");
    this.keyed = new KeyedLane(keys, phase);
  }

  /**
   * Schedule an event into the keyed lane at `key`, which must be its tie key (see `tieKeyOf`), with the lane's
   * phase. Ordered exactly as `at` would order it. An event still at that key moves to the queue if it is live;
   * a cancelled one is dropped.
   */
  atKeyed(key: number, timeS: number, phase: PhaseNumber, event: SimEvent): QueuedEvent {
    const keyed = this.keyed;
    const fits = keyed !== null && phase === keyed.phase && tieKeyOf(event) === key && key >= 0 && key < keyed.keys;
    if (!fits || !Number.isFinite(timeS)) {
      throw new Error(`internal: event '${event.kind}' at key ${key} does not belong in the keyed lane`);
    }
    const queued = this.queued(timeS, phase, event);
    const old = keyed.put(key, queued);
    if (old !== null) {
      if (old.cancelled) this.cancelledQueued--;
      else this.queue.enqueue(old);
    }
    return queued;
  }

  private queued(timeS: number, phase: PhaseNumber, event: SimEvent): QueuedEvent {
    if (!(timeS >= this.nowS)) {
      throw new Error(`internal: event '${event.kind}' scheduled at ${timeS} s, before now (${this.nowS} s)`);
    }
    return { timeS, phase, tieKey: tieKeyOf(event), seq: this.nextSeq++, event, cancelled: false };
  }

  /** Schedule an event after a delay in seconds. */
  after(delayS: number, phase: PhaseNumber, event: SimEvent): QueuedEvent {
    return this.at(this.nowS + delayS, phase, event);
  }

  /** Mark a scheduled event as cancelled: it is skipped when popped (the clock does not move to it). */
  cancel(handle: QueuedEvent): void {
    if (handle.cancelled) return;
    handle.cancelled = true;
    this.cancelledQueued++;
  }

  /** Stop after the event being handled. */
  stop(): void {
    this.stopped = true;
  }

  /** Events handled so far (cancelled ones excluded). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /**
   * Time of the earliest queued event, Infinity when none. A cancelled one counts until it is popped, or, in
   * the keyed lane, until an event for its key replaces it.
   */
  nextEventS(): number {
    const queuedS = this.queue.front()?.timeS ?? Number.POSITIVE_INFINITY;
    const keyedS = this.keyed === null ? Number.POSITIVE_INFINITY : this.keyed.earliestS();
    return Math.min(queuedS, keyedS, this.lane === null ? Number.POSITIVE_INFINITY : this.lane.timeS);
  }

  /** Events waiting in the queue, cancelled ones excluded. */
  get pending(): number {
    const keyed = this.keyed === null ? 0 : this.keyed.size;
    return this.queue.size() + keyed + (this.lane === null ? 0 : 1) - this.cancelledQueued;
  }

  /** Run until the queue is empty or `stop()` is called, dispatching each event to its handler. */
  run(handlers: Handlers): void {
    const queue = this.queue;
    const keyed = this.keyed;
    while (!this.stopped) {
      // The earliest of the queue's front, the lane's event and the keyed lane's earliest.
      let next = queue.front();
      let from = 0;
      const lane = this.lane;
      if (lane !== null && (next === null || compareEvents(lane, next) < 0)) {
        next = lane;
        from = 1;
      }
      const first = keyed === null ? null : keyed.earliest();
      if (first !== null && (next === null || compareEvents(first, next) < 0)) {
        next = first;
        from = 2;
      }
      if (next === null) break;
      if (from === 0) queue.dequeue();
      else if (from === 1) this.lane = null;
      else keyed!.take(first!.tieKey);
      if (next.cancelled) {
        this.cancelledQueued--;
        continue;
      }
      this.nowS = next.timeS;
      this.nowPhase = next.phase;
      this.processed++;
      dispatch(handlers, next.event);
    }
  }
}

/** The keyed lane's events (see `Simulation.keyed`): one slot per key, and the earliest found by a tournament tree. */
class KeyedLane {
  private readonly events: (QueuedEvent | null)[];
  /** The key with the earliest time (the lowest key on ties), as the routers' least-loaded index finds loads. */
  private readonly index: LeastLoadedIndex;
  size = 0;

  constructor(
    readonly keys: number,
    readonly phase: PhaseNumber,
  ) {
    this.events = new Array<QueuedEvent | null>(keys).fill(null);
    // An empty key's time is Infinity (its events are finite: `atKeyed` checks).
    const all = Array.from({ length: keys }, (_, k) => k);
    this.index = new LeastLoadedIndex(all, keys, () => Number.POSITIVE_INFINITY);
  }

  /** Put `event` at `key`; returns the event it replaces, if any. */
  put(key: number, event: QueuedEvent): QueuedEvent | null {
    const old = this.events[key]!;
    this.events[key] = event;
    if (old === null) this.size++;
    this.index.update(key, event.timeS);
    return old;
  }

  /** Take out the event at `key`. */
  take(key: number): void {
    this.events[key] = null;
    this.size--;
    this.index.update(key, Number.POSITIVE_INFINITY);
  }

  earliest(): QueuedEvent | null {
    return this.size === 0 ? null : this.events[this.index.best()]!;
  }

  earliestS(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.events[this.index.best()]!.timeS;
  }
}

/**
 * Call the event's handler. A switch, not `handlers[event.kind]`: that lookup by a string that changes from event
 * to event is megamorphic in V8, and the call through it reaches a different function each time, so none is
 * inlined; here each call site always calls the same handler.
 */
function dispatch(handlers: Handlers, event: SimEvent): void {
  switch (event.kind) {
    case "arrival":
      handlers.arrival(event);
      return;
    case "stepEnd":
      handlers.stepEnd(event);
      return;
    case "replicaWake":
      handlers.replicaWake(event);
      return;
    case "dispatch":
      handlers.dispatch(event);
      return;
    case "linkCheck":
      handlers.linkCheck(event);
      return;
    case "transferDone":
      handlers.transferDone(event);
      return;
    case "autoscale":
      handlers.autoscale(event);
      return;
    case "replicaReady":
      handlers.replicaReady(event);
      return;
    case "sample":
      handlers.sample(event);
      return;
    case "horizon":
      handlers.horizon(event);
      return;
    default: {
      // A kind without a case here is a compile error.
      const unknown: never = event;
      throw new Error(`internal: event of unknown kind '${(unknown as { kind: string }).kind}'`);
    }
  }
}
