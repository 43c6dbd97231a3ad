import { bottomAxis, leftAxis, leftAxisWidth } from "../axis.ts";
import type { AxisSpec } from "../axis.ts";
import { formatFraction, formatMsIn, timeUnitFor } from "../format.ts";
import { legend, legendHeight } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { LOG_MIN, maxOf, minOf, plottable } from "../num.ts";
import { INK, seriesStyle } from "../palette.ts";
import { polyline, right } from "../plot.ts";
import { buildScale } from "../scales.ts";
import type { ScaleKind } from "../scales.ts";
import { TITLE_BAND_PX, el, line, noDataSvg, svgDocument, text } from "../svg.ts";
import type { CdfData, ChartOptions } from "../types.ts";

export interface CdfOptions extends ChartOptions {
  /** "auto" (default) is logarithmic when the largest value is over 100× the smallest positive one. */
  readonly xScale?: ScaleKind | "auto";
  /** Above this many values a series is drawn through this many quantiles instead of every step. */
  readonly maxPointsPerSeries?: number;
}

const METRIC_NAME: Readonly<Record<CdfData["metric"], string>> = {
  TTFT: "Time to first token",
  TPOT: "Time per output token",
  E2E: "End-to-end latency",
};

const GUIDES = [0.5, 0.9, 0.99] as const;

/** The q-quantile of ascending values, interpolating between order statistics (type 7, as d3 and NumPy). */
function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  return lo + 1 < sorted.length ? a + (h - lo) * (sorted[lo + 1]! - a) : a;
}

/** The empirical CDF as plot points: exact steps for small samples, `m` + 1 quantiles for large ones. */
export function ecdfPoints(sortedValues: ArrayLike<number>, m = 400): [number, number][] {
  const n = sortedValues.length;
  if (n === 0) return [];
  if (n > m) return Array.from({ length: m + 1 }, (_, k) => [quantileOfSorted(sortedValues, k / m), k / m]);
  const pts: [number, number][] = [[sortedValues[0]!, 0]];
  for (let i = 0; i < n; i++) {
    const v = sortedValues[i]!;
    pts.push([v, i / n], [v, (i + 1) / n]);
  }
  return pts;
}

/** Empirical cumulative distribution of a latency for each series, with p50/p90/p99 guides. */
export function cdfChart(data: CdfData, options: CdfOptions = {}): string {
  const title = options.title ?? `${data.metric} distribution (CDF)`;
  const widthPx = options.widthPx ?? 760;
  const series = data.series.map((s) => ({
    label: s.label,
    // A typed array sorts numerically and natively: fast for a million latencies.
    sorted: Float64Array.from(s.valuesMs.filter((v) => plottable(v))).sort(),
  }));
  // Each series' smallest, smallest positive and largest value: all the scales need.
  const extremes = series.flatMap((s) => {
    const firstPositive = s.sorted.find((v) => v >= LOG_MIN);
    return s.sorted.length === 0 ? [] : [s.sorted[0]!, s.sorted[s.sorted.length - 1]!, ...(firstPositive === undefined ? [] : [firstPositive])];
  });
  if (extremes.length === 0) return noDataSvg(title, widthPx);

  const items: LegendItem[] = series.map((s, i) => {
    const st = seriesStyle(i);
    return { label: `${s.label} (n = ${s.sorted.length})`, color: st.color, line: { dash: st.dash } };
  });
  const legendH = legendHeight(items, widthPx - 24);
  const top = TITLE_BAND_PX + legendH + 14;
  const plotH = 300;
  const positive = extremes.filter((v) => v >= LOG_MIN);
  const kind: ScaleKind =
    options.xScale === undefined || options.xScale === "auto"
      ? positive.length > 0 && maxOf(positive) / minOf(positive) > 100
        ? "log"
        : "linear"
      : options.xScale;

  const y = buildScale("linear", [0, 1], [top + plotH, top]);
  const ySpec: AxisSpec = { scale: y.scale, format: formatFraction, tickValues: [0, 0.25, 0.5, 0.75, 1], label: "Fraction of requests" };
  const left = 12 + leftAxisWidth(ySpec);
  const plotW = widthPx - left - 44;
  const x = buildScale(kind, extremes, [left, left + plotW]);
  const [, xMax = 0] = x.scale.domain();
  const unit = timeUnitFor(xMax);
  const box = { left, top, width: plotW, height: plotH };

  let body = legend(items, 12, TITLE_BAND_PX, widthPx - 24).svg;
  body += leftAxis({ ...ySpec, gridLengthPx: plotW }, left);
  body += bottomAxis(
    {
      scale: x.scale,
      format: formatMsIn(unit),
      tickValues: x.tickValues,
      minorTickValues: x.minorTickValues,
      label: `${METRIC_NAME[data.metric]}, ${data.metric} (${unit}${x.kind === "log" ? ", log scale" : ""})`,
      gridLengthPx: plotH,
    },
    top + plotH,
  );
  for (const q of GUIDES) {
    const yq = y.scale(q);
    body += el(
      "g",
      { class: "guide" },
      line(left, yq, right(box), yq, { stroke: INK.muted, "stroke-dasharray": "1 3" }) +
        text(right(box) + 4, yq + 4, `p${Math.round(q * 100)}`, { fill: INK.muted }),
    );
  }
  const usable = (v: number): boolean => x.kind === "linear" || v >= LOG_MIN;
  series.forEach((s, i) => {
    const st = seriesStyle(i);
    const pts = ecdfPoints(s.sorted, options.maxPointsPerSeries ?? 400).map(([v, q]) =>
      usable(v) ? ([x.scale(v), y.scale(q)] as const) : undefined,
    );
    body += polyline(pts, {
      class: "series",
      "data-series": s.label,
      stroke: st.color,
      "stroke-width": 2,
      "stroke-dasharray": st.dash === "" ? undefined : st.dash,
      "stroke-linejoin": "round",
    });
  });
  return svgDocument(widthPx, top + plotH + 52, title, body);
}
