/**
 * The largest gap over the steps after a given one, for steps that end in order: `push(step, gapS)` as each
 * ends, `after(s)` for the largest gap of the steps after `s` pushed so far. A stack of the steps no later step
 * outgaps (steps rising, gaps falling) answers in O(log n) by binary search, and pushes in amortized O(1).
 * Consecutive steps may be pushed as one entry, keyed by the last of them with their largest gap, as long as
 * `after` and `dropThrough` are never asked about a step strictly inside them (a decode run: decodeStretch.ts).
 */
export class StepGapMax {
  private readonly steps: number[] = [];
  private readonly gapsS: number[] = [];
  /** Entries before `head` were dropped; `top` is one past the last. */
  private head = 0;
  private top = 0;

  push(step: number, gapS: number): void {
    while (this.top > this.head && this.gapsS[this.top - 1]! <= gapS) this.top--;
    this.steps[this.top] = step;
    this.gapsS[this.top++] = gapS;
  }

  /** The largest gap of the steps after `step` (0 when there are none). */
  after(step: number): number {
    let lo = this.head;
    let hi = this.top;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.steps[mid]! > step) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.top ? this.gapsS[lo]! : 0;
  }

  /** Forget the steps up to `step` (no later `after` asks about them). */
  dropThrough(step: number): void {
    while (this.head < this.top && this.steps[this.head]! <= step) this.head++;
    if (this.head > 1024 && this.head * 2 > this.top) {
      this.steps.copyWithin(0, this.head, this.top);
      this.gapsS.copyWithin(0, this.head, this.top);
      this.top -= this.head;
      this.head = 0;
    }
  }

  clear(): void {
    this.head = 0;
    this.top = 0;
  }
}
