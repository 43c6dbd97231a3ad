import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { Workload } from "./schema.ts";
import { traceRefs } from "./source.ts";
import { TraceError, detectTraceFormat, parseTrace, type Trace, type TraceFormat, type TraceParseOptions } from "./trace.ts";

/**
 * Reads and parses a trace file (the only I/O of the workload module). The format is detected from the
 * extension and header when not given. A missing file is a `TraceError`.
 */
export function loadTrace(path: string, format: TraceFormat | undefined, options: TraceParseOptions): Trace {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new TraceError(`trace file not found: ${path}`, path);
    if (code === "EISDIR") throw new TraceError(`trace path is a directory, not a file: ${path}`, path);
    throw new TraceError(`cannot read trace file ${path}: ${(error as Error).message}`, path);
  }
  return parseTrace(text, path, format ?? detectTraceFormat(path, text), options);
}

/**
 * Loads every trace a workload refers to, keyed by the path as written in the workload (what
 * `createRequestSource` looks up). Relative paths are resolved against `baseDir` (e.g. the scenario file's
 * folder) when given, else against the working directory.
 */
export function loadWorkloadTraces(workload: Workload, baseDir?: string): Map<string, Trace> {
  const traces = new Map<string, Trace>();
  for (const ref of traceRefs(workload)) {
    const file = baseDir === undefined || isAbsolute(ref.path) ? ref.path : resolve(baseDir, ref.path);
    traces.set(ref.path, loadTrace(file, ref.format, { skipBadRows: ref.skipBadRows }));
  }
  return traces;
}
