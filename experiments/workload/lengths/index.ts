import type { Uniform } from "../../../sim/ports.ts";
import type { LengthDistribution } from "../schema.ts";
import { requireTrace, type Trace } from "../trace.ts";
import { empiricalLengths } from "./empirical.ts";
import { fixedLengths } from "./fixed.ts";
import type { LengthSampler } from "./lengthSampler.ts";
import { lognormalLengths } from "./lognormal.ts";
import { uniformLengths } from "./uniform.ts";

export type { LengthSampler } from "./lengthSampler.ts";
export { empiricalLengths, fixedLengths, lognormalLengths, uniformLengths };

type LengthFactories = {
  [K in LengthDistribution["kind"]]: (
    spec: Extract<LengthDistribution, { kind: K }>,
    uniform: Uniform,
    traces: ReadonlyMap<string, Trace>,
  ) => LengthSampler;
};

/** The length distributions, by kind. */
export const lengthDistributions: LengthFactories = {
  fixed: (spec) => fixedLengths(spec),
  uniform: (spec, uniform) => uniformLengths(spec, uniform),
  lognormal: (spec, uniform) => lognormalLengths(spec, uniform),
  empirical: (spec, uniform, traces) => {
    if (spec.values !== undefined) return empiricalLengths(spec.values, uniform);
    const trace = requireTrace(traces, spec.path ?? "");
    const values = trace.rows.map((row) => (spec.column === "output" ? row.outputTokens : row.promptTokens));
    return empiricalLengths(values, uniform);
  },
};

/** A sampler for a length distribution, drawing from `uniform`; trace-backed ones look their file up in `traces`. */
export function createLengthSampler(
  spec: LengthDistribution,
  uniform: Uniform,
  traces: ReadonlyMap<string, Trace>,
): LengthSampler {
  const factory = lengthDistributions[spec.kind] as (
    spec: LengthDistribution,
    uniform: Uniform,
    traces: ReadonlyMap<string, Trace>,
  ) => LengthSampler;
  return factory(spec, uniform, traces);
}
