import type { Replica } from "../../sim/replica.ts";
import type { Distribution } from "../../sim/metrics/distribution.ts";
import { interTokenMs } from "../../sim/metrics/gaps.ts";

/** KV figures of P3: waste, preemptions by kind, swapping, prefix caching. Summed over replicas. */
export interface KvEngineSummary {
  /**
   * Share of reserved KV that held no token, averaged over time (weighted by reserved token-seconds): internal
   * fragmentation for PagedAttention, the unused maximum-length reservation for the contiguous baseline.
   */
  readonly wasteFraction: number;
  readonly recomputePreemptions: number;
  readonly swapPreemptions: number;
  /** Blocks copied to and from host memory. */
  readonly swapOutBlocks: number;
  readonly swapInBlocks: number;
  /** Seconds steps waited for those copies. */
  readonly swapS: number;
  /** Most blocks in host memory at once, the fullest replica. */
  readonly hostPeakBlocks: number;
  readonly prefixCache: {
    /** Admissions of requests carrying a prefix. */
    readonly lookups: number;
    /** Of those, admissions that found it cached. */
    readonly hits: number;
    /** hits / lookups (0 with no lookups). */
    readonly hitRate: number;
    /** Prompt tokens that hits did not prefill. */
    readonly hitTokens: number;
    readonly evictions: number;
  };
}

/** What the steps did, summed over replicas. */
export interface EngineSummary {
  readonly steps: number;
  /** Mean sequences per step. */
  readonly meanBatchSeqs: number;
  /** Prompt tokens computed (recomputation included, prefix-cache hits excluded). */
  readonly prefillTokens: number;
  /** Output tokens emitted by decode and verification steps. */
  readonly decodeTokens: number;
  /** Speculative decoding (zeros without it). */
  readonly speculative: {
    readonly proposedTokens: number;
    readonly acceptedTokens: number;
    /** acceptedTokens / proposedTokens (0 with no proposals). */
    readonly acceptedShare: number;
    /** Seconds spent in draft steps. */
    readonly draftS: number;
  };
}

export function kvEngineSummary(replicas: readonly Replica[]): KvEngineSummary {
  let reserved = 0;
  let held = 0;
  let recompute = 0;
  let swap = 0;
  let swapOut = 0;
  let swapIn = 0;
  let swapS = 0;
  let hostPeak = 0;
  let lookups = 0;
  let hits = 0;
  let hitTokens = 0;
  let evictions = 0;
  for (const r of replicas) {
    const m = r.memory;
    reserved += m.reservedTokenS;
    held += m.heldTokenS;
    recompute += r.counters.recomputePreemptions;
    swap += r.counters.swapPreemptions;
    swapOut += m.swapOutBlocks;
    swapIn += m.swapInBlocks;
    swapS += r.counters.swapS;
    hostPeak = Math.max(hostPeak, m.hostPeakBlocks);
    const p = m.prefix;
    if (p !== undefined) {
      lookups += p.lookups;
      hits += p.hits;
      hitTokens += p.hitTokens;
      evictions += p.evictions;
    }
  }
  return {
    wasteFraction: reserved > 0 ? Math.max(0, 1 - held / reserved) : 0,
    recomputePreemptions: recompute,
    swapPreemptions: swap,
    swapOutBlocks: swapOut,
    swapInBlocks: swapIn,
    swapS,
    hostPeakBlocks: hostPeak,
    prefixCache: { lookups, hits, hitRate: lookups > 0 ? hits / lookups : 0, hitTokens, evictions },
  };
}

export function engineSummary(replicas: readonly Replica[]): EngineSummary {
  let steps = 0;
  let seqs = 0;
  let prefill = 0;
  let decode = 0;
  let proposed = 0;
  let accepted = 0;
  let draftS = 0;
  for (const r of replicas) {
    const c = r.counters;
    steps += r.stepsRun;
    seqs += c.batchSeqs;
    prefill += c.prefillTokens;
    decode += c.decodeTokens;
    proposed += c.proposedTokens;
    accepted += c.acceptedTokens;
    draftS += c.draftS;
  }
  return {
    steps,
    meanBatchSeqs: steps > 0 ? seqs / steps : 0,
    prefillTokens: prefill,
    decodeTokens: decode,
    speculative: { proposedTokens: proposed, acceptedTokens: accepted, acceptedShare: proposed > 0 ? accepted / proposed : 0, draftS },
  };
}

/** Inter-token latency over these replicas (one class, or all). */
export function itlOf(replicas: readonly Replica[], classIndex?: number): Distribution {
  return interTokenMs(
    replicas.map((r) => r.gaps),
    classIndex,
  );
}
