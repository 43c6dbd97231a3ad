/**
 * A measured step-time table, as a user's own profiling produces it: CSV with a header naming the columns
 * `prefill_tokens`, `decode_seqs`, `mean_context` (mean KV context of the decoding sequences, tokens),
 * `step_ms`, and optionally `compute_bound_fraction`. Columns may come in any order; blank lines and lines
 * starting with `#` are skipped. The rows must form a full grid over the distinct values of the three axes;
 * repeated rows of one grid point (repetitions) are averaged.
 */
export interface StepTable {
  readonly sourceName: string;
  /** Sorted distinct values of each axis. */
  readonly prefillTokens: readonly number[];
  readonly decodeSeqs: readonly number[];
  readonly meanContextTokens: readonly number[];
  /** Step seconds at grid point (p, d, c), flattened as index (p × |D| + d) × |C| + c. */
  readonly stepS: readonly number[];
  /** Same layout; null when the table has no compute_bound_fraction column. */
  readonly computeBoundFraction: readonly number[] | null;
}

const REQUIRED = ["prefill_tokens", "decode_seqs", "mean_context", "step_ms"] as const;
const OPTIONAL = "compute_bound_fraction";
const MS_PER_S = 1000;

interface Row {
  readonly values: Readonly<Record<string, number>>;
}

function parseRow(cells: string[], columns: string[], where: string): Row {
  if (cells.length !== columns.length) {
    throw new Error(`${where}: expected ${columns.length} columns (${columns.join(", ")}), got ${cells.length}`);
  }
  const values: Record<string, number> = {};
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    const text = cell.trim();
    const value = Number(text);
    if (text === "" || !Number.isFinite(value)) throw new Error(`${where}: ${column} is not a number: "${text}"`);
    if (value < 0) throw new Error(`${where}: ${column} must not be negative, got ${value}`);
    values[column] = value;
  });
  if (values.step_ms === 0) throw new Error(`${where}: step_ms must be positive`);
  const fraction = values[OPTIONAL];
  if (fraction !== undefined && fraction > 1) throw new Error(`${where}: ${OPTIONAL} must be in [0, 1], got ${fraction}`);
  return { values };
}

function parseHeader(line: string, where: string): string[] {
  const columns = line.split(",").map((c) => c.trim());
  for (const column of columns) {
    if (!(REQUIRED as readonly string[]).includes(column) && column !== OPTIONAL) {
      throw new Error(`${where}: unknown column "${column}"; expected ${REQUIRED.join(", ")} and optionally ${OPTIONAL}`);
    }
  }
  for (const column of REQUIRED) {
    if (!columns.includes(column)) throw new Error(`${where}: missing column "${column}"`);
  }
  if (new Set(columns).size !== columns.length) throw new Error(`${where}: a column is named twice`);
  return columns;
}

function distinctSorted(rows: readonly Row[], column: string): number[] {
  return [...new Set(rows.map((r) => r.values[column]!))].sort((a, b) => a - b);
}

/** Parse a step table (pure: the caller reads the file). Errors name `sourceName` and the line number. */
export function parseStepTable(csvText: string, sourceName: string): StepTable {
  const rows: Row[] = [];
  let columns: string[] | null = null;
  csvText.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `${sourceName}:${index + 1}`;
    if (columns === null) columns = parseHeader(line, where);
    else rows.push(parseRow(line.split(","), columns, where));
  });
  if (columns === null || rows.length === 0) throw new Error(`${sourceName}: no header and data rows found`);
  const hasFraction = (columns as string[]).includes(OPTIONAL);
  const axes = [distinctSorted(rows, "prefill_tokens"), distinctSorted(rows, "decode_seqs"), distinctSorted(rows, "mean_context")] as const;
  const [pAxis, dAxis, cAxis] = axes;
  const size = pAxis.length * dAxis.length * cAxis.length;
  const sums = new Array<number>(size).fill(0);
  const fractionSums = new Array<number>(size).fill(0);
  const counts = new Array<number>(size).fill(0);
  for (const { values } of rows) {
    const i =
      (pAxis.indexOf(values.prefill_tokens!) * dAxis.length + dAxis.indexOf(values.decode_seqs!)) * cAxis.length +
      cAxis.indexOf(values.mean_context!);
    sums[i]! += values.step_ms! / MS_PER_S;
    fractionSums[i]! += values[OPTIONAL] ?? 0;
    counts[i]! += 1;
  }
  const missing = counts.indexOf(0);
  if (missing >= 0) {
    const c = cAxis[missing % cAxis.length];
    const d = dAxis[Math.floor(missing / cAxis.length) % dAxis.length];
    const p = pAxis[Math.floor(missing / (cAxis.length * dAxis.length))];
    throw new Error(
      `${sourceName}: the rows do not form a full grid: no row for prefill_tokens=${p}, decode_seqs=${d}, mean_context=${c}`,
    );
  }
  return {
    sourceName,
    prefillTokens: pAxis,
    decodeSeqs: dAxis,
    meanContextTokens: cAxis,
    stepS: sums.map((s, i) => s / counts[i]!),
    computeBoundFraction: hasFraction ? fractionSums.map((s, i) => s / counts[i]!) : null,
  };
}
