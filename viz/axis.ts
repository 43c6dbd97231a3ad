import { distinctLabels } from "./format.ts";
import type { NumberFormat } from "./format.ts";
import { FONT_PX, el, line, text, textWidth } from "./svg.ts";
import { INK } from "./palette.ts";
import { round2 } from "./num.ts";

/** What an axis needs of a d3 continuous scale (linear, log, time-as-number). */
export interface AxisScale {
  (value: number): number;
  domain(): number[];
  range(): number[];
  ticks(count?: number): number[];
}

export interface AxisSpec {
  readonly scale: AxisScale;
  readonly format: NumberFormat;
  /** Approximate number of labelled ticks (d3's `ticks(count)`); ignored with `tickValues`. */
  readonly tickCount?: number;
  readonly tickValues?: readonly number[];
  /** Unlabelled short ticks (e.g. 2..9 on a log axis). */
  readonly minorTickValues?: readonly number[];
  readonly label?: string;
  /** When set, grid lines of this length run across the plot from each labelled tick. */
  readonly gridLengthPx?: number;
}

const TICK_PX = 5;

function majorTicks(spec: AxisSpec): readonly number[] {
  return spec.tickValues ?? spec.scale.ticks(spec.tickCount ?? 6);
}

function domainPath(d: string): string {
  return el("path", { class: "domain", d, fill: "none", stroke: INK.axis });
}

/** A horizontal axis along y = `yPx`, ticks below. */
export function bottomAxis(spec: AxisSpec, yPx: number): string {
  const [r0 = 0, r1 = 0] = spec.scale.range();
  let out = "";
  const grid = spec.gridLengthPx;
  const ticks = majorTicks(spec);
  const labels = distinctLabels(ticks, spec.format);
  ticks.forEach((t, i) => {
    const x = spec.scale(t);
    if (grid !== undefined) out += line(x, yPx, x, yPx - grid, { stroke: INK.grid });
    out += line(x, yPx, x, yPx + TICK_PX, { stroke: INK.axis });
    if (labels[i] !== "") out += text(x, yPx + TICK_PX + 12, labels[i]!, { "text-anchor": "middle", fill: INK.muted });
  });
  for (const t of spec.minorTickValues ?? []) {
    const x = spec.scale(t);
    out += line(x, yPx, x, yPx + TICK_PX / 2, { stroke: INK.axis });
  }
  out += domainPath(`M${round2(r0)},${round2(yPx)}H${round2(r1)}`);
  if (spec.label !== undefined) {
    out += text((r0 + r1) / 2, yPx + TICK_PX + 32, spec.label, {
      "text-anchor": "middle",
      "font-size": FONT_PX.label,
      class: "axis-label",
    });
  }
  return el("g", { class: "axis axis-x" }, out);
}

/** Width of the widest tick label of a vertical axis, to size the margin beside it. */
export function tickLabelWidth(spec: AxisSpec): number {
  let w = 0;
  for (const label of distinctLabels(majorTicks(spec), spec.format)) w = Math.max(w, textWidth(label, FONT_PX.tick));
  return w;
}

/** Horizontal room a left axis needs: tick labels, and the rotated label when `withLabel`. */
export function leftAxisWidth(spec: AxisSpec, withLabel = spec.label !== undefined): number {
  return TICK_PX + 4 + tickLabelWidth(spec) + (withLabel ? 22 : 0);
}

/** A vertical axis along x = `xPx`, ticks to the left; the label is rotated beside the tick labels. */
export function leftAxis(spec: AxisSpec, xPx: number): string {
  const [r0 = 0, r1 = 0] = spec.scale.range();
  let out = "";
  const grid = spec.gridLengthPx;
  const ticks = majorTicks(spec);
  const labels = distinctLabels(ticks, spec.format);
  ticks.forEach((t, i) => {
    const y = spec.scale(t);
    if (grid !== undefined) out += line(xPx, y, xPx + grid, y, { stroke: INK.grid });
    out += line(xPx - TICK_PX, y, xPx, y, { stroke: INK.axis });
    out += text(xPx - TICK_PX - 3, y + 4, labels[i]!, { "text-anchor": "end", fill: INK.muted });
  });
  for (const t of spec.minorTickValues ?? []) {
    const y = spec.scale(t);
    out += line(xPx - TICK_PX / 2, y, xPx, y, { stroke: INK.axis });
  }
  out += domainPath(`M${round2(xPx)},${round2(r0)}V${round2(r1)}`);
  if (spec.label !== undefined) {
    const x = xPx - leftAxisWidth(spec, false) - 8;
    const y = (r0 + r1) / 2;
    out += text(x, y, spec.label, {
      "text-anchor": "middle",
      "font-size": FONT_PX.label,
      transform: `rotate(-90 ${round2(x)} ${round2(y)})`,
      class: "axis-label",
    });
  }
  return el("g", { class: "axis axis-y" }, out);
}

/**
 * Labelled and unlabelled ticks of a log axis: labels on 1, 2, 5 × 10ⁿ when that gives at most `maxLabels`,
 * else on powers of ten only; every other d3 tick is a minor tick. Within one decade, all ticks are labelled.
 */
export function logTicks(scale: AxisScale, maxLabels = 8): { major: number[]; minor: number[] } {
  const all = scale.ticks();
  const [d0 = 1, d1 = 1] = scale.domain();
  if (Math.max(d0, d1) / Math.min(d0, d1) < 10) return { major: all, minor: [] };
  const mantissa = (t: number): number => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
  let major = all.filter((t) => [1, 2, 5].includes(mantissa(t)));
  if (major.length > maxLabels) major = all.filter((t) => mantissa(t) === 1);
  const minor = all.filter((t) => !major.includes(t));
  return { major, minor };
}
