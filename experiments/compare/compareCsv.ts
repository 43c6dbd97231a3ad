import { csvCell } from "../results/csv.ts";
import { LABEL_COLUMNS } from "../sweep/sweepCsv.ts";
import type { CompareFile } from "./compareFile.ts";

/**
 * `compare.csv`: one line per variant and metric: the paired difference against the baseline and its 95 % interval,
 * with the variant's scenario hash, the seeds and the version.
 */
export function compareCsv(file: CompareFile): string {
  const header = ["variant", "baseline", "metric", "pairs", "diff", "diff_ciLow", "diff_ciHigh", "pct", "pct_ciLow", "pct_ciHigh", ...LABEL_COLUMNS];
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
      file.experiment.variants.find((v) => v.label === d.variant)?.scenarioHash,
      file.experiment.seeds.join(" "),
      file.infersimVersion,
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
