import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../sim/rng.ts";

const draw = (f: () => number, n: number): number[] => Array.from({ length: n }, f);

describe("RandomStreams", () => {
  it("gives the same numbers for the same seed and stream name", () => {
    expect(draw(new RandomStreams(7).stream("arrivals"), 5)).toEqual(draw(new RandomStreams(7).stream("arrivals"), 5));
  });

  it("gives different numbers for different seeds", () => {
    expect(draw(new RandomStreams(7).stream("arrivals"), 5)).not.toEqual(draw(new RandomStreams(8).stream("arrivals"), 5));
  });

  it("keeps streams independent: drawing from one never shifts another", () => {
    const a = new RandomStreams(3);
    const b = new RandomStreams(3);
    draw(a.stream("routing"), 100);
    expect(draw(a.stream("arrivals"), 5)).toEqual(draw(b.stream("arrivals"), 5));
  });

  it("draws uniformly on [0, 1)", () => {
    const xs = draw(new RandomStreams(1).stream("u"), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    // Standard error of the mean of U(0,1) over 20k draws is 0.29/141 ≈ 0.002.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});
