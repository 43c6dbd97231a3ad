/** viz: charts (pure functions from result data to standalone SVG strings) and the HTML report. */
export type * from "./types.ts";

export { latencySummaryChart } from "./charts/latencySummary.ts";
export type { LatencySummaryOptions } from "./charts/latencySummary.ts";
export { latencyThroughputChart } from "./charts/latencyThroughput.ts";
export type { LatencyThroughputOptions, ThroughputAxis } from "./charts/latencyThroughput.ts";
export { cdfChart, ecdfPoints } from "./charts/cdf.ts";
export type { CdfOptions } from "./charts/cdf.ts";
export { timeSeriesChart } from "./charts/timeSeries.ts";
export { replicaTimelineChart } from "./charts/replicaTimeline.ts";
export { energyChart } from "./charts/energy.ts";
export { energyPhasesChart } from "./charts/energyPhases.ts";
export { capacityPlanChart, capacityPareto } from "./charts/capacityPlan.ts";
export type { CapacityPlanOptions } from "./charts/capacityPlan.ts";
export { policyComparisonChart, verdictOf } from "./charts/policyComparison.ts";
export type { PolicyComparisonOptions } from "./charts/policyComparison.ts";
export { xyChart } from "./charts/xy.ts";
export type { XyData, XyOptions, XyPoint, XySeries } from "./charts/xy.ts";

export { detectKnee, KNEE_FACTOR } from "./knee.ts";
export { paretoFront, dominates } from "./pareto.ts";
export type { XY } from "./pareto.ts";
export { escapeXml } from "./escape.ts";
export { OKABE_ITO, seriesStyle } from "./palette.ts";
export type { SeriesStyle, MarkerName } from "./palette.ts";
export { formatCount, formatMs, formatUsd, formatMw, formatJoules, formatSignedPct } from "./format.ts";
export type { NumberFormat } from "./format.ts";
export type { ScaleKind } from "./scales.ts";
export { renderReport, formatReportNumber } from "./report.ts";
export type { ReportInput, ReportChart, ReportTable, ReportHeadline } from "./report.ts";
export { svgToPng } from "./png.ts";
export type { PngOptions } from "./png.ts";
