import type { Uniform } from "../../../sim/ports.ts";
import type { LengthSampler } from "./lengthSampler.ts";

/** Whole numbers drawn uniformly from [min, max], both included. */
export function uniformLengths(spec: { readonly min: number; readonly max: number }, uniform: Uniform): LengthSampler {
  const span = spec.max - spec.min + 1;
  return () => spec.min + Math.floor(uniform() * span);
}
