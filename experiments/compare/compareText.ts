import { table } from "../cli/format.ts";
import { rowsTable } from "../report/sweepReport.ts";
import type { MetricName } from "../sweep/metrics.ts";
import type { CompareFile } from "./compareFile.ts";
import { differenceStatement } from "./statement.ts";

/** Metrics stated as sentences in the terminal summary. */
export const HEADLINE_METRICS: readonly MetricName[] = ["ttftP99Ms", "tpotP99Ms", "e2eP99Ms", "outputTokensPerS", "goodputPerS", "joulesPerOutputToken"];

/** The comparison as text: a table per variant, then the paired differences as sentences. */
export function compareText(file: CompareFile): string {
  const e = file.experiment;
  const rows = file.variants.map((v, i) => ({ cell: i, labels: { variant: v.label }, n: v.n, metrics: v.metrics }));
  const t = rowsTable("", ["variant"], rows, ["requestsPerS", "ttftP50Ms", "ttftP99Ms", "tpotP50Ms", "tpotP99Ms", "e2eP99Ms", "goodputPerS", "joulesPerOutputToken"]);
  const statements = file.differences.filter((d) => HEADLINE_METRICS.includes(d.metric)).map((d) => differenceStatement(d, e.baseline));
  return [
    `${e.name}: ${e.variants.length} variants × ${e.replications} seeds (${e.seeds.join(", ")}), the same requests for every variant`,
    "",
    table(t.columns, t.rows.map((r) => r.map(String))),
    "",
    "paired differences against the baseline:",
    ...statements.map((s) => `  ${s}`),
  ].join("\n");
}
