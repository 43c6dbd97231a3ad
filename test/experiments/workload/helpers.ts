import { fileURLToPath } from "node:url";
import type { RequestSource } from "../../../sim/ports.ts";
import type { NewRequest } from "../../../sim/request.ts";
import { RandomStreams } from "../../../sim/rng.ts";
import { WorkloadSchema, type Trace, type WorkloadInput } from "../../../experiments/workload/index.ts";
import { createRequestSource } from "../../../experiments/workload/source.ts";

/** The repository root, so tests read examples/ wherever vitest is started from. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Every request an open-loop source gives, in order (stops at `cap` as a guard against endless sources). */
export function drain(source: RequestSource, cap = 1_000_000): NewRequest[] {
  const out: NewRequest[] = [];
  for (let r = source.next(); r !== null; r = source.next()) {
    out.push(r);
    if (out.length > cap) throw new Error(`source gave more than ${cap} requests`);
  }
  return out;
}

/** Validates a workload and drains its source under a seed. */
export function requestsOf(input: WorkloadInput, seed = 1, traces: ReadonlyMap<string, Trace> = new Map()): NewRequest[] {
  return drain(createRequestSource(WorkloadSchema.parse(input), new RandomStreams(seed), traces));
}

/** Gaps between successive arrivals, the first measured from time 0. */
export function interArrivals(requests: readonly NewRequest[]): number[] {
  return requests.map((r, i) => r.arrivalS - (i === 0 ? 0 : requests[i - 1]!.arrivalS));
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Coefficient of variation: sample standard deviation over mean. */
export function cv(xs: readonly number[]): number {
  const m = mean(xs);
  const variance = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
  return Math.sqrt(variance) / m;
}

export const FIXED_LENGTHS = {
  promptTokens: { kind: "fixed", tokens: 100 },
  outputTokens: { kind: "fixed", tokens: 10 },
} as const;
