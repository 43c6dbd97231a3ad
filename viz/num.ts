/**
 * Numbers beyond this magnitude are treated as missing: no result of the simulator is that large, and
 * scale arithmetic (spans, nice bounds) would overflow to Infinity near Number.MAX_VALUE.
 */
export const PLOT_LIMIT = 1e15;

/** The smallest positive value a logarithmic axis shows; smaller ones are treated as non-positive. */
export const LOG_MIN = 1e-9;

/** Largest coordinate written into SVG: far outside any chart, yet a plain number. */
const COORD_LIMIT = 1e7;

/**
 * `x` rounded to 2 decimals (no negative zero), so SVG coordinates are short and snapshots are stable.
 * The last line of defence for valid SVG: non-finite becomes 0 and magnitudes are clamped to 1e7.
 */
export function round2(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const c = Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, x));
  const r = Math.round(c * 100) / 100;
  return r === 0 ? 0 : r;
}

/** True for a number that can be plotted: finite and within ±PLOT_LIMIT. */
export function plottable(x: number | null | undefined): x is number {
  return x !== null && x !== undefined && Number.isFinite(x) && Math.abs(x) <= PLOT_LIMIT;
}

/** A plottable number, or undefined for null, NaN, ±Infinity and absurd magnitudes. */
export function finite(x: number | null | undefined): number | undefined {
  return plottable(x) ? x : undefined;
}

/** The minimum and maximum of the plottable values, or undefined when there are none. */
export function finiteExtent(values: Iterable<number | null | undefined>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!plottable(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** Largest of the values (or `empty` when there are none); safe for arrays too long to spread into Math.max. */
export function maxOf(values: Iterable<number>, empty = 0): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m === -Infinity ? empty : m;
}

/** Smallest of the values (or `empty` when there are none). */
export function minOf(values: Iterable<number>, empty = 0): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m === Infinity ? empty : m;
}
