import { bottomAxis, leftAxis, leftAxisWidth } from "../axis.ts";
import type { AxisSpec } from "../axis.ts";
import { formatCount } from "../format.ts";
import { legend, legendHeight } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { LOG_MIN, plottable } from "../num.ts";
import { INK, seriesStyle } from "../palette.ts";
import { polyline } from "../plot.ts";
import { buildScale } from "../scales.ts";
import type { ScaleKind } from "../scales.ts";
import { TITLE_BAND_PX, el, line, marker, noDataSvg, svgDocument } from "../svg.ts";
import type { ChartOptions } from "../types.ts";

/** One point of an x-y series; `yLow`/`yHigh` (optional) draw a whisker, e.g. a 95 % confidence interval. */
export interface XyPoint {
  readonly x: number;
  readonly y: number | null;
  readonly yLow?: number | null;
  readonly yHigh?: number | null;
}

/**
 * One series: `lines+markers` (default, a measured curve), `markers` (measurements only) or `lines` (a curve
 * without markers, e.g. a closed-form formula laid over measurements).
 */
export interface XySeries {
  readonly label: string;
  readonly points: readonly XyPoint[];
  readonly mode?: "lines+markers" | "markers" | "lines";
}

export interface XyData {
  readonly series: readonly XySeries[];
  readonly xLabel: string;
  readonly yLabel: string;
}

export interface XyOptions extends ChartOptions {
  readonly xScale?: ScaleKind;
  readonly yScale?: ScaleKind;
}

/**
 * A general x-y chart, for what the dedicated charts do not cover (a formula over a simulated curve, a metric
 * against a parameter): one colour, dash and marker per series, whiskers where `yLow`/`yHigh` are given.
 */
export function xyChart(data: XyData, options: XyOptions = {}): string {
  const title = options.title ?? `${data.yLabel} vs ${data.xLabel}`;
  const widthPx = options.widthPx ?? 760;
  const xKind = options.xScale ?? "linear";
  const yKind = options.yScale ?? "linear";
  const onAxis = (kind: ScaleKind, v: number | null | undefined): v is number => plottable(v) && (kind === "linear" || v >= LOG_MIN);
  const series = data.series.map((s) => ({
    ...s,
    points: s.points.filter((p) => onAxis(xKind, p.x) && onAxis(yKind, p.y)).sort((a, b) => a.x - b.x),
  }));
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return noDataSvg(title, widthPx);

  const items: LegendItem[] = series.map((s, i) => {
    const st = seriesStyle(i);
    const mode = s.mode ?? "lines+markers";
    return {
      label: s.label,
      color: st.color,
      ...(mode === "markers" ? {} : { line: { dash: st.dash } }),
      ...(mode === "lines" ? {} : { marker: st.marker }),
    };
  });
  const legendH = legendHeight(items, widthPx - 24);
  const top = TITLE_BAND_PX + legendH + 14;
  const plotH = 280;
  const yValues = all.flatMap((p) => [p.y, p.yLow, p.yHigh].filter((v): v is number => onAxis(yKind, v)));
  const y = buildScale(yKind, yValues, [top + plotH, top]);
  const ySpec: AxisSpec = { scale: y.scale, format: formatCount, tickValues: y.tickValues, minorTickValues: y.minorTickValues, label: data.yLabel };
  const left = 12 + leftAxisWidth(ySpec);
  const plotW = widthPx - left - 20;
  const x = buildScale(xKind, all.map((p) => p.x), [left, left + plotW]);

  let body = legend(items, 12, TITLE_BAND_PX, widthPx - 24).svg;
  body += leftAxis({ ...ySpec, gridLengthPx: plotW }, left);
  body += bottomAxis(
    { scale: x.scale, format: formatCount, tickValues: x.tickValues, minorTickValues: x.minorTickValues, label: data.xLabel, gridLengthPx: plotH },
    top + plotH,
  );
  series.forEach((s, i) => {
    const st = seriesStyle(i);
    const mode = s.mode ?? "lines+markers";
    const xy = s.points.map((p) => [x.scale(p.x), y.scale(p.y!)] as const);
    let g = "";
    if (mode !== "markers") {
      g += polyline(xy, {
        class: "series",
        "data-series": s.label,
        stroke: st.color,
        "stroke-width": 2,
        "stroke-dasharray": st.dash === "" ? undefined : st.dash,
      });
    }
    s.points.forEach((p, j) => {
      const px = xy[j]![0];
      if (onAxis(yKind, p.yLow) && onAxis(yKind, p.yHigh)) {
        const [y0, y1] = [y.scale(p.yLow), y.scale(p.yHigh)];
        g += line(px, y0, px, y1, { stroke: st.color, class: "ci" });
        g += line(px - 3, y0, px + 3, y0, { stroke: st.color }) + line(px - 3, y1, px + 3, y1, { stroke: st.color });
      }
    });
    if (mode !== "lines") {
      for (const [px, py] of xy) g += marker(st.marker, px, py, 8, { fill: st.color, stroke: INK.background, "stroke-width": 1 });
    }
    body += el("g", { class: "variant" }, g);
  });
  return svgDocument(widthPx, top + plotH + 52, title, body);
}
