import type { StepCostModel, Uniform } from "./ports.ts";

/**
 * Speculative decoding on a replica: each step a draft (a small model, or n-gram lookup) proposes up to `k`
 * tokens per decoding sequence; the target model verifies them in one pass of k + 1 tokens; each draft token
 * is accepted with probability `acceptanceRate` until the first rejection, and the pass adds one token of its
 * own. So a step emits between 1 and k + 1 tokens per sequence, (1 − α^(k+1)) / (1 − α) on average.
 */
export interface SpeculativeSpec {
  readonly k: number;
  readonly acceptanceRate: number;
  /** Cost of one draft step over the speculating sequences (a decode-only shape); the step runs k of them. */
  readonly draftCost: StepCostModel;
  /** The replica's acceptance draws (a named stream). */
  readonly uniform: Uniform;
}

/**
 * Draft tokens accepted out of `proposed`, each with probability `rate` until the first rejection, from one
 * uniform draw u in [0, 1): P(accepted ≥ j) = rate^j, by inversion.
 */
export function acceptedDraftTokens(proposed: number, rate: number, u: number): number {
  if (proposed <= 0 || rate <= 0) return 0;
  if (rate >= 1) return proposed;
  return Math.max(0, Math.min(proposed, Math.floor(Math.log1p(-u) / Math.log(rate))));
}

/** Expected tokens a step emits per sequence with k proposals: Σ_{j=0..k} α^j. */
export function expectedTokensPerStep(k: number, rate: number): number {
  return rate >= 1 ? k + 1 : (1 - rate ** (k + 1)) / (1 - rate);
}
