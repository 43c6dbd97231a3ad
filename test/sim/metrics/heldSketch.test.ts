import { DDSketch } from "@datadog/sketches-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeldSketch } from "../../../sim/metrics/heldSketch.ts";
import { SKETCH_RELATIVE_ACCURACY } from "../../../sim/metrics/quantiles.ts";

const mapping = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY }).mapping;
/** The upper edge of `v`'s bucket. */
const edge = (v: number): number => (mapping.value(mapping.key(v)) * (1 + mapping.gamma)) / 2;

/** How the next value comes from the last: a small drift (a stretch's gaps), a jump, a bucket edge, or zero. */
const move = fc.oneof(
  fc.record({ kind: fc.constant("drift" as const), factor: fc.double({ min: 0.997, max: 1.003, noNaN: true }) }),
  fc.record({ kind: fc.constant("jump" as const), to: fc.double({ min: 1e-5, max: 10, noNaN: true }) }),
  fc.record({ kind: fc.constant("back" as const) }),
  fc.record({ kind: fc.constant("edge" as const), side: fc.integer({ min: -2, max: 2 }) }),
  fc.record({ kind: fc.constant("zero" as const) }),
);

describe("held sketch", () => {
  it("gives the quantiles of a sketch that accepted every value at once, with values alternating between buckets", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(move, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 300, size: "max" }), (moves) => {
        const held = new HeldSketch(SKETCH_RELATIVE_ACCURACY);
        const reference = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
        let v = 0.02;
        let before = 0.3;
        for (const [m, weight] of moves) {
          const last = v;
          if (m.kind === "drift") v *= m.factor;
          else if (m.kind === "jump") v = m.to;
          else if (m.kind === "back") v = before;
          else if (m.kind === "edge") v = edge(v) * (1 + m.side * Number.EPSILON);
          if (v !== last) before = last;
          const value = m.kind === "zero" ? 0 : v;
          held.add(value, weight);
          reference.accept(value, weight);
        }
        held.flush();
        expect(held.sketch.count).toBe(reference.count);
        for (let q = 0; q <= 1; q += 0.01) expect(held.sketch.getValueAtQuantile(q)).toBe(reference.getValueAtQuantile(q));
      }),
    );
  });

  it("keeps apart buckets whose keys are 512 apart (the same slot of its cache of bounds)", () => {
    const held = new HeldSketch(SKETCH_RELATIVE_ACCURACY);
    const reference = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
    const low = 0.01;
    const high = mapping.value(mapping.key(low) + 512);
    for (let i = 0; i < 40; i++) {
      for (const value of [low, high, low * 1.001, high * 0.999]) {
        held.add(value, 1 + (i % 3));
        reference.accept(value, 1 + (i % 3));
      }
    }
    held.flush();
    for (let q = 0; q <= 1; q += 0.05) expect(held.sketch.getValueAtQuantile(q)).toBe(reference.getValueAtQuantile(q));
  });

  it("keeps what it held through a flush and goes on holding after it", () => {
    const held = new HeldSketch(SKETCH_RELATIVE_ACCURACY);
    held.add(0.02, 40);
    held.add(0.0201, 3);
    held.flush();
    expect(held.sketch.count).toBe(43);
    held.add(0.0202, 2);
    held.add(5, 1);
    held.flush();
    held.flush();
    expect(held.sketch.count).toBe(46);
    expect(held.sketch.getValueAtQuantile(1)).toBeCloseTo(5, 1);
  });
});
