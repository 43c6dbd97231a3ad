import { curveStepBefore, area as d3area } from "d3";
import { bottomAxis, leftAxis, leftAxisWidth } from "../axis.ts";
import type { AxisSpec } from "../axis.ts";
import { formatCount, formatMw, formatSeconds } from "../format.ts";
import { legend } from "../legend.ts";
import { finite, maxOf, plottable } from "../num.ts";
import { INK, OKABE_ITO } from "../palette.ts";
import { decimate, polyline } from "../plot.ts";
import { buildScale } from "../scales.ts";
import type { BuiltScale } from "../scales.ts";
import { FONT_PX, TITLE_BAND_PX, el, line, noDataSvg, svgDocument, text } from "../svg.ts";
import type { ChartOptions, TimeSeriesRow } from "../types.ts";

const PANEL_PX = 92;
const PANEL_GAP_PX = 30;

/** One small multiple: a titled panel with one or two series of (timeS, value). */
interface PanelDef {
  readonly title: string;
  readonly format: (v: number) => string;
  readonly lines: readonly {
    readonly name: string;
    readonly values: readonly (number | undefined)[];
    readonly color: string;
    readonly dash?: string;
    readonly fill?: boolean;
  }[];
  /** Step drawing: each value holds over the interval ending at its time. */
  readonly step?: boolean;
}

/** Seconds covered by each row: the gap to the previous row (the first row reuses the next gap, or its own time). */
export function intervalsS(times: readonly number[]): number[] {
  return times.map((t, i) => {
    if (i > 0) return t - times[i - 1]!;
    if (times.length > 1) return times[1]! - t;
    return t > 0 ? t : 1;
  });
}

/** Running sum. */
export function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += plottable(v) ? v : 0));
}

function panels(rows: readonly TimeSeriesRow[]): PanelDef[] {
  const dt = intervalsS(rows.map((r) => r.timeS));
  const list: PanelDef[] = [
    {
      title: "Arrivals (requests/s)",
      format: formatCount,
      step: true,
      lines: [{ name: "arrivals", values: rows.map((r, i) => (dt[i]! > 0 ? r.arrivals / dt[i]! : undefined)), color: OKABE_ITO.blue }],
    },
    { title: "Queue length (requests waiting)", format: formatCount, lines: [{ name: "queue", values: rows.map((r) => r.queueLength), color: OKABE_ITO.blue }] },
    { title: "Running batch (sequences)", format: formatCount, lines: [{ name: "running", values: rows.map((r) => r.runningSeqs), color: OKABE_ITO.blue }] },
    {
      title: "KV cache (blocks)",
      format: formatCount,
      lines: [
        { name: "KV used", values: rows.map((r) => r.kvUsedBlocks), color: OKABE_ITO.blue, fill: true },
        { name: "KV capacity", values: rows.map((r) => r.kvTotalBlocks), color: OKABE_ITO.vermillion, dash: "6 3" },
      ],
    },
    {
      title: "Preemptions (cumulative)",
      format: formatCount,
      step: true,
      lines: [{ name: "preemptions", values: cumulative(rows.map((r) => r.preemptions)), color: OKABE_ITO.blue }],
    },
  ];
  if (rows.some((r) => finite(r.facilityMW) !== undefined)) {
    list.push({
      title: "Facility power (MW)",
      format: formatMw,
      lines: [{ name: "facility MW", values: rows.map((r) => finite(r.facilityMW)), color: OKABE_ITO.blue }],
    });
  }
  return list;
}

