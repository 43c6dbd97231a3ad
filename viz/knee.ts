import type { SweepPoint } from "./types.ts";
import { finite, plottable } from "./num.ts";

/** The default knee rule: p99 TTFT above this many times its low-load value. */
export const KNEE_FACTOR = 3;

/**
 * Saturation knee of one variant's sweep, as an offered rate (requests/s).
 *
 * Rule: sort the points by offered rate and take the p99 TTFT of the lowest rate as the low-load value;
 * the knee is where p99 TTFT first exceeds `factor` × that value, interpolated linearly in offered rate
 * between the last point below the threshold and the first above it. Points without a positive p99 TTFT
 * are ignored. Returns null when the curve never crosses the threshold (or has fewer than two points).
 */
export function detectKnee(points: readonly SweepPoint[], factor = KNEE_FACTOR): number | null {
  const usable = points
    .map((p) => ({ rate: p.offeredRatePerS, y: finite(p.ttftMs.p99) }))
    .filter((p): p is { rate: number; y: number } => p.y !== undefined && p.y > 0 && plottable(p.rate))
    .sort((a, b) => a.rate - b.rate);
  const first = usable[0];
  if (first === undefined) return null;
  const threshold = factor * first.y;
  for (let i = 1; i < usable.length; i++) {
    const a = usable[i - 1]!;
    const b = usable[i]!;
    if (b.y > threshold) {
      const t = b.y === a.y ? 1 : (threshold - a.y) / (b.y - a.y);
      return a.rate + Math.min(1, Math.max(0, t)) * (b.rate - a.rate);
    }
  }
  return null;
}

/** Linear interpolation of `value(p)` at offered rate `rate` along points sorted by offered rate. */
export function interpolateAtRate(
  sorted: readonly SweepPoint[],
  rate: number,
  value: (p: SweepPoint) => number | undefined,
): number | undefined {
  const pts = sorted
    .map((p) => ({ r: p.offeredRatePerS, v: value(p) }))
    .filter((p): p is { r: number; v: number } => p.v !== undefined);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (rate <= first.r) return first.v;
  if (rate >= last.r) return last.v;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (rate <= b.r) return b.r === a.r ? b.v : a.v + ((rate - a.r) / (b.r - a.r)) * (b.v - a.v);
  }
  return last.v;
}
