import type { NewRequest, Request } from "./request.ts";

/**
 * The shape of one step, in aggregate. A cost model needs only these sums, so pricing a step costs the same
 * for a batch of 1 or of 500 sequences.
 */
export interface StepShape {
  /** Sequences that run a prefill chunk this step. */
  prefillSeqs: number;
  /** Prompt tokens computed this step, summed over prefill chunks. */
  prefillTokens: number;
  /**
   * Attention work of the prefill chunks: Σ chunkTokens × (contextBefore + (chunkTokens + 1) / 2), the number
   * of (query, key) pairs under a causal mask.
   */
  prefillAttentionPairs: number;
  /** KV tokens already cached that prefill chunks read (Σ contextBefore), for memory traffic. */
  prefillContextTokens: number;
  /** Sequences that decode one token this step. */
  decodeSeqs: number;
  /** KV tokens read by decode sequences: Σ context length. */
  decodeContextTokens: number;
}

/** A step shape with nothing in it (to be filled in place). */
export function emptyStepShape(): StepShape {
  return {
    prefillSeqs: 0,
    prefillTokens: 0,
    prefillAttentionPairs: 0,
    prefillContextTokens: 0,
    decodeSeqs: 0,
    decodeContextTokens: 0,
  };
}

/** What a step costs. */
export interface StepCost {
  readonly durationS: number;
  /**
   * Share of the step's time that is compute-bound, in [0, 1]: the power model draws between a device's
   * memory-bound and compute-bound power by this share.
   */
  readonly computeBoundFraction: number;
  /**
   * Share of the step's time that moves data without being compute-bound (memory streaming, link transfers,
   * dataflow passes), in [0, 1 − computeBoundFraction]; the rest is fixed latency and host time, when the
   * device draws little. Optional: without it the power model counts all time that is not compute-bound as
   * memory-bound.
   */
  readonly memoryBoundFraction?: number;
}

/** A step cost written in place (`memoryBoundFraction` NaN where the model gives none). */
export interface StepCostSlot {
  durationS: number;
  computeBoundFraction: number;
  memoryBoundFraction: number;
}

/** The step cost port: a roofline, a fixed time, or a measured table. */
export interface StepCostModel {
  stepCost(shape: StepShape): StepCost;
  /**
   * Optional: the cost `stepCost` gives, written into `into`, so that pricing the many planned steps of a decode
   * stretch allocates nothing.
   */
  priceInto?(shape: StepShape, into: StepCostSlot): void;
  /**
   * Optional: a pricer for steps that decode `decodeSeqs` sequences and nothing else, each giving what
   * `priceInto` gives for such a step, for a decode stretch that prices many in a row. Valid until the model's
   * next call.
   */
  decodePricer?(decodeSeqs: number): DecodeStepPricer;
  /**
   * True when step costs draw random numbers (e.g. exponential service times): a replica then never plans
   * decode steps ahead (see `decodeStretch.ts`), so the draws stay in step order.
   */
  readonly stochastic?: boolean;
}

/** Prices steps that decode a fixed number of sequences (no prefill), by their context (`decodePricer`). */
export interface DecodeStepPricer {
  /** The cost of such a step over `contextTokens` context tokens, written into `into`. */
  price(contextTokens: number, into: StepCostSlot): void;
}

/** A random source on [0, 1). */
export type Uniform = () => number;

/** The workload port: requests in arrival order, and, for closed loops, follow-ups when a request ends. */
export interface RequestSource {
  /** The next open-loop request (arrivals non-decreasing), or null when there are no more. */
  next(): NewRequest | null;
  /** A request ended (completed or rejected) at `nowS`: a closed-loop client may send its next one. */
  onRequestEnded?(request: Request, nowS: number): NewRequest | null;
}
