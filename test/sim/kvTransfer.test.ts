import { describe, expect, it } from "vitest";
import { SharedLink } from "../../sim/kvTransfer.ts";

describe("SharedLink", () => {
  it("sends one transfer at the full bandwidth", () => {
    const link = new SharedLink<string>(100, 0.5);
    link.start(0, 1000, "a");
    expect(link.nextFinishS()).toBeCloseTo(10, 12);
    expect(link.finish(10)).toEqual(["a"]);
    expect(link.inFlight).toBe(0);
  });

  it("shares the bandwidth equally between overlapping transfers", () => {
    const link = new SharedLink<string>(100, 0);
    link.start(0, 1000, "a");
    link.start(5, 1000, "b");
    // From t=5 each gets 50 B/s: a has 500 B left (done at 15), b then has 500 B left alone (done at 20).
    expect(link.nextFinishS()).toBeCloseTo(15, 12);
    expect(link.finish(15)).toEqual(["a"]);
    expect(link.nextFinishS()).toBeCloseTo(20, 12);
    expect(link.finish(20)).toEqual(["b"]);
  });

  it("reports nothing finished before its time", () => {
    const link = new SharedLink<string>(100, 0);
    link.start(0, 1000, "a");
    expect(link.finish(9)).toEqual([]);
    expect(link.nextFinishS()).toBeCloseTo(10, 12);
  });
});

describe("SharedLink at large simulated times", () => {
  it("finishes a transfer whose last bytes take less time than the clock can resolve", () => {
    // At t ≈ 5e4 s one float step is ~7e-12 s, i.e. a few bytes at 450 GB/s: the check must not wait for them.
    const link = new SharedLink<string>(4.5e11, 0);
    // Found by search: after the first check 1.4 bytes remain, and 1.4 B / 450 GB/s rounds to nothing at this time.
    const startS = 50_000.0274;
    link.start(startS, 22_801_954, "a");
    let nowS = link.nextFinishS();
    let checks = 0;
    let done: string[] = link.finish(nowS);
    while (done.length === 0 && checks < 5) {
      nowS = Math.max(link.nextFinishS(), nowS);
      done = link.finish(nowS);
      checks++;
    }
    expect(done).toEqual(["a"]);
    expect(checks).toBeLessThan(2);
  });
});
