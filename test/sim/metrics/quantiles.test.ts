import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { distributionOf } from "../../../sim/metrics/distribution.ts";
import { QuantileRecorder } from "../../../sim/metrics/quantiles.ts";

const KEYS = ["mean", "p50", "p90", "p95", "p99", "max"] as const;

function lognormalSample(n: number, seed: string): number[] {
  const uniform = seedrandom.alea(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Box–Muller: a log-normal latency-like sample (median 50, long tail).
    const z = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    out.push(50 * Math.exp(0.9 * z));
  }
  return out;
}

describe("quantile recorder", () => {
  it("while exact, gives the distribution of the values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60, size: "max" }), (values) => {
        const r = new QuantileRecorder();
        for (const v of values) r.add(v);
        const d = distributionOf(values);
        for (const key of KEYS) expect(r.distribution()[key]!).toBeCloseTo(d[key]!, 6);
        expect(r.approximate).toBe(false);
      }),
    );
  });

  it("adds a run of values as it adds them one by one, exact, across its limit and sketched", () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => 0.02 + 1e-4 * ((i * 37) % 101) + 1e-5 * i);
    const [byRun, byOne] = [new QuantileRecorder(50), new QuantileRecorder(50)];
    for (const q of [byRun, byOne]) for (let i = 0; i < 30; i++) q.add(0.001 * (1 + i));
    byRun.addRun(values, 100, 3);
    byRun.addRun(values.subarray(100), 100, 2);
    for (let i = 0; i < 100; i++) byOne.add(values[i]!, 3);
    for (let i = 100; i < 200; i++) byOne.add(values[i]!, 2);
    expect(byRun.approximate).toBe(true);
    expect(byRun.count).toBe(30 + 300 + 200);
    expect(byRun.sum).toBe(byOne.sum);
    // The largest value comes in the sketched run.
    expect(byRun.max).toBe(byOne.max);
    expect(byRun.max).toBe(Math.max(...values.subarray(100)));
    expect(byRun.max).toBeGreaterThan(Math.max(...values.subarray(0, 100)));
    expect(byRun.distribution()).toEqual(byOne.distribution());
  });

  it("gives weighted values the distribution of the values repeated", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 40 }), (pairs) => {
        const r = new QuantileRecorder();
        for (const [v, w] of pairs) r.add(v, w);
        const d = distributionOf(pairs.flatMap(([v, w]) => new Array<number>(w).fill(v)));
        for (const key of KEYS) expect(r.distribution()[key]!).toBeCloseTo(d[key]!, 6);
      }),
    );
  });

  it("gives weighted values the very percentiles a sort of the repeated values gives, whole weights or not", () => {
    const pairs = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1e4, noNaN: true })), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 300, size: "max" });
    fc.assert(
      fc.property(pairs, (list) => {
        const whole = new QuantileRecorder();
        for (const [v, w] of list) whole.add(v, w);
        // The same sample with each weight split into w − 1/2 and 1/2: not whole numbers, and halves add up
        // exactly in any order, so the percentiles must come out the same.
        const halves = new QuantileRecorder();
        for (const [v, w] of list) {
          halves.add(v, w - 0.5);
          halves.add(v, 0.5);
        }
        const { mean, ...percentiles } = whole.distribution();
        const { mean: sortedMean, ...sortedPercentiles } = distributionOf(list.flatMap(([v, w]) => new Array<number>(w).fill(v)));
        expect(percentiles).toEqual(sortedPercentiles);
        const { mean: halvesMean, ...halvesPercentiles } = halves.distribution();
        expect(halvesPercentiles).toEqual(sortedPercentiles);
        expect(mean).toBeCloseTo(sortedMean!, 6);
        expect(halvesMean).toBeCloseTo(sortedMean!, 6);
      }),
    );
  });

  it("with weights that do not add up exactly in any order, walks the pairs sorted by value, as its definition says", () => {
    /** Type-7 quantiles from the pairs sorted by value (ties in the order added) and their running weights. */
    const byDefinition = (pairs: readonly (readonly [number, number])[]): number[] => {
      const sorted = pairs.map(([v, w], i) => ({ v, w, i })).sort((a, b) => a.v - b.v || a.i - b.i);
      const running: number[] = [];
      let total = 0;
      for (const { w } of sorted) running.push((total += w));
      const at = (k: number): number => sorted[running.findIndex((c) => c > k)]!.v;
      return [0.5, 0.9, 0.95, 0.99].map((q) => {
        const h = (total - 1) * q;
        const lo = Math.floor(h);
        return lo + 1 >= total ? at(lo) : at(lo) + (h - lo) * (at(lo + 1) - at(lo));
      });
    };
    const recorded = (pairs: readonly (readonly [number, number])[]): number[] => {
      const r = new QuantileRecorder();
      for (const [v, w] of pairs) r.add(v, w);
      const d = r.distribution();
      return [d.p50!, d.p90!, d.p95!, d.p99!];
    };
    // Tenths: summed in another order than by value they can round apart (p90 4.4 against 4.3999999999999995).
    const tenths: [number, number][] = [[5, 1.1], [2, 0.1], [2, 0.7], [3, 1.1], [5, 0.3], [3, 0.7]];
    expect(recorded(tenths)).toEqual(byDefinition(tenths));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 19 }).map((t) => t / 10)), { minLength: 1, maxLength: 60, size: "max" }), (pairs) => {
        expect(recorded(pairs)).toEqual(byDefinition(pairs));
      }),
    );
    // Whole weights adding up past 2^53, where sums are no longer exact either (p50 0, not 1).
    const huge: [number, number][] = [[0, 2 ** 52 + 1], [1, 2 ** 52 + 1], [0, 1], [0, 2 ** 53], [4, 1], [1, 2 ** 53], [0, 3]];
    expect(recorded(huge)).toEqual(byDefinition(huge));
  });

  it("beyond its exact limit keeps percentiles within 1% of the exact ones, and mean and max exact", () => {
    const values = lognormalSample(50_000, "sketch");
    const r = new QuantileRecorder(1000);
    for (const v of values) r.add(v);
    expect(r.approximate).toBe(true);
    const exact = distributionOf(values);
    const got = r.distribution();
    for (const key of ["p50", "p90", "p95", "p99"] as const) {
      expect(Math.abs(got[key]! - exact[key]!) / exact[key]!).toBeLessThan(0.01);
    }
    expect(got.max).toBe(exact.max);
    expect(got.mean!).toBeCloseTo(exact.mean!, 6);
  });

  it("gives the same percentiles beyond its limit whether its sketch is fed directly or through held buckets", () => {
    const values = lognormalSample(5_000, "feeds");
    const direct = new QuantileRecorder(1000, "direct");
    const held = new QuantileRecorder(1000, "held");
    values.forEach((v, i) => {
      // Runs of near-equal values (a stretch's gaps) between scattered ones.
      const weight = 1 + (i % 4);
      for (const r of [direct, held]) r.add(v, weight);
      if (i % 5 === 0) for (let k = 1; k <= 6; k++) for (const r of [direct, held]) r.add(v * (1 + 1e-4 * k), 3);
    });
    expect(direct.approximate).toBe(true);
    expect(direct.distribution()).toEqual(held.distribution());
    for (const k of [0, 17, 2_500, direct.count - 1]) expect(direct.orderStatistic(k)).toBe(held.orderStatistic(k));
    const [directCopy, heldCopy] = [direct.copy(), held.copy()];
    directCopy.add(1e4);
    heldCopy.add(1e4);
    expect(directCopy.distribution()).toEqual(heldCopy.distribution());
  });

  it("merges exact and sketched samples into one", () => {
    const a = new QuantileRecorder(100);
    const b = new QuantileRecorder();
    const values = lognormalSample(2_000, "merge");
    values.forEach((v, i) => { (i % 2 === 0 ? a : b).add(v); });
    const all = new QuantileRecorder();
    all.merge(a);
    all.merge(b);
    expect(all.count).toBe(2_000);
    expect(all.approximate).toBe(true);
    expect(Math.abs(all.distribution().p50! - distributionOf(values).p50!) / distributionOf(values).p50!).toBeLessThan(0.01);
  });

  it("copies exact and sketched samples into recorders that then go on apart", () => {
    for (const limit of [10_000, 50]) {
      const original = new QuantileRecorder(limit);
      const values = lognormalSample(300, `copy ${limit}`);
      values.slice(0, 200).forEach((v, i) => { original.add(v, 1 + (i % 3)); });
      const copy = original.copy();
      const fresh = new QuantileRecorder(limit);
      values.slice(0, 200).forEach((v, i) => { fresh.add(v, 1 + (i % 3)); });
      values.slice(200).forEach((v) => { copy.add(v); fresh.add(v); });
      expect(copy.distribution()).toEqual(fresh.distribution());
      expect(copy.approximate).toBe(limit === 50);
      expect(original.count).toBe(values.slice(0, 200).reduce((n, _, i) => n + 1 + (i % 3), 0));
    }
  });

  it("while exact, gives the very percentiles a sort gives, and the order statistics", () => {
    const list = fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1e4, noNaN: true })), { minLength: 1, maxLength: 400, size: "max" });
    fc.assert(
      fc.property(list, (values) => {
        const r = new QuantileRecorder();
        for (const v of values) r.add(v);
        const { mean, ...percentiles } = r.distribution();
        const { mean: sortedMean, ...sortedPercentiles } = distributionOf(values);
        expect(percentiles).toEqual(sortedPercentiles);
        expect(mean).toBeCloseTo(sortedMean!, 6);
        const sorted = [...values].sort((a, b) => a - b);
        const k = Math.floor(values.length / 3);
        expect(r.orderStatistic(k)).toBe(sorted[k]);
      }),
    );
  });
});
