/**
 * PagedAttention block accounting for one replica: the KV cache is `totalBlocks` blocks of `blockSizeTokens`
 * tokens. Sequences take whole blocks as they grow and give them back when they finish or are preempted.
 */
export class KvBlockManager {
  private used = 0;
  private peak = 0;

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

  /** Can a new sequence take `blocks` blocks and still leave the watermark free? */
  canAdmit(blocks: number): boolean {
    return this.freeBlocks - blocks >= this.watermarkBlocks;
  }

  /** Take `blocks` blocks if they are free; false (and nothing taken) otherwise. */
  allocate(blocks: number): boolean {
    if (blocks > this.freeBlocks) return false;
    this.used += blocks;
    if (this.used > this.peak) this.peak = this.used;
    return true;
  }

  release(blocks: number): void {
    if (blocks > this.used) throw new Error(`internal: releasing ${blocks} KV blocks with ${this.used} in use`);
    this.used -= blocks;
  }
}
