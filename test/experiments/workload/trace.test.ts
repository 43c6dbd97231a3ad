import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  TraceError,
  WorkloadSchema,
  detectTraceFormat,
  loadTrace,
  loadWorkloadTraces,
  parseTrace,
  type TraceFormat,
} from "../../../experiments/workload/index.ts";
import { createRequestSource } from "../../../experiments/workload/source.ts";
import { RandomStreams } from "../../../sim/rng.ts";
import { ROOT, drain } from "./helpers.ts";
import { tempDir } from "../../tempDir.ts";

const AZURE_HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
const strict = { skipBadRows: false };

/** Request count and token totals by a plain split of the file, independent of the parser. */
function totalsOf(file: string): { rows: number; promptTokens: number; outputTokens: number } {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n").slice(1).filter((line) => line.trim() !== "");
  let promptTokens = 0;
  let outputTokens = 0;
  for (const line of lines) {
    const [, prompt, output] = line.split(",");
    promptTokens += Number(prompt);
    outputTokens += Number(output);
  }
  return { rows: lines.length, promptTokens, outputTokens };
}

/** The error `fn` throws (failing the test when it throws none). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected an error, but none was thrown");
}

describe("replaying the Azure LLM inference traces shipped in examples/traces", () => {
  it.each([
    ["examples/traces/azure-conv-2023.csv", 19_366],
    ["examples/traces/azure-code-2023.csv", 8_819],
  ])("%s replays every row with its exact token totals", (path, rows) => {
    const workload = WorkloadSchema.parse({ arrival: { kind: "trace", path } });
    const requests = drain(createRequestSource(workload, new RandomStreams(1), loadWorkloadTraces(workload, ROOT)));
    const expected = totalsOf(path);
    expect(expected.rows).toBe(rows);
    expect(requests).toHaveLength(rows);
    expect(requests.reduce((a, r) => a + r.promptTokens, 0)).toBe(expected.promptTokens);
    expect(requests.reduce((a, r) => a + r.outputTokens, 0)).toBe(expected.outputTokens);
    expect(requests[0]!.arrivalS).toBe(0);
    requests.slice(1).forEach((r, i) => {
      expect(r.arrivalS).toBeGreaterThanOrEqual(requests[i]!.arrivalS);
    });
  });

  it("the conversation trace's times are relative to its first row, to the tenth of a microsecond", () => {
    const trace = loadTrace(join(ROOT, "examples/traces/azure-conv-2023.csv"), undefined, strict);
    // 18:15:46.6805900 → 18:15:50.9951690 and → 19:14:08.4025270 (the last row).
    expect(trace.rows[1]!.arrivalS).toBeCloseTo(4.314579, 9);
    expect(trace.rows.at(-1)!.arrivalS).toBeCloseTo(3501.721937, 9);
    expect(trace.skippedRows).toBe(0);
  });

  it("rateScale 2 halves every arrival time and keeps the lengths", () => {
    const path = "examples/traces/azure-code-2023.csv";
    const at = (rateScale: number) => {
      const workload = WorkloadSchema.parse({ arrival: { kind: "trace", path, rateScale } });
      return drain(createRequestSource(workload, new RandomStreams(1), loadWorkloadTraces(workload, ROOT)));
    };
    const normal = at(1);
    const fast = at(2);
    expect(fast).toHaveLength(normal.length);
    fast.forEach((r, i) => {
      expect(r.arrivalS).toBe(normal[i]!.arrivalS / 2);
      expect(r.promptTokens).toBe(normal[i]!.promptTokens);
    });
  });
});

describe("parsing traces", () => {
  it("keeps sub-microsecond differences across a year boundary", () => {
    const text = `${AZURE_HEADER}\n2023-12-31 23:59:59.9999999,1,1\n2024-01-01 00:00:00.0000000,1,1\n2024-01-01 00:00:00.0000001,1,1\n`;
    const rows = parseTrace(text, "y.csv", "azure", strict).rows;
    expect(rows[1]!.arrivalS).toBeCloseTo(1e-7, 15);
    expect(rows[2]!.arrivalS).toBeCloseTo(2e-7, 15);
  });

  it("accepts equal timestamps, CRLF line ends, a byte-order mark and blank lines", () => {
    const text = `\uFEFF${AZURE_HEADER}\r\n2023-11-16 18:15:46.6805900,374,44\r\n\r\n2023-11-16 18:15:46.6805900,10,2\r\n`;
    expect(parseTrace(text, "a.csv", "azure", strict).rows).toEqual([
      { arrivalS: 0, promptTokens: 374, outputTokens: 44 },
      { arrivalS: 0, promptTokens: 10, outputTokens: 2 },
    ]);
  });

  it("reads plain CSV with any accepted header names, in any order, with extra columns", () => {
    const text = "Input_Tokens,user,Timestamp_S,completion_tokens\n10,a,5.5,1\n20,b,6.25,2\n";
    expect(parseTrace(text, "p.csv", "csv", strict).rows).toEqual([
      { arrivalS: 0, promptTokens: 10, outputTokens: 1 },
      { arrivalS: 0.75, promptTokens: 20, outputTokens: 2 },
    ]);
  });

  it("reads JSONL, one object per line", () => {
    const text = '{"arrivalS": 1, "promptTokens": 10, "outputTokens": 3, "note": "x"}\n{"arrivalS": 1.5, "promptTokens": 7, "outputTokens": 9}\n';
    expect(parseTrace(text, "j.jsonl", "jsonl", strict).rows).toEqual([
      { arrivalS: 0, promptTokens: 10, outputTokens: 3 },
      { arrivalS: 0.5, promptTokens: 7, outputTokens: 9 },
    ]);
  });

  it.each<[string, string, TraceFormat]>([
    ["t.csv", `${AZURE_HEADER}\n`, "azure"],
    ["t.CSV", '"timestamp","ContextTokens","GeneratedTokens"\n', "azure"],
    ["t.csv", "arrival_s,prompt_tokens,output_tokens\n", "csv"],
    ["t.jsonl", '{"arrivalS":0}\n', "jsonl"],
    ["t.ndjson", '{"arrivalS":0}\n', "jsonl"],
    ["t.txt", '\n{"arrivalS":0}\n', "jsonl"],
    ["t.txt", `${AZURE_HEADER}\n`, "azure"],
    ["trace", "arrival_s,prompt_tokens,output_tokens\n", "csv"],
  ])("detects the format of %s from its extension and header", (path, text, format) => {
    expect(detectTraceFormat(path, text)).toBe(format);
  });
});

describe("malformed traces", () => {
  const ok = "2023-11-16 18:15:46.6805900,374,44";
  it.each<[string, string, TraceFormat, string]>([
    ["a missing field", `${AZURE_HEADER}\n${ok}\n2023-11-16 18:15:47.0000000,12\n`, "azure",
      "x.csv line 3: missing field GeneratedTokens (the row has 2 fields; the header has 3)"],
    ["an extra field", `${AZURE_HEADER}\n${ok},9\n`, "azure", "x.csv line 2: the row has 4 fields; the header has 3"],
    ["negative tokens", `${AZURE_HEADER}\n${ok}\n2023-11-16 18:15:47.0000000,12,-3\n`, "azure",
      'x.csv line 3: GeneratedTokens is "-3"; expected a whole number ≥ 1'],
    ["zero tokens", `${AZURE_HEADER}\n2023-11-16 18:15:47.0000000,0,5\n`, "azure",
      'x.csv line 2: ContextTokens is "0"; expected a whole number ≥ 1'],
    ["fractional tokens", `${AZURE_HEADER}\n2023-11-16 18:15:47.0000000,12.5,5\n`, "azure",
      'x.csv line 2: ContextTokens is "12.5"; expected a whole number ≥ 1'],
    ["an empty field", `${AZURE_HEADER}\n2023-11-16 18:15:47.0000000,,5\n`, "azure",
      'x.csv line 2: ContextTokens is ""; expected a whole number ≥ 1'],
    ["a bad date", `${AZURE_HEADER}\n2023-11-31 10:00:00.0000000,1,1\n`, "azure",
      'x.csv line 2: TIMESTAMP is "2023-11-31 10:00:00.0000000"; expected a UTC time like 2023-11-16 18:15:46.6805900'],
    ["a bad time of day", `${AZURE_HEADER}\n2023-11-16 24:00:00.0000000,1,1\n`, "azure",
      'x.csv line 2: TIMESTAMP is "2023-11-16 24:00:00.0000000"; expected a UTC time like 2023-11-16 18:15:46.6805900'],
    ["a non-monotonic timestamp", `${AZURE_HEADER}\n${ok}\n2023-11-16 18:15:46.0000000,1,1\n`, "azure",
      "x.csv line 3: TIMESTAMP 2023-11-16 18:15:46.0000000 is earlier than the previous row's 2023-11-16 18:15:46.6805900; rows must be in arrival order"],
    ["an empty file", "", "azure", "x.csv: the trace has no rows"],
    ["a header without rows", `${AZURE_HEADER}\n\n`, "azure", "x.csv: the trace has no rows"],
    ["an Azure header that is not one", "time,a,b\n1,2,3\n", "azure",
      'x.csv line 1: the header "time,a,b" has no TIMESTAMP column, which an Azure trace needs'],
    ["a CSV header without an output column", "arrival_s,prompt_tokens\n1,2\n", "csv",
      'x.csv line 1: the header "arrival_s,prompt_tokens" has no output_tokens (or generated_tokens, completion_tokens) column, which a CSV trace needs'],
    ["a negative CSV arrival", "arrival_s,prompt_tokens,output_tokens\n-1,2,3\n", "csv",
      'x.csv line 2: arrival_s is "-1"; expected seconds ≥ 0'],
    ["a non-monotonic CSV arrival", "arrival_s,prompt_tokens,output_tokens\n5,2,3\n4.5,2,3\n", "csv",
      "x.csv line 3: arrival_s 4.5 is earlier than the previous row's 5; rows must be in arrival order"],
    ["a JSONL row without a field", '{"arrivalS": 0, "promptTokens": 3}\n', "jsonl", "x.csv line 1: missing field outputTokens"],
    ["JSONL negative tokens", '{"arrivalS": 0, "promptTokens": -3, "outputTokens": 1}\n', "jsonl",
      "x.csv line 1: promptTokens is -3; expected a whole number ≥ 1"],
    ["JSONL tokens as a string", '{"arrivalS": 0, "promptTokens": 3, "outputTokens": "1"}\n', "jsonl",
      'x.csv line 1: outputTokens is "1"; expected a whole number ≥ 1'],
    ["a line that is not JSON", '{"arrivalS": 0, "promptTokens": 3, "outputTokens": 1}\n{oops\n', "jsonl",
      "x.csv line 2: not valid JSON; expected an object with arrivalS, promptTokens, outputTokens"],
  ])("%s is an error naming the file and line", (_what, text, format, message) => {
    const error = thrown(() => parseTrace(text, "x.csv", format, strict));
    expect(error).toBeInstanceOf(TraceError);
    expect(error.message).toBe(message);
  });

  it("a missing file is an error naming it", () => {
    const path = join(tmpdir(), "infersim-no-such-trace.csv");
    const error = thrown(() => loadTrace(path, undefined, strict));
    expect(error).toBeInstanceOf(TraceError);
    expect(error.message).toBe(`trace file not found: ${path}`);
  });

  it("skipBadRows skips and counts malformed rows, timing the rest from the first good row", () => {
    const text = [
      AZURE_HEADER,
      "2023-11-16 18:15:40.0000000,1,-1", // bad tokens
      "2023-11-16 18:15:41.0000000,10,1",
      "2023-11-16 18:15:42.0000000,20", // missing field
      "2023-11-16 18:15:40.5000000,30,3", // earlier than the previous good row
      "2023-11-16 18:15:43.2500000,40,4",
    ].join("\n");
    const trace = parseTrace(text, "s.csv", "azure", { skipBadRows: true });
    expect(trace.skippedRows).toBe(3);
    expect(trace.rows).toEqual([
      { arrivalS: 0, promptTokens: 10, outputTokens: 1 },
      { arrivalS: 2.25, promptTokens: 40, outputTokens: 4 },
    ]);
  });

  it("a trace whose every row is skipped is still an error", () => {
    const text = `${AZURE_HEADER}\nnot a time,1,1\n2023-11-16 18:15:40.0000000,0,1\n`;
    expect(thrown(() => parseTrace(text, "s.csv", "azure", { skipBadRows: true })).message).toBe(
      "s.csv: the trace has no valid rows (2 skipped)",
    );
  });

  it("loadTrace detects JSONL by extension and reports the file's own path", () => {
    const dir = tempDir("infersim-trace-");
    const path = join(dir, "t.jsonl");
    writeFileSync(path, '{"arrivalS": 0, "promptTokens": 3, "outputTokens": 1}\n{"arrivalS": 2, "promptTokens": 3}\n');
    expect(thrown(() => loadTrace(path, undefined, strict)).message).toBe(`${path} line 2: missing field outputTokens`);
    expect(loadTrace(path, undefined, { skipBadRows: true }).rows).toHaveLength(1);
  });
});
