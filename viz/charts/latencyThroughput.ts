import { group as d3group } from "d3";
import { bottomAxis, leftAxis, leftAxisWidth } from "../axis.ts";
import type { AxisSpec } from "../axis.ts";
import { formatCount, formatMsIn, timeUnitFor } from "../format.ts";
import { KNEE_FACTOR, detectKnee, interpolateAtRate } from "../knee.ts";
import { legend, legendHeight } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { finite, LOG_MIN, maxOf, plottable } from "../num.ts";
import { INK, seriesStyle } from "../palette.ts";
import type { SeriesStyle } from "../palette.ts";
import { bottom, polyline, right } from "../plot.ts";
import type { Box } from "../plot.ts";
import { buildScale } from "../scales.ts";
import type { BuiltScale, ScaleKind } from "../scales.ts";
import { TITLE_BAND_PX, el, line, marker, noDataSvg, svgDocument, text, textWidth } from "../svg.ts";
import type { ChartOptions, Interval, LatencySlo, SweepPoint } from "../types.ts";

export type ThroughputAxis = "achievedRequestsPerS" | "outputTokensPerS";

export interface LatencyThroughputOptions extends ChartOptions {
  readonly slo?: LatencySlo;
  /** Saturation knee as an offered rate (requests/s), for every variant or per variant; else detected. */
  readonly kneeRatePerS?: number | Readonly<Record<string, number>>;
  /** Knee detection threshold, × the low-load p99 TTFT (default 3; see `detectKnee`). */
  readonly kneeFactor?: number;
  /** The shared horizontal axis (default achieved requests/s). */
  readonly x?: ThroughputAxis;
  /** Latency axes are logarithmic by default: latency explodes near saturation. */
  readonly yScale?: ScaleKind;
}

const P99_DASH = "6 3";
const PANEL_PX = 210;
const PANEL_GAP_PX = 18;

interface Panel {
  readonly name: "TTFT" | "TPOT";
  readonly pick: (p: SweepPoint) => { p50: number | undefined; p99: number | undefined };
  readonly ci: (p: SweepPoint) => readonly (Interval | undefined)[];
  readonly sloMs: number | undefined;
}

const X_LABEL: Readonly<Record<ThroughputAxis, string>> = {
  achievedRequestsPerS: "Achieved throughput (requests/s)",
  outputTokensPerS: "Output throughput (tokens/s)",
};

