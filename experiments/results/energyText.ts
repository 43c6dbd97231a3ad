import type { CostSummary, EnergySummary } from "./energySummary.ts";
import { formatCount } from "../../hardware/format.ts";

const PREFIXES: readonly (readonly [number, string])[] = [
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
  [1, ""],
];

/** 3 significant digits with an SI prefix: 108 kJ, 1.69 kW, 12.3 MW. */
export function si(value: number, unit: string): string {
  const abs = Math.abs(value);
  const [scale, prefix] = PREFIXES.find(([s]) => abs >= s) ?? [1, ""];
  return `${(value / scale).toPrecision(3)} ${prefix}${unit}`;
}

/** $0.105, $5.90, $1,234 */
export function usd(value: number): string {
  if (Math.abs(value) >= 100) return `$${formatCount(value)}`;
  return `$${value.toPrecision(3)}`;
}

const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : "-");

/** The CLI's energy line. */
export function energyLine(e: EnergySummary): string {
  const perToken = e.joulesPerOutputToken === null ? "-" : si(e.joulesPerOutputToken, "J");
  const perRequest = e.joulesPerRequest === null ? "-" : si(e.joulesPerRequest, "J");
  const p = e.byPhase;
  const co2 = e.gramsCo2 === null ? "" : `, ${si(e.gramsCo2, "g")} CO2`;
  return (
    `energy: ${si(e.joules, "J")} (${si(e.mwh * 1e6, "Wh")}) at PUE ${e.pue}, facility avg ${si(e.avgMW * 1e6, "W")}, peak ${si(e.peakMW * 1e6, "W")}; ` +
    `${perToken}/output token, ${perRequest}/request; prefill ${percent(p.prefillJ, e.joules)}, decode ${percent(p.decodeJ, e.joules)}, idle ${percent(p.idleJ, e.joules)}${co2}`
  );
}

/** The CLI's cost line. */
export function costLine(c: CostSummary): string {
  const perM = c.usdPerMillionOutputTokens === null ? "-" : usd(c.usdPerMillionOutputTokens);
  const perK = c.usdPer1kRequests === null ? "-" : usd(c.usdPer1kRequests);
  const unpriced = c.unpricedDevices.length === 0 ? "" : ` (no price for ${c.unpricedDevices.join(", ")}: set cost.usdPerDeviceHour)`;
  return (
    `cost: ${usd(c.usd)} (${usd(c.usdPerHour)}/h; devices ${usd(c.deviceUsd)} for ${c.deviceHours.toPrecision(3)} device-h, energy ${usd(c.energyUsd)}); ` +
    `${perM} per M output tokens, ${perK} per 1k requests${unpriced}`
  );
}
