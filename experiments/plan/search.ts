/**
 * The smallest whole n in [1, max] for which `feasible(n)` holds, assuming feasibility only grows with n: double
 * from 1 until feasible, then bisect. The returned n was found feasible and, when n > 1, n − 1 was found
 * infeasible (both were evaluated). Null when even `max` is infeasible.
 */
export async function smallestFeasible(feasible: (n: number) => Promise<boolean>, max: number): Promise<number | null> {
  let lo = 0; // largest n known infeasible (0: none)
  let hi: number | null = null; // smallest n known feasible
  for (let n = 1; hi === null; n = Math.min(n * 2, max)) {
    if (await feasible(n)) hi = n;
    else {
      lo = n;
      if (n >= max) return null;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await feasible(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The largest x (within a relative `tolerance`) for which `feasible(x)` holds, given that it holds at `start`:
 * double until it fails (at most `maxFactor` × start), then bisect geometrically. Returns the last feasible x.
 */
export async function largestFeasible(
  feasible: (x: number) => Promise<boolean>,
  start: number,
  tolerance: number,
  maxFactor = 64,
): Promise<number> {
  let lo = start;
  let hi = start * 2;
  while (await feasible(hi)) {
    lo = hi;
    if (hi >= start * maxFactor) return hi;
    hi *= 2;
  }
  while (hi / lo > 1 + tolerance) {
    const mid = Math.sqrt(lo * hi);
    if (await feasible(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
