import type { PlanOptionResult, PlanRankings } from "./planFile.ts";

type Key = "usdPerHour" | "avgMW" | "devices";

/** Feasible options sorted by `key` (missing values last), then by devices, then by label: a total, stable order. */
export function rankBy(options: readonly PlanOptionResult[], key: Key): string[] {
  const value = (o: PlanOptionResult): number => o[key] ?? Number.POSITIVE_INFINITY;
  return options
    .filter((o) => o.status === "feasible")
    .sort((a, b) => value(a) - value(b) || (a.devices ?? 0) - (b.devices ?? 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .map((o) => o.label);
}

export function rankings(options: readonly PlanOptionResult[]): PlanRankings {
  return { byCost: rankBy(options, "usdPerHour"), byPower: rankBy(options, "avgMW"), byDevices: rankBy(options, "devices") };
}
