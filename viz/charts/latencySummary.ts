import { bottomAxis } from "../axis.ts";
import { formatMs, formatMsIn, timeUnitFor } from "../format.ts";
import { legend } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { finite, LOG_MIN, maxOf } from "../num.ts";
import { INK, seriesStyle } from "../palette.ts";
import { buildScale } from "../scales.ts";
import type { ScaleKind } from "../scales.ts";
import { FONT_PX, TITLE_BAND_PX, el, line, marker, noDataSvg, svgDocument, text, textWidth } from "../svg.ts";
import type { ChartOptions, LatencyDistribution, LatencySummary } from "../types.ts";

export interface LatencySummaryOptions extends ChartOptions {
  /** Shared latency axis; logarithmic by default, as the metrics span milliseconds to seconds. */
  readonly xScale?: ScaleKind;
}

const METRICS = [
  { key: "ttftMs", label: "TTFT" },
  { key: "tpotMs", label: "TPOT" },
  { key: "e2eMs", label: "E2E" },
  { key: "queueMs", label: "Queueing" },
] as const;

const STATS = ["mean", "p50", "p90", "p95", "p99", "max"] as const;
type Stat = (typeof STATS)[number];

const ROW_PX = 34;

/** Mean, p50, p90, p95, p99 and max of each latency of one run, on one shared axis. */
export function latencySummaryChart(latency: LatencySummary, options: LatencySummaryOptions = {}): string {
  const title = options.title ?? "Latency summary";
  const widthPx = options.widthPx ?? 760;
  const kind = options.xScale ?? "log";
  const valueOf = (d: LatencyDistribution, s: Stat): number | undefined => {
    const v = finite(d[s]);
    return v !== undefined && (kind === "linear" || v >= LOG_MIN) ? v : undefined;
  };
  const all = METRICS.flatMap((m) => STATS.map((s) => valueOf(latency[m.key], s)));
  if (all.every((v) => v === undefined)) return noDataSvg(title, widthPx);

  const styles = new Map(STATS.map((s, i) => [s, seriesStyle(i)] as const));
  const items: LegendItem[] = STATS.map((s) => ({ label: s, color: styles.get(s)!.color, marker: styles.get(s)!.marker }));
  const legendOut = legend(items, 12, TITLE_BAND_PX, widthPx - 24);
  const top = TITLE_BAND_PX + legendOut.heightPx + 12;
  const summaryText = (d: LatencyDistribution): string => {
    const p50 = valueOf(d, "p50");
    const p99 = valueOf(d, "p99");
    return `p50 ${p50 === undefined ? "–" : formatMs(p50)} · p99 ${p99 === undefined ? "–" : formatMs(p99)}`;
  };
  const left = 16 + maxOf(METRICS.map((m) => textWidth(m.label, FONT_PX.tick, true)));
  const rightW = 16 + maxOf(METRICS.map((m) => textWidth(summaryText(latency[m.key]), FONT_PX.tick)));
  const plotW = widthPx - left - rightW - 12;
  const plotH = METRICS.length * ROW_PX;
  const x = buildScale(kind, all, [left, left + plotW]);
  const [, dMax = 0] = x.scale.domain();
  const unit = timeUnitFor(dMax);

  let body = legendOut.svg;
  body += bottomAxis(
    {
      scale: x.scale,
      format: formatMsIn(unit),
      tickValues: x.tickValues,
      minorTickValues: x.minorTickValues,
      label: `Latency (${unit}${x.kind === "log" ? ", log scale" : ""})`,
      gridLengthPx: plotH,
    },
    top + plotH,
  );
  METRICS.forEach((m, i) => {
    const d = latency[m.key];
    const y = top + i * ROW_PX + ROW_PX / 2;
    let g = text(left - 10, y + 4, m.label, { "text-anchor": "end", "font-weight": "bold" });
    const lo = valueOf(d, "p50");
    const hi = valueOf(d, "max");
    if (lo !== undefined && hi !== undefined) g += line(x.scale(lo), y, x.scale(hi), y, { stroke: INK.muted, "stroke-width": 2 });
    for (const s of STATS) {
      const v = valueOf(d, s);
      if (v === undefined) continue;
      const st = styles.get(s)!;
      g += marker(st.marker, x.scale(v), y, 10, { fill: st.color, stroke: INK.background, "stroke-width": 1, "data-stat": s });
    }
    g += text(left + plotW + 16, y + 4, summaryText(d), { fill: INK.text });
    body += el("g", { class: "metric", "data-metric": m.label }, g);
  });
  return svgDocument(widthPx, top + plotH + 52, title, body);
}
