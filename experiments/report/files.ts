import type { ReportInput } from "../../viz/index.ts";
import { renderReport } from "../../viz/index.ts";

/** The report's files: one `.svg` per chart (named by its id) and the self-contained `report.html`. */
export function reportFiles(report: ReportInput): Map<string, string> {
  const files = new Map<string, string>();
  for (const chart of report.charts) files.set(`${chart.id}.svg`, chart.svg);
  files.set("report.html", renderReport(report));
  return files;
}
