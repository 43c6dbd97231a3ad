import type { BatchPolicy, StepContext } from "../../sim/batching.ts";
import { decodeRunning } from "./continuous.ts";

/** Options of chunked prefill (Sarathi-Serve). */
export interface ChunkedPrefillOptions {
  /** Tokens per step, decode tokens and prefill chunks together (capped by maxBatchedTokens). */
  readonly tokenBudget: number;
}

/** Fill what is left of the budget with prefill chunks: running prefills first, then new admissions. */
function addChunks(ctx: StepContext, budget: number): void {
  for (const r of ctx.prefillingSequences()) {
    const left = budget - ctx.stepTokens;
    if (left <= 0) return;
    if (ctx.inStep(r)) continue;
    ctx.addPrefill(r, Math.min(left, r.prefillTargetTokens - r.contextTokens));
  }
  for (;;) {
    const left = budget - ctx.stepTokens;
    const head = ctx.peekWaiting();
    if (left <= 0 || head === undefined || !ctx.admitHead()) return;
    // Swapped back in past its prefill: it decodes from the next step.
    if (head.inPrefill) ctx.addPrefill(head, Math.min(left, head.prefillTargetTokens - head.contextTokens));
  }
}

/**
 * Chunked prefill with stall-free batching (Sarathi-Serve; vLLM's enable_chunked_prefill): each step first
 * decodes every running sequence, then fills the rest of a fixed token budget with chunks of prompts, so a
 * long prompt never stalls the decodes for a whole prefill.
 */
export function chunkedPrefill(options: ChunkedPrefillOptions): BatchPolicy {
  return {
    // Decodes come first; with nothing admissible and no prefill left, the budget's rest stays empty.
    steadyDecode: "whenHeadBlocked",
    formStep(ctx) {
      const budget = Math.min(options.tokenBudget, ctx.limits.maxBatchedTokens);
      decodeRunning(ctx, budget);
      addChunks(ctx, budget);
    },
  };
}
