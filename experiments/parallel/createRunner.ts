import { availableParallelism } from "node:os";
import type { Resources } from "../assemble.ts";
import { inProcessRunner } from "./inProcess.ts";
import type { ProgressListener, Runner } from "./runner.ts";
import { workerPool } from "./workerPool.ts";

/** The default `--workers`: one per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** One worker runs in this thread; more run on worker threads. The results are the same either way. */
export function createRunner(workers: number, resources: Resources, onProgress?: ProgressListener): Runner {
  return workers <= 1 ? inProcessRunner(resources, onProgress) : workerPool(workers, resources, onProgress);
}
