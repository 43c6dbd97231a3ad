import { RequestTally } from "./summarize.ts";

/** No part holds every request tallied so far (or none was tallied yet, when `started` is false). */
const NONE = -1;

/**
 * The tallies of the parts of a whole (its pools, or its classes): each request the whole tallies goes to at
 * most one part. While every request went to the same part, that part's tally is the whole's own, not a second
 * copy of every value; once another part (or none) gets one, it gets a copy of the whole's as it was, and the
 * two go on apart. A run with one pool, or one class, so tallies each request once, not three times.
 */
export class PartTallies {
  private readonly tallies: (RequestTally | undefined)[] = [];
  private sole = NONE;
  private started = false;

  constructor(private readonly whole: RequestTally) {}

  /** Before the whole tallies a request of `part` (NONE: of no part). */
  beforeWhole(part: number): void {
    if (!this.started) {
      this.started = true;
      this.sole = part;
      return;
    }
    if (part === this.sole || this.sole === NONE) return;
    this.tallies[this.sole] = this.whole.copy();
    this.sole = NONE;
  }

  /** The tally a request of `part` goes to after the whole's, or undefined when the whole's is that part's. */
  own(part: number): RequestTally | undefined {
    if (part === NONE || part === this.sole) return undefined;
    return (this.tallies[part] ??= new RequestTally());
  }

  /** The tally of `part` (empty when none of its requests was tallied). */
  of(part: number): RequestTally {
    if (part === this.sole && part !== NONE) return this.whole;
    return this.tallies[part] ?? new RequestTally();
  }

  /** The parts that have a tally: the highest that got a request, plus one. */
  get count(): number {
    return Math.max(this.tallies.length, this.sole + 1);
  }
}
