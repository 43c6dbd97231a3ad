import type { RequestSource } from "../../sim/ports.ts";
import type { RandomStreams } from "../../sim/rng.ts";
import { createArrivalTimes } from "./arrivals/index.ts";
import { createLengthSampler, type LengthSampler } from "./lengths/index.ts";
import type { LengthDistribution, Workload } from "./schema.ts";
import { withClassesAndPrefixes } from "./sources/classesAndPrefixes.ts";
import { closedLoopSource } from "./sources/closedLoop.ts";
import type { Lengths, Limits } from "./sources/limits.ts";
import { openLoopSource } from "./sources/openLoop.ts";
import { traceReplaySource } from "./sources/traceReplay.ts";
import { requireTrace, type Trace, type TraceFormat } from "./trace.ts";

/**
 * The request source of a workload. Randomness comes from three named streams, so a policy change never
 * shifts traffic and the k-th request's lengths are the same whatever the arrival process:
 * `arrivals` (inter-arrival times), `promptTokens` and `outputTokens` (lengths, drawn in request order); classes
 * and prefixes add their own (`requestClass`, `prefixes`, ...: see sources/classesAndPrefixes.ts).
 * `traces` holds the files listed by `traceRefs(workload)`, keyed by their path as written. Pure; create one
 * source per `RandomStreams` (the streams are stateful and shared by name).
 */
export function createRequestSource(workload: Workload, random: RandomStreams, traces: ReadonlyMap<string, Trace>): RequestSource {
  // Classes and prefixes draw from their own streams: see sources/classesAndPrefixes.ts.
  return withClassesAndPrefixes(baseRequestSource(workload, random, traces), workload, random, traces);
}

function baseRequestSource(workload: Workload, random: RandomStreams, traces: ReadonlyMap<string, Trace>): RequestSource {
  const limits: Limits = {
    durationS: workload.durationS ?? Number.POSITIVE_INFINITY,
    maxRequests: workload.maxRequests ?? Number.POSITIVE_INFINITY,
  };
  const sampler = (spec: LengthDistribution | undefined, stream: string): LengthSampler | undefined =>
    spec === undefined ? undefined : createLengthSampler(spec, random.stream(stream), traces);
  const prompt = sampler(workload.promptTokens, "promptTokens");
  const output = sampler(workload.outputTokens, "outputTokens");
  const arrival = workload.arrival;
  switch (arrival.kind) {
    case "trace": {
      const lengths: Partial<Lengths> = { ...(prompt && { prompt }), ...(output && { output }) };
      return traceReplaySource(requireTrace(traces, arrival.path), arrival.rateScale, lengths, limits);
    }
    case "closedLoop":
      return closedLoopSource(arrival, requiredLengths(prompt, output, arrival.kind), limits);
    case "poisson":
    case "gamma":
    case "deterministic":
    case "diurnal":
      return openLoopSource(createArrivalTimes(arrival, random.stream("arrivals")), requiredLengths(prompt, output, arrival.kind), limits);
  }
}

function requiredLengths(prompt: LengthSampler | undefined, output: LengthSampler | undefined, kind: string): Lengths {
  if (prompt === undefined || output === undefined) {
    throw new Error(`a ${kind} workload needs promptTokens and outputTokens distributions`);
  }
  return { prompt, output };
}

/** A trace file a workload needs, with how to read it. */
export interface TraceRef {
  /** As written in the workload: the key of the `traces` map. */
  readonly path: string;
  /** Undefined: detect from the extension and header. */
  readonly format: TraceFormat | undefined;
  readonly skipBadRows: boolean;
}

/**
 * The trace files a workload reads (the arrival trace and empirical length paths), each path once; the
 * caller loads them (e.g. with `loadWorkloadTraces`) and passes them to `createRequestSource`. A path
 * referenced twice takes the format given explicitly, and skips bad rows if either reference says so.
 */
export function traceRefs(workload: Workload): TraceRef[] {
  const refs = new Map<string, TraceRef>();
  const add = (path: string, format: TraceFormat | undefined, skipBadRows: boolean): void => {
    const seen = refs.get(path);
    refs.set(path, { path, format: format ?? seen?.format, skipBadRows: skipBadRows || (seen?.skipBadRows ?? false) });
  };
  if (workload.arrival.kind === "trace") add(workload.arrival.path, workload.arrival.format, workload.arrival.skipBadRows);
  const classLengths = (workload.classes ?? []).flatMap((c) => [c.promptTokens, c.outputTokens]);
  for (const spec of [workload.promptTokens, workload.outputTokens, ...classLengths]) {
    if (spec?.kind === "empirical" && spec.path !== undefined) add(spec.path, spec.format, spec.skipBadRows ?? false);
  }
  return [...refs.values()];
}
