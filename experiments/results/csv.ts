/** A CSV cell: numbers as given (NaN and infinities as empty), strings quoted when they need it. */
export function csvCell(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (no line break) of an object's `columns`. */
export function csvLine<T>(row: T, columns: readonly (keyof T & string)[]): string {
  return columns.map((c) => csvCell(row[c])).join(",");
}

/** A whole CSV document (header + rows) from objects and a column list. */
export function toCsv<T>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(csvLine(row, columns));
  return `${lines.join("\n")}\n`;
}
