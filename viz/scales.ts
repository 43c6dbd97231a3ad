import { scaleLinear, scaleLog } from "d3";
import type { AxisScale } from "./axis.ts";
import { logTicks } from "./axis.ts";
import { LOG_MIN, finiteExtent } from "./num.ts";

export type ScaleKind = "linear" | "log";

export interface BuiltScale {
  readonly scale: AxisScale;
  readonly kind: ScaleKind;
  readonly tickValues: readonly number[];
  readonly minorTickValues: readonly number[];
}

/**
 * A nice scale over the values mapped onto `range`. Linear scales start at zero when `zero` (default);
 * log scales ignore non-positive values and fall back to linear when nothing positive is left.
 */
export function buildScale(
  kind: ScaleKind,
  values: Iterable<number | null | undefined>,
  range: readonly [number, number],
  opts: { readonly zero?: boolean; readonly tickCount?: number } = {},
): BuiltScale {
  const list = [...values];
  if (kind === "log") {
    const ext = finiteExtent(list.map((v) => (v !== null && v !== undefined && v >= LOG_MIN ? v : undefined)));
    if (ext !== undefined) {
      const [lo, hi] = ext[0] === ext[1] ? [ext[0] / 2, ext[1] * 2] : ext;
      const scale = scaleLog().domain([lo, hi]).range(range).nice();
      const [n0 = lo, n1 = hi] = scale.domain();
      scale.domain([Math.max(n0, LOG_MIN / 10), n1]);
      const { major, minor } = logTicks(scale);
      return { scale, kind, tickValues: major, minorTickValues: minor };
    }
  }
  const ext = finiteExtent(list) ?? [0, 1];
  let [lo, hi] = ext;
  if (opts.zero ?? true) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  // A degenerate (or denormal-thin) extent gets a unit margin, so nice() and ticks() stay finite.
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    lo -= 1;
    hi += 1;
  }
  const scale = scaleLinear().domain([lo, hi]).range(range).nice(opts.tickCount ?? 6);
  return { scale, kind: "linear", tickValues: scale.ticks(opts.tickCount ?? 6), minorTickValues: [] };
}
