import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minFrom, selectInPlace, selectWeightedInPlace } from "../../../sim/metrics/select.ts";

/** Arrays with many repeated values as well as spread ones (no −0: selection counts it equal to +0, a sort puts it first). */
const values = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0)),
  { minLength: 1, maxLength: 300, size: "max" },
);

describe("selecting an order statistic", () => {
  it("puts at k the value a sort puts there, nothing greater before it and nothing smaller after it", () => {
    fc.assert(
      fc.property(values, fc.nat(), (list, seed) => {
        const a = Float64Array.from(list);
        const sorted = Float64Array.from(list).sort();
        const k = seed % a.length;
        selectInPlace(a, k);
        expect(a[k]).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]!);
        for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]!);
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(sorted));
      }),
    );
  });

  it("selects within a range, leaving the rest alone", () => {
    const a = Float64Array.from([9, 8, 5, 1, 4, 3, 2, 0]);
    // a[2..6] is 5, 1, 4, 3, 2: sorted 1, 2, 3, 4, 5, so index 3 gets 2.
    selectInPlace(a, 3, 2, 6);
    expect([a[0], a[1], a[7]]).toEqual([9, 8, 0]);
    expect(a[3]).toBe(2);
  });

  it("stays right on inputs that defeat its pivots (organ-pipe ones reach its sort fallback)", () => {
    // Sawtooth and organ-pipe inputs drive median-of-three quickselect towards its quadratic case.
    for (const make of [(i: number) => i % 7, (i: number) => (i < 5000 ? i : 10000 - i), (i: number) => (i % 2 === 0 ? i : -i)]) {
      const list = Array.from({ length: 10000 }, (_, i) => make(i));
      const sorted = Float64Array.from(list).sort();
      for (const k of [0, 4999, 9000, 9999]) {
        const a = Float64Array.from(list);
        selectInPlace(a, k);
        expect(a[k]).toBe(sorted[k]);
      }
    }
  });

  it("finds rank k of a weighted sample as a sort of the repeated values does, resuming from a lower rank", () => {
    const pairs = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0)), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 200, size: "max" });
    fc.assert(
      fc.property(pairs, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (list, seeds) => {
        const expanded = list.flatMap(([v, w]) => new Array<number>(w).fill(v)).sort((x, y) => x - y);
        const ranks = seeds.map((s) => s % expanded.length).sort((x, y) => x - y);
        const values = Float64Array.from(list, ([v]) => v);
        const weights = Float64Array.from(list, ([, w]) => w);
        const resumed = { value: 0, from: 0, weightBefore: 0 };
        for (const k of ranks) {
          selectWeightedInPlace(values, weights, k, resumed);
          expect(resumed.value).toBe(expanded[k]);
          // From scratch on a copy of the rearranged pairs, too (a selection from the start would permute pairs
          // across the resume point): the pairs are only ever permuted together.
          const fresh = { value: 0, from: 0, weightBefore: 0 };
          selectWeightedInPlace(values.slice(), weights.slice(), k, fresh);
          expect(fresh.value).toBe(expanded[k]);
        }
        const pairsAfter = Array.from(values, (v, i) => [v, weights[i]!]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
        expect(pairsAfter).toEqual(list.map(([v, w]) => [v, w]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
      }),
    );
  });

  it("finds weighted ranks on inputs that defeat its pivots (organ-pipe ones reach its sort fallback)", () => {
    // The organ pipe's two halves interleave (even values rising, odd ones falling), so neighbours differ.
    for (const make of [(i: number) => i % 7, (i: number) => (i < 5000 ? 2 * i : 2 * (10000 - i) + 1), (i: number) => (i % 2 === 0 ? i : -i)]) {
      const list = Array.from({ length: 10000 }, (_, i) => make(i));
      const weightOf = (i: number): number => 1 + (i % 3);
      const expanded = list.flatMap((v, i) => new Array<number>(weightOf(i)).fill(v)).sort((x, y) => x - y);
      for (let k = 0; k < expanded.length; k += k < 9850 || k > 10150 ? 997 : 1) {
        // Each rank from scratch (many of the organ pipe's end in the fallback), then higher ones resumed from it.
        const [values, weights] = [Float64Array.from(list), Float64Array.from(list, (_, i) => weightOf(i))];
        const into = { value: 0, from: 0, weightBefore: 0 };
        selectWeightedInPlace(values, weights, k, into);
        expect(into.value).toBe(expanded[k]);
        for (const next of [k + 1, k + 7, k + 500].filter((r) => r < expanded.length)) {
          selectWeightedInPlace(values, weights, next, into);
          expect(into.value).toBe(expanded[next]);
        }
      }
    }
  });

  it("finds the smallest value from an index on", () => {
    expect(minFrom(Float64Array.from([1, 5, 3, 4]), 1)).toBe(3);
    expect(minFrom(Float64Array.from([1]), 1)).toBe(Number.POSITIVE_INFINITY);
  });
});
