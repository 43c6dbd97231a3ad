import seedrandom from "seedrandom";

/** A uniform random source on [0, 1), as d3-random's `.source()` expects. */
export type RandomSource = () => number;

/**
 * Named random streams: each stream is seeded from (seed, name), so adding a stream, or drawing more from
 * one, never shifts another. Traffic comes from `arrivals`, `promptTokens`, `outputTokens`; policies draw
 * from their own (`routing`, `acceptance`, ...). This is what gives common random numbers across variants.
 */
export class RandomStreams {
  readonly seed: number;
  private readonly streams = new Map<string, RandomSource>();

  constructor(seed: number) {
    this.seed = seed;
  }

  /** The stream with this name; the same name always returns the same stream object. */
  stream(name: string): RandomSource {
    let s = this.streams.get(name);
    if (s === undefined) {
      const prng = seedrandom.alea(`infersim:${this.seed}:${name}`);
      s = () => prng.double();
      this.streams.set(name, s);
    }
    return s;
  }
}
