import { stringify as toYaml } from "yaml";
import { formatCount } from "../../hardware/format.ts";
import type {
  ReplicaTimelineData,
  ReportChart,
  ReportHeadline,
  ReportInput,
  ReportTable,
  TimeSeriesRow,
} from "../../viz/index.ts";
import { cdfChart, energyPhasesChart, latencySummaryChart, replicaTimelineChart, timeSeriesChart } from "../../viz/index.ts";
import type { Summary } from "../results/summary.ts";
import { numberAt } from "../sweep/measure.ts";
import { energyPhases } from "./energyOf.ts";
import { csvNumber, parseCsv } from "./parseCsv.ts";

/** What the report of one run is drawn from: exactly what `run --out` saves. */
export interface RunReportData {
  readonly summary: Summary;
  readonly requests: readonly { readonly state: string; readonly ttftMs: number; readonly tpotMs: number; readonly e2eMs: number }[];
  readonly timeseries: readonly TimeSeriesRow[];
  /** Steps of the replica timeline (steps.csv); empty when the run recorded none. */
  readonly steps: ReplicaTimelineData["steps"];
}

/** Read the saved files of a run (their text), so a report from memory and one from disk are the same. */
export function runReportData(
  summaryJson: string,
  requestsCsv: string,
  timeseriesCsv: string,
  stepsCsv = "",
): RunReportData {
  const summary = JSON.parse(summaryJson) as Summary;
  const requests = parseCsv(requestsCsv).map((r) => ({
    state: r.state ?? "",
    ttftMs: csvNumber(r.ttftMs),
    tpotMs: csvNumber(r.tpotMs),
    e2eMs: csvNumber(r.e2eMs),
  }));
  const timeseries = parseCsv(timeseriesCsv).map((r) => {
    const facilityMW = csvNumber(r.facilityMW);
    return {
      timeS: csvNumber(r.timeS),
      arrivals: csvNumber(r.arrivals),
      queueLength: csvNumber(r.queueLength),
      runningSeqs: csvNumber(r.runningSeqs),
      kvUsedBlocks: csvNumber(r.kvUsedBlocks),
      kvTotalBlocks: csvNumber(r.kvTotalBlocks),
      preemptions: csvNumber(r.preemptions),
      ...(Number.isFinite(facilityMW) ? { facilityMW } : {}),
    };
  });
  const kindOf = (k: string | undefined): "prefill" | "decode" | "mixed" =>
    k === "prefill" || k === "decode" ? k : "mixed";
  const steps =
    stepsCsv.trim() === ""
      ? []
      : parseCsv(stepsCsv).map((r) => ({
          replica: csvNumber(r.replica),
          startS: csvNumber(r.startS),
          endS: csvNumber(r.endS),
          kind: kindOf(r.kind),
          batchSize: csvNumber(r.batchSize),
        }));
  return { summary, requests, timeseries, steps };
}

const LATENCIES = [
  ["ttftMs", "TTFT"],
  ["tpotMs", "TPOT"],
  ["e2eMs", "E2E"],
  ["queueMs", "queueing"],
] as const;

function headline(s: Summary): ReportHeadline[] {
  const items: ReportHeadline[] = [
    { label: "Completed", value: `${s.requests.completed} of ${s.requests.arrived}` },
    { label: "Throughput", value: s.throughput.requestsPerS, unit: "req/s" },
    { label: "Output", value: s.throughput.outputTokensPerS, unit: "tokens/s" },
    { label: "p99 TTFT", value: s.latency.ttftMs.p99 ?? "–", unit: "ms" },
    { label: "p99 TPOT", value: s.latency.tpotMs.p99 ?? "–", unit: "ms" },
    { label: "p99 E2E", value: s.latency.e2eMs.p99 ?? "–", unit: "ms" },
  ];
  const extra: [string, readonly string[], string][] = [
    ["Energy", ["energy", "joulesPerOutputToken"], "J/token"],
    ["Average power", ["energy", "avgMW"], "MW"],
    ["Cost", ["cost", "usdPerMillionOutputTokens"], "$/M tokens"],
  ];
  for (const [label, path, unit] of extra) {
    const v = numberAt(s, path);
    if (v !== null) items.push({ label, value: v, unit });
  }
  return items;
}

