import type { ReportInput } from "../../viz/index.ts";
import { CHART_CASES } from "./allCharts.ts";
import { latencySummary } from "./fixtures.ts";

/** A report with every chart, a table and a scenario: what `infersim run` would write. */
export function fullReportInput(): ReportInput {
  return {
    title: "infersim run: llama-70b on 8× H100",
    scenarioText: 'name: demo\nworkload:\n  rate_per_s: 8\n  note: "<b>not bold</b>"\n',
    headline: [
      { label: "p99 TTFT", value: latencySummary.ttftMs.p99!, unit: "ms" },
      { label: "Throughput", value: 2412.5, unit: "tokens/s" },
      { label: "Energy", value: 1.83, unit: "J/token" },
      { label: "Cost", value: "$3.10", unit: "per M tokens" },
    ],
    charts: CHART_CASES.map((c) => ({ id: c.name, title: c.title, svg: c.render() })),
    tables: [
      {
        title: "Latency (ms)",
        columns: ["metric", "mean", "p50", "p99", "max"],
        rows: (["ttftMs", "tpotMs", "e2eMs", "queueMs"] as const).map((k) => [
          k,
          latencySummary[k].mean!,
          latencySummary[k].p50!,
          latencySummary[k].p99!,
          latencySummary[k].max!,
        ]),
      },
    ],
    generatedBy: "infersim 0.1.0 (test)",
  };
}
