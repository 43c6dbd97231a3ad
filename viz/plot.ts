import { line as d3line } from "d3";
import type { CurveFactory } from "d3";
import { el } from "./svg.ts";
import type { AttrValue } from "./svg.ts";

/** Plot area of a chart or panel, in SVG pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export const right = (b: Box): number => b.left + b.width;
export const bottom = (b: Box): number => b.top + b.height;

/** One `<path>` through the points (skipping undefined ones, which break the line), coordinates rounded. */
export function polyline(
  points: readonly (readonly [number, number] | undefined)[],
  a: Readonly<Record<string, AttrValue>>,
  curve?: CurveFactory,
): string {
  const gen = d3line<readonly [number, number] | undefined>()
    .defined((p) => p !== undefined && Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .x((p) => p![0])
    .y((p) => p![1])
    .digits(2);
  if (curve !== undefined) gen.curve(curve);
  const d = gen(points) ?? "";
  return el("path", { d, fill: "none", ...a });
}

/**
 * Fewer points, same picture: for a line with more points than pixels, keeps per pixel column the first,
 * lowest, highest and last point (in x order). Gaps (undefined) are kept. Points must be sorted by x.
 */
export function decimate(
  points: readonly (readonly [number, number] | undefined)[],
  columnPx = 1,
): (readonly [number, number] | undefined)[] {
  const out: (readonly [number, number] | undefined)[] = [];
  let bucket: (readonly [number, number])[] = [];
  let column = Number.NaN;
  const flush = (): void => {
    if (bucket.length <= 4) {
      out.push(...bucket);
    } else {
      let lo = bucket[0]!;
      let hi = bucket[0]!;
      for (const p of bucket) {
        if (p[1] < lo[1]) lo = p;
        if (p[1] > hi[1]) hi = p;
      }
      const keep = new Set([bucket[0]!, lo, hi, bucket[bucket.length - 1]!]);
      out.push(...bucket.filter((p) => keep.has(p)));
    }
    bucket = [];
  };
  for (const p of points) {
    if (p === undefined) {
      flush();
      out.push(undefined);
      column = Number.NaN;
      continue;
    }
    const c = Math.floor(p[0] / columnPx);
    if (c !== column) flush();
    column = c;
    bucket.push(p);
  }
  flush();
  return out;
}
