import { instantFromSeconds, parseUtcTime, type Instant } from "./utcTime.ts";

/** A row as read, before times are made relative to the first row. */
export interface ParsedRow {
  readonly time: Instant;
  /** The time as written, for messages. */
  readonly timeText: string;
  readonly promptTokens: number;
  readonly outputTokens: number;
}

/** Reads the rows of one format: a row, or a problem (without file and line, which the caller adds). */
export interface RowReader {
  /** The time column's name as the file spells it, for messages. */
  readonly timeName: string;
  read(line: string): ParsedRow | string;
}

/** A header that does not fit the format. */
export class HeaderError extends Error {}

/** A column: the names it may have (compared after `normalizeName`), and the name shown in messages. */
interface ColumnSpec {
  readonly names: readonly string[];
  readonly display: string;
}

interface CsvLayout {
  readonly time: ColumnSpec;
  readonly prompt: ColumnSpec;
  readonly output: ColumnSpec;
  readonly parseTime: (text: string) => Instant | null;
  readonly timeExpected: string;
}

const AZURE: CsvLayout = {
  time: { names: ["timestamp"], display: "TIMESTAMP" },
  prompt: { names: ["contexttokens"], display: "ContextTokens" },
  output: { names: ["generatedtokens"], display: "GeneratedTokens" },
  parseTime: parseUtcTime,
  timeExpected: "a UTC time like 2023-11-16 18:15:46.6805900",
};

/** Plain CSV: the accepted header names (case, `_`, `-` and spaces are ignored when matching). */
const PLAIN_CSV: CsvLayout = {
  time: { names: ["arrivals", "arrivaltimes", "timestamps"], display: "arrival_s (or arrival_time_s, timestamp_s)" },
  prompt: { names: ["prompttokens", "inputtokens", "contexttokens"], display: "prompt_tokens (or input_tokens, context_tokens)" },
  output: {
    names: ["outputtokens", "generatedtokens", "completiontokens"],
    display: "output_tokens (or generated_tokens, completion_tokens)",
  },
  parseTime: parseSeconds,
  timeExpected: "seconds ≥ 0",
};

const SECONDS = /^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WHOLE = /^\d+$/;

/** The row reader for a format; `header` is the first line of a CSV file (unused for JSONL). */
export function readerFor(format: "azure" | "csv" | "jsonl", header: string): RowReader {
  switch (format) {
    case "azure":
      return csvReader(AZURE, header, "an Azure trace");
    case "csv":
      return csvReader(PLAIN_CSV, header, "a CSV trace");
    case "jsonl":
      return jsonlReader();
  }
}

function csvReader(layout: CsvLayout, header: string, what: string): RowReader {
  const headerNames = splitCsv(header);
  const normalized = headerNames.map(normalizeName);
  const column = (spec: ColumnSpec): number => {
    const index = normalized.findIndex((name) => spec.names.includes(name));
    if (index < 0) throw new HeaderError(`the header "${header.trim()}" has no ${spec.display} column, which ${what} needs`);
    return index;
  };
  const timeIndex = column(layout.time);
  const promptIndex = column(layout.prompt);
  const outputIndex = column(layout.output);
  const timeName = headerNames[timeIndex]!;
  return {
    timeName,
    read(line) {
      const fields = splitCsv(line);
      if (fields.length > headerNames.length) {
        return `the row has ${fields.length} fields; the header has ${headerNames.length}`;
      }
      for (const index of [timeIndex, promptIndex, outputIndex]) {
        if (index >= fields.length) {
          return `missing field ${headerNames[index]!} (the row has ${fields.length} fields; the header has ${headerNames.length})`;
        }
      }
      const timeText = fields[timeIndex]!;
      const time = layout.parseTime(timeText);
      if (time === null) return `${timeName} is "${timeText}"; expected ${layout.timeExpected}`;
      const promptTokens = wholeTokens(fields[promptIndex]!);
      if (promptTokens === null) return tokenProblem(headerNames[promptIndex]!, `"${fields[promptIndex]!}"`);
      const outputTokens = wholeTokens(fields[outputIndex]!);
      if (outputTokens === null) return tokenProblem(headerNames[outputIndex]!, `"${fields[outputIndex]!}"`);
      return { time, timeText, promptTokens, outputTokens };
    },
  };
}

function jsonlReader(): RowReader {
  return {
    timeName: "arrivalS",
    read(line) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return "not valid JSON; expected an object with arrivalS, promptTokens, outputTokens";
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return "not a JSON object; expected an object with arrivalS, promptTokens, outputTokens";
      }
      const record = value as Record<string, unknown>;
      for (const key of ["arrivalS", "promptTokens", "outputTokens"]) {
        if (!(key in record)) return `missing field ${key}`;
      }
      const { arrivalS, promptTokens, outputTokens } = record;
      if (typeof arrivalS !== "number" || !Number.isFinite(arrivalS) || arrivalS < 0) {
        return `arrivalS is ${JSON.stringify(arrivalS)}; expected seconds ≥ 0`;
      }
      if (!isWholeTokens(promptTokens)) return tokenProblem("promptTokens", JSON.stringify(promptTokens));
      if (!isWholeTokens(outputTokens)) return tokenProblem("outputTokens", JSON.stringify(outputTokens));
      return { time: instantFromSeconds(arrivalS), timeText: String(arrivalS), promptTokens, outputTokens };
    },
  };
}

function tokenProblem(name: string, shown: string): string {
  return `${name} is ${shown}; expected a whole number ≥ 1`;
}

function parseSeconds(text: string): Instant | null {
  if (!SECONDS.test(text)) return null;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? instantFromSeconds(seconds) : null;
}

function wholeTokens(text: string): number | null {
  if (!WHOLE.test(text)) return null;
  const tokens = Number(text);
  return isWholeTokens(tokens) ? tokens : null;
}

function isWholeTokens(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1;
}

/** Splits a CSV line on commas, trimming spaces and one pair of surrounding double quotes (no quoted commas). */
function splitCsv(line: string): string[] {
  return line.split(",").map((field) => field.trim().replace(/^"(.*)"$/, "$1"));
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}
