import { csvCell } from "../results/csv.ts";
import { LABEL_COLUMNS } from "../sweep/sweepCsv.ts";
import type { PlanFile } from "./planFile.ts";
import { PLAN_COLUMNS, planRows } from "./planTable.ts";

/**
 * `plan.csv`: one line per hardware option, cheapest feasible first, with the hash of the chosen cluster's scenario
 * (at the target rate), the seeds and the version.
 */
export function planCsv(file: PlanFile): string {
  const lines = [[...PLAN_COLUMNS, ...LABEL_COLUMNS].join(",")];
  const hashOf = new Map(file.options.map((o) => [o.label, o.chosen?.scenarioHash ?? o.evaluations.at(-1)?.scenarioHash]));
  for (const row of planRows(file)) {
    const labels = [hashOf.get(String(row.option)), file.experiment.seeds.join(" "), file.infersimVersion];
    lines.push([...PLAN_COLUMNS.map((c) => row[c]), ...labels].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
