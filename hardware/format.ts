import { GB } from "./units.ts";

/**
 * Number formatting for user-facing messages and tables. Locale-independent on purpose
 * (`toLocaleString` depends on the machine), so messages are the same everywhere.
 */

/** An integer with thousands separators: 131072 → "131,072". */
export function formatCount(n: number): string {
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return rounded < 0 ? `-${grouped}` : grouped;
}

/** Bytes as decimal gigabytes with 3 significant figures at most: 141.1e9 → "141", 70.55e9 → "70.6". */
export function formatGB(bytes: number): string {
  const gb = bytes / GB;
  const abs = Math.abs(gb);
  if (abs >= 100) return String(Math.round(gb));
  if (abs >= 10) return trimZeros(gb.toFixed(1));
  if (abs >= 1) return trimZeros(gb.toFixed(2));
  return trimZeros(gb.toFixed(3));
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
