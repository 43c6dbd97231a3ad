import { format } from "d3";

const integer = format(",d");
const fixed1 = format(",.1f");

/** 12,345 */
export function fmtInt(n: number): string {
  return integer(Math.round(n));
}

/** 1,234.5 (or "-" for a missing value) */
export function fmt1(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "-" : fixed1(n);
}

/** A fixed-width table: first column left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
