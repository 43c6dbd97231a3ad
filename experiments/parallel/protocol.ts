import type { PointMetrics } from "../sweep/measure.ts";
import type { Job } from "./job.ts";

/** Main thread → worker. */
export interface JobMessage {
  readonly id: number;
  readonly job: Job;
}

/** Worker → main thread: the metrics, or the error (by name and message, which is all that crosses). */
export type ResultMessage =
  | { readonly id: number; readonly ok: true; readonly metrics: PointMetrics }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string; readonly stack: string };
