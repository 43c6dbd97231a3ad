import { scaleLinear } from "d3";
import { bottomAxis } from "../axis.ts";
import { formatMsIn, timeUnitFor } from "../format.ts";
import { legend, legendHeight } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { maxOf, minOf, plottable } from "../num.ts";
import { INK, OKABE_ITO } from "../palette.ts";
import { FONT_PX, TITLE_BAND_PX, el, noDataSvg, svgDocument, text, textWidth } from "../svg.ts";
import type { ChartOptions, ReplicaStep, ReplicaTimelineData, StepKind } from "../types.ts";

/** Kinds differ in colour and in bar height, so they stay apart in greyscale. */
const KIND_STYLE: Readonly<Record<StepKind, { color: string; heightFraction: number }>> = {
  prefill: { color: OKABE_ITO.vermillion, heightFraction: 1 },
  mixed: { color: OKABE_ITO.reddishPurple, heightFraction: 0.72 },
  decode: { color: OKABE_ITO.blue, heightFraction: 0.45 },
};
const KINDS: readonly StepKind[] = ["prefill", "mixed", "decode"];

interface Bar {
  readonly replica: number;
  readonly x0: number;
  x1: number;
  /** Pixels of each kind inside the bar, and Σ batch size × pixels, for merged bars. */
  readonly kindPx: Record<StepKind, number>;
  batchPx: number;
}

const widthOf = (b: Bar): number => b.x1 - b.x0;
const weight = (px: number): number => Math.max(px, 1e-6);
/** The kind covering most of the bar (ties in the order prefill, mixed, decode). */
const kindOf = (b: Bar): StepKind => KINDS.reduce((best, k) => (b.kindPx[k] > b.kindPx[best] ? k : best));
/** Time-weighted mean batch size of the steps in the bar. */
const batchOf = (b: Bar): number => Math.round(b.batchPx / weight(KINDS.reduce((sum, k) => sum + b.kindPx[k], 0)));

/**
 * Steps clipped to the window and mapped to pixels. A step joins the previous bar of its replica when it
 * starts less than half a pixel after it and either has the same kind and batch size, or one of the two is
 * under a pixel wide (then the bar takes the kind covering most of it and the time-weighted mean batch).
 */
function bars(
  steps: readonly ReplicaStep[],
  xOf: (s: number) => number,
  window: readonly [number, number],
  n: number,
): { bars: Bar[]; approximate: boolean } {
  const inWindow = steps
    .filter((s) => s.replica >= 0 && s.replica < n && s.endS > window[0] && s.startS < window[1] && s.endS >= s.startS)
    .sort((a, b) => a.replica - b.replica || a.startS - b.startS);
  const out: Bar[] = [];
  let approximate = false;
  for (const s of inWindow) {
    const x0 = xOf(Math.max(s.startS, window[0]));
    const x1 = xOf(Math.min(s.endS, window[1]));
    const px = weight(x1 - x0);
    const prev = out[out.length - 1];
    const same = prev !== undefined && kindOf(prev) === s.kind && batchOf(prev) === s.batchSize;
    const joins = prev?.replica === s.replica && x0 - prev.x1 < 0.5 && (same || widthOf(prev) < 1 || x1 - x0 < 1);
    if (joins) {
      approximate ||= !same || x0 > prev.x1;
      prev.x1 = Math.max(prev.x1, x1);
      prev.kindPx[s.kind] += px;
      prev.batchPx += s.batchSize * px;
    } else {
      const kindPx = { prefill: 0, mixed: 0, decode: 0 };
      kindPx[s.kind] = px;
      out.push({ replica: s.replica, x0, x1, kindPx, batchPx: s.batchSize * px });
    }
  }
  return { bars: out, approximate };
}

/** The given window when it is a proper interval, else the steps' extent; at least a millisecond wide. */
function timeWindow(given: readonly [number, number] | undefined, steps: readonly ReplicaStep[]): readonly [number, number] {
  const [w0, w1] =
    given !== undefined && plottable(given[0]) && plottable(given[1]) && given[1] > given[0]
      ? given
      : [minOf(steps.map((s) => s.startS)), maxOf(steps.map((s) => s.endS))];
  return w1 - w0 >= 1e-3 ? [w0, w1] : [w0, w0 + 1e-3];
}

