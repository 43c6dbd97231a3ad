import { stringify as toYaml } from "yaml";
import type { ReportChart, ReportInput, ReportTable } from "../../viz/index.ts";
import { cdfChart, policyComparisonChart } from "../../viz/index.ts";
import type { CompareFile } from "../compare/compareFile.ts";
import { differenceStatement } from "../compare/statement.ts";
import { METRICS } from "../sweep/metrics.ts";
import type { MetricName } from "../sweep/metrics.ts";
import { sloText } from "../sweep/slo.ts";
import { estimateText } from "./estimateText.ts";
import { rowsTable } from "./sweepReport.ts";

const FOREST_METRICS: readonly MetricName[] = ["ttftP99Ms", "tpotP99Ms", "e2eP99Ms", "outputTokensPerS", "goodputPerS", "joulesPerOutputToken", "usdPerMillionOutputTokens"];

/** Every replication's latency quantiles of a variant, pooled (each run weighs the same). */
function pooled(file: CompareFile, variant: number, key: "ttftMs" | "tpotMs" | "e2eMs"): number[] {
  return file.runs.filter((r) => r.cell === variant).flatMap((r) => r.metrics.quantiles?.[key] ?? []);
}

/** The report of a comparison: CDFs per variant, a forest plot of paired differences per metric, and tables. */
export function compareReport(file: CompareFile): ReportInput {
  const e = file.experiment;
  const charts: ReportChart[] = (
    [
      ["ttft-cdf", "TTFT distribution by variant", "TTFT", "ttftMs"],
      ["tpot-cdf", "TPOT distribution by variant", "TPOT", "tpotMs"],
      ["e2e-cdf", "E2E latency distribution by variant", "E2E", "e2eMs"],
    ] as const
  ).map(([id, title, metric, key]) => ({
    id,
    // Each run keeps 201 quantiles, not every request: the legend's n counts those, pooled over the seeds.
    title: `${title} (201 quantiles per seed, pooled over ${e.replications} seeds)`,
    svg: cdfChart({ metric, series: e.variants.map((v, i) => ({ label: v.label, valuesMs: pooled(file, i, key) })) }),
  }));
  for (const metric of FOREST_METRICS) {
    const rows = file.differences.flatMap((d) =>
      d.metric !== metric || d.pct === null || d.pct.mean === null
        ? []
        : [{ variant: d.variant, meanDiffPct: d.pct.mean, ciLowPct: d.pct.ciLow ?? d.pct.mean, ciHighPct: d.pct.ciHigh ?? d.pct.mean }],
    );
    if (rows.length === 0) continue;
    const label = METRICS[metric].label.replace(/ \(.*\)$/, "");
    charts.push({
      id: `diff-${metric}`,
      title: `Paired difference: ${label}`,
      svg: policyComparisonChart({ metric: label, baseline: e.baseline, rows }, { lowerIsBetter: METRICS[metric].lowerIsBetter }),
    });
  }
  const variantRows = file.variants.map((v, i) => ({ cell: i, labels: { variant: v.label }, n: v.n, metrics: v.metrics }));
  const differences: ReportTable = {
    title: `Paired differences against ${e.baseline} (95 % CI)`,
    columns: ["variant", "metric", "pairs", "difference", "difference %"],
    rows: file.differences.map((d) => [d.variant, METRICS[d.metric].label, d.n, estimateText(d.diff), d.pct === null ? "–" : `${estimateText(d.pct)} %`]),
  };
  const statements = file.differences.filter((d) => ["ttftP99Ms", "tpotP99Ms", "e2eP99Ms"].includes(d.metric)).map((d) => differenceStatement(d, e.baseline));
  return {
    title: `infersim compare: ${e.name}${file.partial ? " (partial: interrupted)" : ""}`,
    scenarioText: toYaml({ base: e.scenario, variants: Object.fromEntries(e.variants.map((v) => [v.label, v.patch ?? v.source])) }),
    headline: [
      { label: "Variants", value: e.variants.length },
      { label: "Paired seeds", value: e.replications },
      { label: "Baseline", value: e.baseline },
      ...(e.slo === null ? [] : [{ label: "SLO", value: sloText(e.slo) }]),
    ],
    charts,
    tables: [
      { title: "Findings", columns: ["paired difference against the baseline"], rows: statements.map((s) => [s]) },
      rowsTable("Variants (mean ± 95 % CI half-width)", ["variant"], variantRows),
      differences,
    ],
    generatedBy: `infersim ${file.infersimVersion} compare, scenario ${e.scenarioHash}, seeds ${e.seeds.join(", ")}`,
  };
}
