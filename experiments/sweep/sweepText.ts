import { table } from "../cli/format.ts";
import { rowsTable } from "../report/sweepReport.ts";
import type { MetricName } from "./metrics.ts";
import type { SweepFile } from "./sweepFile.ts";

const TEXT_METRICS: readonly MetricName[] = [
  "offeredRatePerS",
  "requestsPerS",
  "ttftP50Ms",
  "ttftP99Ms",
  "tpotP99Ms",
  "e2eP99Ms",
  "goodputPerS",
  "joulesPerOutputToken",
];

/** The sweep as a terminal table: one line per measurement, "mean ± 95 % half-width". */
export function sweepText(file: SweepFile): string {
  const t = rowsTable("", file.experiment.axes.map((a) => a.path), file.rows, TEXT_METRICS);
  const e = file.experiment;
  const head = `${e.name}: ${e.cells.length} points × ${e.replications} replications (seeds ${e.seeds.join(", ")}), ${file.runs.length} of ${e.runCount} runs`;
  const sat = e.saturation.map((s) => `saturation ${Object.keys(s.labels).length === 0 ? "" : `(${JSON.stringify(s.labels)}) `}≈ ${s.ratePerS.toPrecision(4)} req/s`);
  return [head, ...sat, "", table(t.columns, t.rows.map((r) => r.map(String)))].join("\n");
}
