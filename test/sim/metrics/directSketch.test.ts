import { DDSketch } from "@datadog/sketches-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DirectSketch } from "../../../sim/metrics/directSketch.ts";
import { HeldSketch } from "../../../sim/metrics/heldSketch.ts";
import { SKETCH_RELATIVE_ACCURACY } from "../../../sim/metrics/quantiles.ts";

/** Values as per-request latencies come: scattered over decades, with zeros, tiny values and repeats. */
const value = fc.oneof(
  fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
  fc.constant(0),
  fc.constant(Number.MIN_VALUE),
  fc.constant(42.5),
);

/** A sketch's non-empty buckets as (key, count), lowest key first, whatever its store's offset. */
function buckets(sketch: DDSketch): [number, number][] {
  const store = sketch.store;
  const out: [number, number][] = [];
  for (let key = store.minKey; key <= store.maxKey; key++) {
    const count = store.bins[key - store.offset] ?? 0;
    if (count !== 0) out.push([key, count]);
  }
  return out;
}

describe("direct sketch", () => {
  it("holds the buckets and count of a sketch that accepted the values, and of a held sketch fed the same", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 300, size: "max" }), (pairs) => {
        const direct = new DirectSketch(SKETCH_RELATIVE_ACCURACY);
        const held = new HeldSketch(SKETCH_RELATIVE_ACCURACY);
        const reference = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
        for (const [v, weight] of pairs) {
          direct.add(v, weight);
          held.add(v, weight);
          reference.accept(v, weight);
        }
        direct.flush();
        held.flush();
        expect(buckets(direct.sketch)).toEqual(buckets(reference));
        expect(buckets(direct.sketch)).toEqual(buckets(held.sketch));
        expect(direct.sketch.count).toBe(reference.count);
        expect(direct.sketch.zeroCount).toBe(reference.zeroCount);
        for (let k = 0; k <= 100; k++) {
          const q = k / 100;
          expect(direct.sketch.getValueAtQuantile(q)).toBe(reference.getValueAtQuantile(q));
          expect(direct.sketch.getValueAtQuantile(q)).toBe(held.sketch.getValueAtQuantile(q));
        }
      }),
    );
  });
});
