import { setPath } from "../io/setPath.ts";
import type { Runner } from "../parallel/runner.ts";
import { parseScenario } from "../run/runScenario.ts";
import type { PointMetrics } from "./measure.ts";

/** Relative precision of the saturation search. */
export const SATURATION_TOLERANCE = 0.05;

/**
 * Whether a run kept up with its arrivals: at the last arrival, fewer than max(5, 5 % of arrivals) requests were
 * still waiting to start. Under overload that backlog grows with the run; below saturation it stays small.
 */
export function keptUp(m: PointMetrics): boolean {
  return m.backlogAtLastArrival < Math.max(5, 0.05 * m.requests.arrived);
}

/**
 * The saturation rate of a scenario along a rate path: the highest value (within 5 %) at which a run keeps up.
 * Doubles (or halves) from the scenario's own value to bracket it, then bisects geometrically. One seed, so the
 * answer is a deterministic function of (scenario, seed).
 */
export async function findSaturation(input: unknown, path: string, start: number, seed: number, runner: Runner): Promise<number> {
  const probe = async (rate: number): Promise<boolean> => {
    const scenario = parseScenario(setPath(input, path, String(rate)));
    return keptUp(await runner.run({ scenario, seed, measure: {} }));
  };
  let lo: number;
  let hi: number;
  if (await probe(start)) {
    lo = start;
    hi = start * 2;
    for (let i = 0; i < 30 && (await probe(hi)); i++) [lo, hi] = [hi, hi * 2];
  } else {
    hi = start;
    lo = start / 2;
    for (let i = 0; i < 30 && !(await probe(lo)); i++) [hi, lo] = [lo, lo / 2];
  }
  while (hi / lo > 1 + SATURATION_TOLERANCE) {
    const mid = Math.sqrt(lo * hi);
    if (await probe(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A rate rounded to 4 significant digits, so labels and file rows stay readable. */
export function roundRate(rate: number): number {
  return Number(rate.toPrecision(4));
}

/** `points` rates evenly spaced up to the saturation rate: sat/n, 2·sat/n, ..., sat. */
export function ratesUpTo(saturation: number, points: number): number[] {
  return Array.from({ length: points }, (_, k) => roundRate((saturation * (k + 1)) / points));
}
