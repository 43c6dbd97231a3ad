import { PriorityQueue } from "@datastructures-js/priority-queue";
import type { EventKind, EventOf, Handlers, PhaseNumber, QueuedEvent, SimEvent } from "./events.ts";
import { IdAllocator } from "./ids.ts";
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

  /** Time of the earliest queued event (a cancelled one counts), Infinity when none. */
  nextEventS(): number {
    const queuedS = this.queue.front()?.timeS ?? Number.POSITIVE_INFINITY;
    return this.lane === null ? queuedS : Math.min(queuedS, this.lane.timeS);
  }

  /** Events waiting in the queue, cancelled ones excluded. */
  get pending(): number {
    return this.queue.size() + (this.lane === null ? 0 : 1) - this.cancelledQueued;
  }

  /** Run until the queue is empty or `stop()` is called, dispatching each event to its handler. */
  run(handlers: Handlers): void {
    const queue = this.queue;
    while (!this.stopped) {
      let next = this.lane;
      if (next === null) next = queue.dequeue();
      else {
        const front = queue.front();
        if (front !== null && compareEvents(front, next) < 0) next = queue.dequeue()!;
        else this.lane = null;
      }
      if (next === null) break;
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

function dispatch<K extends EventKind>(handlers: Handlers, event: EventOf<K>): void {
  (handlers[event.kind] as (e: EventOf<K>) => void)(event);
}
