import { INK } from "./palette.ts";
import type { MarkerName } from "./palette.ts";
import { FONT_PX, el, group, line, marker, text, textWidth } from "./svg.ts";

/** One legend entry. A line, a marker, both, or a filled swatch, in the series' colour. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly line?: { readonly dash: string; readonly widthPx?: number };
  readonly marker?: MarkerName;
  /** Marker drawn hollow (white fill, coloured outline). */
  readonly hollow?: boolean;
  readonly swatch?: { readonly opacity?: number; readonly heightFraction?: number };
}

const SAMPLE_PX = 28;
const GAP_PX = 18;
const ROW_PX = 18;

function sample(item: LegendItem): string {
  let out = "";
  if (item.swatch !== undefined) {
    const h = 12 * (item.swatch.heightFraction ?? 1);
    out += el("rect", {
      x: 2,
      y: -h / 2,
      width: SAMPLE_PX - 4,
      height: h,
      fill: item.color,
      "fill-opacity": item.swatch.opacity,
      stroke: item.color === INK.background ? INK.muted : undefined,
    });
  }
  if (item.line !== undefined) {
    out += line(0, 0, SAMPLE_PX, 0, {
      stroke: item.color,
      "stroke-width": item.line.widthPx ?? 2,
      "stroke-dasharray": item.line.dash === "" ? undefined : item.line.dash,
    });
  }
  if (item.marker !== undefined) {
    out += marker(item.marker, SAMPLE_PX / 2, 0, 8, {
      fill: item.hollow === true ? INK.background : item.color,
      stroke: item.color,
      "stroke-width": 1.5,
    });
  }
  return out;
}

function itemWidth(item: LegendItem): number {
  return SAMPLE_PX + 6 + textWidth(item.label, FONT_PX.tick) + GAP_PX;
}

/** Legend rows laid out left to right, wrapping within `maxWidthPx`. Returns markup and height used. */
export function legend(items: readonly LegendItem[], xPx: number, yPx: number, maxWidthPx: number): { svg: string; heightPx: number } {
  if (items.length === 0) return { svg: "", heightPx: 0 };
  let x = 0;
  let row = 0;
  let out = "";
  for (const item of items) {
    const w = itemWidth(item);
    if (x > 0 && x + w - GAP_PX > maxWidthPx) {
      x = 0;
      row++;
    }
    const entry = sample(item) + text(SAMPLE_PX + 6, 4, item.label, { fill: INK.text });
    out += group(x, row * ROW_PX + ROW_PX / 2, entry, { class: "legend-item" });
    x += w;
  }
  const heightPx = (row + 1) * ROW_PX;
  return { svg: group(xPx, yPx, out, { class: "legend" }), heightPx };
}

/** Height a legend of these items will take at this width, without drawing it. */
export function legendHeight(items: readonly LegendItem[], maxWidthPx: number): number {
  return legend(items, 0, 0, maxWidthPx).heightPx;
}
