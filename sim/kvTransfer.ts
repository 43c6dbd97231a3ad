/**
 * A link that carries KV-cache transfers from a prefill pool to a decode pool. Transfers in flight share its
 * bandwidth equally (processor sharing), so two overlapping transfers each take twice as long; each also pays
 * the link's latency once its bytes are through.
 */
export class SharedLink<T> {
  private readonly active: { remainingBytes: number; readonly payload: T }[] = [];
  private lastUpdateS = 0;

  constructor(
    /** One-direction bandwidth available to the transfers. */
    readonly bandwidthBytesPerS: number,
    readonly latencyS: number,
  ) {
    if (!(bandwidthBytesPerS > 0)) throw new Error(`internal: link bandwidth ${bandwidthBytesPerS}`);
  }

  get inFlight(): number {
    return this.active.length;
  }

  /** Bring every transfer's remaining bytes up to `nowS`. */
  private advance(nowS: number): void {
    const n = this.active.length;
    if (n > 0) {
      const sentBytes = ((nowS - this.lastUpdateS) * this.bandwidthBytesPerS) / n;
      for (const t of this.active) t.remainingBytes -= sentBytes;
    }
    this.lastUpdateS = nowS;
  }

  /** Start sending `bytes` at `nowS`. */
  start(nowS: number, bytes: number, payload: T): void {
    this.advance(nowS);
    this.active.push({ remainingBytes: bytes, payload });
  }

  /**
   * Transfers whose bytes are all through at `nowS`, removed from the link. "All through" is to within a byte,
   * or within what the clock can still resolve at `nowS` (at large times a few bytes' worth of time rounds to
   * nothing, and waiting for them would schedule the same instant forever).
   */
  finish(nowS: number): T[] {
    this.advance(nowS);
    const n = this.active.length;
    const done: T[] = [];
    for (let i = this.active.length - 1; i >= 0; i--) {
      const left = this.active[i]!.remainingBytes;
      if (left <= 1 || nowS + (left * n) / this.bandwidthBytesPerS <= nowS) {
        done.push(this.active.splice(i, 1)[0]!.payload);
      }
    }
    return done.reverse();
  }

  /** When the next transfer's bytes will be through, if nothing starts meanwhile; NaN when idle. */
  nextFinishS(): number {
    if (this.active.length === 0) return Number.NaN;
    let least = Number.POSITIVE_INFINITY;
    for (const t of this.active) least = Math.min(least, t.remainingBytes);
    return this.lastUpdateS + (Math.max(0, least) * this.active.length) / this.bandwidthBytesPerS;
  }
}
