import { describe, expect, it } from "vitest";
import { allReduceS, sendS } from "../../../hardware/cost/collectives.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";

const NVLINK4 = DEVICES["h100-sxm"]!.scaleUp; // 900 GB/s both ways, 2 µs per hop

describe("collectives", () => {
  it("costs nothing on one device", () => {
    expect(allReduceS(1e6, 1, NVLINK4, 1, 1e-5)).toBe(0);
  });

  it("moves 2(n−1)/n of the message one way at half the bidirectional bandwidth, over 2⌈log2 n⌉ hops", () => {
    const messageBytes = 64e6;
    const expected = 10e-6 + 6 * 2e-6 + ((2 * 7) / 8) * messageBytes / 450e9;
    expect(allReduceS(messageBytes, 8, NVLINK4, 1, 10e-6)).toBeCloseTo(expected, 12);
  });

  it("sends between pipeline stages in one hop", () => {
    expect(sendS(450e6, NVLINK4, 1)).toBeCloseTo(2e-6 + 1e-3, 12);
  });
});
