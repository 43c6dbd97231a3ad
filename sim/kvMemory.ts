import type { DecodeRun } from "./decodeRun.ts";
import { PAGED_ALLOCATION } from "./kvAllocation.ts";
import type { KvAllocation, KvSizing } from "./kvAllocation.ts";
import type { KvBlockManager } from "./kvCache.ts";
import { PrefixCache } from "./prefixCache.ts";
import type { Request } from "./request.ts";

/** Host memory that swap preemption copies KV blocks to, and the link it copies them over. */
export interface SwapSpec {
  /** Host memory for swapped-out KV, in blocks (vLLM's swap_space). */
  readonly capacityBlocks: number;
  /** Seconds to copy one block across the device-host link in one direction. */
  readonly secondsPerBlock: number;
}

/** How a replica manages its KV memory besides the block count. */
export interface KvMemoryOptions {
  readonly allocation: KvAllocation;
  readonly prefixCaching: boolean;
  /** Present when preemption may swap to host memory. */
  readonly swap?: SwapSpec;
  readonly sizing: KvSizing;
}

/**
 * The KV memory of one replica, on top of its block manager: how many blocks a sequence reserves (paged or
 * contiguous), prefix sharing, swapping to host memory, and the reserved-but-unused share over time. The
 * replica decides who runs; this decides how many blocks that takes.
 */
export class KvMemory {
  readonly prefix: PrefixCache | undefined;
  readonly allocationSharesPrefixes: boolean;
  hostUsedBlocks = 0;
  hostPeakBlocks = 0;
  swapOutBlocks = 0;
  swapInBlocks = 0;
  /** ∫ reserved tokens dt (blocks in use × block size), token-seconds. */
  reservedTokenS = 0;
  /** ∫ tokens actually held dt, token-seconds. */
  heldTokenS = 0;
  private pendingSwapBlocks = 0;
  /** Tokens of context in requests' own (unshared) blocks. */
  private privateTokens = 0;
  private lastObservedS = 0;
  private readonly allocation: KvAllocation;
  private readonly sizing: KvSizing;
  private readonly swap: SwapSpec | undefined;

  constructor(
    readonly kv: KvBlockManager,
    options: KvMemoryOptions,
  ) {
    this.allocation = options.allocation;
    this.sizing = options.sizing;
    this.swap = options.swap;
    this.allocationSharesPrefixes = options.allocation.sharesPrefixes;
    this.prefix = options.prefixCaching && options.allocation.sharesPrefixes ? new PrefixCache(kv) : undefined;
  }

  /** Blocks (own and shared) `request` must hold for `tokens` tokens of context. */
  private blocksToHold(request: Request, tokens: number): number {
    return this.kv.blocksFor(this.allocation.reservedTokens(request, tokens, this.sizing));
  }

  private sharedBlocks(request: Request): number {
    return request.sharedTokens / this.kv.blockSizeTokens;
  }

  /**
   * Reserve the KV to run `request` from the waiting queue: swap its blocks back in, or reserve its (re)prefill,
   * sharing a cached prefix. False, and nothing changes, when that would cross the free-block watermark.
   */
  admit(request: Request): boolean {
    const kv = this.kv;
    if (request.swappedBlocks > 0) {
      const blocks = request.swappedBlocks;
      if (!kv.canAdmit(blocks) || !kv.allocate(blocks)) return false;
      this.hostUsedBlocks -= blocks;
      this.swapInBlocks += blocks;
      this.pendingSwapBlocks += blocks;
      request.kvBlocks = blocks;
      request.swappedBlocks = 0;
      this.privateTokens += request.contextTokens - request.sharedTokens;
      return true;
    }
    const prefix = this.prefix;
    const own = this.ownBlocksToAdmit(request);
    if (!kv.canAdmit(own + (prefix?.pinCost(request) ?? 0))) return false;
    // Pin the prefix first, so making room for the rest cannot evict it.
    prefix?.acquire(request);
    if (!kv.allocate(own)) {
      prefix?.release(request);
      return false;
    }
    prefix?.countLookup(request);
    request.kvBlocks = own;
    request.contextTokens = request.sharedTokens;
    return true;
  }

  /**
   * False when `admit(request)` would certainly fail now; it then keeps failing while no blocks are freed or
   * reclaimed (the free count only falls, and the prefix cache does not change).
   */
  couldAdmit(request: Request): boolean {
    if (request.swappedBlocks > 0) return this.kv.canAdmit(request.swappedBlocks);
    return this.kv.canAdmit(this.ownBlocksToAdmit(request) + (this.prefix?.pinCost(request) ?? 0));
  }

  /** Blocks of its own `request` takes to be admitted for its (re)prefill, beside a cached prefix it shares. */
  private ownBlocksToAdmit(request: Request): number {
    return this.blocksToHold(request, request.prefillTargetTokens) - (this.prefix?.sharedBlocksFor(request) ?? 0);
  }

  /**
   * The context length at which `request`, with the blocks it holds now, first needs one more block; after
   * that, with paged allocation, one more every block size. Infinity when its reservation already holds
   * `upToTokens`; NaN when growth is not that regular (a non-paged allocator that would grow before then).
   */
  nextBlockAtTokens(request: Request, upToTokens: number): number {
    if (this.allocation === PAGED_ALLOCATION) {
      const held = request.kvBlocks + this.sharedBlocks(request);
      return Number.isInteger(held) ? held * this.kv.blockSizeTokens + 1 : Number.NaN;
    }
    return this.extraBlocksFor(request, upToTokens) === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  }

