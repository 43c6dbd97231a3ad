import { curveStepAfter } from "d3";
import { bottomAxis, leftAxis, leftAxisWidth } from "../axis.ts";
import type { AxisSpec } from "../axis.ts";
import { formatCount, formatMw, formatUsd } from "../format.ts";
import { placeLabels } from "../labels.ts";
import type { Rect } from "../labels.ts";
import { legend } from "../legend.ts";
import type { LegendItem } from "../legend.ts";
import { LOG_MIN, maxOf, minOf, plottable } from "../num.ts";
import { INK, OKABE_ITO } from "../palette.ts";
import { paretoFront } from "../pareto.ts";
import { polyline } from "../plot.ts";
import { buildScale } from "../scales.ts";
import type { ScaleKind } from "../scales.ts";
import { FONT_PX, TITLE_BAND_PX, el, marker, noDataSvg, svgDocument, text } from "../svg.ts";
import type { CapacityPlanData, CapacityPlanOption, ChartOptions } from "../types.ts";

export interface CapacityPlanOptions extends ChartOptions {
  /** "auto" (default) is logarithmic when the largest y is over 10× the smallest. */
  readonly yScale?: ScaleKind | "auto";
}

const Y_AXIS = {
  facilityMW: { label: "Facility power (MW)", format: formatMw, short: "power" },
  devices: { label: "Devices", format: formatCount, short: "devices" },
} as const;

/** The feasible plans on the cost / y Pareto front (both minimised), cheapest first. */
export function capacityPareto(data: CapacityPlanData): CapacityPlanOption[] {
  return paretoFront(
    data.plans.filter((p) => p.feasible),
    (p) => ({ x: p.usdPerHour, y: p[data.y] }),
  );
}

/** Cost against facility power (or devices) of each candidate cluster; the Pareto front as a step line. */
export function capacityPlanChart(data: CapacityPlanData, options: CapacityPlanOptions = {}): string {
  const axisY = Y_AXIS[data.y];
  const title = options.title ?? `Capacity plan: cost vs ${axisY.short}`;
  const widthPx = options.widthPx ?? 760;
  const plans = data.plans.filter((p) => plottable(p.usdPerHour) && plottable(p[data.y]));
  if (plans.length === 0) return noDataSvg(title, widthPx);

  const front = capacityPareto({ ...data, plans });
  const onFront = new Set(front);
  const items: LegendItem[] = [
    { label: `Pareto front (lowest cost and ${axisY.short})`, color: OKABE_ITO.vermillion, marker: "diamond", line: { dash: "" } },
    { label: "feasible", color: OKABE_ITO.blue, marker: "circle", hollow: true },
    { label: "infeasible (misses a target)", color: INK.muted, marker: "cross" },
  ];
  const legendOut = legend(items, 12, TITLE_BAND_PX, widthPx - 24);
  const top = TITLE_BAND_PX + legendOut.heightPx + 14;
  const plotH = 320;
  const ys = plans.map((p) => p[data.y]);
  const positive = ys.filter((v) => v > 0);
  const kind: ScaleKind =
    options.yScale === undefined || options.yScale === "auto"
      ? positive.length === ys.length && maxOf(positive) / minOf(positive) > 10
        ? "log"
        : "linear"
      : options.yScale;
  const y = buildScale(kind, ys, [top + plotH, top]);
  const ySpec: AxisSpec = {
    scale: y.scale,
    format: axisY.format,
    tickValues: y.tickValues,
    minorTickValues: y.minorTickValues,
    label: `${axisY.label}${y.kind === "log" ? ", log scale" : ""}`,
  };
  const left = 12 + leftAxisWidth(ySpec);
  const plotW = widthPx - left - 20;
  const x = buildScale("linear", plans.map((p) => p.usdPerHour), [left, left + plotW]);
  const pos = (p: CapacityPlanOption): readonly [number, number] => {
    const v = p[data.y];
    return [x.scale(p.usdPerHour), y.scale(y.kind === "log" && v < LOG_MIN ? y.scale.domain()[0]! : v)];
  };

  let body = legendOut.svg;
  body += leftAxis({ ...ySpec, gridLengthPx: plotW }, left);
  body += bottomAxis(
    { scale: x.scale, format: formatUsd, tickValues: x.tickValues, label: "Cost ($/hour)", gridLengthPx: plotH },
    top + plotH,
  );
  body += polyline(front.map(pos), { class: "pareto-front", stroke: OKABE_ITO.vermillion, "stroke-width": 2 }, curveStepAfter);

  // Drawn back to front: infeasible, feasible, front.
  const order = [...plans].sort((a, b) => rank(a, onFront) - rank(b, onFront));
  for (const p of order) {
    const [px, py] = pos(p);
    const cls = onFront.has(p) ? "plan pareto" : p.feasible ? "plan feasible" : "plan infeasible";
    const look = onFront.has(p)
      ? marker("diamond", px, py, 12, { fill: OKABE_ITO.vermillion, stroke: INK.background, "stroke-width": 1 })
      : p.feasible
        ? marker("circle", px, py, 9, { fill: INK.background, stroke: OKABE_ITO.blue, "stroke-width": 1.8 })
        : marker("cross", px, py, 9, { fill: INK.muted, stroke: "none" });
    body += el("g", { class: cls, "data-label": p.label }, look);
  }
  const labelled = [...order].reverse();
  const anchors = labelled.map((p) => ({ x: pos(p)[0], y: pos(p)[1], label: p.label }));
  const obstacles: Rect[] = [
    ...anchors.map((a) => ({ x0: a.x - 6, y0: a.y - 6, x1: a.x + 6, y1: a.y + 6 })),
    ...stepSegments(front.map(pos)),
  ];
  const placed = placeLabels(anchors, obstacles, { x0: left, y0: top, x1: left + plotW, y1: top + plotH }, FONT_PX.tick);
  placed.forEach((pl, i) => {
    const p = labelled[i]!;
    body += text(pl.x, pl.y, p.label, {
      "text-anchor": pl.anchor,
      fill: onFront.has(p) ? INK.text : INK.muted,
      "font-weight": onFront.has(p) ? "bold" : undefined,
      "paint-order": "stroke",
      stroke: INK.background,
      "stroke-width": 3,
      class: "plan-label",
    });
  });
  return svgDocument(widthPx, top + plotH + 52, title, body);
}

/** Thin boxes around the horizontal and vertical runs of the front's step line, for label placement. */
function stepSegments(pts: readonly (readonly [number, number])[]): Rect[] {
  const out: Rect[] = [];
  for (let i = 1; i < pts.length; i++) {
    const [xa, ya] = pts[i - 1]!;
    const [xb, yb] = pts[i]!;
    out.push({ x0: xa, y0: ya - 1.5, x1: xb, y1: ya + 1.5 });
    out.push({ x0: xb - 1.5, y0: Math.min(ya, yb), x1: xb + 1.5, y1: Math.max(ya, yb) });
  }
  return out;
}

function rank(p: CapacityPlanOption, front: ReadonlySet<CapacityPlanOption>): number {
  return front.has(p) ? 2 : p.feasible ? 1 : 0;
}
