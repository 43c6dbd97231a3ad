import { format } from "d3";

/**
 * Tick and label formats: a short, human string for one number. `significantDigits` (default 3) lets an
 * axis ask for more digits when its ticks would otherwise print alike (10.05 s next to 10.1 s).
 */
export type NumberFormat = (value: number, significantDigits?: number) => string;

const DEFAULT_DIGITS = 3;

/** d3-format's SI prefixes with giga shown as B (billions), which reads better for money and counts. */
function si(v: number, digits: number, prefix = ""): string {
  return format(`${prefix}.${digits}~s`)(v).replace("G", "B");
}

/** Counts and rates: 0.5, 12, 350, 1.2k, 3.4M. */
export const formatCount: NumberFormat = (v, d = DEFAULT_DIGITS) =>
  Math.abs(v) >= 1000 ? si(v, d) : format(`.${d}~r`)(v);

/** Dollars: $0.5, $12, $1.2k, $2B. */
export const formatUsd: NumberFormat = (v, d = DEFAULT_DIGITS) => si(v, d, "$");

/** Megawatts as plain numbers (the unit is on the axis label): 0.25, 1.5, 12. */
export const formatMw: NumberFormat = (v, d = DEFAULT_DIGITS) => format(`.${d}~r`)(v);

/** Joules with SI prefixes: 350 J, 1.2 kJ, 4.5 MJ. */
export const formatJoules: NumberFormat = (v, d = DEFAULT_DIGITS) => {
  const s = format(`.${d}~s`)(v);
  const m = /^(.*\d)([a-zA-Zµ])$/.exec(s);
  return m === null ? `${s} J` : `${m[1]!} ${m[2]!}J`;
};

/** Signed percent: −12%, 0%, +3.5% (d3-format writes the minus sign as U+2212). */
export const formatSignedPct: NumberFormat = (v, d = DEFAULT_DIGITS) => (v > 0 ? "+" : "") + format(`.${d}~r`)(v) + "%";

/** Fraction as percent: 0.5 → 50%. */
export const formatFraction: NumberFormat = (v) => format(".0%")(v);

/** Time unit chosen once per axis, so all ticks of an axis share it. */
export type TimeUnit = "ms" | "s";

/** Milliseconds below 1 s, seconds from there: an axis whose largest value is `maxMs` uses this unit. */
export function timeUnitFor(maxMs: number): TimeUnit {
  return maxMs >= 1000 ? "s" : "ms";
}

/** A millisecond value written in the given unit: 350 ms, 2.5 s, 1.2k s. */
export function formatMsIn(unit: TimeUnit): NumberFormat {
  return unit === "ms" ? (v, d) => `${formatCount(v, d)} ms` : (v, d) => `${formatCount(v / 1000, d)} s`;
}

/** A millisecond value in whichever unit suits it: 350 ms, 2.5 s. */
export const formatMs: NumberFormat = (v, d) => formatMsIn(timeUnitFor(Math.abs(v)))(v, d);

/** Seconds of simulated time: 0.5 s, 90 s, 1.2k s. */
export const formatSeconds: NumberFormat = (v, d) => `${formatCount(v, d)} s`;

/**
 * Labels for a set of ticks: the default precision, or the first precision up to 8 significant digits
 * at which no two different ticks print the same.
 */
export function distinctLabels(ticks: readonly number[], fmt: NumberFormat): string[] {
  const distinctValues = new Set(ticks).size;
  let labels = ticks.map((t) => fmt(t));
  for (let d = DEFAULT_DIGITS + 1; d <= 8 && new Set(labels).size < distinctValues; d++) {
    labels = ticks.map((t) => fmt(t, d));
  }
  return labels;
}