/** Stacked small multiples of the cluster's state on one shared time axis. */
export function timeSeriesChart(rows: readonly TimeSeriesRow[], options: ChartOptions = {}): string {
  const title = options.title ?? "Cluster state over time";
  const widthPx = options.widthPx ?? 760;
  const sorted = rows.filter((r) => plottable(r.timeS)).sort((a, b) => a.timeS - b.timeS);
  if (sorted.length === 0) return noDataSvg(title, widthPx);

  const defs = panels(sorted);
  const firstTop = TITLE_BAND_PX + 26;
  const ys = defs.map((def, i): { built: BuiltScale; spec: AxisSpec } => {
    const top = firstTop + i * (PANEL_PX + PANEL_GAP_PX);
    const built = buildScale("linear", def.lines.flatMap((l) => l.values), [top + PANEL_PX, top], { tickCount: 3 });
    return { built, spec: { scale: built.scale, format: def.format, tickValues: built.tickValues } };
  });
  const left = 12 + maxOf(ys.map((y) => leftAxisWidth(y.spec)));
  const plotW = widthPx - left - 20;
  const dt = intervalsS(sorted.map((r) => r.timeS));
  const t0 = sorted[0]!.timeS - dt[0]!;
  const times = sorted.map((r) => r.timeS);
  const x = buildScale("linear", [Math.max(0, t0), ...times], [left, left + plotW], { zero: false, tickCount: 8 });
  const lastBottom = firstTop + defs.length * PANEL_PX + (defs.length - 1) * PANEL_GAP_PX;

  let body = "";
  for (const t of x.tickValues) body += line(x.scale(t), firstTop, x.scale(t), lastBottom, { stroke: INK.grid });
  defs.forEach((def, i) => {
    const { built, spec } = ys[i]!;
    const top = firstTop + i * (PANEL_PX + PANEL_GAP_PX);
    body += text(left, top - 8, def.title, { "font-size": FONT_PX.label, "font-weight": "bold", class: "panel-title" });
    if (def.lines.length > 1) {
      const items = def.lines.map((l) => ({ label: l.name, color: l.color, line: { dash: l.dash ?? "" } }));
      body += legend(items, left + plotW - 260, top - 26, 260).svg;
    }
    body += leftAxis({ ...spec, gridLengthPx: plotW }, left);
    body += el("path", { class: "domain", d: `M${left},${top + PANEL_PX}H${left + plotW}`, stroke: INK.axis });
    for (const l of def.lines) body += panelLine(l, sorted, dt, def.step === true, x, built);
  });
  body += bottomAxis({ scale: x.scale, format: formatSeconds, tickValues: x.tickValues, label: "Simulated time (s)" }, lastBottom);
  return svgDocument(widthPx, lastBottom + 52, title, body);
}

function panelLine(
  l: PanelDef["lines"][number],
  rows: readonly TimeSeriesRow[],
  dt: readonly number[],
  step: boolean,
  x: BuiltScale,
  y: BuiltScale,
): string {
  const pts: (readonly [number, number] | undefined)[] = [];
  rows.forEach((r, i) => {
    const v = finite(l.values[i]);
    if (v === undefined) {
      pts.push(undefined);
      return;
    }
    if (step && (i === 0 || pts[pts.length - 1] === undefined)) pts.push([x.scale(r.timeS - dt[i]!), y.scale(v)]);
    pts.push([x.scale(r.timeS), y.scale(v)]);
  });
  const drawn = pts.length > 2 * (x.scale.range()[1]! - x.scale.range()[0]!) ? decimate(pts) : pts;
  let out = "";
  if (l.fill === true) {
    const gen = d3area<readonly [number, number] | undefined>()
      .defined((p) => p !== undefined)
      .x((p) => p![0])
      .y0(y.scale(0))
      .y1((p) => p![1])
      .digits(2);
    if (step) gen.curve(curveStepBefore);
    out += el("path", { d: gen(drawn) ?? "", fill: l.color, "fill-opacity": 0.18, stroke: "none" });
  }
  out += polyline(
    drawn,
    {
      class: "series",
      "data-series": l.name,
      stroke: l.color,
      "stroke-width": 1.8,
      "stroke-dasharray": l.dash,
      "stroke-linejoin": "round",
    },
    step ? curveStepBefore : undefined,
  );
  return out;
}
