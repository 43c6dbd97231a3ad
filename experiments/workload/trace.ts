import { InputError } from "../errors.ts";
import { compareInstants, secondsBetween, type Instant } from "./utcTime.ts";
import { HeaderError, readerFor, type ParsedRow, type RowReader } from "./traceRows.ts";

/** The trace file formats: `azure` (the published Azure LLM inference traces), plain `csv`, and `jsonl`. */
export type TraceFormat = "azure" | "csv" | "jsonl";

/** One request of a trace. */
export interface TraceRow {
  /** Seconds after the trace's first row (so the first row arrives at 0). */
  readonly arrivalS: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
}

/** A parsed trace: rows in arrival order. */
export interface Trace {
  /** Where it came from (a file path), for messages. */
  readonly source: string;
  readonly rows: readonly TraceRow[];
  /** Malformed rows skipped (only with `skipBadRows`; otherwise the first one is an error). */
  readonly skippedRows: number;
}

export interface TraceParseOptions {
  /** Skip and count malformed rows instead of failing on the first one. */
  readonly skipBadRows: boolean;
}

/** A trace that cannot be read or parsed. The message names the file and, for a bad row, its 1-based line. */
export class TraceError extends InputError {
  constructor(
    message: string,
    /** The trace's file (or other source name). */
    readonly source: string,
    /** 1-based line of the problem, or undefined when it concerns the whole file. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Parses a trace. Times are made relative to the first row; rows must be in arrival order (equal times are
 * fine). A malformed row is a `TraceError` naming the file and line, unless `skipBadRows`, which skips and
 * counts it. A trace without rows is always an error. Pure: no I/O.
 */
export function parseTrace(text: string, sourceName: string, format: TraceFormat, options: TraceParseOptions): Trace {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let index = 0;
  let reader: RowReader;
  if (format === "jsonl") {
    reader = readerFor(format, "");
  } else {
    while (index < lines.length && lines[index]!.trim() === "") index++;
    if (index === lines.length) throw new TraceError(`${sourceName}: the trace has no rows`, sourceName);
    try {
      reader = readerFor(format, lines[index]!);
    } catch (error) {
      if (!(error instanceof HeaderError)) throw error;
      throw new TraceError(`${sourceName} line ${index + 1}: ${error.message}`, sourceName, index + 1);
    }
    index++;
  }

  const rows: TraceRow[] = [];
  let skippedRows = 0;
  let first: Instant | undefined;
  let previous: ParsedRow | undefined;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === "") continue;
    const read = reader.read(line);
    const row = typeof read === "string" ? read : inOrder(read, previous, reader.timeName);
    if (typeof row === "string") {
      if (options.skipBadRows) {
        skippedRows++;
        continue;
      }
      throw new TraceError(`${sourceName} line ${index + 1}: ${row}`, sourceName, index + 1);
    }
    first ??= row.time;
    previous = row;
    rows.push({ arrivalS: secondsBetween(first, row.time), promptTokens: row.promptTokens, outputTokens: row.outputTokens });
  }
  if (rows.length === 0) {
    const detail = skippedRows > 0 ? `no valid rows (${skippedRows} skipped)` : "no rows";
    throw new TraceError(`${sourceName}: the trace has ${detail}`, sourceName);
  }
  return { source: sourceName, rows, skippedRows };
}

/** The row, or a problem when it is earlier than the previous accepted row. */
function inOrder(row: ParsedRow, previous: ParsedRow | undefined, timeName: string): ParsedRow | string {
  if (previous === undefined || compareInstants(row.time, previous.time) >= 0) return row;
  return `${timeName} ${row.timeText} is earlier than the previous row's ${previous.timeText}; rows must be in arrival order`;
}

/**
 * The format of a trace file: `.jsonl` / `.ndjson` is JSONL; `.csv` is Azure when its first column is
 * `TIMESTAMP`, plain CSV otherwise; any other extension is sniffed the same way from the first line
 * (a line starting with `{` is JSONL).
 */
export function detectTraceFormat(path: string, text: string): TraceFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  if (!lower.endsWith(".csv") && firstLine.trimStart().startsWith("{")) return "jsonl";
  const firstColumn = firstLine.split(",")[0] ?? "";
  return firstColumn.trim().replace(/^"|"$/g, "").toUpperCase() === "TIMESTAMP" ? "azure" : "csv";
}

/** The pre-loaded trace for a path, or an error saying it was not loaded. */
export function requireTrace(traces: ReadonlyMap<string, Trace>, path: string): Trace {
  const trace = traces.get(path);
  if (trace === undefined) {
    throw new Error(`trace ${path} was not loaded: load the files listed by traceRefs(workload) before creating the source`);
  }
  return trace;
}