/** Latency p50 (solid) and p99 (dashed) against throughput, TTFT over TPOT, one colour and marker per variant. */
export function latencyThroughputChart(points: readonly SweepPoint[], options: LatencyThroughputOptions = {}): string {
  const title = options.title ?? "Latency vs throughput";
  const widthPx = options.widthPx ?? 760;
  const xKey = options.x ?? "achievedRequestsPerS";
  const usable = points.filter((p) => plottable(p[xKey]) && plottable(p.offeredRatePerS));
  if (usable.length === 0) return noDataSvg(title, widthPx);

  const byVariant = [...d3group(usable, (p) => p.variant)].map(
    ([variant, pts]) => [variant, [...pts].sort((a, b) => a.offeredRatePerS - b.offeredRatePerS)] as const,
  );
  const styles = new Map<string, SeriesStyle>(byVariant.map(([v], i) => [v, seriesStyle(i)]));
  const panels: readonly Panel[] = [
    {
      name: "TTFT",
      pick: (p) => ({ p50: finite(p.ttftMs.p50), p99: finite(p.ttftMs.p99) }),
      ci: (p) => [p.ci?.ttftP50Ms, p.ci?.ttftP99Ms],
      sloMs: options.slo?.ttftP99Ms,
    },
    {
      name: "TPOT",
      pick: (p) => ({ p50: finite(p.tpotMs.p50), p99: finite(p.tpotMs.p99) }),
      ci: (p) => [p.ci?.tpotP50Ms, p.ci?.tpotP99Ms],
      sloMs: options.slo?.tpotP99Ms,
    },
  ];

  const legendItems: LegendItem[] = [
    ...byVariant.map(([v]) => ({ label: v, color: styles.get(v)!.color, marker: styles.get(v)!.marker, line: { dash: "" } })),
    { label: "p50", color: INK.text, line: { dash: "" }, marker: "circle" },
    { label: "p99", color: INK.text, line: { dash: P99_DASH }, marker: "circle", hollow: true },
    { label: "knee", color: INK.muted, line: { dash: "2 3", widthPx: 1.5 } },
    ...(options.slo !== undefined ? [{ label: "SLO", color: INK.muted, line: { dash: "8 3 2 3", widthPx: 1.5 } }] : []),
  ];
  const legendTop = TITLE_BAND_PX;
  const legendH = legendHeight(legendItems, widthPx - 24);
  const firstTop = legendTop + legendH + 14;

  const yScales = panels.map((panel, i): { built: BuiltScale; spec: AxisSpec } => {
    const top = firstTop + i * (PANEL_PX + PANEL_GAP_PX);
    const values = usable.flatMap((p) => [panel.pick(p).p50, panel.pick(p).p99, ...panel.ci(p).flatMap((c) => c ?? [])]);
    const built = buildScale(options.yScale ?? "log", [...values, panel.sloMs], [top + PANEL_PX, top]);
    const [d0 = 0, d1 = 0] = built.scale.domain();
    const unit = timeUnitFor(Math.max(Math.abs(d0), Math.abs(d1)));
    const spec: AxisSpec = {
      scale: built.scale,
      format: formatMsIn(unit),
      tickValues: built.tickValues,
      minorTickValues: built.minorTickValues,
      label: `${panel.name} (${unit})`,
    };
    return { built, spec };
  });
  const marginLeft = 12 + maxOf(yScales.map((s) => leftAxisWidth(s.spec)));
  const plotW = widthPx - marginLeft - 20;
  const xBuilt = buildScale("linear", usable.map((p) => p[xKey]), [marginLeft, marginLeft + plotW]);
  const xOf = (p: SweepPoint): number => xBuilt.scale(p[xKey]);
  const lastBottom = firstTop + panels.length * PANEL_PX + (panels.length - 1) * PANEL_GAP_PX;

  let body = legend(legendItems, 12, legendTop, widthPx - 24).svg;
  panels.forEach((panel, i) => {
    const { built, spec } = yScales[i]!;
    const box: Box = { left: marginLeft, top: firstTop + i * (PANEL_PX + PANEL_GAP_PX), width: plotW, height: PANEL_PX };
    body += el("rect", { x: box.left, y: box.top, width: box.width, height: box.height, fill: "none", stroke: INK.grid });
    body += bottomAxisGrid(xBuilt, box);
    body += leftAxis({ ...spec, gridLengthPx: box.width }, box.left);
    const last = i === panels.length - 1;
    const xAxis: AxisSpec = { scale: xBuilt.scale, format: last ? formatCount : () => "", tickValues: xBuilt.tickValues };
    body += bottomAxis(last ? { ...xAxis, label: X_LABEL[xKey] } : xAxis, bottom(box));
    if (finite(panel.sloMs) !== undefined) body += sloLine(panel, built, box);
    for (const [variant, pts] of byVariant) {
      const st = styles.get(variant)!;
      body += panelSeries(variant, pts, panel, built, xOf, st);
    }
  });

  body += kneeMarks(byVariant, styles, options, xBuilt, yScales[0]!.built, xKey, firstTop, lastBottom);
  return svgDocument(widthPx, lastBottom + 50, title, body);
}

function bottomAxisGrid(x: BuiltScale, box: Box): string {
  return x.tickValues.map((t) => line(x.scale(t), box.top, x.scale(t), bottom(box), { stroke: INK.grid })).join("");
}

function sloLine(panel: Panel, y: BuiltScale, box: Box): string {
  const yPx = y.scale(panel.sloMs!);
  const label = `SLO: p99 ${panel.name} ≤ ${formatMsIn(timeUnitFor(panel.sloMs!))(panel.sloMs!)}`;
  return el(
    "g",
    { class: "slo" },
    line(box.left, yPx, right(box), yPx, { stroke: INK.muted, "stroke-width": 1.5, "stroke-dasharray": "8 3 2 3" }) +
      text(box.left + 6, yPx - 4, label, { fill: INK.muted, "paint-order": "stroke", stroke: INK.background, "stroke-width": 3 }),
  );
}

