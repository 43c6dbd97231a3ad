import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "../../../experiments/stats/studentT.ts";

describe("Student's t distribution", () => {
  it("gives the two-sided 95 % critical values of the published tables", () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [4, 2.776],
      [5, 2.571],
      [10, 2.228],
      [30, 2.042],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it("approaches the normal distribution for many degrees of freedom", () => {
    expect(studentTQuantile(0.975, 100_000)).toBeCloseTo(1.96, 2);
  });

  it("is symmetric around zero and inverts its CDF", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 10);
    expect(studentTCdf(studentTQuantile(0.9, 3), 3)).toBeCloseTo(0.9, 9);
  });

  it("returns NaN outside (0, 1) or without degrees of freedom", () => {
    expect(studentTQuantile(1, 3)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
  });
});
