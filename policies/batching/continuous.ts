import type { BatchPolicy, StepContext } from "../../sim/batching.ts";
import type { Request } from "../../sim/request.ts";

/** Options of iteration-level (continuous) batching, as in Orca and vLLM. */
export interface ContinuousOptions {
  /**
   * `prefill-first` (vLLM's default scheduler): when a waiting request can be admitted, the step runs
   * prefills only and running decodes wait one step. `decode-first`: every running sequence decodes each
   * step, and whole prompts of newly admitted requests fill what is left of the token budget (a mixed batch).
   */
  readonly priority: "prefill-first" | "decode-first";
}

/**
 * Schedule the whole remaining prefill of running sequences not yet in the step (admitted earlier, or swapped
 * back in mid-prefill), within the token budget; returns tokens added.
 */
export function prefillRunning(ctx: StepContext, budget: number): number {
  let added = 0;
  for (const r of ctx.prefillingSequences()) {
    if (ctx.inStep(r)) continue;
    const tokens = r.prefillTargetTokens - r.contextTokens;
    if (tokens > budget - ctx.stepTokens && ctx.stepSeqs > 0) continue;
    ctx.addPrefill(r, tokens);
    added += tokens;
  }
  return added;
}

/**
 * Admit waiting requests whose whole (remaining) prompt fits the step's token budget; returns tokens added.
 * A request swapped back in past its prefill is admitted and decodes from the next decode pass.
 */
export function admitWholePrompts(ctx: StepContext, budget = ctx.limits.maxBatchedTokens): number {
  let added = 0;
  for (;;) {
    const head = ctx.peekWaiting();
    if (head === undefined) break;
    // Before admission this counts a cached prefix too: an upper bound, so the chunk always fits.
    const estimate = head.prefillTargetTokens - head.contextTokens;
    // A prompt longer than the whole budget still runs alone, or it would never run.
    if (estimate > budget - ctx.stepTokens && ctx.stepSeqs > 0) break;
    if (!ctx.admitHead()) break;
    if (!head.inPrefill) continue;
    const tokens = head.prefillTargetTokens - head.contextTokens;
    ctx.addPrefill(head, tokens);
    added += tokens;
  }
  return added;
}

/**
 * Decode every running sequence that finished its prefill and is not in the step yet, reserving KV (and
 * preempting) as needed, while the step has room for sequences (and tokens, below `budget`).
 */
export function decodeRunning(ctx: StepContext, budget = Number.POSITIVE_INFINITY): void {
  if (ctx.decodeAllAtOnce(budget)) return;
  // Iterate over a copy: reserving a slot may preempt (remove) other running sequences. The copy goes into one
  // array reused from step to step (steps are formed one at a time), so forming a step allocates nothing.
  const running = ctx.running;
  const n = running.length;
  for (let i = 0; i < n; i++) snapshot[i] = running[i]!;
  for (let i = 0; i < n; i++) {
    const r = snapshot[i]!;
    if (r.state !== "running" || r.inPrefill || ctx.inStep(r)) continue;
    if (ctx.stepSeqs >= ctx.limits.maxNumSeqs || ctx.stepTokens >= budget) break;
    if (ctx.reserveDecodeSlot(r)) ctx.addDecode(r);
  }
}

/** The running sequences `decodeRunning` iterates over (entries past the current count are stale). */
const snapshot: Request[] = [];

export function continuous(options: ContinuousOptions): BatchPolicy {
  return {
    // With nothing admissible and no prefill left, both priorities decode every running sequence.
    steadyDecode: "whenHeadBlocked",
    formStep(ctx) {
      const budget = ctx.limits.maxBatchedTokens;
      if (options.priority === "prefill-first") {
        if (prefillRunning(ctx, budget) + admitWholePrompts(ctx, budget) > 0) return;
        decodeRunning(ctx);
      } else {
        decodeRunning(ctx);
        prefillRunning(ctx, budget);
        admitWholePrompts(ctx, budget);
      }
    },
  };
}
