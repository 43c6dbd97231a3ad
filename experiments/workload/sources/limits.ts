import type { LengthSampler } from "../lengths/index.ts";

/** When a source stops: no arrival after `durationS`, no more than `maxRequests` requests (Infinity: no limit). */
export interface Limits {
  readonly durationS: number;
  readonly maxRequests: number;
}

/** The prompt and output length samplers of a workload. */
export interface Lengths {
  readonly prompt: LengthSampler;
  readonly output: LengthSampler;
}
