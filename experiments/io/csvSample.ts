import { closeSync, openSync, readSync } from "node:fs";
import { Reservoir } from "../results/reservoir.ts";

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;

/** Request rows a run report's latency CDFs draw from, at most (a seeded sample beyond that). */
export const REPORT_SAMPLE_ROWS = 20_000;

/** The stream name of the report's sample of request rows, for a run's seed. */
export function reportSampleSeed(seed: number): string {
  return `${seed}/report-sample`;
}

/** The leading integer column (`id`) of a CSV line. */
function leadingId(line: string): number {
  return Number.parseInt(line.slice(0, line.indexOf(",")), 10);
}

/**
 * A CSV file's header and a uniform sample of at most `size` of its rows, read a chunk at a time (memory does
 * not grow with the file), sorted by the leading `id` column. The same seed over the same rows in the same
 * order picks what `Reservoir` picks from the rows in memory, so a run's report and `infersim report` agree.
 */
export function sampleCsvFile(path: string, size: number, seed: string): string {
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const sample = new Reservoir<string>(size, seed);
  let header: string | undefined;
  let rest = "";
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      const text = rest + buffer.toString("utf8", 0, n);
      const lines = text.split("\n");
      rest = n === 0 ? "" : (lines.pop() ?? "");
      for (const raw of lines) {
        const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
        if (line === "") continue;
        if (header === undefined) header = line;
        else sample.offer(line);
      }
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  const rows = [...sample.items].sort((a, b) => leadingId(a) - leadingId(b));
  return `${[header ?? "", ...rows].join("\n")}\n`;
}
