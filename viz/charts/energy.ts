import { group as d3group } from "d3";
import { bottomAxis, leftAxis, leftAxisWidth } from "../axis.ts";
import type { AxisSpec } from "../axis.ts";
import { formatCount } from "../format.ts";
import { legend, legendHeight } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { plottable } from "../num.ts";
import { INK, seriesStyle } from "../palette.ts";
import { polyline } from "../plot.ts";
import { buildScale } from "../scales.ts";
import { TITLE_BAND_PX, el, marker, noDataSvg, svgDocument } from "../svg.ts";
import type { ChartOptions, EnergyData } from "../types.ts";

/** Energy per output token against output throughput: one line with markers per variant. */
export function energyChart(data: EnergyData, options: ChartOptions = {}): string {
  const title = options.title ?? "Energy per output token vs throughput";
  const widthPx = options.widthPx ?? 760;
  const pts = data.points.filter((p) => plottable(p.outputTokensPerS) && plottable(p.joulesPerOutputToken));
  if (pts.length === 0) return noDataSvg(title, widthPx);

  const byVariant = [...d3group(pts, (p) => p.variant)].map(
    ([v, ps]) => [v, [...ps].sort((a, b) => a.outputTokensPerS - b.outputTokensPerS)] as const,
  );
  const items: LegendItem[] = byVariant.map(([v], i) => {
    const st = seriesStyle(i);
    return { label: v, color: st.color, marker: st.marker, line: { dash: st.dash } };
  });
  const legendH = legendHeight(items, widthPx - 24);
  const top = TITLE_BAND_PX + legendH + 14;
  const plotH = 280;
  const y = buildScale("linear", pts.map((p) => p.joulesPerOutputToken), [top + plotH, top]);
  const ySpec: AxisSpec = {
    scale: y.scale,
    format: formatCount,
    tickValues: y.tickValues,
    label: "Energy per output token (J)",
  };
  const left = 12 + leftAxisWidth(ySpec);
  const plotW = widthPx - left - 20;
  const x = buildScale("linear", pts.map((p) => p.outputTokensPerS), [left, left + plotW]);

  let body = legend(items, 12, TITLE_BAND_PX, widthPx - 24).svg;
  body += leftAxis({ ...ySpec, gridLengthPx: plotW }, left);
  body += bottomAxis(
    { scale: x.scale, format: formatCount, tickValues: x.tickValues, label: "Output throughput (tokens/s)", gridLengthPx: plotH },
    top + plotH,
  );
  byVariant.forEach(([v, ps], i) => {
    const st = seriesStyle(i);
    const xy = ps.map((p) => [x.scale(p.outputTokensPerS), y.scale(p.joulesPerOutputToken)] as const);
    let g = polyline(xy, {
      class: "series",
      "data-series": v,
      stroke: st.color,
      "stroke-width": 2,
      "stroke-dasharray": st.dash === "" ? undefined : st.dash,
    });
    for (const [px, py] of xy) g += marker(st.marker, px, py, 8, { fill: st.color, stroke: INK.background, "stroke-width": 1 });
    body += el("g", { class: "variant" }, g);
  });
  return svgDocument(widthPx, top + plotH + 52, title, body);
}