/** A Gantt chart of engine steps per replica: colour and height by step kind, opacity by batch size. */
export function replicaTimelineChart(data: ReplicaTimelineData, options: ChartOptions = {}): string {
  const title = options.title ?? "Replica timeline";
  const widthPx = options.widthPx ?? 760;
  const n = data.replicas.length;
  const steps = data.steps
    .filter((s) => plottable(s.startS) && plottable(s.endS))
    .map((s) => (plottable(s.batchSize) && s.batchSize >= 1 ? s : { ...s, batchSize: 1 }));
  if (n === 0 || steps.length === 0) return noDataSvg(title, widthPx);

  const window = timeWindow(data.windowS, steps);
  const maxBatch = Math.max(1, maxOf(steps.map((s) => s.batchSize)));
  const opacity = scaleLinear().domain([1, Math.max(2, maxBatch)]).range([0.35, 1]).clamp(true);
  const batchMarks = [...new Set([1, Math.round(maxBatch / 2), maxBatch])].filter((b) => b >= 1).sort((a, b) => a - b);
  const items: LegendItem[] = [
    ...KINDS.map((k) => ({ label: k, color: KIND_STYLE[k].color, swatch: { heightFraction: KIND_STYLE[k].heightFraction } })),
    { label: "idle", color: INK.faint, swatch: {} },
    ...batchMarks.map((b) => ({ label: `batch ${b}`, color: INK.muted, swatch: { opacity: opacity(b) } })),
  ];
  const legendH = legendHeight(items, widthPx - 24);
  const top = TITLE_BAND_PX + legendH + 12;
  const rowPx = Math.max(10, Math.min(28, 360 / n));
  const left = 16 + maxOf(data.replicas.map((r) => textWidth(r, FONT_PX.tick)));
  const plotW = widthPx - left - 20;
  const x = { scale: scaleLinear().domain(window).range([left, left + plotW]) };
  const unit = timeUnitFor(Math.max(Math.abs(window[0]), Math.abs(window[1])) * 1000);
  const plotH = rowPx * n;

  let body = legend(items, 12, TITLE_BAND_PX, widthPx - 24).svg;
  data.replicas.forEach((name, i) => {
    const y = top + i * rowPx;
    body += el("rect", { x: left, y: y + 1, width: plotW, height: rowPx - 2, fill: INK.faint });
    body += text(left - 8, y + rowPx / 2 + 4, name, { "text-anchor": "end" });
  });
  let barsSvg = "";
  const drawn = bars(steps, x.scale, window, n);
  for (const b of drawn.bars) {
    const kind = kindOf(b);
    const batch = batchOf(b);
    const st = KIND_STYLE[kind];
    const h = (rowPx - 4) * st.heightFraction;
    const yMid = top + b.replica * rowPx + rowPx / 2;
    const w = Math.max(0.5, b.x1 - b.x0);
    barsSvg += el("rect", {
      x: b.x0,
      y: yMid - h / 2,
      width: w,
      height: h,
      fill: st.color,
      "fill-opacity": opacity(batch),
      "data-kind": kind,
    });
    const label = String(batch);
    if (rowPx >= 16 && w >= textWidth(label, 10) + 6) {
      barsSvg += text(b.x0 + w / 2, yMid + 3.5, label, {
        "text-anchor": "middle",
        "font-size": 10,
        fill: INK.text,
        "paint-order": "stroke",
        stroke: INK.background,
        "stroke-width": 2.5,
      });
    }
  }
  body += el("g", { class: "steps" }, barsSvg);
  const ticks = x.scale.ticks(8).filter((t) => t >= window[0] && t <= window[1]);
  body += bottomAxis(
    { scale: x.scale, format: (s, digits) => formatMsIn(unit)(s * 1000, digits), tickValues: ticks, label: `Simulated time (${unit})` },
    top + plotH,
  );
  body += text(left + plotW, top + plotH + 34, "numbers: batch size", { "text-anchor": "end", fill: INK.muted });
  if (drawn.approximate) {
    const note = "Steps and gaps under a pixel are merged (dominant kind, mean batch): set a narrower window to see each step.";
    body += text(left, top + plotH + 54, note, { fill: INK.muted, class: "note" });
  }
  return svgDocument(widthPx, top + plotH + (drawn.approximate ? 66 : 52), title, body);
}
