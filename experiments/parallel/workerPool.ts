import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Resources } from "../assemble.ts";
import { InputError } from "../errors.ts";
import type { PointMetrics } from "../sweep/measure.ts";
import type { Job } from "./job.ts";
import type { JobMessage, ResultMessage } from "./protocol.ts";
import { Interrupted } from "./runner.ts";
import type { ProgressListener, Runner } from "./runner.ts";

interface Pending {
  readonly id: number;
  readonly job: Job;
  readonly resolve: (m: PointMetrics) => void;
  readonly reject: (e: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  current: Pending | null;
}

/**
 * A worker's first module. Bundled (the CLI runs from a bundle, bin/cliBundle.mjs), it is the bundled worker.js
 * built beside this code. From the sources, it is a module that registers tsx (resolved from this package, not
 * the working directory) and then imports worker.ts.
 */
function bootstrapUrl(): URL {
  if (!import.meta.url.endsWith(".ts")) {
    const bundled = new URL("./worker.js", import.meta.url);
    if (!process.sourceMapsEnabled) return bundled;
    // The CLI's --debug: source maps are per thread, and serve only modules loaded after they are turned on.
    return moduleUrl(`process.setSourceMapsEnabled(true);\nawait import(${JSON.stringify(bundled.href)});\n`);
  }
  // The ESM build of tsx's API (its package exports map "./esm/api" → "./dist/esm/api/index.mjs" for import).
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
  const entry = new URL("./worker.ts", import.meta.url).href;
  return moduleUrl(`import { register } from ${JSON.stringify(tsxApi)};\nregister();\nawait import(${JSON.stringify(entry)});\n`);
}

/** A module of the given code, as a data: URL. */
function moduleUrl(code: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function errorOf(m: Extract<ResultMessage, { ok: false }>): Error {
  // Input errors are caught before any work starts; one seen here still deserves the plain message.
  if (m.name === "InputError" || m.name === "PlacementError") return new InputError(m.message);
  const err = new Error(m.message);
  err.stack = m.stack;
  return err;
}

/**
 * Runs jobs on up to `size` worker threads (started as jobs arrive). Each worker gets the scenario's resources
 * once; a job is handed to the first free worker. Results are returned to the job's own promise, so callers
 * collect them by their own index, never by completion order.
 */
export function workerPool(size: number, resources: Resources, onProgress?: ProgressListener): Runner {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let stopped = false;
  let done = 0;
  let queued = 0;
  const bootstrap = bootstrapUrl();

  function spawn(): Slot {
    const worker = new Worker(bootstrap, { workerData: { resources } });
    const slot: Slot = { worker, current: null };
    worker.on("message", (m: ResultMessage) => {
      const p = slot.current;
      if (p === null || p.id !== m.id) return;
      slot.current = null;
      if (m.ok) {
        done++;
        p.resolve(m.metrics);
        onProgress?.(done, queued);
      } else p.reject(errorOf(m));
      dispatch();
    });
    worker.on("error", (e) => {
      const p = slot.current;
      slot.current = null;
      slots.splice(slots.indexOf(slot), 1);
      p?.reject(e);
      dispatch();
    });
    slots.push(slot);
    return slot;
  }

  function dispatch(): void {
    while (!stopped && queue.length > 0) {
      const slot = slots.find((s) => s.current === null) ?? (slots.length < size ? spawn() : undefined);
      if (slot === undefined) return;
      const p = queue.shift()!;
      slot.current = p;
      const message: JobMessage = { id: p.id, job: p.job };
      slot.worker.postMessage(message);
    }
  }

  return {
    run(job) {
      if (stopped) return Promise.reject(new Interrupted());
      queued++;
      onProgress?.(done, queued);
      return new Promise<PointMetrics>((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        dispatch();
      });
    },
    interrupt() {
      if (stopped) return;
      stopped = true;
      for (const p of queue.splice(0)) p.reject(new Interrupted());
      for (const s of slots) {
        s.current?.reject(new Interrupted());
        s.current = null;
        void s.worker.terminate();
      }
    },
    async close() {
      stopped = true;
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
