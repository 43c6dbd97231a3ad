import type { Uniform } from "../../../sim/ports.ts";
import type { LengthSampler } from "./lengthSampler.ts";

/** Lengths drawn uniformly (with replacement) from a list, e.g. a trace's prompt lengths. */
export function empiricalLengths(values: readonly number[], uniform: Uniform): LengthSampler {
  if (values.length === 0) throw new Error("an empirical length distribution needs at least one value");
  return () => values[Math.floor(uniform() * values.length)]!;
}
