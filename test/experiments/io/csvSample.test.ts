import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSampleSeed, sampleCsvFile } from "../../../experiments/io/csvSample.ts";
import { toCsv } from "../../../experiments/results/csv.ts";
import { Reservoir } from "../../../experiments/results/reservoir.ts";
import { tempDir } from "../../tempDir.ts";

interface Row {
  readonly id: number;
  readonly state: string;
  readonly ttftMs: number;
}
const COLUMNS = ["id", "state", "ttftMs"] as const;

/** Rows in the order requests ended (ids out of order), as a streamed requests.csv has them. */
function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ id: (i * 7919) % n, state: i % 10 === 0 ? "rejected" : "completed", ttftMs: i * 0.5 }));
}

function fileOf(content: string): string {
  const path = join(tempDir("infersim-sample-"), "requests.csv");
  writeFileSync(path, content);
  return path;
}

describe("sampling a CSV file", () => {
  it("picks, from the file read a chunk at a time, the rows the reservoir picks from the same rows in memory", () => {
    // About 2 MB: several chunks, with rows split across chunk boundaries.
    const all = rows(100_000);
    const reservoir = new Reservoir<Row>(300, reportSampleSeed(7));
    for (const r of all) reservoir.offer(r);
    const expected = toCsv([...reservoir.items].sort((a, b) => a.id - b.id), [...COLUMNS]);
    expect(sampleCsvFile(fileOf(toCsv(all, [...COLUMNS])), 300, reportSampleSeed(7))).toBe(expected);
  });

  it("keeps every row, sorted by id, when there are fewer than the sample size", () => {
    const all = rows(40);
    const sorted = toCsv([...all].sort((a, b) => a.id - b.id), [...COLUMNS]);
    expect(sampleCsvFile(fileOf(toCsv(all, [...COLUMNS]).replace(/\n/g, "\r\n")), 300, reportSampleSeed(1))).toBe(sorted);
  });

  it("draws another sample under another seed", () => {
    const file = fileOf(toCsv(rows(2_000), [...COLUMNS]));
    expect(sampleCsvFile(file, 100, reportSampleSeed(1))).not.toBe(sampleCsvFile(file, 100, reportSampleSeed(2)));
  });
});
