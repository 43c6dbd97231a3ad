import { csvCell } from "../results/csv.ts";
import type { PlanFile } from "./planFile.ts";
import { PLAN_COLUMNS, planRows } from "./planTable.ts";

/** `plan.csv`: one line per hardware option, cheapest feasible first. */
export function planCsv(file: PlanFile): string {
  const lines = [PLAN_COLUMNS.join(",")];
  for (const row of planRows(file)) lines.push(PLAN_COLUMNS.map((c) => csvCell(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}
