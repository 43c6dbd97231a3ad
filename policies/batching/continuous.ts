import type { BatchPolicy, StepContext } from "../../sim/batching.ts";

/** Options of iteration-level (continuous) batching, as in Orca and vLLM. */
export interface ContinuousOptions {
  /**
   * `prefill-first` (vLLM's default scheduler): when a waiting request can be admitted, the step runs
   * prefills only and running decodes wait one step. `decode-first`: every running sequence decodes each
   * step, and whole prompts of newly admitted requests fill what is left of the token budget (a mixed batch).
   */
  readonly priority: "prefill-first" | "decode-first";
}

/** Admit waiting requests whose whole (remaining) prompt fits the step's token budget; returns tokens added. */
export function admitWholePrompts(ctx: StepContext): number {
  let added = 0;
  for (;;) {
    const head = ctx.peekWaiting();
    if (head === undefined) break;
    const tokens = head.prefillTargetTokens - head.contextTokens;
    const budgetLeft = ctx.limits.maxBatchedTokens - ctx.stepTokens;
    // A prompt longer than the whole budget still runs alone, or it would never run.
    if (tokens > budgetLeft && ctx.stepSeqs > 0) break;
    if (!ctx.admitHead()) break;
    ctx.addPrefill(head, tokens);
    added += tokens;
  }
  return added;
}

/** Decode every running sequence that finished its prefill, reserving KV (and preempting) as needed. */
export function decodeRunning(ctx: StepContext): void {
  // Iterate over a copy: reserving a slot may preempt (remove) other running sequences.
  for (const r of [...ctx.running]) {
    if (r.state !== "running" || r.inPrefill) continue;
    if (ctx.stepSeqs >= ctx.limits.maxNumSeqs) break;
    if (ctx.reserveDecodeSlot(r)) ctx.addDecode(r);
  }
}

export function continuous(options: ContinuousOptions): BatchPolicy {
  return {
    formStep(ctx) {
      if (options.priority === "prefill-first") {
        if (admitWholePrompts(ctx) > 0) return;
        decodeRunning(ctx);
      } else {
        decodeRunning(ctx);
        admitWholePrompts(ctx);
      }
    },
  };
}
