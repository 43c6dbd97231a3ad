/** The candidate with the smallest `load`; ties go to the earliest in the list. */
export function leastLoaded(candidates: readonly number[], load: (replica: number) => number): number {
  let best = candidates[0]!;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const l = load(c);
    if (l < bestLoad) {
      best = c;
      bestLoad = l;
    }
  }
  return best;
}
