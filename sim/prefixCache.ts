import type { KvBlockManager, KvReclaimer } from "./kvCache.ts";
import type { Request } from "./request.ts";

/** One cached prefix: its full blocks, shared by reference count. */
interface PrefixEntry {
  /** Full blocks of the prefix (a partial last block is never shared). */
  readonly blocks: number;
  /** Sequences holding a reference. At 0 the blocks stay cached but may be reclaimed (LRU). */
  refs: number;
  /** False while the request computing the prefix (its producer) has not prefilled past it. */
  ready: boolean;
  /** Id of the request that computes it. */
  readonly producerId: number;
}

/**
 * Automatic prefix caching (vLLM's APC, SGLang's RadixAttention, by whole prefix): the full KV blocks of a
 * shared prefix (a system prompt) are computed once per replica and then shared by reference count. The
 * first request with a prefix computes it (it is the producer); once its prefill passes the prefix, those
 * blocks become the cache entry. A request admitted while the prefix is cached skips those tokens' prefill.
 * An entry no sequence references stays cached until its blocks are needed, then the least recently used
 * goes first. Cost is O(1) per admission and release (eviction walks the LRU order).
 */
export class PrefixCache implements KvReclaimer {
  /** Entries by prefix id, least recently used first (a Map keeps insertion order; a use re-inserts). */
  private readonly entries = new Map<number, PrefixEntry>();
  reclaimableBlocks = 0;
  /** Tokens held in ready entries (their full blocks). */
  cachedTokens = 0;
  /** Admissions of requests that carry a prefix. */
  lookups = 0;
  /** Admissions that found their prefix cached. */
  hits = 0;
  /** Prompt tokens that hits did not prefill. */
  hitTokens = 0;
  /** Entries evicted to free blocks. */
  evictions = 0;

  constructor(private readonly kv: KvBlockManager) {
    kv.setReclaimer(this);
  }

  private get blockSizeTokens(): number {
    return this.kv.blockSizeTokens;
  }

  /** Blocks a hit would share with `request` now; 0 on a miss. At least one prompt token is always computed. */
  sharedBlocksFor(request: Request): number {
    const e = request.prefixId < 0 ? undefined : this.entries.get(request.prefixId);
    if (e === undefined || !e.ready) return 0;
    return Math.max(0, Math.min(e.blocks, Math.floor((request.prefillTargetTokens - 1) / this.blockSizeTokens)));
  }

  /** Blocks a hit would take out of the reclaimable pool (an unreferenced entry becomes pinned). */
  pinCost(request: Request): number {
    if (this.sharedBlocksFor(request) === 0) return 0;
    const e = this.entries.get(request.prefixId)!;
    return e.refs === 0 ? e.blocks : 0;
  }

  /**
   * On admission: take a reference on a cached prefix (setting `request.sharedTokens`), or, when the prefix is
   * not cached and nobody computes it, make `request` its producer. Returns the blocks shared (0 on a miss).
   */
  acquire(request: Request): number {
    if (request.prefixId < 0) return 0;
    const shared = this.sharedBlocksFor(request);
    const e = this.entries.get(request.prefixId);
    if (shared > 0 && e !== undefined) {
      if (e.refs === 0) this.reclaimableBlocks -= e.blocks;
      e.refs++;
      this.touch(request.prefixId, e);
      request.sharedTokens = shared * this.blockSizeTokens;
      return shared;
    }
    if (e === undefined) {
      const blocks = Math.floor(Math.min(request.prefixTokens, request.prefillTargetTokens) / this.blockSizeTokens);
      if (blocks > 0) this.entries.set(request.prefixId, { blocks, refs: 0, ready: false, producerId: request.id });
    }
    return 0;
  }

  /** Count an admission's lookup (after it succeeded). */
  countLookup(request: Request): void {
    if (request.prefixId < 0) return;
    this.lookups++;
    if (request.sharedTokens > 0) {
      this.hits++;
      this.hitTokens += request.sharedTokens;
    }
  }

  /**
   * After a prefill chunk: a producer whose context now covers its prefix hands those blocks to the cache
   * (they stop being its own and become shared, referenced by it). Returns the blocks moved.
   */
  afterPrefill(request: Request): number {
    const e = this.entries.get(request.prefixId);
    if (e === undefined || e.ready || e.producerId !== request.id) return 0;
    if (request.contextTokens < e.blocks * this.blockSizeTokens) return 0;
    e.ready = true;
    e.refs = 1;
    request.sharedTokens = e.blocks * this.blockSizeTokens;
    request.kvBlocks -= e.blocks;
    this.cachedTokens += e.blocks * this.blockSizeTokens;
    this.touch(request.prefixId, e);
    return e.blocks;
  }

  /** `request` lets go of its prefix: drops its reference, or stops producing (the entry is forgotten). */
  release(request: Request): void {
    if (request.prefixId < 0) return;
    const e = this.entries.get(request.prefixId);
    if (request.sharedTokens > 0) {
      request.sharedTokens = 0;
      if (e === undefined || e.refs <= 0) throw new Error(`internal: request ${request.id} releases an unreferenced prefix`);
      e.refs--;
      if (e.refs === 0) this.reclaimableBlocks += e.blocks;
    } else {
      this.abandon(request);
    }
  }

  /** A producer whose blocks leave the device (swapped out) stops producing; a reference it holds stays. */
  abandon(request: Request): void {
    const e = this.entries.get(request.prefixId);
    if (e !== undefined && !e.ready && e.producerId === request.id) this.entries.delete(request.prefixId);
  }

  reclaim(blocks: number): void {
    let freed = 0;
    for (const [id, e] of this.entries) {
      if (freed >= blocks) break;
      if (!e.ready || e.refs > 0) continue;
      this.entries.delete(id);
      this.reclaimableBlocks -= e.blocks;
      this.cachedTokens -= e.blocks * this.blockSizeTokens;
      this.kv.release(e.blocks);
      this.evictions++;
      freed += e.blocks;
    }
  }

  private touch(id: number, e: PrefixEntry): void {
    this.entries.delete(id);
    this.entries.set(id, e);
  }
}