function panelSeries(
  variant: string,
  pts: readonly SweepPoint[],
  panel: Panel,
  y: BuiltScale,
  xOf: (p: SweepPoint) => number,
  st: SeriesStyle,
): string {
  const ok = (v: number | undefined): v is number => v !== undefined && (y.kind === "linear" || v >= LOG_MIN);
  let out = "";
  for (const q of ["p50", "p99"] as const) {
    const xy = pts.map((p) => {
      const v = panel.pick(p)[q];
      return ok(v) ? ([xOf(p), y.scale(v)] as const) : undefined;
    });
    out += polyline(xy, {
      class: "series",
      "data-series": `${variant} ${panel.name} ${q}`,
      stroke: st.color,
      "stroke-width": 2,
      "stroke-dasharray": q === "p99" ? P99_DASH : undefined,
    });
    pts.forEach((p, j) => {
      const interval = panel.ci(p)[q === "p50" ? 0 : 1];
      const at = xy[j];
      if (interval !== undefined && at !== undefined && ok(interval[0]) && ok(interval[1])) {
        const [y0, y1] = [y.scale(interval[0]), y.scale(interval[1])];
        out += line(at[0], y0, at[0], y1, { stroke: st.color, class: "ci" });
        out += line(at[0] - 3, y0, at[0] + 3, y0, { stroke: st.color }) + line(at[0] - 3, y1, at[0] + 3, y1, { stroke: st.color });
      }
    });
    for (const at of xy) {
      if (at === undefined) continue;
      out += marker(st.marker, at[0], at[1], 7, {
        fill: q === "p99" ? INK.background : st.color,
        stroke: st.color,
        "stroke-width": 1.5,
      });
    }
  }
  return el("g", { class: "variant" }, out);
}

function kneeMarks(
  byVariant: readonly (readonly [string, readonly SweepPoint[]])[],
  styles: ReadonlyMap<string, SeriesStyle>,
  options: LatencyThroughputOptions,
  x: BuiltScale,
  yTtft: BuiltScale,
  xKey: ThroughputAxis,
  topPx: number,
  bottomPx: number,
): string {
  let out = "";
  let labelRow = 0;
  const [, xMax = 0] = x.scale.range();
  for (const [variant, pts] of byVariant) {
    const given = options.kneeRatePerS;
    const rate = typeof given === "number" ? given : (given?.[variant] ?? detectKnee(pts, options.kneeFactor ?? KNEE_FACTOR));
    if (!plottable(rate)) continue;
    const xv = interpolateAtRate(pts, rate, (p) => p[xKey]);
    const yv = interpolateAtRate(pts, rate, (p) => {
      const v = finite(p.ttftMs.p99);
      return v !== undefined && (yTtft.kind === "linear" || v >= LOG_MIN) ? v : undefined;
    });
    if (xv === undefined) continue;
    const st = styles.get(variant)!;
    const xPx = x.scale(xv);
    const label = `knee ≈ ${formatCount(rate)} req/s offered${byVariant.length > 1 ? ` (${variant})` : ""}`;
    const w = textWidth(label, 11);
    const flip = xPx + 4 + w > xMax;
    let mark = line(xPx, topPx, xPx, bottomPx, { stroke: st.color, "stroke-width": 1.5, "stroke-dasharray": "2 3" });
    if (yv !== undefined) mark += marker("circle", xPx, yTtft.scale(yv), 14, { fill: "none", stroke: st.color, "stroke-width": 2 });
    mark += text(flip ? xPx - 4 : xPx + 4, topPx + 14 + 14 * labelRow, label, {
      "text-anchor": flip ? "end" : "start",
      fill: st.color,
      "paint-order": "stroke",
      stroke: INK.background,
      "stroke-width": 3,
    });
    out += el("g", { class: "knee", "data-rate-per-s": rate }, mark);
    labelRow++;
  }
  return out;
}

