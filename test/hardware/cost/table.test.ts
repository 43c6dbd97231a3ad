import { describe, expect, it } from "vitest";
import { createTableCost, parseStepTable } from "../../../hardware/cost/table.ts";
import type { StepShape } from "../../../sim/ports.ts";

// step_ms = 10 + 0.1 × prefill_tokens + 0.5 × decode_seqs + 0.01 × mean_context: multilinear, so the
// interpolation must reproduce it exactly anywhere, inside the grid and beyond it.
function truth(p: number, d: number, c: number): number {
  return 10 + 0.1 * p + 0.5 * d + 0.01 * c;
}

const CSV = [
  "# my profiling run, H100 TP2",
  "prefill_tokens,decode_seqs,mean_context,step_ms",
  ...[0, 512, 2048].flatMap((p) =>
    [0, 16, 64].flatMap((d) => [0, 1000].map((c) => `${p},${d},${c},${truth(p, d, c)}`)),
  ),
  "",
].join("\n");

function shape(prefillTokens: number, decodeSeqs: number, meanContext: number): StepShape {
  return {
    prefillSeqs: prefillTokens > 0 ? 1 : 0,
    prefillTokens,
    prefillAttentionPairs: 0,
    prefillContextTokens: 0,
    decodeSeqs,
    decodeContextTokens: decodeSeqs * meanContext,
  };
}

describe("the measured-table cost model", () => {
  const table = parseStepTable(CSV, "profile.csv");
  const cost = createTableCost(table);

  it("reads the grid axes and step times in seconds", () => {
    expect(table.prefillTokens).toEqual([0, 512, 2048]);
    expect(table.decodeSeqs).toEqual([0, 16, 64]);
    expect(table.meanContextTokens).toEqual([0, 1000]);
    expect(table.stepS[0]).toBeCloseTo(0.01, 12);
  });

  it("returns a grid point's time exactly", () => {
    expect(cost.stepCost(shape(512, 16, 1000)).durationS).toBeCloseTo(truth(512, 16, 1000) / 1000, 12);
  });

  it("interpolates multilinearly between grid points", () => {
    expect(cost.stepCost(shape(1000, 40, 500)).durationS).toBeCloseTo(truth(1000, 40, 500) / 1000, 12);
  });

  it("extrapolates linearly beyond the grid", () => {
    expect(cost.stepCost(shape(0, 128, 4000)).durationS).toBeCloseTo(truth(0, 128, 4000) / 1000, 12);
  });

  it("estimates the compute-bound share from the prefill share of tokens without such a column", () => {
    expect(cost.stepCost(shape(300, 100, 10)).computeBoundFraction).toBeCloseTo(0.75, 12);
  });

  it("averages repeated measurements of one grid point and accepts columns in any order", () => {
    const repeated = parseStepTable("step_ms,decode_seqs,prefill_tokens,mean_context\n10,1,0,0\n12,1,0,0\n20,2,0,0\n22,2,0,0\n", "rep.csv");
    expect(repeated.stepS).toHaveLength(2);
    expect(repeated.stepS[0]).toBeCloseTo(0.011, 12);
    expect(repeated.stepS[1]).toBeCloseTo(0.021, 12);
  });

  it("rejects a malformed line by its number", () => {
    const broken = CSV.replace("512,16,0,", "512,16,");
    const line = broken.split("\n").findIndex((l) => l.startsWith("512,16,")) + 1;
    expect(() => parseStepTable(broken, "profile.csv")).toThrow(
      `profile.csv:${line}: expected 4 columns (prefill_tokens, decode_seqs, mean_context, step_ms), got 3`,
    );
    expect(() => parseStepTable("prefill_tokens,decode_seqs,mean_context,step_ms\n0,1,0,fast\n", "t.csv")).toThrow(
      't.csv:2: step_ms is not a number: "fast"',
    );
    expect(() => parseStepTable("prefill_tokens,decode_seqs,mean_context,step_ms\n0,-1,0,3\n", "t.csv")).toThrow(
      "t.csv:2: decode_seqs must not be negative, got -1",
    );
  });

  it("rejects unknown columns and incomplete grids", () => {
    expect(() => parseStepTable("prefill_tokens,decode_seqs,context,step_ms\n", "t.csv")).toThrow(
      't.csv:1: unknown column "context"; expected prefill_tokens, decode_seqs, mean_context, step_ms and optionally compute_bound_fraction',
    );
    expect(() => parseStepTable("prefill_tokens,decode_seqs,mean_context,step_ms\n0,1,0,3\n512,2,0,9\n", "t.csv")).toThrow(
      "t.csv: the rows do not form a full grid: no row for prefill_tokens=0, decode_seqs=2, mean_context=0",
    );
  });

  it("interpolates a measured compute-bound share when the table has one", () => {
    const withShare = createTableCost(
      parseStepTable("prefill_tokens,decode_seqs,mean_context,step_ms,compute_bound_fraction\n0,1,0,10,0.2\n1000,1,0,110,0.8\n", "s.csv"),
    );
    expect(withShare.stepCost(shape(500, 1, 0)).computeBoundFraction).toBeCloseTo(0.5, 12);
  });
});
