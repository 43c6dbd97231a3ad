import { csvCell } from "../results/csv.ts";
import type { CompareFile } from "./compareFile.ts";

/** `compare.csv`: one line per variant and metric: the paired difference against the baseline and its 95 % interval. */
export function compareCsv(file: CompareFile): string {
  const header = ["variant", "baseline", "metric", "pairs", "diff", "diff_ciLow", "diff_ciHigh", "pct", "pct_ciLow", "pct_ciHigh"];
  const lines = [header.join(",")];
  for (const d of file.differences) {
    const cells: unknown[] = [
      d.variant,
      file.experiment.baseline,
      d.metric,
      d.n,
      d.diff.mean,
      d.diff.ciLow,
      d.diff.ciHigh,
      d.pct?.mean,
      d.pct?.ciLow,
      d.pct?.ciHigh,
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
