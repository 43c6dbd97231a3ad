import type { Request } from "./request.ts";

/**
 * Phases order events that share an instant. Lower runs first. The total order of events is
 * (timeS, phase, tieKey, seq): see `compareEvents` in `simulation.ts`.
 *
 * - step ends first, so tokens emitted and memory freed at t are visible to anything else at t;
 * - KV transfers finishing next, then arrivals, so every request that arrives at t is queued before
 * - replicas wake to form their next batch at t, and
 * - samplers and the horizon observe the state after everything else at t.
 */
export const Phase = {
  stepEnd: 0,
  transferDone: 1,
  arrival: 2,
  replicaWake: 3,
  sample: 4,
  horizon: 5,
} as const;
// Provisioning (replicaReady, autoscale) runs in the transferDone phase: capacity that appears at t serves the
// arrivals of t. Dispatches after the network hop are arrivals at their replica.
export type PhaseNumber = (typeof Phase)[keyof typeof Phase];

/** Every event the simulator knows. One handler per `kind`, checked by the compiler (see `Handlers`). */
export type SimEvent =
  /**
   * A request reaches the cluster's router. `fromSource` marks open-loop arrivals: handling one pulls the next
   * from the workload, so only one future arrival is ever queued.
   */
  | { readonly kind: "arrival"; readonly request: Request; readonly fromSource: boolean }
  /** A replica's running step ends; `stepSeq` guards against a stale event. */
  | { readonly kind: "stepEnd"; readonly replica: number; readonly stepSeq: number }
  /** A replica forms its next batch (after arrivals at the same instant are queued, or a batching timer). */
  | { readonly kind: "replicaWake"; readonly replica: number }
  /** A request reaches its replica after the router-to-replica network hop. */
  | { readonly kind: "dispatch"; readonly request: Request; readonly replica: number }
  /** A KV link may have finished transfers (its earliest transfer's bytes are through). */
  | { readonly kind: "linkCheck"; readonly link: number; readonly checkSeq: number }
  /** A KV-cache transfer from a prefill replica has reached its decode replica (latency included). */
  | { readonly kind: "transferDone"; readonly transfer: number }
  /** Autoscalers evaluate every pool that has one. */
  | { readonly kind: "autoscale" }
  /** A provisioned replica has loaded its model and starts serving. */
  | { readonly kind: "replicaReady"; readonly replica: number }
  /** Record a time-series sample. */
  | { readonly kind: "sample" }
  /** The hard stop of the run. */
  | { readonly kind: "horizon" };

export type EventKind = SimEvent["kind"];
export type EventOf<K extends EventKind> = Extract<SimEvent, { kind: K }>;

/** A handler table: a missing kind is a compile error. */
export type Handlers = { readonly [K in EventKind]: (event: EventOf<K>) => void };

/** An event as it sits in the queue. */
export interface QueuedEvent {
  readonly timeS: number;
  readonly phase: PhaseNumber;
  /** Orders events of one instant and phase before `seq` does (see `compareEvents`). */
  readonly tieKey: number;
  readonly seq: number;
  readonly event: SimEvent;
  /** Cancellation is a flag checked on pop, never a heap removal. */
  cancelled: boolean;
}
