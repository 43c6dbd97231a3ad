import { DDSketch } from "@datadog/sketches-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuantileRecorder, SKETCH_RELATIVE_ACCURACY } from "../../../sim/metrics/quantiles.ts";
import { mergeSketch } from "../../../sim/metrics/sketchMerge.ts";

const newSketch = (): DDSketch => new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });

function sketchOf(values: readonly number[]): DDSketch {
  const s = newSketch();
  for (const v of values) s.accept(v);
  return s;
}

/** The value at each percentile, and the count. */
function shape(s: DDSketch): number[] {
  return [s.count, s.zeroCount, ...Array.from({ length: 101 }, (_, k) => s.getValueAtQuantile(k / 100))];
}

/** Values around 1, where the sketch's key is 0, and far below and above it. */
const value = fc.oneof(
  fc.double({ min: 1e-4, max: 1e3, noNaN: true }),
  fc.double({ min: 0.99, max: 1, noNaN: true }),
  fc.constant(1),
  fc.constant(0),
);

describe("sketch merge", () => {
  it("keeps a top bucket of key 0 merged into a sketch whose keys are all below it", () => {
    const into = sketchOf([0.001]);
    mergeSketch(into, sketchOf([0.5, 1]));
    expect(into.getValueAtQuantile(1)).toBeCloseTo(1, 2);
    expect(shape(into)).toEqual(shape(sketchOf([0.001, 0.5, 1])));
  });

  it("gives the sketch of all the values, into an empty sketch or not", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60, size: "max" }), fc.array(value, { maxLength: 60, size: "max" }), (a, b) => {
        const into = sketchOf(a);
        mergeSketch(into, sketchOf(b));
        expect(shape(into)).toEqual(shape(sketchOf([...a, ...b])));
        expect(into.sum).toBeCloseTo(sketchOf([...a, ...b]).sum, 9);
      }),
    );
  });

  it("lets sketched recorders merge into the recorder of all their values", () => {
    const low = Array.from({ length: 300 }, (_, i) => 0.001 * (1 + (i % 50)));
    // Its keys run from below 0 up to 0 (values just under 1).
    const nearOne = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 0.3 : 0.9905 + 0.00003 * i));
    const [a, b, all] = [new QuantileRecorder(100), new QuantileRecorder(100), new QuantileRecorder(100)];
    for (const v of low) {
      a.add(v);
      all.add(v);
    }
    for (const v of nearOne) {
      b.add(v);
      all.add(v);
    }
    const merged = new QuantileRecorder(100);
    merged.merge(a);
    merged.merge(b);
    const { mean, ...percentiles } = merged.distribution();
    const { mean: allMean, ...allPercentiles } = all.distribution();
    expect(percentiles).toEqual(allPercentiles);
    expect(mean).toBeCloseTo(allMean!, 12);
    expect(percentiles.p99).toBeGreaterThan(0.98);
    expect(merged.count).toBe(600);
  });
});
