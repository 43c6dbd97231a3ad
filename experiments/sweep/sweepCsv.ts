import { csvCell } from "../results/csv.ts";
import { presentMetrics } from "./aggregate.ts";
import { valueLabel } from "./axis.ts";
import type { SweepFile } from "./sweepFile.ts";

/** The labels that reproduce a line: the hash of the point's validated scenario, the seeds and the version. */
export const LABEL_COLUMNS = ["scenarioHash", "seeds", "infersimVersion"] as const;

/**
 * `sweep.csv`: one line per measurement: its axis values, the number of replications, then for every metric
 * reported its mean and 95 % interval (`name`, `name_ciLow`, `name_ciHigh`; empty below two replications), then the
 * labels that reproduce it.
 */
export function sweepCsv(file: SweepFile): string {
  const paths = file.experiment.axes.map((a) => a.path);
  const metrics = presentMetrics(file.rows);
  const header = [...paths, "replications", ...metrics.flatMap((m) => [m, `${m}_ciLow`, `${m}_ciHigh`]), ...LABEL_COLUMNS];
  const lines = [header.map(csvCell).join(",")];
  for (const row of file.rows) {
    const cells: unknown[] = [
      ...paths.map((p) => valueLabel(row.labels[p])),
      row.n,
      ...metrics.flatMap((m) => {
        const e = row.metrics[m];
        return [e.mean, e.ciLow, e.ciHigh];
      }),
      file.experiment.cells[row.cell]?.scenarioHash,
      file.experiment.seeds.join(" "),
      file.infersimVersion,
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
