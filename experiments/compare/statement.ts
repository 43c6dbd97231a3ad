import { METRICS } from "../sweep/metrics.ts";
import type { DifferenceRow } from "./compareFile.ts";

function signed(x: number, digits: number): string {
  const text = Math.abs(x).toFixed(digits);
  return x < 0 ? `−${text}` : x > 0 ? `+${text}` : text;
}

/**
 * One difference as a sentence a person can repeat, e.g. "chunked vs base: p99 TPOT −23.1% ± 4.2% (lower,
 * 95% CI over 5 paired seeds)". "no clear difference" when the interval contains zero.
 */
export function differenceStatement(row: DifferenceRow, baseline: string): string {
  const def = METRICS[row.metric];
  const name = def.label.replace(/ \(.*\)$/, "");
  const e = row.pct ?? row.diff;
  const unit = row.pct === null ? "" : "%";
  if (e.mean === null) return `${row.variant} vs ${baseline}: ${name}: no data`;
  const half = e.ciHigh === null ? null : e.ciHigh - e.mean;
  const ci = half === null ? " (one seed: no interval)" : ` ± ${half.toFixed(1)}${unit}`;
  let verdict = "";
  if (e.ciLow !== null && e.ciHigh !== null) {
    const direction = e.mean < 0 ? "lower" : "higher";
    const better = e.mean < 0 === def.lowerIsBetter ? "better" : "worse";
    verdict = e.ciLow > 0 || e.ciHigh < 0 ? ` — ${direction}, ${better}` : " — no clear difference";
  }
  return `${row.variant} vs ${baseline}: ${name} ${signed(e.mean, 1)}${unit}${ci}${verdict} (95% CI, ${row.n} paired seeds)`;
}
