import { bottomAxis } from "../axis.ts";
import { formatSignedPct } from "../format.ts";
import { legend } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { maxOf, plottable } from "../num.ts";
import type { MarkerName } from "../palette.ts";
import { INK, OKABE_ITO } from "../palette.ts";
import { buildScale } from "../scales.ts";
import { FONT_PX, TITLE_BAND_PX, el, line, marker, noDataSvg, svgDocument, text, textWidth } from "../svg.ts";
import type { ChartOptions, PolicyComparisonData, PolicyComparisonRow } from "../types.ts";

export interface PolicyComparisonOptions extends ChartOptions {
  /** Whether a negative difference is an improvement (default true: latency, energy, cost). */
  readonly lowerIsBetter?: boolean;
}

type Verdict = "better" | "worse" | "unclear";

const VERDICT: Readonly<Record<Verdict, { label: string; color: string; marker: MarkerName; hollow: boolean }>> = {
  better: { label: "better (CI excludes 0)", color: OKABE_ITO.blue, marker: "circle", hollow: false },
  worse: { label: "worse (CI excludes 0)", color: OKABE_ITO.vermillion, marker: "square", hollow: false },
  unclear: { label: "no clear difference (CI includes 0)", color: INK.muted, marker: "circle", hollow: true },
};

/** Better or worse than the baseline only when the whole confidence interval is on one side of zero. */
export function verdictOf(row: PolicyComparisonRow, lowerIsBetter = true): Verdict {
  const lo = Math.min(row.ciLowPct, row.ciHighPct);
  const hi = Math.max(row.ciLowPct, row.ciHighPct);
  if (hi < 0) return lowerIsBetter ? "better" : "worse";
  if (lo > 0) return lowerIsBetter ? "worse" : "better";
  return "unclear";
}

const ROW_PX = 30;

/** Forest plot of paired differences against the baseline, with confidence-interval whiskers and a zero line. */
export function policyComparisonChart(data: PolicyComparisonData, options: PolicyComparisonOptions = {}): string {
  const title = options.title ?? `${data.metric}: paired difference vs ${data.baseline}`;
  const widthPx = options.widthPx ?? 760;
  const rows = data.rows.filter((r) => [r.meanDiffPct, r.ciLowPct, r.ciHighPct].every((v) => plottable(v)));
  if (rows.length === 0) return noDataSvg(title, widthPx);
  const lowerIsBetter = options.lowerIsBetter ?? true;

  const items: LegendItem[] = (["better", "worse", "unclear"] as const).map((v) => ({
    label: VERDICT[v].label,
    color: VERDICT[v].color,
    marker: VERDICT[v].marker,
    hollow: VERDICT[v].hollow,
    line: { dash: "", widthPx: 1.5 },
  }));
  const legendOut = legend(items, 12, TITLE_BAND_PX, widthPx - 24);
  const top = TITLE_BAND_PX + legendOut.heightPx + 28;
  const valueText = (r: PolicyComparisonRow): string =>
    `${formatSignedPct(r.meanDiffPct)} [${formatSignedPct(r.ciLowPct)}, ${formatSignedPct(r.ciHighPct)}]`;
  const left = 20 + maxOf(rows.map((r) => textWidth(r.variant, FONT_PX.tick)));
  const valuesW = 16 + maxOf(rows.map((r) => textWidth(valueText(r), FONT_PX.tick)));
  const plotW = widthPx - left - valuesW - 16;
  const plotH = rows.length * ROW_PX;
  const x = buildScale("linear", rows.flatMap((r) => [r.meanDiffPct, r.ciLowPct, r.ciHighPct]), [left, left + plotW]);
  const x0 = x.scale(0);

  let body = legendOut.svg;
  body += bottomAxis(
    {
      scale: x.scale,
      format: formatSignedPct,
      tickValues: x.tickValues,
      label: `Difference in ${data.metric} vs ${data.baseline} (%)`,
      gridLengthPx: plotH,
    },
    top + plotH,
  );
  body += el(
    "g",
    { class: "zero" },
    line(x0, top - 6, x0, top + plotH, { stroke: INK.text, "stroke-width": 1.5 }) +
      text(x0, top - 10, `baseline: ${data.baseline}`, { "text-anchor": "middle", fill: INK.muted }),
  );
  body += text(left + plotW + 16, top - 10, "mean [CI]", { fill: INK.muted });
  rows.forEach((r, i) => {
    const y = top + i * ROW_PX + ROW_PX / 2;
    const v = VERDICT[verdictOf(r, lowerIsBetter)];
    const [a, b] = [x.scale(r.ciLowPct), x.scale(r.ciHighPct)];
    let g = text(left - 10, y + 4, r.variant, { "text-anchor": "end" });
    g += line(a, y, b, y, { stroke: v.color, "stroke-width": 2, class: "ci" });
    g += line(a, y - 5, a, y + 5, { stroke: v.color, "stroke-width": 2 }) + line(b, y - 5, b, y + 5, { stroke: v.color, "stroke-width": 2 });
    g += marker(v.marker, x.scale(r.meanDiffPct), y, 10, {
      fill: v.hollow ? INK.background : v.color,
      stroke: v.color,
      "stroke-width": 2,
    });
    g += text(left + plotW + 16, y + 4, valueText(r), { fill: INK.text });
    body += el("g", { class: "row", "data-variant": r.variant }, g);
  });
  const [d0 = 0, d1 = 0] = x.scale.domain();
  const yHint = top + plotH + 50;
  if (d0 < 0) body += text(left, yHint, lowerIsBetter ? "← better" : "← worse", { fill: INK.muted, class: "direction" });
  if (d1 > 0) body += text(left + plotW, yHint, lowerIsBetter ? "worse →" : "better →", { "text-anchor": "end", fill: INK.muted, class: "direction" });
  return svgDocument(widthPx, top + plotH + 62, title, body);
}
