import type { PointMetrics } from "../sweep/measure.ts";
import type { Job } from "./job.ts";

/** Runs jobs, in this thread or on workers. Results never depend on which worker ran a job, or when. */
export interface Runner {
  /** Queue a job; jobs start in the order they were queued. */
  run(job: Job): Promise<PointMetrics>;
  /** Stop: every queued or running job rejects with `Interrupted`, and no new job starts. */
  interrupt(): void;
  /** Release the workers. */
  close(): Promise<void>;
}

/** The rejection of a job stopped by `interrupt` (Ctrl-C). */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor() {
    super("interrupted");
  }
}

/** Called when a job is queued and when one completes: the count done so far, and the count queued so far. */
export type ProgressListener = (done: number, queued: number) => void;
