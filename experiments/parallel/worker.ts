// Entry point of a worker thread: runs the jobs it is sent, one at a time, and posts each job's metrics back.
import { parentPort, workerData } from "node:worker_threads";
import type { Resources } from "../assemble.ts";
import { runJob } from "./job.ts";
import type { JobMessage, ResultMessage } from "./protocol.ts";

const port = parentPort;
if (port === null) throw new Error("internal: experiments/parallel/worker.ts must run as a worker thread");
const { resources } = workerData as { resources: Resources };

port.on("message", (message: JobMessage) => {
  let reply: ResultMessage;
  try {
    reply = { id: message.id, ok: true, metrics: runJob(message.job, resources) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id: message.id, ok: false, name: err.name, message: err.message, stack: err.stack ?? "" };
  }
  port.postMessage(reply);
});
