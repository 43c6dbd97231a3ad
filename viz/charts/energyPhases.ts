import { bottomAxis } from "../axis.ts";
import { formatJoules } from "../format.ts";
import { legend } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { maxOf, plottable } from "../num.ts";
import { INK, OKABE_ITO } from "../palette.ts";
import { buildScale } from "../scales.ts";
import { FONT_PX, TITLE_BAND_PX, el, noDataSvg, svgDocument, text, textWidth } from "../svg.ts";
import type { ChartOptions, EnergyPhaseRow } from "../types.ts";

/** Phases from dark to light, so the stack reads in greyscale too. */
const PHASES = [
  { key: "prefillJ", label: "prefill", color: OKABE_ITO.blue, textColor: INK.background },
  { key: "decodeJ", label: "decode", color: OKABE_ITO.orange, textColor: INK.text },
  { key: "idleJ", label: "idle", color: "#d0d0d0", textColor: INK.text },
] as const;

const BAR_PX = 24;
const ROW_PX = 36;

/** Where the energy went: one horizontal bar per run, stacked prefill / decode / idle, total at the end. */
export function energyPhasesChart(rows: readonly EnergyPhaseRow[], options: ChartOptions = {}): string {
  const title = options.title ?? "Energy by phase";
  const widthPx = options.widthPx ?? 760;
  const clean = rows.map((r) => ({
    label: r.label,
    parts: PHASES.map((p) => {
      const v = r[p.key];
      return plottable(v) && v > 0 ? v : 0;
    }),
  }));
  if (clean.length === 0 || clean.every((r) => r.parts.every((v) => v === 0))) return noDataSvg(title, widthPx);

  const items: LegendItem[] = PHASES.map((p) => ({ label: p.label, color: p.color, swatch: {} }));
  const legendOut = legend(items, 12, TITLE_BAND_PX, widthPx - 24);
  const top = TITLE_BAND_PX + legendOut.heightPx + 12;
  const left = 16 + maxOf(clean.map((r) => textWidth(r.label, FONT_PX.tick)));
  const totals = clean.map((r) => r.parts.reduce((a, b) => a + b, 0));
  const totalLabelW = maxOf(totals.map((t) => textWidth(formatJoules(t), FONT_PX.tick))) + 10;
  const plotW = widthPx - left - 20 - totalLabelW;
  const x = buildScale("linear", totals, [left, left + plotW]);
  const plotH = clean.length * ROW_PX;

  let body = legendOut.svg;
  body += bottomAxis(
    { scale: x.scale, format: formatJoules, tickValues: x.tickValues, label: "Energy (J)", gridLengthPx: plotH },
    top + plotH,
  );
  clean.forEach((r, i) => {
    const yMid = top + i * ROW_PX + ROW_PX / 2;
    body += text(left - 8, yMid + 4, r.label, { "text-anchor": "end" });
    let acc = 0;
    let g = "";
    r.parts.forEach((v, k) => {
      const phase = PHASES[k]!;
      const x0 = x.scale(acc);
      const x1 = x.scale(acc + v);
      acc += v;
      if (v === 0) return;
      g += el("rect", { x: x0, y: yMid - BAR_PX / 2, width: x1 - x0, height: BAR_PX, fill: phase.color, stroke: INK.background, "data-phase": phase.label });
      const pct = `${Math.round((100 * v) / totals[i]!)}%`;
      if (x1 - x0 >= textWidth(pct, 10) + 6) {
        g += text((x0 + x1) / 2, yMid + 3.5, pct, { "text-anchor": "middle", "font-size": 10, fill: phase.textColor });
      }
    });
    g += text(x.scale(acc) + 6, yMid + 4, formatJoules(totals[i]!), { fill: INK.text, class: "total" });
    body += el("g", { class: "bar" }, g);
  });
  return svgDocument(widthPx, top + plotH + 52, title, body);
}
