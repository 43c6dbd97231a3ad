/**
 * Something that holds blocks it can give back on demand: the prefix cache's blocks that no running sequence
 * references. They count as used, but an allocation that would otherwise fail takes them back first.
 */
export interface KvReclaimer {
  /** Blocks that `reclaim` could free now. */
  readonly reclaimableBlocks: number;
  /** Free at least `blocks` blocks (given back through `release`), fewer only if it holds fewer. */
  reclaim(blocks: number): void;
}

/**
 * PagedAttention block accounting for one replica: the KV cache is `totalBlocks` blocks of `blockSizeTokens`
 * tokens. Sequences take whole blocks as they grow and give them back when they finish or are preempted.
 */
export class KvBlockManager {
  private used = 0;
  private peak = 0;
  private reclaimer: KvReclaimer | undefined;

  constructor(
    readonly totalBlocks: number,
    readonly blockSizeTokens: number,
    /** Free blocks kept back when admitting a new sequence, so running ones can grow (vLLM's watermark). */
    readonly watermarkBlocks: number,
  ) {
    if (!Number.isInteger(totalBlocks) || totalBlocks < 0) throw new Error(`internal: KV totalBlocks ${totalBlocks}`);
    if (!Number.isInteger(blockSizeTokens) || blockSizeTokens < 1) {
      throw new Error(`internal: KV blockSizeTokens ${blockSizeTokens}`);
    }
  }

  /** Let `reclaimer` give back blocks when an allocation would fail (one reclaimer per manager). */
  setReclaimer(reclaimer: KvReclaimer): void {
    this.reclaimer = reclaimer;
  }

  /** Blocks in use that a reclaimer could give back on demand (cached, unreferenced). */
  get reclaimableBlocks(): number {
    return this.reclaimer?.reclaimableBlocks ?? 0;
  }

  /** Blocks that hold `tokens` tokens. */
  blocksFor(tokens: number): number {
    return Math.ceil(tokens / this.blockSizeTokens);
  }

  get usedBlocks(): number {
    return this.used;
  }

  get freeBlocks(): number {
    return this.totalBlocks - this.used;
  }

  get peakUsedBlocks(): number {
    return this.peak;
  }

  /** Can a new sequence take `blocks` blocks and still leave the watermark free (reclaimable blocks count as free)? */
  canAdmit(blocks: number): boolean {
    return this.freeBlocks + this.reclaimableBlocks - blocks >= this.watermarkBlocks;
  }

  /**
   * Take `blocks` blocks if they are free, reclaiming cached blocks first if that makes enough free; false
   * (and nothing taken or reclaimed) otherwise.
   */
  allocate(blocks: number): boolean {
    if (blocks > this.freeBlocks) {
      if (this.reclaimer === undefined || blocks > this.freeBlocks + this.reclaimer.reclaimableBlocks) return false;
      this.reclaimer.reclaim(blocks - this.freeBlocks);
      if (blocks > this.freeBlocks) return false;
    }
    this.used += blocks;
    if (this.used > this.peak) this.peak = this.used;
    return true;
  }

  release(blocks: number): void {
    if (blocks > this.used) throw new Error(`internal: releasing ${blocks} KV blocks with ${this.used} in use`);
    this.used -= blocks;
  }
}
