import { describe, expect, it } from "vitest";
import { FIXED_LENGTHS, cv, interArrivals, mean, requestsOf } from "./helpers.ts";

/*
 * Tolerances are five standard errors, so a correct sampler passes with overwhelming probability whatever the
 * seed (and the seed is fixed, so the test is deterministic). For inter-arrivals Gamma(k, θ) over n draws:
 * the mean has standard error (1/rate)/√n·cv, and the delta method on CV = s / x̄, with Var(s²) ≈ (μ4 − σ⁴)/n
 * and Cov(x̄, s²) ≈ μ3/n, gives SE(CV) ≈ √((k + 1) / (2k²n)) with shape k = 1/cv²; for the exponential (k = 1)
 * that is 1/√n.
 */
const cvStandardError = (targetCv: number, n: number): number => {
  const k = 1 / targetCv ** 2;
  return Math.sqrt((k + 1) / (2 * k * k * n));
};

describe("open-loop arrival processes", () => {
  it("Poisson inter-arrivals have mean 1/rate and CV 1 over 20k draws", () => {
    const n = 20_000;
    const ratePerS = 4;
    const gaps = interArrivals(requestsOf({ maxRequests: n, arrival: { kind: "poisson", ratePerS }, ...FIXED_LENGTHS }));
    expect(gaps).toHaveLength(n);
    expect(Math.abs(mean(gaps) - 1 / ratePerS)).toBeLessThan((5 * (1 / ratePerS)) / Math.sqrt(n));
    expect(Math.abs(cv(gaps) - 1)).toBeLessThan(5 * cvStandardError(1, n));
  });

  it.each([0.5, 3])("Gamma inter-arrivals with cv %s have that CV and mean 1/rate", (targetCv) => {
    const n = 100_000;
    const ratePerS = 2;
    const gaps = interArrivals(requestsOf({ maxRequests: n, arrival: { kind: "gamma", ratePerS, cv: targetCv }, ...FIXED_LENGTHS }));
    expect(Math.abs(mean(gaps) - 1 / ratePerS)).toBeLessThan((5 * targetCv) / ratePerS / Math.sqrt(n));
    // cv 3: SE ≈ √(45/n) ≈ 0.021, so the band is about ±0.11.
    expect(Math.abs(cv(gaps) - targetCv)).toBeLessThan(5 * cvStandardError(targetCv, n));
  });

  it("Gamma with cv 1 draws the same arrivals as Poisson under the same seed", () => {
    const poisson = requestsOf({ maxRequests: 500, arrival: { kind: "poisson", ratePerS: 3 }, ...FIXED_LENGTHS });
    const gamma = requestsOf({ maxRequests: 500, arrival: { kind: "gamma", ratePerS: 3, cv: 1 }, ...FIXED_LENGTHS });
    gamma.forEach((r, i) => {
      expect(r.arrivalS).toBeCloseTo(poisson[i]!.arrivalS, 9);
    });
  });

  it("deterministic arrivals are exactly 1/rate apart, the first at 1/rate", () => {
    const ratePerS = 7;
    const requests = requestsOf({ maxRequests: 1000, arrival: { kind: "deterministic", ratePerS }, ...FIXED_LENGTHS });
    requests.forEach((r, i) => {
      expect(r.arrivalS).toBe((i + 1) / ratePerS);
    });
  });

  it("deterministic arrivals at 10/s for 1 s give exactly 10 requests, the last at 1 s", () => {
    const requests = requestsOf({ durationS: 1, arrival: { kind: "deterministic", ratePerS: 10 }, ...FIXED_LENGTHS });
    expect(requests.map((r) => r.arrivalS)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it.each(["poisson", "gamma", "deterministic"] as const)("%s arrivals stop at durationS", (kind) => {
    const arrival = kind === "gamma" ? { kind, ratePerS: 50, cv: 2 } : { kind, ratePerS: 50 };
    const requests = requestsOf({ durationS: 20, arrival, ...FIXED_LENGTHS });
    expect(requests.length).toBeGreaterThan(800);
    expect(requests.length).toBeLessThan(1200);
    expect(Math.max(...requests.map((r) => r.arrivalS))).toBeLessThanOrEqual(20);
    requests.slice(1).forEach((r, i) => {
      expect(r.arrivalS).toBeGreaterThanOrEqual(requests[i]!.arrivalS);
    });
  });

  it.each(["poisson", "gamma", "deterministic"] as const)("%s arrivals stop at maxRequests even before durationS", (kind) => {
    const arrival = kind === "gamma" ? { kind, ratePerS: 50, cv: 2 } : { kind, ratePerS: 50 };
    expect(requestsOf({ durationS: 1000, maxRequests: 37, arrival, ...FIXED_LENGTHS })).toHaveLength(37);
  });
});
