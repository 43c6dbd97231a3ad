import { randomLogNormal } from "d3";
import type { Uniform } from "../../../sim/ports.ts";
import type { LengthSampler } from "./lengthSampler.ts";

export interface LognormalSpec {
  readonly median: number;
  readonly sigma: number;
  readonly min: number;
  readonly max?: number | undefined;
}

/** Log-normal lengths with the given median (μ = ln median) and σ, rounded and clipped to [min, max]. */
export function lognormalLengths(spec: LognormalSpec, uniform: Uniform): LengthSampler {
  const draw = randomLogNormal.source(uniform)(Math.log(spec.median), spec.sigma);
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  const min = Math.max(1, spec.min);
  return () => Math.min(max, Math.max(min, Math.round(draw())));
}