  /** Blocks `request` lacks to hold `tokens` tokens of context (0 when it has them). */
  extraBlocksFor(request: Request, tokens: number): number {
    return Math.max(0, this.blocksToHold(request, tokens) - this.sharedBlocks(request) - request.kvBlocks);
  }

  /**
   * The steps of `run` ran back to back: each took its blocks as it started and held `run.decodeSeqs` more
   * tokens as it ended, as `observe`, `kv.allocate`, `observe`, `addTokens` step by step would count them, in
   * O(1) from the run's sums (the same integrals, summed in another order: equal up to rounding). False, and
   * nothing taken, when the run's blocks are more than those free: a stretch plans its steps within the blocks
   * free when it plans (`DecodeStretch.freeAtStart`), so none reclaims a cached prefix block, and the cached
   * tokens stay as they are through the run.
   */
  decodeRun(run: DecodeRun): boolean {
    const kv = this.kv;
    const sums = run.sums;
    if (sums.blocks > kv.freeBlocks) return false;
    this.observe(run.startS(run.first));
    const usedBlocks = kv.usedBlocks;
    const heldTokens = this.heldTokens;
    kv.allocate(sums.blocks);
    // Step k holds the blocks in use before the run plus those its steps 0..k took, and the tokens held
    // before it plus k × decodeSeqs.
    this.reservedTokenS += (usedBlocks * sums.spanS + sums.newBlockS) * kv.blockSizeTokens;
    this.heldTokenS += heldTokens * sums.spanS + run.decodeSeqs * sums.stepIndexS;
    this.privateTokens += sums.count * run.decodeSeqs;
    this.lastObservedS = run.endS(run.last);
    return true;
  }

  /** Tokens were computed into `request`'s own blocks. */
  addTokens(tokens: number): void {
    this.privateTokens += tokens;
  }

  /** After a prefill chunk of `request`: a producer that has computed its prefix hands it to the cache. */
  afterPrefill(request: Request): void {
    const moved = this.prefix?.afterPrefill(request) ?? 0;
    this.privateTokens -= moved * this.kv.blockSizeTokens;
  }

  /** Free `request`'s blocks and drop its prefix reference (completed, or preempted by recompute). */
  release(request: Request): void {
    this.kv.release(request.kvBlocks);
    this.privateTokens -= request.contextTokens - request.sharedTokens;
    request.kvBlocks = 0;
    this.prefix?.release(request);
  }

  /**
   * The request leaves with its blocks (handed to another replica, which frees them itself): its tokens stop
   * counting here and it drops its prefix reference, whose blocks stay cached.
   */
  detach(request: Request): void {
    this.privateTokens -= request.contextTokens - request.sharedTokens;
    this.prefix?.release(request);
  }

  /** A request arrived with its KV already in blocks reserved here (a KV transfer). */
  attach(request: Request): void {
    this.privateTokens += request.contextTokens - request.sharedTokens;
  }

  /**
   * Copy `request`'s own blocks to host memory and free them; a shared prefix stays referenced on the device.
   * False, and nothing changes, when swapping is off or host memory is full.
   */
  swapOut(request: Request): boolean {
    const swap = this.swap;
    const blocks = request.kvBlocks;
    if (swap === undefined || this.hostUsedBlocks + blocks > swap.capacityBlocks) return false;
    this.kv.release(blocks);
    this.privateTokens -= request.contextTokens - request.sharedTokens;
    this.hostUsedBlocks += blocks;
    if (this.hostUsedBlocks > this.hostPeakBlocks) this.hostPeakBlocks = this.hostUsedBlocks;
    this.swapOutBlocks += blocks;
    this.pendingSwapBlocks += blocks;
    request.swappedBlocks = blocks;
    request.kvBlocks = 0;
    this.prefix?.abandon(request);
    return true;
  }

  /** Seconds of host-link copying since the last call (the step being formed waits for it). */
  takeSwapSeconds(): number {
    const blocks = this.pendingSwapBlocks;
    this.pendingSwapBlocks = 0;
    return blocks === 0 || this.swap === undefined ? 0 : blocks * this.swap.secondsPerBlock;
  }

  /** Tokens whose KV is on the device now: requests' own context plus cached prefix blocks. */
  get heldTokens(): number {
    return this.privateTokens + (this.prefix?.cachedTokens ?? 0);
  }

  /** Integrate reserved and held tokens up to `nowS`; call before anything changes them. */
  observe(nowS: number): void {
    const dt = nowS - this.lastObservedS;
    if (dt > 0) {
      this.reservedTokenS += dt * this.kv.usedBlocks * this.kv.blockSizeTokens;
      this.heldTokenS += dt * this.heldTokens;
    }
    this.lastObservedS = nowS;
  }

  /** Share of reserved KV that held no token, time-averaged over the run (0 when nothing was reserved). */
  get wasteFraction(): number {
    return this.reservedTokenS > 0 ? Math.max(0, 1 - this.heldTokenS / this.reservedTokenS) : 0;
  }
}
