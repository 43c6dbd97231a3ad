import { setImmediate as nextTurn } from "node:timers/promises";
import type { Resources } from "../assemble.ts";
import type { PointMetrics } from "../sweep/measure.ts";
import { runJob } from "./job.ts";
import type { Job } from "./job.ts";
import { Interrupted } from "./runner.ts";
import type { ProgressListener, Runner } from "./runner.ts";

interface Queued {
  readonly job: Job;
  readonly resolve: (m: PointMetrics) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Runs jobs one at a time in this thread (`--workers 1`), yielding to the event loop between jobs so that
 * Ctrl-C is noticed between two points.
 */
export function inProcessRunner(resources: Resources, onProgress?: ProgressListener): Runner {
  const queue: Queued[] = [];
  let draining = false;
  let stopped = false;
  let done = 0;
  let queued = 0;

  async function drain(): Promise<void> {
    draining = true;
    while (queue.length > 0) {
      await nextTurn();
      if (stopped) break;
      const item = queue.shift()!;
      try {
        item.resolve(runJob(item.job, resources));
        done++;
        onProgress?.(done, queued);
      } catch (e) {
        item.reject(e);
      }
    }
    draining = false;
  }

  return {
    run(job) {
      if (stopped) return Promise.reject(new Interrupted());
      queued++;
      onProgress?.(done, queued);
      return new Promise<PointMetrics>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        if (!draining) void drain();
      });
    },
    interrupt() {
      stopped = true;
      for (const item of queue.splice(0)) item.reject(new Interrupted());
    },
    close() {
      return Promise.resolve();
    },
  };
}
