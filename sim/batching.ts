import type { Request } from "./request.ts";

/** Limits of one replica's step, as vLLM's `max_num_seqs` and `max_num_batched_tokens`. */
export interface StepLimits {
  readonly maxNumSeqs: number;
  readonly maxBatchedTokens: number;
}

/**
 * What a batching policy sees and may do while it forms one step. The replica owns the mechanics (KV
 * blocks, preemption, queues); the policy only decides who runs and how many tokens.
 */
export interface StepContext {
  readonly nowS: number;
  readonly limits: StepLimits;
  /**
   * Sequences admitted and not finished, in admission order. Reading it brings sequences the replica advances
   * lazily up to date (see `decodeAllAtOnce`): policies that can should use `runningCount`,
   * `prefillingSequences` and `decodeAllAtOnce` instead.
   */
  readonly running: readonly Request[];
  /** How many sequences run (`running.length`). */
  readonly runningCount: number;
  /** The running sequences with prompt tokens still to prefill, in admission order. */
  prefillingSequences(): readonly Request[];
  readonly waitingCount: number;
  /** The next request the order policy would admit. */
  peekWaiting(): Request | undefined;
  /**
   * Move the head of the waiting queue into the running set and reserve KV for its prefill. False, and
   * nothing changes, when memory (keeping the watermark) or `maxNumSeqs` does not allow it.
   */
  admitHead(): boolean;
  /**
   * Reserve KV for the next decode token of a running sequence, preempting others (by the preemption policy)
   * if no block is free. False when `request` itself had to be preempted.
   */
  reserveDecodeSlot(request: Request): boolean;
  /**
   * Decode, in this step, every running sequence that finished its prefill, as a loop over `running` with
   * `reserveDecodeSlot` and `addDecode` would, when the replica can do it at once (a decode stretch it advances
   * lazily resumes). It does so only when the step is empty so far, all fit within `maxNumSeqs` and `budget`
   * tokens, and their KV is free without preempting; otherwise it returns false, having changed nothing, and
   * the policy decodes them one by one.
   */
  decodeAllAtOnce(budget: number): boolean;
  /** Run `tokens` prompt tokens of a running sequence in this step. */
  addPrefill(request: Request, tokens: number): void;
  /**
   * Run one decode token of a running sequence in this step (with speculative decoding, a verification pass
   * of its draft tokens: it may emit several).
   */
  addDecode(request: Request): void;
  /** Is `request` already in this step (as a prefill chunk or a decode)? */
  inStep(request: Request): boolean;
  /** Tokens already in this step (prefill tokens + decode sequences). */
  readonly stepTokens: number;
  /** Sequences already in this step. */
  readonly stepSeqs: number;
  /** Ask to be woken at `timeS` if the step is left empty (batching timers). */
  wakeAt(timeS: number): void;
}

/**
 * What a batching policy promises about stretches of decode steps, which lets a replica advance such a stretch
 * without forming each step (`decodeStretch.ts`). Both promises assume that the step just formed decoded every
 * running sequence and nothing else, and that since then only decode tokens were added and sequences that
 * emitted their last token left (none joined or was preempted):
 * - `whenHeadBlocked`: the next step decodes every running sequence and nothing else when the waiting queue is
 *   empty or its head cannot be admitted (`maxNumSeqs` reached, or too little free KV);
 * - `always`: the next step does the same whatever waits (request-level batching: nothing joins a batch).
 * The promise must hold after sequences leave too: the replica goes on with a stretch past the steps in which
 * sequences finish, without asking the policy.
 */
export type SteadyDecode = "whenHeadBlocked" | "always";

/** A batching policy: forms each step of a replica. */
export interface BatchPolicy {
  formStep(ctx: StepContext): void;
  /** Absent: the policy promises nothing, and every step is formed by `formStep`. */
  readonly steadyDecode?: SteadyDecode;
}

/** Order of a waiting queue: a smaller key runs first; ties go to the earlier arrival, then the lower id. */
export interface RequestOrder {
  key(request: Request): number;
}

/** Which running sequence to preempt when KV blocks run out (`running` is never empty). */
export interface PreemptionVictim {
  choose(running: readonly Request[]): Request;
}
