/** A point to minimise in both coordinates. */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/** True when `a` is no worse than `b` in both coordinates and better in at least one (both minimised). */
export function dominates(a: XY, b: XY): boolean {
  return a.x <= b.x && a.y <= b.y && (a.x < b.x || a.y < b.y);
}

/**
 * The Pareto front of `items` when both coordinates are minimised: the items no other item dominates,
 * sorted by x ascending (so y descends). Equal points are all kept. Items with a non-finite coordinate
 * are left out. O(n log n).
 */
export function paretoFront<T>(items: readonly T[], xy: (item: T) => XY): T[] {
  const pts = items
    .map((item, index) => ({ item, index, ...xy(item) }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => a.x - b.x || a.y - b.y || a.index - b.index);
  const front: typeof pts = [];
  let bestY = Infinity;
  for (const p of pts) {
    const last = front[front.length - 1];
    if (p.y < bestY) {
      front.push(p);
      bestY = p.y;
    } else if (last !== undefined && p.x === last.x && p.y === last.y) {
      front.push(p);
    }
  }
  return front.map((p) => p.item);
}
