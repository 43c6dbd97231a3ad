import { PriorityQueue } from "@datastructures-js/priority-queue";
import { compareEvents } from "../sim/simulation.ts";
import type { QueuedEvent } from "../sim/events.ts";

/**
 * The floor of a JS event loop on this queue: `events` pushes and pops of event records ordered like the
 * simulator's (time, phase, seq), keeping a queue of about `depth` pending events. Returns wall seconds.
 */
export function queueFloorS(events: number, depth: number): number {
  const queue = new PriorityQueue<QueuedEvent>(compareEvents);
  let seq = 0;
  const push = (timeS: number): void => {
    queue.enqueue({ timeS, phase: 0, tieKey: 0, seq: seq++, event: { kind: "horizon" }, cancelled: false });
  };
  for (let i = 0; i < depth; i++) push(i * 1e-3);
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const e = queue.dequeue()!;
    push(e.timeS + 1e-3 * depth * ((i * 7919) % 1000) / 500);
  }
  return (performance.now() - t0) / 1000;
}
