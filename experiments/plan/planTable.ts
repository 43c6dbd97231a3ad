import type { PlanFile, PlanOptionResult } from "./planFile.ts";

/** A plan's options as table rows (for the terminal, the CSV and the report), ranked by cost then power then devices. */
export const PLAN_COLUMNS = [
  "option",
  "status",
  "hardware",
  "replicas",
  "devices",
  "usdPerHour",
  "avgMW",
  "joulesPerOutputToken",
  "usdPerMillionOutputTokens",
  "ttftP99Ms",
  "tpotP99Ms",
  "maxRatePerS",
  "rankCost",
  "rankPower",
  "rankDevices",
] as const;

export type PlanColumn = (typeof PLAN_COLUMNS)[number];
export type PlanRow = Readonly<Record<PlanColumn, string | number | null>>;

/** `8× TP2 h100-sxm fp16 vllm-2023`; pools joined by " + ". */
export function hardwareText(o: PlanOptionResult): string {
  return o.pools
    .map((p) => {
      const par = [p.tensorParallel > 1 ? `TP${p.tensorParallel}` : "", p.pipelineParallel > 1 ? `PP${p.pipelineParallel}` : ""].filter((x) => x !== "").join("·");
      const role = p.role === "mixed" ? "" : `${p.role} `;
      return `${role}${p.device}${par === "" ? "" : ` ${par}`} ${p.weightPrecision} ${p.engine}`;
    })
    .join(" + ");
}

/** Options in the order of the cost ranking, then the infeasible ones. */
export function orderedOptions(file: PlanFile): PlanOptionResult[] {
  const rank = file.rankings.byCost;
  const rankOf = (o: PlanOptionResult): number => {
    const i = rank.indexOf(o.label);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  return file.options.map((o, i) => ({ o, i })).sort((a, b) => rankOf(a.o) - rankOf(b.o) || a.i - b.i).map(({ o }) => o);
}

export function planRows(file: PlanFile): PlanRow[] {
  const rankIn = (list: readonly string[], label: string): number | null => {
    const i = list.indexOf(label);
    return i < 0 ? null : i + 1;
  };
  return orderedOptions(file).map((o) => ({
    option: o.label,
    status: o.status,
    hardware: hardwareText(o),
    replicas: o.replicas === null ? null : o.replicas.join("+"),
    devices: o.devices,
    usdPerHour: o.usdPerHour,
    avgMW: o.avgMW,
    joulesPerOutputToken: o.joulesPerOutputToken,
    usdPerMillionOutputTokens: o.usdPerMillionOutputTokens,
    ttftP99Ms: o.chosen?.metrics.ttftP99Ms.mean ?? null,
    tpotP99Ms: o.chosen?.metrics.tpotP99Ms.mean ?? null,
    maxRatePerS: o.maxRatePerS,
    rankCost: rankIn(file.rankings.byCost, o.label),
    rankPower: rankIn(file.rankings.byPower, o.label),
    rankDevices: rankIn(file.rankings.byDevices, o.label),
  }));
}
