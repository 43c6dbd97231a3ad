import { DDSketch } from "@datadog/sketches-js";

/** How far inside a sketch bucket's edges a held value must be (relative): far above the logarithm's error. */
const BUCKET_EDGE_MARGIN = 1e-9;

type Mapping = DDSketch["mapping"];

/** Buckets whose inner bounds a held sketch remembers (a power of two; key k in slot k mod this). */
const BOUNDS_SLOTS = 512;

/**
 * Bounds within which every value is in bucket `key` of `m`: the bucket's edges pulled in by BUCKET_EDGE_MARGIN,
 * where the mapping's own key confirms them (the key is monotonic in the value); an empty interval where not.
 * Written into `out` at `at` as (key, low, high).
 */
function innerBoundsInto(m: Mapping, key: number, out: Float64Array, at: number): void {
  const upperEdge = (m.value(key) * (1 + m.gamma)) / 2;
  const high = upperEdge * (1 - BUCKET_EDGE_MARGIN);
  const low = (upperEdge / m.gamma) * (1 + BUCKET_EDGE_MARGIN);
  const confirmed = low < high && m.key(low) === key && m.key(high) === key;
  out[at] = key;
  out[at + 1] = confirmed ? low : 0;
  out[at + 2] = confirmed ? high : 0;
}

/**
 * A DDSketch fed through two held buckets: a value in the bucket of one of the last two values that needed a
 * bucket only adds its weight there, and a held bucket's weight goes into the sketch when a value of a third
 * bucket evicts it (or at `flush`, before the sketch is read). A decode stretch's step gaps mostly fall in one
 * bucket, with other gaps between them, so most values skip the sketch's logarithm. The sketch's count per
 * bucket, hence its quantiles, are the same as with each value accepted at once; its own sum, min and max are
 * not kept (its owner keeps them).
 */
export class HeldSketch {
  readonly sketch: DDSketch;
  /** The bucket held last (A) and the one before (B): key, weight, and the bounds of values surely in it. */
  private keyA = 0;
  private weightA = 0;
  private lowA = 0;
  private highA = 0;
  private keyB = 0;
  private weightB = 0;
  private lowB = 0;
  private highB = 0;
  /**
   * Inner bounds of buckets seen, as (key, low, high) in slot key mod BOUNDS_SLOTS (NaN: none yet), so a value
   * of a bucket seen before costs one logarithm, as the sketch's own `accept` would.
   */
  private readonly bounds = new Float64Array(3 * BOUNDS_SLOTS).fill(Number.NaN);

  constructor(relativeAccuracy: number) {
    this.sketch = new DDSketch({ relativeAccuracy });
  }

  add(value: number, weight: number): void {
    if (value > this.lowA && value < this.highA) this.weightA += weight;
    else if (value > this.lowB && value < this.highB) this.weightB += weight;
    else this.hold(value, weight);
  }

  /** Put the held weights into the sketch (before it is read). */
  flush(): void {
    this.release(this.keyA, this.weightA);
    this.release(this.keyB, this.weightB);
    this.weightA = 0;
    this.weightB = 0;
  }

  /** Evict B, move A to B, and hold `value`'s bucket as A (or accept it at once where it has no bucket). */
  private hold(value: number, weight: number): void {
    const m = this.sketch.mapping;
    if (!(value > m.minPossible && value < m.maxPossible)) {
      this.sketch.accept(value, weight);
      return;
    }
    const key = m.key(value);
    const at = 3 * (key & (BOUNDS_SLOTS - 1));
    const bounds = this.bounds;
    if (bounds[at] !== key) innerBoundsInto(m, key, bounds, at);
    this.release(this.keyB, this.weightB);
    this.keyB = this.keyA;
    this.weightB = this.weightA;
    this.lowB = this.lowA;
    this.highB = this.highA;
    this.keyA = key;
    this.weightA = weight;
    this.lowA = bounds[at + 1]!;
    this.highA = bounds[at + 2]!;
  }

  private release(key: number, weight: number): void {
    if (weight <= 0) return;
    this.sketch.store.add(key, weight);
    this.sketch.count += weight;
  }
}