function tables(s: Summary): ReportTable[] {
  const dash = (v: number | null): string | number => v ?? "–";
  return [
    {
      title: "Latency (ms)",
      columns: ["metric", "mean", "p50", "p90", "p95", "p99", "max"],
      rows: LATENCIES.map(([k, name]) => {
        const d = s.latency[k];
        return [name, dash(d.mean), dash(d.p50), dash(d.p90), dash(d.p95), dash(d.p99), dash(d.max)];
      }),
    },
    {
      title: "Pools",
      columns: ["pool", "device", "model", "replicas", "devices / replica", "busy %", "completed", "p99 TTFT (ms)", "p99 TPOT (ms)"],
      rows: s.pools.map((p) => [
        p.name,
        p.device,
        p.model,
        p.replicas,
        p.devicesPerReplica,
        p.busyFraction * 100,
        p.requests.completed,
        dash(p.latency.ttftMs.p99),
        dash(p.latency.tpotMs.p99),
      ]),
    },
  ];
}

/** The report of one run: headline numbers, latency summary, CDFs, time series and (when reported) energy by phase. */
export function runReport(data: RunReportData): ReportInput {
  const s = data.summary;
  const completed = data.requests.filter((r) => r.state === "completed");
  const values = (k: "ttftMs" | "tpotMs" | "e2eMs"): number[] => completed.map((r) => r[k]).filter((v) => Number.isFinite(v));
  const charts: ReportChart[] = [
    { id: "latency-summary", title: "Latency summary", svg: latencySummaryChart(s.latency) },
    ...(
      [
        ["ttft-cdf", "TTFT distribution", "TTFT", "ttftMs"],
        ["tpot-cdf", "TPOT distribution", "TPOT", "tpotMs"],
        ["e2e-cdf", "E2E latency distribution", "E2E", "e2eMs"],
      ] as const
    ).map(([id, title, metric, key]) => ({
      id,
      // Runs with more than REPORT_SAMPLE_ROWS requests draw the CDFs from a seeded sample of them.
      title: completed.length < s.requests.completed ? `${title} (a sample of ${formatCount(completed.length)} of ${formatCount(s.requests.completed)} completed requests)` : title,
      svg: cdfChart({ metric, series: [{ label: s.scenario.name, valuesMs: values(key) }] }),
    })),
  ];
  if (data.timeseries.length > 0) charts.push({ id: "timeseries", title: "Over time", svg: timeSeriesChart(data.timeseries) });
  if (data.steps.length > 0) {
    // At most eight replicas, so the bars stay readable; the rest are in steps.csv.
    const shown = Math.min(8, s.replicas.length);
    const steps = data.steps.filter((st) => st.replica < shown);
    const endS = Math.max(...steps.map((st) => st.endS));
    charts.push({
      id: "replica-timeline",
      title: "Replica timeline",
      svg: replicaTimelineChart({
        replicas: s.replicas.slice(0, shown).map((r) => `${r.pool} #${r.index}`),
        steps,
        windowS: [0, Math.min(endS, s.scenario.timelineWindowS)],
      }),
    });
  }
  const phases = energyPhases(s, s.scenario.name);
  if (phases !== null) charts.push({ id: "energy-phases", title: "Energy by phase", svg: energyPhasesChart([phases]) });
  return {
    title: `infersim run: ${s.scenario.name}`,
    scenarioText: toYaml(s.scenario),
    headline: headline(s),
    charts,
    tables: tables(s),
    generatedBy: `infersim ${s.infersimVersion} run, seed ${s.seed}`,
  };
}
