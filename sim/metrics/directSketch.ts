import { DDSketch } from "@datadog/sketches-js";

/**
 * A DDSketch fed one value at a time, for values that seldom share a bucket with the one before (each request's
 * latencies): every value in the mapping's range costs one key and one bucket count, as in `HeldSketch.release`
 * (for those the sketch's own sum, min and max are not kept: its owner keeps them), and any other value goes to
 * the sketch's `accept`, as in `HeldSketch.hold`. So with whole-number weights the sketch holds what a HeldSketch
 * fed the same values would hold. A HeldSketch's buckets would nearly always miss for such values, and its
 * cache of bucket bounds would cost a power and two more logarithms where a slot changes.
 */
export class DirectSketch {
  readonly sketch: DDSketch;

  constructor(relativeAccuracy: number) {
    this.sketch = new DDSketch({ relativeAccuracy });
  }

  add(value: number, weight: number): void {
    const sketch = this.sketch;
    const m = sketch.mapping;
    if (!(value > m.minPossible && value < m.maxPossible)) {
      sketch.accept(value, weight);
      return;
    }
    sketch.store.add(m.key(value), weight);
    sketch.count += weight;
  }

  /** Nothing is held: the sketch is always up to date. */
  flush(): void {}
}
