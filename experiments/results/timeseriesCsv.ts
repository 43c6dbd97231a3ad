import type { TimeSample } from "../../sim/metrics/timeseries.ts";
import { csvCell } from "./csv.ts";

const BASE_COLUMNS = [
  "timeS",
  "arrivals",
  "completions",
  "outputTokens",
  "queueLength",
  "runningSeqs",
  "kvUsedBlocks",
  "kvTotalBlocks",
  "preemptions",
  "busyReplicas",
] as const satisfies readonly (keyof TimeSample)[];

/** `timeseries.csv`: the fixed columns, then every column observers added (e.g. facilityMW). */
export function timeseriesCsv(samples: readonly TimeSample[]): string {
  const extraColumns = [...new Set(samples.flatMap((s) => Object.keys(s.extra)))];
  const lines = [[...BASE_COLUMNS, ...extraColumns].join(",")];
  for (const s of samples) {
    lines.push([...BASE_COLUMNS.map((c) => csvCell(s[c])), ...extraColumns.map((c) => csvCell(s.extra[c]))].join(","));
  }
  return `${lines.join("\n")}\n`;
}
