import { stringify as toYaml } from "yaml";
import type { ReportChart, ReportHeadline, ReportInput, ReportTable, SweepPoint } from "../../viz/index.ts";
import { energyChart, latencyThroughputChart } from "../../viz/index.ts";
import { isAuto, valueLabel } from "../sweep/axis.ts";
import { labelText } from "../sweep/cells.ts";
import { METRICS } from "../sweep/metrics.ts";
import type { MetricName } from "../sweep/metrics.ts";
import { presentMetrics } from "../sweep/aggregate.ts";
import { sloText } from "../sweep/slo.ts";
import type { SweepFile, SweepRow } from "../sweep/sweepFile.ts";
import { estimateText, intervalOf } from "./estimateText.ts";

/** The axis that sets the arrival rate: the auto axis, else one whose path ends in `ratePerS` or `rateScale`. */
export function rateAxis(file: SweepFile): string | undefined {
  const axes = file.experiment.axes;
  return (axes.find(isAuto) ?? axes.find((a) => /(ratePerS|rateScale)$/.test(a.path)))?.path;
}

/** Sweep rows as viz sweep points: one curve per combination of the axes other than the rate. */
export function sweepPoints(file: SweepFile): SweepPoint[] {
  const rate = rateAxis(file);
  return file.rows.flatMap((row) => {
    const offered = row.metrics.offeredRatePerS.mean;
    const achieved = row.metrics.requestsPerS.mean;
    const tokens = row.metrics.outputTokensPerS.mean;
    if (offered === null || achieved === null || tokens === null) return [];
    const others = Object.fromEntries(Object.entries(row.labels).filter(([k]) => k !== rate));
    const m = row.metrics;
    const ci = Object.fromEntries(
      (
        [
          ["ttftP50Ms", m.ttftP50Ms],
          ["ttftP99Ms", m.ttftP99Ms],
          ["tpotP50Ms", m.tpotP50Ms],
          ["tpotP99Ms", m.tpotP99Ms],
        ] as const
      ).flatMap(([k, e]) => {
        const i = intervalOf(e);
        return i === undefined ? [] : [[k, i]];
      }),
    );
    const jpt = m.joulesPerOutputToken.mean;
    return [
      {
        variant: rate === undefined || Object.keys(others).length === 0 ? "sweep" : labelText(others),
        offeredRatePerS: offered,
        achievedRequestsPerS: achieved,
        outputTokensPerS: tokens,
        ttftMs: { p50: m.ttftP50Ms.mean, p99: m.ttftP99Ms.mean },
        tpotMs: { p50: m.tpotP50Ms.mean, p99: m.tpotP99Ms.mean },
        ...(jpt === null ? {} : { joulesPerOutputToken: jpt }),
        ...(Object.keys(ci).length === 0 ? {} : { ci }),
      },
    ];
  });
}

const TABLE_METRICS: readonly MetricName[] = [
  "offeredRatePerS",
  "requestsPerS",
  "outputTokensPerS",
  "ttftP50Ms",
  "ttftP99Ms",
  "tpotP50Ms",
  "tpotP99Ms",
  "e2eP99Ms",
  "goodputPerS",
  "sloAttainment",
  "joulesPerOutputToken",
  "avgMW",
  "usdPerMillionOutputTokens",
];

/** The table of a sweep (or comparison): axis values, replications, then "mean ± half-width" per metric. */
export function rowsTable(title: string, paths: readonly string[], rows: readonly SweepRow[], names: readonly MetricName[] = TABLE_METRICS): ReportTable {
  const present = presentMetrics(rows);
  const metrics = names.filter((n) => present.includes(n));
  return {
    title,
    columns: [...paths, "n", ...metrics.map((m) => METRICS[m].label)],
    rows: rows.map((r) => [...paths.map((p) => valueLabel(r.labels[p])), r.n, ...metrics.map((m) => estimateText(r.metrics[m]))]),
  };
}

function headline(file: SweepFile): ReportHeadline[] {
  const e = file.experiment;
  const items: ReportHeadline[] = [
    { label: "Points", value: e.cells.length },
    { label: "Replications", value: e.replications },
    { label: "Runs", value: `${file.runs.length} of ${e.runCount}` },
  ];
  const best = Math.max(...file.rows.map((r) => r.metrics.requestsPerS.mean ?? 0));
  if (file.rows.length > 0) items.push({ label: "Peak throughput", value: best, unit: "req/s" });
  for (const s of e.saturation) {
    const where = Object.keys(s.labels).length === 0 ? "" : ` (${labelText(s.labels)})`;
    items.push({ label: `Saturation${where}`, value: s.ratePerS, unit: "req/s" });
  }
  if (e.slo !== null) items.push({ label: "SLO", value: sloText(e.slo) });
  return items;
}

/** The report of a sweep: latency against throughput (SLO lines, knee), J/token when reported, and the table. */
export function sweepReport(file: SweepFile): ReportInput {
  const e = file.experiment;
  const points = sweepPoints(file);
  const slo = e.slo ?? {};
  const charts: ReportChart[] = [
    {
      id: "latency-throughput",
      title: "Latency vs throughput",
      svg: latencyThroughputChart(points, {
        ...(slo.ttftP99Ms === undefined && slo.tpotP99Ms === undefined
          ? {}
          : {
              slo: {
                ...(slo.ttftP99Ms === undefined ? {} : { ttftP99Ms: slo.ttftP99Ms }),
                ...(slo.tpotP99Ms === undefined ? {} : { tpotP99Ms: slo.tpotP99Ms }),
              },
            }),
      }),
    },
  ];
  const energy = points.flatMap((p) =>
    p.joulesPerOutputToken === undefined ? [] : [{ variant: p.variant, outputTokensPerS: p.outputTokensPerS, joulesPerOutputToken: p.joulesPerOutputToken }],
  );
  if (energy.length > 0) charts.push({ id: "energy-per-token", title: "Energy per token vs throughput", svg: energyChart({ points: energy }) });
  const partial = file.partial ? (file.shard === null ? " (partial: interrupted)" : ` (shard ${file.shard.index}/${file.shard.count})`) : "";
  return {
    title: `infersim sweep: ${e.name}${partial}`,
    scenarioText: toYaml(e.scenario),
    headline: headline(file),
    charts,
    tables: [rowsTable("Measurements (mean ± 95 % CI half-width)", e.axes.map((a) => a.path), file.rows)],
    generatedBy: `infersim ${file.infersimVersion} sweep, scenario ${e.scenarioHash}, seeds ${e.seeds.join(", ")}`,
  };
}
