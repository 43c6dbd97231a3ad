import { describe, expect, it } from "vitest";
import { decimate } from "../../viz/plot.ts";

describe("decimate", () => {
  it("keeps first, lowest, highest and last point of each pixel column", () => {
    const pts = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((x, i) => [x, [5, 9, 1, 7, 3, 4][i]!] as const);
    expect(decimate(pts)).toEqual([
      [0.1, 5],
      [0.2, 9],
      [0.3, 1],
      [0.6, 4],
    ]);
  });

  it("leaves short columns and gaps alone", () => {
    const pts = [[0, 1] as const, undefined, [1.5, 2] as const, [2.5, 3] as const];
    expect(decimate(pts)).toEqual(pts);
  });
});
