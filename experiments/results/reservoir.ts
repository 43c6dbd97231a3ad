import seedrandom from "seedrandom";

/**
 * A uniform random sample of at most `size` items from a stream of unknown length (Vitter's algorithm R),
 * drawn from its own seeded stream so the same run gives the same sample.
 */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  private readonly uniform: () => number;

  constructor(
    private readonly size: number,
    seed: string,
  ) {
    this.uniform = seedrandom.alea(seed);
  }

  offer(item: T): void {
    this.seen++;
    if (this.items.length < this.size) {
      this.items.push(item);
      return;
    }
    const j = Math.floor(this.uniform() * this.seen);
    if (j < this.size) this.items[j] = item;
  }
}
