import type { StepCost, StepCostModel, Uniform } from "../../sim/ports.ts";

/** Compute-bound share reported by the synthetic cost models: half, so the power model sits midway. */
const SYNTHETIC_COMPUTE_BOUND_FRACTION = 0.5;

function checkPositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number of seconds, got ${value}`);
}

/** Every step takes `stepS` seconds, whatever the batch (M/D/1-style validation, teaching). */
export function fixedCost(stepS: number): StepCostModel {
  checkPositive("stepS", stepS);
  const cost: StepCost = { durationS: stepS, computeBoundFraction: SYNTHETIC_COMPUTE_BOUND_FRACTION };
  return { stepCost: () => cost };
}

/**
 * Each step takes an exponentially distributed time of mean `meanStepS` (M/M/1 validation), drawn by
 * inversion from the injected uniform source on [0, 1).
 */
export function exponentialCost(meanStepS: number, uniform: Uniform): StepCostModel {
  checkPositive("meanStepS", meanStepS);
  return {
    stochastic: true,
    stepCost: () => ({
      durationS: -meanStepS * Math.log1p(-uniform()),
      computeBoundFraction: SYNTHETIC_COMPUTE_BOUND_FRACTION,
    }),
  };
}
